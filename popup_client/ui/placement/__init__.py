"""Where popups appear on each desktop, and how they get there.

:mod:`.choice` picks a mechanism from the session before Qt starts
(layer-shell, xwayland, x11, window or native); :mod:`.start` makes the
placer for it; :mod:`.placers` and :mod:`.layer` are the placers;
:mod:`.geometry` is the stack's arithmetic. docs/vendors.md has the table
of desktops and what popup-client does on each.
"""
