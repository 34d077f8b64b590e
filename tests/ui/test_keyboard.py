"""The keyboard's way into a popup: taken only when asked, Tab walks its buttons, Enter/Space press, Esc closes, focus goes back.

Real key events (``qtbot.keyClick``) on the offscreen platform, where Qt
activates windows as asked; where focus goes on a real X server with
another program focused is checked in tests/e2e/test_xvfb_desktop.py.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from popup_client.ui import keyboard
from popup_client.ui.popup_window import PopupWindow
from popup_client.ui.x11_focus import X11Focus
from tests.ui.conftest import make_view

NO_FOCUS = Qt.WindowType.WindowDoesNotAcceptFocus


@pytest.fixture
def editor(qtbot: Any) -> QLineEdit:
    """Another window the user types in, holding the keyboard."""
    edit = QLineEdit()
    edit.setWindowTitle("the user's editor")
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    return edit


def focus_to(qtbot: Any, widget: QWidget) -> None:
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def shown_then_user_typing(qtbot: Any, window: PopupWindow, editor: QLineEdit, view: Any) -> None:
    """The popup is on screen, the user's editor has the keyboard (offscreen Qt focuses every shown window)."""
    window.show_view(view)
    qtbot.waitExposed(window)
    focus_to(qtbot, editor)


def service_view() -> Any:
    return replace(make_view("service"), actions=(("reply", "回复"), ("later", "稍后")))


def test_take_keyboard_focuses_the_close_button_and_lifts_no_focus(window: PopupWindow, editor: QLineEdit, qtbot: Any) -> None:
    shown_then_user_typing(qtbot, window, editor, make_view("ad"))
    assert window.windowHandle().flags() & NO_FOCUS and not window.has_keyboard()
    assert window.take_keyboard()
    assert not window.windowHandle().flags() & NO_FOCUS
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window.windowHandle())
    assert QApplication.focusWidget() is window.close_button and window.has_keyboard()


def test_tab_walks_the_buttons_in_reading_order(window: PopupWindow, editor: QLineEdit, qtbot: Any) -> None:
    shown_then_user_typing(qtbot, window, editor, make_view("ad"))
    window.take_keyboard()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.close_button)
    walked = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        walked.append(QApplication.focusWidget().objectName())
    assert walked == ["why_ad_button", "details_button", "report_button", "more_button", "close_button"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is window.more_button


def test_service_actions_are_walked_and_enter_presses_one(window: PopupWindow, editor: QLineEdit, qtbot: Any) -> None:
    shown_then_user_typing(qtbot, window, editor, service_view())
    invoked: list[str] = []
    window.action_invoked.connect(invoked.append)
    window.take_keyboard()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.close_button)
    qtbot.keyClick(window.close_button, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.action_buttons[1]
    qtbot.keyClick(window.action_buttons[1], Qt.Key.Key_Return)
    assert invoked == ["later"]


def test_enter_on_report_and_space_on_close(window: PopupWindow, editor: QLineEdit, qtbot: Any) -> None:
    shown_then_user_typing(qtbot, window, editor, make_view("news"))
    reported: list[bool] = []
    closed: list[str] = []
    window.report_requested.connect(lambda: reported.append(True))
    window.closed.connect(closed.append)
    window.take_keyboard()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.close_button)
    while QApplication.focusWidget() is not window.report_button:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(window.report_button, Qt.Key.Key_Enter)
    assert reported == [True] and window.isVisible()
    while QApplication.focusWidget() is not window.close_button:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(window.close_button, Qt.Key.Key_Space)
    assert closed == ["button"] and not window.isVisible()


def test_esc_closes_and_the_keyboard_goes_back(window: PopupWindow, editor: QLineEdit, qtbot: Any) -> None:
    shown_then_user_typing(qtbot, window, editor, make_view("content"))
    closed: list[str] = []
    window.closed.connect(closed.append)
    window.take_keyboard()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.close_button)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert closed == ["esc"] and not window.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)
    qtbot.keyClicks(editor, "ok")
    assert editor.text() == "ok"


def test_after_closing_nothing_takes_focus_and_a_reused_window_is_unfocusable(window: PopupWindow, editor: QLineEdit, qtbot: Any) -> None:
    shown_then_user_typing(qtbot, window, editor, make_view("ad"))
    held: list[bool] = []
    window.keyboard_held.connect(held.append)
    window.take_keyboard()
    window.close_with("api")
    assert held == [True, False]
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in window.focus_chain())
    window.show_view(make_view("news"))
    assert window.windowHandle().flags() & NO_FOCUS and not window.has_keyboard()


def test_the_keyboard_stays_where_the_user_moved_it(window: PopupWindow, editor: QLineEdit, qtbot: Any) -> None:
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    shown_then_user_typing(qtbot, window, editor, make_view("ad"))
    window.take_keyboard()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window.windowHandle())
    focus_to(qtbot, other)  # the user went elsewhere before the popup closed
    window.close_with("timeout")
    qtbot.wait(50)
    assert QApplication.focusWidget() is other


def test_a_closed_or_hidden_popup_does_not_take_the_keyboard(window: PopupWindow) -> None:
    assert not window.take_keyboard()
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in window.focus_chain())


def test_focus_ring_is_drawn_on_the_focused_button(window: PopupWindow, editor: QLineEdit, qtbot: Any) -> None:
    shown_then_user_typing(qtbot, window, editor, make_view("ad"))
    before = window.close_button.grab().toImage()
    window.take_keyboard()
    qtbot.waitUntil(lambda: window.close_button.hasFocus())
    after = window.close_button.grab().toImage()
    ring = window.theme().qcolor("focus")
    assert before != after
    assert any(after.pixelColor(x, 1) == ring for x in range(after.width()))


def test_x11_focus_is_remembered_and_given_back(monkeypatch: Any, window: PopupWindow, qtbot: Any) -> None:
    """On xcb, another program's window (no Qt window of ours focused) is remembered through the X server."""
    asked: list[X11Focus] = []
    monkeypatch.setattr(QGuiApplication, "platformName", staticmethod(lambda: "xcb"))
    monkeypatch.setattr(QGuiApplication, "focusWindow", staticmethod(lambda: None))
    monkeypatch.setattr(keyboard.x11_focus, "focused_window", lambda: X11Focus(0x2A00007, True))
    monkeypatch.setattr(keyboard.x11_focus, "give_focus", lambda f: asked.append(f) or True)
    back = keyboard.FocusReturn()
    back.remember(window)
    assert back.give_back() and asked == [X11Focus(0x2A00007, True)]
    assert not back.give_back()  # once
