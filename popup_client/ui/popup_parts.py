"""Parts of the popup window: the close button, the content area, the ⋯ page, painted icons, style sheets.

Everything here is drawn from :mod:`popup_client.ui.theme`; nothing takes a
value from a payload.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QAbstractButton, QPushButton, QVBoxLayout, QWidget

from . import theme as T
from .i18n import tr

S_CLOSE = "关闭"  # the accessible name, in every language; the tooltip adds the translation


class CloseButton(QAbstractButton):
    """The close control: a 36 × 36 hit area with a painted ×, enabled from the first frame."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("close_button")
        self.setAccessibleName(S_CLOSE)
        self.setToolTip(tr("关闭", "tooltip"))
        self.setFixedSize(T.CLOSE_SIZE, T.CLOSE_SIZE)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self._glyph = QColor(T.LIGHT.close_glyph)
        self._hover = QColor(T.LIGHT.close_hover)
        self._focus = QColor(T.LIGHT.focus)
        self._arm = 5.5  # half the ×'s width; larger with large text (set_glyph_scale)

    def set_glyph_scale(self, scale: float) -> None:
        self._arm = 5.5 * scale
        self.update()

    def set_theme(self, theme: T.Theme) -> None:
        self._glyph, self._hover, self._focus = theme.qcolor("close_glyph"), theme.qcolor("close_hover"), theme.qcolor("focus")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(T.CLOSE_SIZE, T.CLOSE_SIZE)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self.width() / 2, self.height() / 2)
        if self.underMouse() or self.isDown():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._hover)
            painter.drawEllipse(centre, 14, 14)
        pen = QPen(self._glyph, 2.0 * self._arm / 5.5)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        arm = self._arm
        painter.drawLine(centre + QPointF(-arm, -arm), centre + QPointF(arm, arm))
        painter.drawLine(centre + QPointF(-arm, arm), centre + QPointF(arm, -arm))
        if self.hasFocus() or self.property("keyboard_focus"):  # the keyboard is here (a shortcut gave the popup the keyboard): a ring, 2 px
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(QPen(self._focus, 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(1, 1, self.width() - 2, self.height() - 2), 6, 6)
        painter.end()


class ContentArea(QWidget):
    """Title, body and image. A click on it emits :attr:`clicked` only while ``activatable``.

    Only ``service`` popups are activatable (the freedesktop "default"
    action); on ``ad``, ``news`` and ``content`` a click here does nothing.
    """

    clicked = Signal()  # a left click released inside the area, while activatable

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._activatable = False

    def set_activatable(self, on: bool) -> None:
        self._activatable = on
        if on:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()

    def is_activatable(self) -> bool:
        return self._activatable

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        inside = self.rect().contains(event.position().toPoint())
        if self._activatable and inside and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
            event.accept()
            return
        event.ignore()


def _painted_icon(side: int, paint: Callable[[QPainter], None], glyph_scale: float = 1.0) -> QIcon:
    """An icon of ``side`` × ``side`` logical px (times ``glyph_scale``) drawn by ``paint``, sharp at 1×, 2× and 3×."""
    icon = QIcon()
    side = round(side * glyph_scale)
    for scale in (1, 2, 3):
        pixmap = QPixmap(side * scale, side * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(glyph_scale, glyph_scale)
        paint(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def dots_icon(color: QColor, glyph_scale: float = 1.0) -> QIcon:
    """The "⋯" of the menu button, painted (no font needed)."""

    def paint(painter: QPainter) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        for x in (3.5, 8.0, 12.5):
            painter.drawEllipse(QPointF(x, 8.0), 1.5, 1.5)

    return _painted_icon(16, paint, glyph_scale)


def info_icon(color: QColor, glyph_scale: float = 1.0) -> QIcon:
    """A circled i for 「为什么看到此广告」, painted."""

    def paint(painter: QPainter) -> None:
        painter.setPen(QPen(color, 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(7, 7), 5.8, 5.8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(QPointF(7, 4.3), 0.9, 0.9)
        painter.drawRoundedRect(QRectF(6.25, 5.9, 1.5, 4.6), 0.6, 0.6)

    return _painted_icon(14, paint, glyph_scale)


def window_stylesheet(t: T.Theme) -> str:
    """The window's style sheet: colours, radii and paddings from the theme, never from a payload."""
    return f"""
QLabel#ad_label {{ background: {t.badge}; color: {t.badge_text}; border-radius: 4px; }}
QLabel#unverified_label {{ background: {t.chip}; color: {t.chip_text}; border-radius: 4px; }}
QWidget#why_ad_panel QLabel {{ color: {t.text_secondary}; }}
QPushButton {{
    background: {t.button}; color: {t.button_text}; border: none; border-radius: 6px; padding: 0 10px;
}}
QPushButton:hover {{ background: {t.button_hover}; }}
QPushButton:pressed {{ background: {t.button_pressed}; }}
QPushButton#details_button {{ background: {t.primary}; color: {t.primary_text}; }}
QPushButton#details_button:hover {{ background: {t.primary_hover}; }}
QPushButton#why_ad_button {{ background: transparent; color: {t.text_secondary}; padding: 0 6px; }}
QPushButton#why_ad_button:hover, QPushButton#why_ad_button:checked {{ background: {t.button}; color: {t.text}; }}
QToolButton#more_button {{ background: transparent; border: none; border-radius: 6px; }}
QToolButton#more_button:hover, QToolButton#more_button:checked {{ background: {t.button_hover}; }}
QPushButton#block_button, QPushButton#fewer_button {{ text-align: left; }}
QPushButton:focus, QToolButton#more_button:focus, QPushButton[keyboard_focus="true"],
QToolButton#more_button[keyboard_focus="true"] {{ border: 2px solid {t.focus}; }}
QToolTip {{ color: {t.text}; background: {t.menu}; border: 1px solid {t.border}; }}
""" + (_outlines(t) if t.outline else "")


def _outlines(t: T.Theme) -> str:
    """High contrast: every button and chip outlined, so each control's edge shows without colour."""
    return f"""
QPushButton, QToolButton#more_button, QLabel#unverified_label {{ border: 1px solid {t.outline}; }}
QPushButton#why_ad_button {{ border: 1px solid {t.outline}; }}
QPushButton:focus, QToolButton#more_button:focus, QPushButton[keyboard_focus="true"],
QToolButton#more_button[keyboard_focus="true"] {{ border: 2px solid {t.focus}; }}
"""


class MorePanel(QWidget):
    """What ⋯ opens, inside the card (a menu would be a window of its own, which a layer surface cannot parent).

    Two buttons: stop this source, fewer like this. The card's footer stays
    below it, so ⋯ (checked) closes the page again.
    """

    block_requested = Signal()  # 「不再接收此来源」
    fewer_requested = Signal()  # 「减少此类推送」

    def __init__(self, parent: QWidget, *, block_text: str, fewer_text: str, font: Any, height: int) -> None:
        super().__init__(parent)
        self.setObjectName("more_panel")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self.block_button = self._button(block_text, "block_button", font, height)
        self.block_button.clicked.connect(self.block_requested)
        self.fewer_button = self._button(fewer_text, "fewer_button", font, height)
        self.fewer_button.clicked.connect(self.fewer_requested)
        column.addWidget(self.block_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.fewer_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)

    def _button(self, text: str, name: str, font: Any, height: int) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setFont(font)
        button.setAccessibleName(text)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoDefault(False)
        button.setFixedHeight(height)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button
