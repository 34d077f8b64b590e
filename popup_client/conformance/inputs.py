"""Real input for the kit: clicks and keys through the popup's own window, and waiting for Qt.

Input goes through the popup's window (``QTest`` on the ``QWindow``), so Qt
itself hit-tests and routes it as it routes a user's click: a control under
an image does not get the click.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QEnterEvent, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)


def wait(ms: int) -> None:
    QTest.qWait(ms)


def settle(popup: QWidget) -> None:
    """Let a just-shown popup be exposed and painted."""
    if not popup.isVisible():
        popup.show()
    handle = popup.windowHandle()
    if handle is not None and not popup.testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen):
        QTest.qWaitForWindowExposed(handle, 1000)
    QApplication.processEvents()
    QApplication.processEvents()


def window_point(popup: QWidget, point: QPoint) -> QPoint:
    """A point of ``popup`` in its QWindow's coordinates."""
    return popup.mapTo(popup.window(), point) if popup.window() is not popup else point


def click(popup: QWidget, point: QPoint) -> None:
    """A left click at ``point`` (popup coordinates) through the window, as a user's click arrives."""
    QTest.mouseClick(handle(popup), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, window_point(popup, point))


def hover(popup: QWidget, point: QPoint) -> list[QWidget]:
    """The mouse moved onto ``point``: a move through the window, and Enter for each widget under it.

    (Qt sends Enter only once the window system says the pointer entered the
    window, which an unmapped or offscreen window never hears: the kit sends it.)
    Returns the widgets entered, for :func:`leave`.
    """
    QTest.mouseMove(handle(popup), window_point(popup, point))
    entered: list[QWidget] = []
    widget: QWidget | None = popup.childAt(point) or popup
    while widget is not None:
        if not widget.underMouse():
            local = QPointF(widget.mapFrom(popup, point)) if widget is not popup else QPointF(point)
            window = QPointF(window_point(popup, point))
            QApplication.sendEvent(widget, QEnterEvent(local, window, QPointF(popup.mapToGlobal(point))))
            entered.append(widget)
        widget = None if widget is popup else widget.parentWidget()
    return entered


def leave(widgets: list[QWidget]) -> None:
    """The mouse left the widgets :func:`hover` entered."""
    for widget in reversed(widgets):
        QApplication.sendEvent(widget, QEvent(QEvent.Type.Leave))


def double_click(popup: QWidget, point: QPoint) -> None:
    QTest.mouseDClick(handle(popup), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      window_point(popup, point))  # fmt: skip


def press_escape(popup: QWidget) -> None:
    QTest.keyClick(handle(popup), Qt.Key.Key_Escape)


def handle(popup: QWidget) -> QWindow:
    """The popup's QWindow (created if needed)."""
    window = popup.window().windowHandle()
    if window is None:
        popup.window().winId()
        window = popup.window().windowHandle()
    assert window is not None
    return window
