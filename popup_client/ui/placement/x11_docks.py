"""The docks on an X11 screen (panels, trays), found by asking the X server. No Qt; python-xlib.

A window manager says where panels are with ``_NET_WORKAREA``, made from the
struts the docks declare, and Qt's available geometry is that. A dock that
declares no strut (trayer, as ``scripts/run`` starts it, declares none), or a
session with no window manager at all (Xvfb with a tray), leaves the work
area the whole screen, and the first popup on the tray. :class:`DockFinder`
lists the mapped windows of type ``_NET_WM_WINDOW_TYPE_DOCK`` — the window
manager's clients (``_NET_CLIENT_LIST``) and the root's own children — with
their place on the screen, in X pixels; the placer takes their bands off the
area (:func:`~.geometry.area_without_docks`).

It has its own connection to the X server; a window that goes away while it
is being asked about is skipped. Without python-xlib, or without a display,
there are no docks to report (the stack then keeps the wider margin for
panels it cannot see).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from .geometry import Rect

log = logging.getLogger(__name__)

#: The dock list is asked again after this many seconds (a tray grows as icons dock into it).
CACHE_SECONDS = 0.5
#: At most this many windows are looked at.
MAX_WINDOWS = 512


class DockFinder:
    """The docks mapped on an X display (``None``: ``$DISPLAY``), remembered for :data:`CACHE_SECONDS`."""

    def __init__(self, display_name: str | None = None, *, clock: Any = time.monotonic) -> None:
        self._name = display_name
        self._clock = clock
        self._display: Any = None
        self._failed = False
        self._docks: list[Rect] = []
        self._asked_at: float | None = None

    def docks(self) -> list[Rect]:
        """The docks' rectangles in X pixels (root coordinates); [] when they cannot be known."""
        now = self._clock()
        if self._asked_at is None or now - self._asked_at >= CACHE_SECONDS:
            self._docks, self._asked_at = self._ask(), now
        return list(self._docks)

    def close(self) -> None:
        if self._display is not None:
            self._display.close()
            self._display = None

    def _connect(self) -> Any:
        if self._display is None and not self._failed:
            try:
                from Xlib import display as xdisplay  # type: ignore[import-untyped,unused-ignore]

                self._display = xdisplay.Display(self._name)
            except Exception as exc:  # no python-xlib, no display, refused: no docks to report
                self._failed = True
                log.info("docks on the X display cannot be listed (%s); panels without struts are not seen", exc)
        return self._display

    def _ask(self) -> list[Rect]:
        display = self._connect()
        if display is None:
            return []
        from Xlib import X  # type: ignore[import-untyped,unused-ignore]
        from Xlib.error import XError  # type: ignore[import-untyped,unused-ignore]

        try:
            root = display.screen().root
            dock_type = display.intern_atom("_NET_WM_WINDOW_TYPE_DOCK")
            found = []
            for window in _candidates(display, root)[:MAX_WINDOWS]:
                try:
                    rect = _dock_rect(display, root, window, dock_type, X.IsViewable)
                except XError:
                    continue  # it went away meanwhile
                if rect is not None:
                    found.append(rect)
            return found
        except (XError, OSError, ConnectionError) as exc:
            log.info("docks on the X display cannot be listed (%s)", exc)
            self.close()
            return []


def _candidates(display: Any, root: Any) -> list[Any]:
    """The window manager's clients, then the root's children (where docks are without one)."""
    from Xlib import X  # type: ignore[import-untyped,unused-ignore]

    clients = root.get_full_property(display.intern_atom("_NET_CLIENT_LIST"), X.AnyPropertyType)
    ids = list(clients.value) if clients is not None else []
    windows = [display.create_resource_object("window", wid) for wid in ids]
    known = set(ids)
    windows += [w for w in root.query_tree().children if w.id not in known]
    return windows


def _dock_rect(display: Any, root: Any, window: Any, dock_type: int, viewable: int) -> Rect | None:
    from Xlib import X  # type: ignore[import-untyped,unused-ignore]

    kinds = window.get_full_property(display.intern_atom("_NET_WM_WINDOW_TYPE"), X.AnyPropertyType)
    if kinds is None or dock_type not in list(kinds.value):
        return None
    if window.get_attributes().map_state != viewable:
        return None
    geometry = window.get_geometry()
    origin = root.translate_coords(window, 0, 0)
    return Rect(int(origin.x), int(origin.y), int(geometry.width), int(geometry.height))
