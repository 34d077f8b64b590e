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

What the rules ask of it (RULES.md, "What every rendered popup
guarantees"): the close button is placed absolutely at the top-right corner,
outside every layout, so no text can move it; payload text is plain text,
elided, with tooltips; colours, fonts and sizes come from
:mod:`popup_client.ui.theme` only. The window opens nothing itself: it emits
signals, and only ``service`` popups react to a click on their body.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QEnterEvent,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from . import theme as T
from .avatar import avatar_pixmap, decode_image, icon_pixmap, rounded_pixmap
from .i18n import QT_TRANSLATE_NOOP, tr
from .labels import ElidedLabel, PictureLabel, WrappedLabel, plain_tooltip, strip_bidi_controls
from .popup_parts import S_CLOSE, CloseButton, ContentArea, MorePanel, dots_icon, info_icon, window_stylesheet
from .view import PopupView

log = logging.getLogger(__name__)

CLOSE_REASONS = frozenset({"button", "esc", "timeout", "api"})

# The app's own strings. scripts/make-font-subset puts their characters in the bundled font.
# Marked for lupdate and translated where shown (popup_client.ui.i18n); 「广告」 and 「关闭」 stay Chinese.
S_AD = "广告"
S_REPORT = QT_TRANSLATE_NOOP("", "举报")
S_DETAILS = QT_TRANSLATE_NOOP("", "查看详情")
S_SOURCE = QT_TRANSLATE_NOOP("", "来源：")
S_UNVERIFIED = QT_TRANSLATE_NOOP("", "未验证")
S_UNVERIFIED_TIP = QT_TRANSLATE_NOOP("", "此来源的身份未经验证")
S_WHY_AD = QT_TRANSLATE_NOOP("", "为什么看到此广告")
S_BACK = QT_TRANSLATE_NOOP("", "返回")
S_MORE = QT_TRANSLATE_NOOP("", "更多")
S_BLOCK = QT_TRANSLATE_NOOP("", "不再接收此来源")
S_FEWER = QT_TRANSLATE_NOOP("", "减少此类推送")
S_ADVERTISER = QT_TRANSLATE_NOOP("", "广告主：")
S_PAYER = QT_TRANSLATE_NOOP("", "付费方：")
S_TARGETING = QT_TRANSLATE_NOOP("", "推送原因：")
S_NOT_GIVEN = QT_TRANSLATE_NOOP("", "未提供")
UI_STRINGS = (
    S_AD, S_CLOSE, S_REPORT, S_DETAILS, S_SOURCE, S_UNVERIFIED, S_UNVERIFIED_TIP, S_WHY_AD, S_BACK,
    S_MORE, S_BLOCK, S_FEWER, S_ADVERTISER, S_PAYER, S_TARGETING, S_NOT_GIVEN,
)  # fmt: skip


def _text_width(font: Any, text: str) -> int:
    return int(QFontMetricsF(font).horizontalAdvance(text) + 0.999)


class PopupWindow(QWidget):
    """One popup. Build once, then :meth:`show_view` / :meth:`close_with` as often as needed."""

    closed = Signal(str)  # hidden by the user or the app: "button", "esc", "timeout" or "api"
    details_requested = Signal(str)  # 「查看详情」 clicked; the argument is the view's link
    report_requested = Signal()  # 「举报」 clicked
    block_provider_requested = Signal()  # menu: 「不再接收此来源」
    fewer_like_this_requested = Signal()  # menu: 「减少此类推送」
    action_invoked = Signal(str)  # a service action button clicked; the argument is its key
    activated = Signal()  # the body of a service popup clicked (freedesktop "default")
    hovered = Signal(bool)  # the pointer entered (True) or left (False): pause the timeout

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self._dark: bool | None = None
        self._theme = T.LIGHT
        self._render_scale: float | None = None
        self._build()
        self._apply_theme()
        hints = QApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._on_color_scheme_changed)

    # ----------------------------------------------------------- building

    def _build(self) -> None:
        root = self._root = QVBoxLayout(self)
        root.setContentsMargins(T.PAD, T.HEADER_TOP, T.PAD, 12)
        root.setSpacing(0)
        root.addWidget(self._build_header())
        root.addSpacing(T.CLOSE_GAP)  # a clickable service body stays 8 px away from the close button
        self.content_stack = QStackedWidget(self)
        self.content_stack.setObjectName("content_stack")
        self.content_stack.addWidget(self._build_content())
        self.content_stack.addWidget(self._build_why_ad_panel())
        self.more_panel = MorePanel(
            self, block_text=tr(S_BLOCK), fewer_text=tr(S_FEWER), font=T.app_font(T.BUTTON_PX), height=T.BUTTON_HEIGHT
        )
        self.more_panel.block_requested.connect(self.block_provider_requested)
        self.more_panel.fewer_requested.connect(self.fewer_like_this_requested)
        self.content_stack.addWidget(self.more_panel)
        root.addWidget(self.content_stack)
        root.addWidget(self._build_footer())
        self.close_button = CloseButton(self)
        self.close_button.clicked.connect(lambda: self.close_with("button"))
        self.close_button.move(T.WIDTH - T.CLOSE_INSET - T.CLOSE_SIZE, T.CLOSE_INSET)
        self.close_button.raise_()
        for child in self.findChildren(QWidget):
            child.installEventFilter(self)  # a click anywhere lets the keyboard in: see accept_keyboard

    def _build_header(self) -> QWidget:
        header = QWidget(self)
        header.setObjectName("header")
        header.setFixedHeight(T.HEADER_HEIGHT)
        row = QHBoxLayout(header)
        row.setContentsMargins(0, 0, T.HEADER_RESERVE - T.PAD, 0)
        row.setSpacing(8)
        row.setDirection(QHBoxLayout.Direction.LeftToRight)
        self.icon_label = PictureLabel(header)
        self.icon_label.setObjectName("provider_icon")
        self.icon_label.setFixedSize(T.AVATAR_SIZE, T.AVATAR_SIZE)
        self.provider_label = ElidedLabel(
            header, value_font=T.content_font(T.PROVIDER_PX, bold=True), min_chars=T.MIN_PROVIDER_CHARS
        )
        self.provider_label.setObjectName("provider_label")
        self.provider_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.unverified_label = self._chip(header, tr(S_UNVERIFIED), "unverified_label", T.CHIP_PX, bold=False)
        self.unverified_label.setToolTip(tr(S_UNVERIFIED_TIP))
        self.ad_label = self._chip(header, tr("广告", "badge"), "ad_label", T.BADGE_PX, bold=True)
        self.ad_label.setAccessibleName(self.ad_label.text())
        row.addWidget(self.icon_label)
        row.addWidget(self.provider_label, 0)
        row.addWidget(self.unverified_label)
        row.addStretch(1)
        row.addWidget(self.ad_label)
        return header

    def _chip(self, parent: QWidget, text: str, name: str, pixel_size: int, *, bold: bool) -> QLabel:
        chip = QLabel(text, parent)
        chip.setObjectName(name)
        chip.setTextFormat(Qt.TextFormat.PlainText)
        chip.setFont(T.app_font(pixel_size, bold=bold))
        chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        chip.setFixedSize(_text_width(chip.font(), text) + 12, pixel_size + 8)
        return chip

    def _build_content(self) -> QWidget:
        self.content_area = ContentArea(self)
        self.content_area.setObjectName("content_area")
        self.content_area.clicked.connect(self._on_content_clicked)
        column = QVBoxLayout(self.content_area)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.title_label = WrappedLabel(
            self.content_area, font=T.content_font(T.TITLE_PX, bold=True), wrap_width=T.CONTENT_WIDTH, max_lines=T.TITLE_LINES
        )
        self.title_label.setObjectName("title_label")
        self.body_label = WrappedLabel(
            self.content_area, font=T.content_font(T.BODY_PX), wrap_width=T.CONTENT_WIDTH, max_lines=T.BODY_LINES
        )
        self.body_label.setObjectName("body_label")
        self.image_label = PictureLabel(self.content_area, top_margin=6)
        self.image_label.setObjectName("image_label")
        column.addWidget(self.title_label)
        column.addWidget(self.body_label)
        column.addWidget(self.image_label, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self._build_meta())
        column.addStretch(1)
        return self.content_area

    def _build_why_ad_panel(self) -> QWidget:
        self.why_ad_panel = QWidget(self)
        self.why_ad_panel.setObjectName("why_ad_panel")
        grid = QGridLayout(self.why_ad_panel)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        key_font = T.app_font(T.BODY_PX)
        key_width = max(_text_width(key_font, tr(s)) for s in (S_ADVERTISER, S_PAYER, S_TARGETING))
        value_width = T.CONTENT_WIDTH - key_width - 4
        self._why_keys: list[QLabel] = []
        self._why_values: list[WrappedLabel] = []
        rows = (("why_advertiser", S_ADVERTISER, 1), ("why_payer", S_PAYER, 1), ("why_targeting", S_TARGETING, 2))
        for index, (name, key, lines) in enumerate(rows):
            key_label = QLabel(tr(key), self.why_ad_panel)
            key_label.setTextFormat(Qt.TextFormat.PlainText)
            key_label.setObjectName("why_key")
            key_label.setFont(key_font)
            key_label.setFixedWidth(key_width)
            key_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            value = WrappedLabel(self.why_ad_panel, font=T.content_font(T.BODY_PX), wrap_width=value_width, max_lines=lines)
            value.setObjectName(name)
            grid.addWidget(key_label, index, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, index, 1, Qt.AlignmentFlag.AlignTop)
            self._why_keys.append(key_label)
            self._why_values.append(value)
        grid.setRowStretch(len(rows), 1)
        return self.why_ad_panel

    def _build_meta(self) -> QWidget:
        self.meta_row = QWidget(self.content_area)
        self.meta_row.setObjectName("meta_row")
        row = QHBoxLayout(self.meta_row)
        row.setContentsMargins(0, 4, 0, 0)
        row.setSpacing(0)
        prefix_font, value_font = T.app_font(T.META_PX), T.content_font(T.META_PX)
        self.source_label = ElidedLabel(self.meta_row, value_font=value_font, prefix_font=prefix_font)
        self.source_label.setObjectName("source_label")
        self.advertiser_label = ElidedLabel(self.meta_row, value_font=value_font, prefix_font=prefix_font)
        self.advertiser_label.setObjectName("advertiser_label")
        row.addWidget(self.source_label, 1)
        row.addWidget(self.advertiser_label, 1)
        return self.meta_row

    def _build_footer(self) -> QWidget:
        footer = QWidget(self)
        footer.setObjectName("footer")
        row = QHBoxLayout(footer)
        row.setContentsMargins(0, 10, 0, 0)
        row.setSpacing(6)
        self.action_buttons: list[QPushButton] = []
        for _ in range(T.MAX_SERVICE_ACTIONS):
            button = self._button(footer, "", "action_button", T.content_font(T.BUTTON_PX))
            button.clicked.connect(lambda _=False, b=button: self._on_action(b))
            self.action_buttons.append(button)
            row.addWidget(button)
        self.why_ad_button = self._button(footer, tr(S_WHY_AD), "why_ad_button", T.app_font(T.BUTTON_PX))
        self.why_ad_button.setCheckable(True)
        self.why_ad_button.toggled.connect(self._on_why_ad_toggled)
        row.addWidget(self.why_ad_button)
        row.addStretch(1)
        self.details_button = self._button(footer, tr(S_DETAILS), "details_button", T.app_font(T.BUTTON_PX, bold=True))
        self.details_button.clicked.connect(self._on_details)
        self.report_button = self._button(footer, tr(S_REPORT), "report_button", T.app_font(T.BUTTON_PX))
        self.report_button.setAccessibleName(tr(S_REPORT))
        self.report_button.clicked.connect(self.report_requested)
        self.more_button = QToolButton(footer)
        self.more_button.setObjectName("more_button")
        self.more_button.setAccessibleName(tr(S_MORE))
        self.more_button.setToolTip(tr(S_MORE))
        self.more_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.more_button.setFixedSize(T.BUTTON_HEIGHT, T.BUTTON_HEIGHT)
        self.more_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more_button.setCheckable(True)
        self.more_button.toggled.connect(self._on_more_toggled)
        row.addWidget(self.details_button)
        row.addWidget(self.report_button)
        row.addWidget(self.more_button)
        return footer

    def _button(self, parent: QWidget, text: str, name: str, font: Any) -> QPushButton:
        button = QPushButton(text, parent)
        button.setObjectName(name)
        button.setFont(font)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoDefault(False)
        button.setFixedHeight(T.BUTTON_HEIGHT)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        if text:
            button.setAccessibleName(text)
        return button

    # ------------------------------------------------------------ theming

    def set_theme(self, dark: bool | None) -> None:
        """Force the dark (True) or light (False) palette; None follows the system."""
        self._dark = dark
        self._apply_theme()

    def theme(self) -> T.Theme:
        return self._theme

    def set_render_scale(self, scale: float | None) -> None:
        """Decode pixmaps for this device pixel ratio (offscreen rendering); None: the screen's."""
        self._render_scale = scale
        if self._view is not None:
            self._fill_pixmaps(self._view)

    def _on_color_scheme_changed(self, *_: object) -> None:
        if self._dark is None:
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
        self.more_button.setIcon(dots_icon(theme.qcolor("button_text")))
        self.why_ad_button.setIcon(info_icon(theme.qcolor("text_secondary")))
        if self._view is not None:
            self._fill_pixmaps(self._view)
        self.update()

    # ------------------------------------------------------------- filling

    def set_view(self, view: PopupView) -> None:
        """Fill the window with ``view`` and size it; does not show it.

        Everything a previous view set is replaced or hidden: a pooled
        window shows nothing stale.
        """
        self._view = view
        ad, news, service = view.kind == "ad", view.kind == "news", view.kind == "service"
        self.provider_label.set_parts("", view.provider_name)
        self.unverified_label.setVisible(not view.verified)
        self.ad_label.setVisible(ad)
        has_image = self._fill_pixmaps(view)
        self.title_label.set_value(view.title, max_lines=T.TITLE_LINES_WITH_IMAGE if has_image else T.TITLE_LINES)
        self.body_label.set_value(view.body, max_lines=T.BODY_LINES_WITH_IMAGE if has_image else T.BODY_LINES)
        self.body_label.setVisible(bool(view.body.strip()))
        self.content_area.set_activatable(service)
        self._fill_meta(view, ad=ad, news=news)
        self._fill_why_ad(view, ad=ad)
        self._fill_actions(view, service=service)
        self.details_button.setVisible(bool(view.link))
        self.details_button.setToolTip("")
        self._set_toggle(self.more_button, False)
        self.setAccessibleName(tr("{provider}：{title}").format(provider=view.provider_name, title=view.title))
        self._fit_height()

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
        """
        handle = self.windowHandle()
        if handle is None or self._closed or not self.isVisible():
            return
        if self.testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen):
            return  # not a window of Qt's (rendered offscreen, or hosted on a layer surface that handles it)
        handle.setFlag(Qt.WindowType.WindowDoesNotAcceptFocus, False)
        handle.requestActivate()

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

    def _fill_pixmaps(self, view: PopupView) -> bool:
        """Provider icon (or initials avatar) and the image; returns whether an image is shown."""
        dpr = self._pixel_ratio()
        icon = icon_pixmap(view.provider_icon, size=T.AVATAR_SIZE, dpr=dpr, max_side=T.ICON_MAX_SIDE)
        if icon is None:
            icon = avatar_pixmap(
                view.provider_name,
                size=T.AVATAR_SIZE,
                dpr=dpr,
                background=self._theme.qcolor("avatar"),
                foreground=self._theme.qcolor("avatar_text"),
                font=T.content_font(T.AVATAR_PX, bold=True),
            )
        self.icon_label.set_picture(icon)
        image = None
        if view.image:
            box = QSize(*T.IMAGE_BOX)
            image = decode_image(view.image, box=box, dpr=dpr, max_side=T.IMAGE_MAX_SIDE)
        if image is None:
            self.image_label.clear()
            self.image_label.hide()
            return False
        self.image_label.set_picture(rounded_pixmap(image, 6))
        self.image_label.show()
        return True

    def _fill_meta(self, view: PopupView, *, ad: bool, news: bool) -> None:
        self.source_label.set_parts(tr(S_SOURCE), view.source or tr(S_NOT_GIVEN))
        self.source_label.setVisible(news)
        self.advertiser_label.set_parts(tr(S_ADVERTISER), view.advertiser or tr(S_NOT_GIVEN))
        self.advertiser_label.setVisible(ad)
        self.meta_row.setVisible(ad or news)

    def _fill_why_ad(self, view: PopupView, *, ad: bool) -> None:
        values = (view.advertiser, view.payer, tr("、").join(view.targeting))
        for label, value in zip(self._why_values, values):
            label.set_value(value or tr(S_NOT_GIVEN))
        self.why_ad_button.blockSignals(True)
        self.why_ad_button.setChecked(False)
        self.why_ad_button.blockSignals(False)
        self._on_why_ad_toggled(False)
        self.why_ad_button.setVisible(ad)
        policy = QSizePolicy.Policy.Preferred if ad else QSizePolicy.Policy.Ignored
        self.why_ad_panel.setSizePolicy(QSizePolicy.Policy.Preferred, policy)

    def _fill_actions(self, view: PopupView, *, service: bool) -> None:
        actions = [(k, strip_bidi_controls(label)) for k, label in view.actions if k != "default" and label.strip()]
        actions = actions if service else []
        metrics = QFontMetricsF(T.content_font(T.BUTTON_PX))
        for index, button in enumerate(self.action_buttons):
            if index >= len(actions):
                button.setProperty("action_key", None)
                button.setText("")
                button.setToolTip("")
                button.hide()
                continue
            key, label = actions[index]
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, T.ACTION_MAX_WIDTH - 20)
            button.setProperty("action_key", key)
            button.setText(shown.replace("&", "&&"))
            button.setAccessibleName(label)
            button.setToolTip(plain_tooltip(label) if shown != label else "")
            button.setMaximumWidth(T.ACTION_MAX_WIDTH)
            button.show()

    def _fit_height(self) -> None:
        # A parent layout keeps a child's size hint cached until the child's posted
        # LayoutRequest is handled: measured now, a pooled window could get the previous
        # view's height, and the layout would squeeze the gap under the close button.
        for nested in self.findChildren(QLayout):
            nested.invalidate()
            owner = nested.parentWidget()
            if owner is not None and owner is not self:
                owner.updateGeometry()
        layout = self._root
        layout.invalidate()
        layout.activate()
        height = min(layout.sizeHint().height(), T.MAX_HEIGHT)
        self.setFixedHeight(height)
        layout.activate()

    def _pixel_ratio(self) -> float:
        if self._render_scale:
            return self._render_scale
        screen = self.screen()
        return screen.devicePixelRatio() if screen is not None else self.devicePixelRatioF()

    # ------------------------------------------------------------- closing

    def close_with(self, how: str) -> None:
        """Hide at once and emit :attr:`closed` (once per shown view)."""
        if how not in CLOSE_REASONS:
            raise ValueError(f"unknown close reason {how!r}; one of {sorted(CLOSE_REASONS)}")
        self.hide()
        if self._closed:
            return
        self._closed = True
        self.closed.emit(how)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_with("esc")
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

    # ------------------------------------------------------------ geometry

    def geometry_report(self) -> dict[str, Any]:
        """Where things are, in logical px relative to the popup (for tests and the conformance kit)."""
        self._root.activate()

        def rect(widget: QWidget | None) -> dict[str, int] | None:
            if widget is None or not widget.isVisibleTo(self):
                return None
            top_left = widget.mapTo(self, QPoint(0, 0))
            return {"x": top_left.x(), "y": top_left.y(), "w": widget.width(), "h": widget.height()}

        named = {
            "close_button": self.close_button,
            "ad_label": self.ad_label,
            "provider_label": self.provider_label,
            "unverified_label": self.unverified_label,
            "title_label": self.title_label,
            "body_label": self.body_label,
            "image_label": self.image_label,
            "source_label": self.source_label,
            "advertiser_label": self.advertiser_label,
            "report_button": self.report_button,
            "details_button": self.details_button,
            "why_ad_button": self.why_ad_button,
            "more_button": self.more_button,
        }
        report: dict[str, Any] = {"window": {"x": 0, "y": 0, "w": self.width(), "h": self.height()}}
        report.update({name: rect(widget) for name, widget in named.items()})
        report["interactive"] = [
            {"name": w.objectName(), **r} for w in self.interactive_widgets() if (r := rect(w)) is not None
        ]
        pos = self.pos()
        report["global"] = {"x": pos.x(), "y": pos.y(), "w": self.width(), "h": self.height()}
        report["device_pixel_ratio"] = self._pixel_ratio()
        return report

    def interactive_widgets(self) -> list[QWidget]:
        """Every visible widget a click or a key can act on: buttons and focusable widgets."""
        found: list[QWidget] = []
        for widget in self.findChildren(QWidget):
            if not widget.isVisibleTo(self) or widget.window() is not self:
                continue
            interactive = isinstance(widget, QAbstractButton) or widget.focusPolicy() != Qt.FocusPolicy.NoFocus
            if isinstance(widget, ContentArea) and widget.is_activatable():
                interactive = True
            if interactive:
                found.append(widget)
        return found
