"""Placers: how the popup stack's windows are made, where the usable area is, how a window gets there.

The stack decides where each popup goes inside :meth:`Placer.area` (pure
geometry, :mod:`.geometry`); the placer makes that true on this desktop.
:class:`QtPlacer` does it with Qt windows (X11, XWayland, Windows, macOS,
plain Wayland windows), each mechanism with its own window hints;
:class:`popup_client.ui.placement.layer.LayerShellPlacer` with layer
surfaces.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from .geometry import Rect, area_without_docks
from .x11_docks import DockFinder

log = logging.getLogger(__name__)

#: Qt's xcb plugin reads this dynamic property for _NET_WM_WINDOW_TYPE (QXcbWindow::WindowType).
XCB_WINDOW_TYPE_PROPERTY = "_q_xcb_wm_window_type"
XCB_WINDOW_TYPE_NOTIFICATION = 0x000800
#: How often the x11 placer looks whether docks appeared, moved or grew (then the stack lays out again).
DOCK_POLL_MS = 2000


class Placer(QObject):
    """Where the usable area is, and what a popup window needs to appear there without focus."""

    #: The usable area changed (a panel moved, an output was resized): the stack lays out again.
    area_changed = Signal()
    #: The mechanism stopped working (a sentence saying why); the app replaces the placer.
    failed = Signal(str)

    mechanism = "native"

    def area(self) -> Rect:
        """The usable area of the output popups go to, in logical px."""
        raise NotImplementedError

    def area_is_exposed(self) -> bool:
        """Whether the window system said where panels are (else the stack keeps a wider margin)."""
        return True

    def prepare(self, window: QWidget) -> None:
        """Make a new (pooled) popup window suitable for this mechanism; called once per window."""

    def release(self, window: QWidget) -> None:
        """Stop putting ``window`` anywhere (the stack deletes it: built for another text size)."""

    def stack_emptied(self) -> None:
        """No popup is on screen any more."""

    def close(self) -> None:
        """Release what the placer holds (the app is stopping)."""


class QtPlacer(Placer):
    """Popups as Qt windows on one screen (the primary one unless told otherwise).

    On X11 (``x11``) the area is also kept clear of docks the work area does
    not account for (:mod:`.x11_docks`: a tray without struts, no window
    manager); they are looked at again every :data:`DOCK_POLL_MS` while
    popups are on screen. With none on screen nothing polls, and the X
    connection that lists docks is made only for the first popup (an idle
    app neither wakes up for it nor holds python-xlib).
    """

    def __init__(
        self,
        mechanism: str = "native",
        *,
        screen: Callable[[], QScreen | None] | None = None,
        docks: DockFinder | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.mechanism = mechanism
        self._screen = screen or QGuiApplication.primaryScreen
        self._docks = docks if docks is not None else DockFinder() if mechanism == "x11" else None
        self._seen_docks: list[Rect] = []
        self._dock_timer = QTimer(self)
        self._dock_timer.setInterval(DOCK_POLL_MS)
        self._dock_timer.timeout.connect(self._check_docks)
        self._watched: QScreen | None = None
        app = QGuiApplication.instance()
        if screen is None and isinstance(app, QGuiApplication):
            app.primaryScreenChanged.connect(lambda *_: self._watch())
        self._watch()

    def _watch(self) -> None:
        screen = self._screen()
        if screen is self._watched or not isinstance(screen, QScreen):
            return
        if self._watched is not None:
            self._watched.availableGeometryChanged.disconnect(self._on_geometry)
        self._watched = screen
        screen.availableGeometryChanged.connect(self._on_geometry)
        self.area_changed.emit()

    def _on_geometry(self, *_: object) -> None:
        self.area_changed.emit()

    def _qrect(self) -> tuple[QRect, QRect]:
        screen = self._screen()
        if screen is None:
            full = QRect(0, 0, 1280, 800)
            return full, full
        return screen.availableGeometry(), screen.geometry()

    def area(self) -> Rect:
        available, _ = self._qrect()
        return area_without_docks(Rect(available.x(), available.y(), available.width(), available.height()), self._dock_rects())

    def area_is_exposed(self) -> bool:
        if self.mechanism not in ("x11", "xwayland"):
            return True
        available, full = self._qrect()
        # X11 says nothing of panels when the work area is the whole screen, unless docks were found
        return available != full or bool(self._dock_rects())

    def _dock_rects(self) -> list[Rect]:
        """The docks, in Qt's logical px: asked of the X server for the first popup placed since the stack was
        empty, then every DOCK_POLL_MS (a scan is a round trip per window: never one for every popup placed)."""
        if self._docks is None:
            return []
        if not self._dock_timer.isActive():  # popups are being placed: watch the docks until the stack empties
            self._seen_docks = self._scan_docks()
            self._dock_timer.start()
        return self._seen_docks

    def _scan_docks(self) -> list[Rect]:
        assert self._docks is not None
        screen = self._screen()
        ratio = screen.devicePixelRatio() if screen is not None else 1.0
        return [Rect(int(d.x / ratio), int(d.y / ratio), math.ceil(d.width / ratio), math.ceil(d.height / ratio)) for d in self._docks.docks()]

    def _check_docks(self) -> None:
        if self._docks is None:
            return
        docks = self._scan_docks()
        if docks != self._seen_docks:
            self._seen_docks = docks
            self.area_changed.emit()

    def stack_emptied(self) -> None:
        self._dock_timer.stop()

    def close(self) -> None:
        self._dock_timer.stop()
        if self._docks is not None:
            self._docks.close()

    def prepare(self, window: QWidget) -> None:
        if self.mechanism == "xwayland":
            # Override-redirect: no window manager places it, decorates it or gives it the focus.
            window.setWindowFlag(Qt.WindowType.X11BypassWindowManagerHint, True)
        elif self.mechanism == "x11":
            window.winId()  # the native window, so its type is set before it is first mapped
            handle = window.windowHandle()
            if handle is not None:
                handle.setProperty(XCB_WINDOW_TYPE_PROPERTY, XCB_WINDOW_TYPE_NOTIFICATION)
                handle.setFlags(handle.flags())  # Qt applies the type when the flags are set


def qt_placer_for(mechanism: str) -> QtPlacer:
    """The Qt-window placer of ``mechanism`` (x11, xwayland, window or native)."""
    return QtPlacer(mechanism)
