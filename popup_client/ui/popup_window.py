"""The popup window: a frameless, always-on-top card that never takes focus.

One :class:`PopupWindow` is built once (its whole widget tree) and then
filled by :meth:`PopupWindow.show_view` as often as needed, so the stack can
pool windows. Layout, top to bottom::

    [avatar] provider name [未验证]            [广告]  [×]
    title (≤ 2 lines)
    body (≤ 3 lines)                  ← or the 「为什么看到此广告」 panel
    [image, ≤ 328 × 80]
    来源：… / 广告主：…
    [service actions] [为什么看到此广告]    [查看详情] [举报] [⋯]

What the rules ask of it (docs/rules.md, "What every rendered popup
guarantees"): the close button is placed absolutely at the top-right corner,
outside every layout, so no text can move it; payload text is plain text,
elided, with tooltips; colours, fonts and sizes come from
:mod:`popup_client.ui.theme` only. The window opens nothing itself: it emits
signals, and only ``service`` popups react to a click on their body.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QCloseEvent, QEnterEvent, QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton, QWidget

from . import theme as T
from .accessible import announce, expose
from .i18n import tr
from .keyboard import PopupKeyboard
from .popup_fill import PopupFilling
from .popup_geometry import PopupGeometry
from .popup_layout import PopupLayout
from .popup_parts import S_CLOSE, dots_icon, info_icon, window_stylesheet
from .popup_strings import S_WHY_AD, S_BACK, UI_STRINGS, S_AD, S_REPORT
from .text_size import metrics_for
from .view import PopupView

log = logging.getLogger(__name__)

CLOSE_REASONS = frozenset({"button", "esc", "timeout", "api"})
#: Re-exported: what tests and scripts read from here.
__all__ = ["CLOSE_REASONS", "S_AD", "S_CLOSE", "S_REPORT", "UI_STRINGS", "PopupWindow"]


class PopupWindow(PopupLayout, PopupFilling, PopupGeometry, PopupKeyboard, QWidget):
    """One popup. Build once, then :meth:`show_view` / :meth:`close_with` as often as needed."""

    closed = Signal(str)  # hidden by the user or the app: "button", "esc", "timeout" or "api"
    details_requested = Signal(str)  # 「查看详情」 clicked; the argument is the view's link
    report_requested = Signal()  # 「举报」 clicked
    full_text_requested = Signal()  # 「全文」 clicked (large text cut the title or body)
    block_provider_requested = Signal()  # menu: 「不再接收此来源」
    fewer_like_this_requested = Signal()  # menu: 「减少此类推送」
    action_invoked = Signal(str)  # a service action button clicked; the argument is its key
    activated = Signal()  # the body of a service popup clicked (freedesktop "default")
    hovered = Signal(bool)  # the pointer entered (True) or left (False): pause the timeout
    keyboard_held = Signal(bool)  # the popup took the keyboard (True) or gave it back (False): pause the timeout
    keyboard_wanted = Signal()  # asked for the keyboard while hosted elsewhere (a layer surface): the host asks for it

    def __init__(self, parent: QWidget | None = None, *, text_scale: float = 1.0) -> None:
        """``text_scale``: the popup's text size (1–2, :mod:`.text_size`), fixed for the window's life."""
        super().__init__(parent)
        self._m = metrics_for(text_scale)
        self.setObjectName("popup_window")
        self.setWindowFlags(
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setFixedWidth(T.WIDTH)
        self._view: PopupView | None = None
        self._closed = True
        self._dark: T.ThemeChoice = None
        self._theme = T.LIGHT
        self._render_scale: float | None = None
        self._init_keyboard()
        self._build()
        expose(self)
        self._apply_theme()
        hints = QApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._on_color_scheme_changed)
        if hasattr(hints, "accessibility"):
            hints.accessibility().contrastPreferenceChanged.connect(self._on_color_scheme_changed)

    # ------------------------------------------------------------ theming

    def set_theme(self, dark: T.ThemeChoice) -> None:
        """Force the dark (True) or light (False) palette, or a theme by name (:func:`~.theme.theme_for`); None follows the system."""
        self._dark = dark
        self._apply_theme()

    def theme(self) -> T.Theme:
        return self._theme

    def text_scale(self) -> float:
        """The text size this window was built for (1–2)."""
        return self._m.scale

    def set_render_scale(self, scale: float | None) -> None:
        """Decode pixmaps for this device pixel ratio (offscreen rendering); None: the screen's."""
        self._render_scale = scale
        if self._view is not None:
            self._fill_pixmaps(self._view)

    def _on_color_scheme_changed(self, *_: object) -> None:
        if self._dark in (None, "auto", "high-contrast"):
            self._apply_theme()

    def set_extra_stylesheet(self, qss: str) -> None:
        """A vendor theme's QSS on top of the built-in one (checked by the conformance kit first)."""
        self._extra_qss = qss
        self._apply_theme()

    def _apply_theme(self) -> None:
        theme = T.theme_for(self._dark)
        self._theme = theme
        extra = getattr(self, "_extra_qss", "")
        self.setStyleSheet(window_stylesheet(theme) + (f"\n/* vendor theme */\n{extra}" if extra else ""))
        self.close_button.set_theme(theme)
        self.provider_label.set_color(theme.qcolor("text"))
        self.title_label.set_color(theme.qcolor("text"))
        self.body_label.set_color(theme.qcolor("text_secondary"))
        for label in (self.source_label, self.advertiser_label, *self._why_values):
            label.set_color(theme.qcolor("text_secondary"))
        self._icons_painted = False
        if self._view is not None:
            self._paint_icons()
            self._fill_pixmaps(self._view)
        self.update()

    def _paint_icons(self) -> None:
        """The ⋯ and ⓘ buttons' icons in the theme's colours, painted when a view first fills the window.

        Not when a pooled window is built: the first QPainter of the process sets up the raster engine
        (about 1 MiB resident), which an idle app that has shown nothing yet does not need.
        """
        if self._icons_painted:
            return
        theme = self._theme
        self.more_button.setIcon(dots_icon(theme.qcolor("button_text"), self._m.glyph_scale))
        self.why_ad_button.setIcon(info_icon(theme.qcolor("text_secondary"), self._m.glyph_scale))
        self._icons_painted = True

    def set_view(self, view: PopupView) -> None:
        """Fill the window with ``view`` and size it (the buttons' icons first: they count in the sizes)."""
        self._paint_icons()
        super().set_view(view)

    # ------------------------------------------------------------- showing

    def show_view(self, view: PopupView, pos: QPoint | None = None) -> None:
        """Fill the window with ``view``, move it to ``pos`` if given, and show it without activating it."""
        self.set_view(view)
        if pos is not None:
            self.move(pos)
        handle = self.windowHandle()
        if handle is not None:
            handle.setFlag(Qt.WindowType.WindowDoesNotAcceptFocus, True)  # a reused window starts unfocusable again
        self.show()

    def accept_keyboard(self) -> None:
        """The user clicked the popup: it may take the keyboard now, so Esc closes it.

        A popup never takes the focus by itself (typing elsewhere must not
        land in it), so Esc cannot reach it until the user points at it: any
        click on it — header, body, image, a button — makes it focusable and
        asks for the focus, until it closes. Nothing is opened by that click.
        A shortcut asks the same with :meth:`take_keyboard` (:mod:`.keyboard`).
        """
        if self.testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen):
            return  # not a window of Qt's (rendered offscreen, or hosted on a layer surface that handles clicks)
        self.take_keyboard(from_shortcut=False)

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress:
            self.accept_keyboard()
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.accept_keyboard()
        super().mousePressEvent(event)

    def view(self) -> PopupView | None:
        return self._view

    def is_closed(self) -> bool:
        return self._closed

    # ------------------------------------------------------------- closing

    def close_with(self, how: str) -> None:
        """Hide at once and emit :attr:`closed` (once per shown view)."""
        if how not in CLOSE_REASONS:
            raise ValueError(f"unknown close reason {how!r}; one of {sorted(CLOSE_REASONS)}")
        was_active = self.isActiveWindow()
        self.hide()
        self._release_keyboard(was_active)
        if self._closed:
            return
        self._closed = True
        self.closed.emit(how)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_with("esc")
            event.accept()
            return
        if self._keyboard_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """A close from the window system is the user's; a programmatic close() is the app's."""
        self.close_with("button" if event.spontaneous() else "api")
        event.accept()

    # --------------------------------------------------------------- slots

    def _on_details(self) -> None:
        if self._view is not None and self._view.link:
            self.details_requested.emit(self._view.link)

    def _on_action(self, button: QPushButton) -> None:
        key = button.property("action_key")
        if self._view is not None and self._view.kind == "service" and key:
            self.action_invoked.emit(str(key))

    def _on_content_clicked(self) -> None:
        if self._view is not None and self._view.kind == "service":
            self.activated.emit()

    def _on_more_toggled(self, on: bool) -> None:
        if on:
            self._set_toggle(self.why_ad_button, False)
        self.content_stack.setCurrentWidget(self.more_panel if on else self.content_area)

    def _on_why_ad_toggled(self, on: bool) -> None:
        if on:
            self._set_toggle(self.more_button, False)
        self.content_stack.setCurrentIndex(1 if on else 0)
        self.why_ad_button.setText(tr(S_BACK if on else S_WHY_AD))
        self.why_ad_button.setAccessibleName(tr(S_BACK if on else S_WHY_AD))

    def _set_toggle(self, button: QAbstractButton, on: bool) -> None:
        """Check or uncheck a page button without it switching pages."""
        button.blockSignals(True)
        button.setChecked(on)
        button.blockSignals(False)
        if button is self.why_ad_button:
            self.why_ad_button.setText(tr(S_BACK if on else S_WHY_AD))
            self.why_ad_button.setAccessibleName(tr(S_BACK if on else S_WHY_AD))

    # -------------------------------------------------------------- events

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._closed = False
        announce(self)

    def event(self, event: QEvent) -> bool:
        """Moved to a screen of another pixel ratio: decode the pictures again, sharp there."""
        change = getattr(QEvent.Type, "DevicePixelRatioChange", None)
        if change is not None and event.type() == change and self._view is not None and not self._render_scale:
            self._fill_pixmaps(self._view)
        return super().event(event)

    def enterEvent(self, event: QEnterEvent) -> None:
        super().enterEvent(event)
        self.hovered.emit(True)

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self.hovered.emit(False)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        path = QPainterPath()
        path.addRoundedRect(rect, T.RADIUS, T.RADIUS)
        painter.fillPath(path, self._theme.qcolor("card"))
        if self._view is not None and self._view.critical:
            painter.save()
            painter.setClipPath(path)
            painter.fillRect(QRectF(0, 0, 4, self.height()), self._theme.qcolor("accent_critical"))
            painter.restore()
        painter.setPen(QPen(self._theme.qcolor("border"), 1))
        painter.drawPath(path)
        painter.end()
