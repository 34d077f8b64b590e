"""How large text really is on the pixels: the height of its ink, against the same text drawn at 12 px.

A font that says 12 px proves nothing when the painter is scaled, or a
style shrinks what it draws. So the kit finds the text's ink in the
rendered popup — the pixels nearer the text colour than the background,
grouped into connected strokes, those that look like a frame (along an
edge, or in a corner: a border, a rounded corner showing the card) left
out — and measures the
height of their union. The yardstick is the same characters drawn by the
same renderer, in the same font family and weight, at exactly 12 px, at the
same scale, in the same two colours.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter

from .pixels import RGB, device_rect, pixels

log = logging.getLogger(__name__)

#: The ink may be this much shorter than the yardstick's (logical px): anti-aliasing at a glyph's edge.
TOLERANCE_PX = 0.75


def _distance(a: RGB, b: RGB) -> float:
    return float(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5)


def _components(ink: list[list[bool]]) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (x0, y0, x1, y1, inclusive) of the 8-connected groups of ink."""
    height, width = len(ink), len(ink[0]) if ink else 0
    seen = [[False] * width for _ in range(height)]
    boxes = []
    for y in range(height):
        for x in range(width):
            if not ink[y][x] or seen[y][x]:
                continue
            stack, box = [(x, y)], [x, y, x, y]
            seen[y][x] = True
            while stack:
                cx, cy = stack.pop()
                box = [min(box[0], cx), min(box[1], cy), max(box[2], cx), max(box[3], cy)]
                for nx in (cx - 1, cx, cx + 1):
                    for ny in (cy - 1, cy, cy + 1):
                        if 0 <= nx < width and 0 <= ny < height and ink[ny][nx] and not seen[ny][nx]:
                            seen[ny][nx] = True
                            stack.append((nx, ny))
            boxes.append((box[0], box[1], box[2], box[3]))
    return boxes


def _frame_like(box: tuple[int, int, int, int], width: int, height: int) -> bool:
    """A border, or a rounded corner showing the card: at the edge and long, or in a corner; not a glyph."""
    x0, y0, x1, y1 = box
    left, top, right, bottom = x0 == 0, y0 == 0, x1 == width - 1, y1 == height - 1
    along_side = (left or right) and (y1 - y0 + 1) >= 0.6 * height
    along_top_or_bottom = (top or bottom) and (x1 - x0 + 1) >= 0.6 * width  # a descender is not this wide
    return along_side or along_top_or_bottom or sum((left, top, right, bottom)) >= 2


def ink_height(image: QImage, area: QRect, background: RGB, foreground: RGB) -> int:
    """Height in image px of the ink inside ``area`` (image px); 0 if there is none."""
    if area.isEmpty():
        return 0
    span = _distance(background, foreground)
    flat = pixels(image, area)
    width = area.width()
    ink = [[False] * width for _ in range(area.height())]
    for index, rgb in enumerate(flat):
        to_bg, to_fg = _distance(rgb, background), _distance(rgb, foreground)
        ink[index // width][index % width] = to_bg >= span / 2 and to_fg < to_bg
    inner = [b for b in _components(ink) if not _frame_like(b, width, area.height())]
    if not inner:
        return 0
    return max(b[3] for b in inner) - min(b[1] for b in inner) + 1


@dataclass(frozen=True)
class InkSize:
    """The text's ink height and the yardstick's, in logical px."""

    height: float
    reference: float
    family: str

    @property
    def passed(self) -> bool:
        return self.height > 0 and self.height >= self.reference - TOLERANCE_PX

    def describe(self, text: str) -> str:
        return (f"ink {self.height:g} px high; 「{text}」 drawn at 12 px in {self.family} by the same renderer: "
                f"{self.reference:g} px")  # fmt: skip


def reference_height(text: str, font: QFont, scale: float, background: RGB, foreground: RGB, px: float = 12) -> float:
    """The ink height (logical px) of ``text`` drawn at ``px`` in ``font``'s family and weight, at ``scale``."""
    yard = QFont(font)
    yard.setPixelSize(round(px))
    metrics = QFontMetricsF(yard)
    width, height = metrics.horizontalAdvance(text) + 8, metrics.height() + 8
    image = QImage(round(width * scale), round(height * scale), QImage.Format.Format_RGBA8888)
    image.setDevicePixelRatio(scale)
    image.fill(QColor(*background))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setFont(yard)
    painter.setPen(QColor(*foreground))
    painter.drawText(QPointF(4, 4 + metrics.ascent()), text)
    painter.end()
    image.setDevicePixelRatio(1)
    return ink_height(image, image.rect(), background, foreground) / scale


def measure_ink(image: QImage, rect: QRect | QRectF, scale: float, text: str, font: QFont, background: RGB,
                foreground: RGB) -> InkSize:  # fmt: skip
    """The ink of ``text`` painted in ``rect`` (logical px) of ``image``, against its 12 px yardstick."""
    area = device_rect(rect, scale, image)
    found = ink_height(image, area, background, foreground) / scale
    return InkSize(round(found, 2), round(reference_height(text, font, scale, background, foreground), 2), font.family())


def cjk_part(text: str) -> str:
    """The CJK characters of ``text`` (the yardstick of a mixed badge such as 「广告 Ad」), else the text."""
    cjk = "".join(ch for ch in text if "\u3400" <= ch <= "\u9fff")
    return cjk or text
