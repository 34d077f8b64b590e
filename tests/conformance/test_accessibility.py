"""The ui-accessible checks on popups made for them: the keyboard handed over on request, the announcement heard."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton

from popup_client.conformance.accessibility import listening
from popup_client.conformance.runner import check_popup

from .gallery import AVAILABLE, VendorPopup


class KeyboardOnRequest(VendorPopup):
    """Its buttons take no focus until it is given the keyboard, by ``take_keyboard()`` (its shortcut's call)."""

    def __init__(self, kind: str = "ad", *, offers: bool = True, **kw: Any) -> None:
        super().__init__(kind, **kw)
        self._offers = offers
        self._focusable(False)

    def _focusable(self, on: bool) -> None:
        for button in self.findChildren(QAbstractButton):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus if on else Qt.FocusPolicy.NoFocus)

    def take_keyboard(self) -> bool:
        if self._offers:
            self._focusable(True)
        return self._offers


def made(**kw: Any) -> Any:
    def make() -> KeyboardOnRequest:
        popup = KeyboardOnRequest("ad", **kw)
        popup.move(AVAILABLE.width() - 16 - popup.width(), 16)
        popup.show()
        return popup

    return make


def test_buttons_focusable_once_given_the_keyboard_pass_through_take_keyboard(qapp: Any) -> None:
    result = check_popup(made(), kind="ad", available=AVAILABLE, behaviour=False)
    keyboard = result.check("a11y-keyboard")
    assert keyboard.passed and "take_keyboard()" in keyboard.detail, keyboard.line()
    assert result.passed, result.report_text()


def test_a_take_keyboard_that_leaves_the_buttons_unfocusable_fails(qapp: Any) -> None:
    result = check_popup(made(offers=False), kind="ad", available=AVAILABLE, behaviour=False)
    assert result.failed_names == {"a11y-keyboard"}, result.report_text()
    assert result.check("a11y-keyboard").measured.startswith("not by Tab: 关闭")


def test_a_popup_given_on_screen_for_static_checks_only_is_not_handed_the_keyboard(qapp: Any) -> None:
    popup = KeyboardOnRequest("ad")
    popup.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, False)  # a window of the user's screen
    popup.move(AVAILABLE.width() - 16 - popup.width(), 16)
    popup.show()
    try:
        result = check_popup(popup, kind="ad", available=AVAILABLE, behaviour=False)
        assert result.failed_names == {"a11y-keyboard"}, result.report_text()
        assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in popup.findChildren(QAbstractButton))
    finally:
        popup.deleteLater()


def test_a_popup_given_rendered_offscreen_is_handed_the_keyboard(qapp: Any) -> None:
    popup = made()()
    try:
        result = check_popup(popup, kind="ad", available=AVAILABLE, behaviour=False)
        assert result.passed and "take_keyboard()" in result.check("a11y-keyboard").detail, result.report_text()
    finally:
        popup.deleteLater()


def test_listening_hears_announcements_and_puts_qt_back(qapp: Any) -> None:
    sent = QAccessible.__dict__["updateAccessibility"]
    popup = VendorPopup("news", heard_by="announcement")
    try:
        with listening() as heard:
            popup.show()
        assert [(h.target, h.message) for h in heard] == [(popup, "某某科技服务：冬季新品上市")]
        assert QAccessible.__dict__["updateAccessibility"] is sent
    finally:
        popup.deleteLater()
