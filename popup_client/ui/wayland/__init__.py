"""popup-client's own Wayland client, for popups that sit where notifications belong.

Qt 6 cannot give a window the wlr-layer-shell role (the PySide6 wheel has no
layer-shell integration), so on compositors that offer that protocol (sway
and the other wlroots compositors, KDE's KWin) the app opens a second
Wayland connection beside Qt's, with pywayland, and shows each popup as a
layer surface of its own: anchored to a corner of the output's usable area
(below bars and panels), on the overlay layer, never given the keyboard
until the user clicks it. The popup itself stays an ordinary QWidget that is
never mapped by Qt: :mod:`.widget_host` paints it into shared-memory buffers
at the output's scale and feeds it the pointer and keyboard events the
compositor sends.

Modules: :mod:`.connection` (the connection, its globals and outputs, driven
by the Qt event loop), :mod:`.seat` (pointer and keyboard events routed to
surfaces), :mod:`.shm` (buffers), :mod:`.layer_surface` (one layer surface),
:mod:`.widget_host` (a QWidget on a layer surface), :mod:`.probe` (what a
compositor offers, asked before Qt starts), :mod:`.codegen` (protocol
bindings).
"""
