"""Building a popup's widget tree, once per window (:class:`PopupLayout`, a part of :class:`~.popup_window.PopupWindow`).

Header (avatar, provider, 「未验证」, 「广告」), the content pages (title, body,
image; 「为什么看到此广告」; the ⋯ page), the source or advertiser line and the
footer's buttons. The close button sits outside every layout, at the
top-right corner, so no text can move it. Text sizes come from the window's
:class:`~.text_size.Metrics` (the text-size preference); in the compact
layout of large text the footer takes two rows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from . import theme as T
from .i18n import tr
from .labels import ElidedLabel, PictureLabel, WrappedLabel
from .popup_parts import CloseButton, ContentArea, MorePanel
from .popup_strings import (
    S_ADVERTISER, S_BLOCK, S_DETAILS, S_FEWER, S_FULL_TEXT, S_FULL_TEXT_TIP, S_MORE, S_PAYER, S_REPORT, S_TARGETING,
    S_UNVERIFIED, S_UNVERIFIED_TIP, S_WHY_AD,
)  # fmt: skip
from .text_size import Metrics


def _text_width(font: Any, text: str) -> int:
    return int(QFontMetricsF(font).horizontalAdvance(text) + 0.999)


class PopupLayout:
    """Builds the widgets of a popup window (mixed into :class:`~.popup_window.PopupWindow`)."""

    _m: Metrics

    def _build(self) -> None:
        m = self._m
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
            self, block_text=tr(S_BLOCK), fewer_text=tr(S_FEWER), font=T.app_font(m.px(T.BUTTON_PX)), height=m.button_height
        )
        self.more_panel.block_requested.connect(self.block_provider_requested)
        self.more_panel.fewer_requested.connect(self.fewer_like_this_requested)
        self.content_stack.addWidget(self.more_panel)
        root.addWidget(self.content_stack)
        root.addWidget(self._build_footer())
        self.close_button = CloseButton(self)
        self.close_button.set_glyph_scale(m.glyph_scale)
        self.close_button.clicked.connect(lambda: self.close_with("button"))
        self.close_button.move(T.WIDTH - T.CLOSE_INSET - T.CLOSE_SIZE, T.CLOSE_INSET)
        self.close_button.raise_()
        for child in self.findChildren(QWidget):
            child.installEventFilter(self)  # a click anywhere lets the keyboard in: see accept_keyboard

    def _build_header(self) -> QWidget:
        m = self._m
        header = QWidget(self)
        header.setObjectName("header")
        header.setFixedHeight(m.header_height)
        row = QHBoxLayout(header)
        row.setContentsMargins(0, 0, T.HEADER_RESERVE - T.PAD, 0)
        row.setSpacing(8)
        row.setDirection(QHBoxLayout.Direction.LeftToRight)
        self.icon_label = PictureLabel(header)
        self.icon_label.setObjectName("provider_icon")
        self.icon_label.setFixedSize(T.AVATAR_SIZE, T.AVATAR_SIZE)
        self.provider_label = ElidedLabel(
            header, value_font=T.content_font(m.px(T.PROVIDER_PX), bold=True), min_chars=T.MIN_PROVIDER_CHARS
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
        pixel_size = self._m.px(pixel_size)
        chip.setFont(T.app_font(pixel_size, bold=bold))
        chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        line = int(QFontMetricsF(chip.font()).height() + 0.999)  # large text: the font's whole line, never clipped
        chip.setFixedSize(_text_width(chip.font(), text) + 12, max(pixel_size + 8, line + 2))
        return chip

    def _build_content(self) -> QWidget:
        m = self._m
        self.content_area = ContentArea(self)
        self.content_area.setObjectName("content_area")
        self.content_area.clicked.connect(self._on_content_clicked)
        column = QVBoxLayout(self.content_area)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.title_label = WrappedLabel(
            self.content_area, font=T.content_font(m.px(T.TITLE_PX), bold=True), wrap_width=T.CONTENT_WIDTH, max_lines=m.lines[0]
        )
        self.title_label.setObjectName("title_label")
        self.body_label = WrappedLabel(
            self.content_area, font=T.content_font(m.px(T.BODY_PX)), wrap_width=T.CONTENT_WIDTH, max_lines=m.lines[1]
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
        m = self._m
        key_font = T.app_font(m.px(T.BODY_PX))
        key_width = max(_text_width(key_font, tr(s)) for s in (S_ADVERTISER, S_PAYER, S_TARGETING))
        value_width = T.CONTENT_WIDTH - key_width - 4
        self._why_keys: list[QLabel] = []
        self._why_values: list[WrappedLabel] = []
        targeting_lines = 1 if m.compact else 2  # large text: the reasons' first line (all of them in 全文's history)
        rows = (("why_advertiser", S_ADVERTISER, 1), ("why_payer", S_PAYER, 1), ("why_targeting", S_TARGETING, targeting_lines))
        for index, (name, key, lines) in enumerate(rows):
            key_label = QLabel(tr(key), self.why_ad_panel)
            key_label.setTextFormat(Qt.TextFormat.PlainText)
            key_label.setObjectName("why_key")
            key_label.setFont(key_font)
            key_label.setFixedWidth(key_width)
            key_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            value = WrappedLabel(self.why_ad_panel, font=T.content_font(m.px(T.BODY_PX)), wrap_width=value_width, max_lines=lines)
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
        prefix_font, value_font = T.app_font(self._m.px(T.META_PX)), T.content_font(self._m.px(T.META_PX))
        self.source_label = ElidedLabel(self.meta_row, value_font=value_font, prefix_font=prefix_font)
        self.source_label.setObjectName("source_label")
        self.advertiser_label = ElidedLabel(self.meta_row, value_font=value_font, prefix_font=prefix_font)
        self.advertiser_label.setObjectName("advertiser_label")
        row.addWidget(self.source_label, 1)
        row.addWidget(self.advertiser_label, 1)
        return self.meta_row

    def _build_footer(self) -> QWidget:
        m = self._m
        font, bold = T.app_font(m.px(T.BUTTON_PX)), T.app_font(m.px(T.BUTTON_PX), bold=True)
        footer = QWidget(self)
        footer.setObjectName("footer")
        column = QVBoxLayout(footer)
        column.setContentsMargins(0, 6 if m.compact else 10, 0, 0)
        column.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(6)
        column.addLayout(row)
        self.action_buttons: list[QPushButton] = []
        for _ in range(T.MAX_SERVICE_ACTIONS):
            button = self._button(footer, "", "action_button", T.content_font(m.px(T.BUTTON_PX)))
            button.clicked.connect(lambda _=False, b=button: self._on_action(b))
            self.action_buttons.append(button)
            row.addWidget(button)
        self.why_ad_button = self._button(footer, tr(S_WHY_AD), "why_ad_button", font)
        self.why_ad_button.setCheckable(True)
        self.why_ad_button.toggled.connect(self._on_why_ad_toggled)
        row.addWidget(self.why_ad_button)
        row.addStretch(1)
        if m.compact:  # large text: 查看详情, 全文, 举报 and ⋯ on a row of their own
            row = QHBoxLayout()
            row.setSpacing(6)
            row.addStretch(1)
            column.addLayout(row)
        self.details_button = self._button(footer, tr(S_DETAILS), "details_button", bold)
        self.details_button.clicked.connect(self._on_details)
        self.full_text_button = self._button(footer, tr(S_FULL_TEXT), "full_text_button", font)
        self.full_text_button.setToolTip(tr(S_FULL_TEXT_TIP))
        self.full_text_button.clicked.connect(self.full_text_requested)
        self.report_button = self._button(footer, tr(S_REPORT), "report_button", font)
        self.report_button.setAccessibleName(tr(S_REPORT))
        self.report_button.clicked.connect(self.report_requested)
        self.more_button = QToolButton(footer)
        self.more_button.setObjectName("more_button")
        self.more_button.setAccessibleName(tr(S_MORE))
        self.more_button.setToolTip(tr(S_MORE))
        self.more_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.more_button.setFixedSize(m.button_height, m.button_height)
        self.more_button.setIconSize(QSize(round(16 * m.glyph_scale), round(16 * m.glyph_scale)))
        self.why_ad_button.setIconSize(QSize(round(14 * m.glyph_scale), round(14 * m.glyph_scale)))
        self.more_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more_button.setCheckable(True)
        self.more_button.toggled.connect(self._on_more_toggled)
        for widget in (self.details_button, self.full_text_button, self.report_button, self.more_button):
            row.addWidget(widget)
        return footer

    def _button(self, parent: QWidget, text: str, name: str, font: Any) -> QPushButton:
        button = QPushButton(text, parent)
        button.setObjectName(name)
        button.setFont(font)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoDefault(False)
        button.setFixedHeight(self._m.button_height)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        if text:
            button.setAccessibleName(text)
        return button
