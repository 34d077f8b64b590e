"""Measurements on rendered pixels: WCAG 2 contrast, painted-over controls, missing glyphs (tofu).

Contrast is measured on what was painted, not on declared colours: in the
control's rectangle the most frequent colour is its background; among the
colours that make up a real share of the rest (anti-aliasing fringes are
too rare to count), the one farthest from the background is the text or
glyph colour. Translucent pixels are composited over white first.

Tofu is found with Qt's own text layout: the text is laid out in the very
font the widget painted it with, font merging and fallback included, and a
glyph index 0 (``.notdef``, the empty box) means a character no font could
draw.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QFont, QImage, QTextLayout

log = logging.getLogger(__name__)

RGB = tuple[int, int, int]

#: A colour counts as a foreground candidate when it covers at least this share of the non-background pixels.
MIN_SHARE = 0.03
MIN_PIXELS = 2


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    r, g, b = rgb
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def hex_colour(rgb: RGB) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


@dataclass(frozen=True)
class Contrast:
    """The two colours found and their ratio."""

    background: RGB
    foreground: RGB | None
    ratio: float
    pixels: int

    def describe(self) -> str:
        if self.foreground is None:
            return f"only the background {hex_colour(self.background)} was painted"
        return f"{hex_colour(self.foreground)} on {hex_colour(self.background)}"


def device_rect(rect: QRect | QRectF, scale: float, image: QImage) -> QRect:
    """A logical rectangle in image pixels, clipped to the image."""
    r = QRectF(rect)
    out = QRect(round(r.left() * scale), round(r.top() * scale), round(r.width() * scale), round(r.height() * scale))
    return out.intersected(image.rect())


def pixels(image: QImage, rect: QRect) -> list[RGB]:
    """The pixels of an RGBA8888 ``image`` inside ``rect`` (image pixels), composited over white."""
    if image.format() != QImage.Format.Format_RGBA8888:
        image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    data = bytes(image.constBits())
    stride = image.bytesPerLine()
    out: list[RGB] = []
    for y in range(rect.top(), rect.top() + rect.height()):
        row = y * stride
        for x in range(rect.left(), rect.left() + rect.width()):
            i = row + 4 * x
            r, g, b, a = data[i], data[i + 1], data[i + 2], data[i + 3]
            if a < 255:
                r, g, b = (round(c * a / 255 + 255 * (1 - a / 255)) for c in (r, g, b))
            out.append((r, g, b))
    return out


def measure_contrast(image: QImage, rect: QRect | QRectF, scale: float, focus: QRect | QRectF | None = None) -> Contrast | None:
    """Contrast of what is painted in ``rect`` (logical px) against its background.

    ``focus`` narrows where the foreground is looked for (the text's own
    box), so that rounded corners showing the card behind do not count.
    Returns None when the rectangle is empty.
    """
    area = device_rect(rect, scale, image)
    if area.isEmpty():
        return None
    counts = Counter(pixels(image, area))
    background = counts.most_common(1)[0][0]
    inner = device_rect(focus, scale, image).intersected(area) if focus is not None else area
    if inner.isEmpty():
        inner = area
    rest = Counter(pixels(image, inner))
    rest.pop(background, None)
    total = sum(rest.values())
    floor = max(MIN_PIXELS, MIN_SHARE * total)
    candidates = [colour for colour, n in rest.items() if n >= floor]
    if not candidates:
        return Contrast(background, None, 1.0, area.width() * area.height())
    foreground = max(candidates, key=lambda c: contrast_ratio(background, c))
    return Contrast(background, foreground, contrast_ratio(background, foreground), area.width() * area.height())


def covered_pixels(alone: QImage, composite: QImage) -> tuple[int, int]:
    """(covered, painted): of the opaque pixels of ``alone``, how many differ in ``composite`` (same size).

    ``composite`` is cut from the whole popup's image; where the widget lies
    outside it, ``QImage.copy`` fills with transparent black, so clipped
    pixels count as covered.
    """
    if alone.size() != composite.size():
        raise ValueError(f"cannot compare a {alone.size()} image with a {composite.size()} one")
    a8 = alone.convertToFormat(QImage.Format.Format_RGBA8888)
    b8 = composite.convertToFormat(QImage.Format.Format_RGBA8888)
    da, db = bytes(a8.constBits()), bytes(b8.constBits())
    stride = a8.bytesPerLine()
    covered = painted = 0
    for y in range(a8.height()):
        row = y * stride
        for x in range(a8.width()):
            i = row + 4 * x
            if da[i + 3] == 255:
                painted += 1
                if da[i : i + 3] != db[i : i + 3]:
                    covered += 1
    return covered, painted


def missing_glyphs(text: str, font: QFont) -> list[str]:
    """The characters of ``text`` that ``font`` (with Qt's fallback) draws as tofu, in order, once each."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1_000_000)
    layout.endLayout()
    missing: list[str] = []
    for run in layout.glyphRuns():
        if 0 not in run.glyphIndexes():
            continue
        raw = run.rawFont()
        for ch in text:
            if ch.isspace() or ch in missing:
                continue
            if not raw.supportsCharacter(ord(ch)) and _glyph_is_notdef(ch, font):
                missing.append(ch)
    return missing


def _glyph_is_notdef(ch: str, font: QFont) -> bool:
    """Whether laying out ``ch`` alone in ``font`` gives the .notdef glyph."""
    layout = QTextLayout(ch, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return any(0 in run.glyphIndexes() for run in layout.glyphRuns())
