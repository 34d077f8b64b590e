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
from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from .geometry import Rect

log = logging.getLogger(__name__)

#: Qt's xcb plugin reads this dynamic property for _NET_WM_WINDOW_TYPE (QXcbWindow::WindowType).
XCB_WINDOW_TYPE_PROPERTY = "_q_xcb_wm_window_type"
XCB_WINDOW_TYPE_NOTIFICATION = 0x000800


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

    def stack_emptied(self) -> None:
        """No popup is on screen any more."""

    def close(self) -> None:
        """Release what the placer holds (the app is stopping)."""


class QtPlacer(Placer):
    """Popups as Qt windows on one screen (the primary one unless told otherwise)."""

    def __init__(
        self,
        mechanism: str = "native",
        *,
        screen: Callable[[], QScreen | None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.mechanism = mechanism
        self._screen = screen or QGuiApplication.primaryScreen
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
        return Rect(available.x(), available.y(), available.width(), available.height())

    def area_is_exposed(self) -> bool:
        if self.mechanism not in ("x11", "xwayland"):
            return True
        available, full = self._qrect()
        return available != full  # X11 says nothing of panels when the work area is the whole screen

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
