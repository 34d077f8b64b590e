"""Real input for the kit: clicks and keys through the popup's own window, and waiting for Qt.

Input goes through the popup's window (``QTest`` on the ``QWindow``), so Qt
itself hit-tests and routes it as it routes a user's click: a control under
an image does not get the click.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QWindow
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
