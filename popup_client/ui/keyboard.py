"""The keyboard's way into a popup (:class:`PopupKeyboard`, a part of :class:`~.popup_window.PopupWindow`).

A popup never takes the keyboard by itself: it appears with
``WindowDoesNotAcceptFocus`` and buttons that take no focus, so typing
elsewhere never lands in it. It takes the keyboard only when the user asks:
a click on it, or ``popup-client ctl focus-newest`` (a desktop shortcut,
docs/accessibility.md). Then, until it closes:

- its buttons take the focus, in reading order — 「关闭」, the service
  actions, 「为什么看到此广告」, 「查看详情」, 「举报」, ⋯ (and the ⋯ page's
  buttons when it is open) — and Tab / Shift+Tab walk them, with a visible
  focus ring (the theme's ``focus`` colour);
- Enter or Space presses the focused button; Esc closes the popup;
- its timeout is paused (:attr:`keyboard_held`);
- when it closes, the keyboard goes back to the window that had it:
  one of ours by Qt, another program's on X11 through
  :mod:`.x11_focus`. On Wayland no client may learn or choose which window
  has the keyboard; the compositor gives it back (most return it to the
  window that had it).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow
from PySide6.QtWidgets import QAbstractButton, QWidget

from . import x11_focus

log = logging.getLogger(__name__)

_ACTIVATE_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})


class FocusReturn:
    """Where the keyboard was before a popup took it; :meth:`give_back` returns it there."""

    def __init__(self) -> None:
        self._qt: QWindow | None = None
        self._x11: x11_focus.X11Focus | None = None

    def remember(self, popup: QWidget) -> None:
        own = QGuiApplication.focusWindow()
        self._qt = own if own is not None and own is not popup.windowHandle() else None
        self._x11 = None
        if self._qt is None and QGuiApplication.platformName() == "xcb":
            found = x11_focus.focused_window()
            self._x11 = found if found is not None and found.window != int(popup.winId()) else None
        log.debug("keyboard taken from %s", self._qt or self._x11 or "nobody known")

    def give_back(self) -> bool:
        """Give the keyboard back to the remembered window; False if none was remembered or it cannot be."""
        qt, x11, self._qt, self._x11 = self._qt, self._x11, None, None
        if qt is not None:
            if not qt.isVisible():
                return False
            qt.requestActivate()
            return True
        return x11 is not None and x11_focus.give_focus(x11)


class PopupKeyboard:
    """Taking the keyboard when asked, walking the buttons, giving it back (mixed into the popup window)."""

    _keyboard_taken: bool
    _focus_return: FocusReturn

    def _init_keyboard(self) -> None:
        self._keyboard_taken = False
        self._focus_return = FocusReturn()

    def focus_chain(self) -> list[QAbstractButton]:
        """The buttons Tab walks, in order (hidden ones are skipped by Qt)."""
        w: Any = self
        return [
            w.close_button, *w.action_buttons, w.why_ad_button, w.details_button, w.full_text_button, w.report_button,
            w.more_button,
            w.more_panel.block_button, w.more_panel.fewer_button,
        ]  # fmt: skip

    def has_keyboard(self) -> bool:
        """Whether the popup took the keyboard (asked for by a click or a shortcut) and still holds it."""
        return self._keyboard_taken

    def take_keyboard(self, *, from_shortcut: bool = True) -> bool:
        """Activate the window and give it the keyboard, the focus on 「关闭」 (``from_shortcut``) or kept; False if it cannot.

        Lifts ``WindowDoesNotAcceptFocus`` for this one request; :meth:`show_view` sets it again.
        """
        w: Any = self
        handle = w.windowHandle()
        hosted = w.testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)  # on a layer surface (or rendered offscreen)
        if (handle is None and not hosted) or w.is_closed() or not w.isVisible():
            return False
        if not self._keyboard_taken:
            if not hosted:
                self._focus_return.remember(w)
            self._set_buttons_focusable(True)
            self._keyboard_taken = True
            w.keyboard_held.emit(True)
        if hosted:
            if from_shortcut:
                w.keyboard_wanted.emit()  # the host asks its compositor for the keyboard at once
        else:
            handle.setFlag(Qt.WindowType.WindowDoesNotAcceptFocus, False)
            w.raise_()
            handle.requestActivate()
        if from_shortcut:
            w.close_button.setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def mark_keyboard_focus(self, focused: QWidget | None) -> None:
        """Draw the focus ring on ``focused`` (None: on none) where Qt does not: a popup hosted on a layer
        surface has the keyboard from its compositor, never as Qt's active window, so ``:focus`` never matches."""
        for button in self.focus_chain():
            on = button is focused
            if bool(button.property("keyboard_focus")) != on:
                button.setProperty("keyboard_focus", on)
                button.style().unpolish(button)
                button.style().polish(button)
                button.update()

    def _set_buttons_focusable(self, on: bool) -> None:
        chain = self.focus_chain()
        for button in chain:
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if on else Qt.FocusPolicy.NoFocus)
        if on:
            for first, second in zip(chain, chain[1:]):
                QWidget.setTabOrder(first, second)

    def _keyboard_key(self, event: QKeyEvent) -> bool:
        """Enter presses the focused button (Space does on its own); True if the key was used."""
        w: Any = self
        focused = w.focusWidget()
        if event.key() in _ACTIVATE_KEYS and isinstance(focused, QAbstractButton) and focused.window() is w:
            if focused.isEnabled() and focused.isVisible():
                focused.click()
                return True
        return False

    def _release_keyboard(self, was_active: bool) -> None:
        """The popup closed: its buttons take no focus again, and the keyboard goes back where it was."""
        if not self._keyboard_taken:
            return
        w: Any = self
        self._keyboard_taken = False
        self._set_buttons_focusable(False)
        self.mark_keyboard_focus(None)
        w.keyboard_held.emit(False)
        if was_active:
            self._focus_return.give_back()
        else:
            self._focus_return = FocusReturn()  # the user went elsewhere meanwhile: leave the keyboard there
