"""Text size on the pixels: the ink's height against the same text drawn at 12 px by the same renderer."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPointF, QRect
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter

from popup_client.conformance.glyphs import measure_ink

WHITE, INK = (255, 255, 255), (32, 33, 36)


def font(px: int) -> QFont:
    f = QFont()
    f.setPixelSize(px)
    return f


def drawn(text: str, px: int, *, size: tuple[int, int] | None = None, scale: float = 1.0, shrink: float = 1.0,
          border: bool = False) -> tuple[QImage, QRect]:  # fmt: skip
    """``text`` at ``px`` in a label as tight as the font (or ``size``), optionally under a scale transform."""
    metrics = QFontMetricsF(font(px))
    width, height = size or (round(metrics.horizontalAdvance(text)) + 4, round(metrics.height()))
    image = QImage(round(width * scale), round(height * scale), QImage.Format.Format_RGBA8888)
    image.setDevicePixelRatio(scale)
    image.fill(QColor(*WHITE))
    painter = QPainter(image)
    painter.setPen(QColor(*INK))
    if border:
        painter.drawRect(0, 0, width - 1, height - 1)
    painter.scale(shrink, shrink)
    painter.setFont(font(px))
    painter.drawText(QPointF(2 / shrink, metrics.ascent()), text)
    painter.end()
    image.setDevicePixelRatio(1)
    return image, QRect(0, 0, width, height)


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("text", ["某某科技", "Shop gpqy", "广告"])
def test_text_at_12_px_or_more_passes_even_in_a_tight_label(qapp: Any, text: str, scale: float) -> None:
    for px in (12, 14):
        image, rect = drawn(text, px, scale=scale)
        ink = measure_ink(image, rect, scale, text, font(px), WHITE, INK)
        assert ink.passed, ink.describe(text)


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_text_painted_under_a_scale_transform_fails(qapp: Any, scale: float) -> None:
    image, rect = drawn("广告", 12, size=(40, 20), scale=scale, shrink=0.6)
    ink = measure_ink(image, rect, scale, "广告", font(12), WHITE, INK)
    assert not ink.passed and ink.height < 0.7 * ink.reference, ink.describe("广告")


def test_a_border_in_the_text_colour_does_not_make_small_text_look_large(qapp: Any) -> None:
    image, rect = drawn("广告", 8, size=(40, 20), border=True)
    ink = measure_ink(image, rect, 1.0, "广告", font(8), WHITE, INK)
    assert not ink.passed, ink.describe("广告")
