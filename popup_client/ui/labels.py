"""Plain-text labels that elide: payload text can never resize or restyle a popup.

Both label classes keep the *full* text as :meth:`QLabel.text` (plain text
only, for screen readers and tests) and paint what fits themselves:

- :class:`ElidedLabel` — one line: an optional prefix in the app's font
  (「来源：」) and a value in the content font, elided on the right but never
  to fewer than ``min_chars`` characters (its minimum width reserves them).
- :class:`WrappedLabel` — up to ``max_lines`` lines wrapped at a fixed
  width, the last one elided.

When text is cut, the full text becomes the tooltip, escaped so that markup
in a payload shows literally there too.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

ELLIPSIS = "…"
LINE_HEIGHT = 1.45  # line height as a multiple of the pixel size: room for CJK fallback glyphs
TOOLTIP_MAX_CHARS = 2000
# Bidirectional controls (the core strips them too): an override must not reorder what a label shows.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def strip_bidi_controls(text: str) -> str:
    """``text`` without bidirectional embedding, override and isolate controls."""
    return _BIDI_CONTROLS.sub("", text)


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally (Qt would render a tooltip that looks like HTML)."""
    if not text:
        return ""
    if len(text) > TOOLTIP_MAX_CHARS:
        text = text[:TOOLTIP_MAX_CHARS] + ELLIPSIS
    import html  # here: html.entities is half a MiB an idle app need not hold

    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def line_height(font: QFont) -> int:
    """Height of one line of ``font`` (a pixel-sized font)."""
    size = font.pixelSize() if font.pixelSize() > 0 else QFontMetricsF(font).height()
    return math.ceil(size * LINE_HEIGHT)


def _utf16_slice(text: str, start: int, length: int) -> str:
    """``text[start:start+length]`` counted in UTF-16 code units, as Qt counts."""
    units = text.encode("utf-16-le")
    return units[2 * start : 2 * (start + length)].decode("utf-16-le", "ignore")


def _paragraph_lines(paragraph: str, font: QFont, width: float, limit: int) -> list[str]:
    """Wrap one paragraph into raw line segments (trailing spaces kept); stop after ``limit`` lines."""
    layout = QTextLayout(paragraph, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    while len(lines) < limit:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(_utf16_slice(paragraph, line.textStart(), line.textLength()))
    layout.endLayout()
    return lines


def wrap_text(text: str, font: QFont, width: float, max_lines: int) -> tuple[list[str], bool]:
    """Wrap ``text`` into at most ``max_lines`` lines of ``width`` px; return (lines, elided).

    Paragraphs (``\n``) start new lines, with at most one blank line
    between them. When text is left over, the last line ends with "…".
    """
    lines: list[tuple[str, int]] = []  # (raw segment, paragraph number)
    for number, paragraph in enumerate(text.strip("\n").split("\n")):
        if len(lines) > max_lines:
            break
        if not paragraph.strip():
            if lines and lines[-1][0]:
                lines.append(("", number))  # one blank line between paragraphs, never a run of them
            continue
        segments = _paragraph_lines(paragraph, font, width, max_lines + 1 - len(lines))
        lines.extend((segment, number) for segment in segments)
    while lines and not lines[-1][0]:
        lines.pop()
    if len(lines) <= max_lines:
        return [segment.rstrip() for segment, _ in lines], False
    kept = [segment.rstrip() for segment, _ in lines[: max_lines - 1]]
    last, number = lines[max_lines - 1]
    following, next_number = lines[max_lines]
    tail = last + following if next_number == number else last.rstrip()
    kept.append(_ending_in_ellipsis(tail.rstrip(), QFontMetricsF(font), width))
    return kept, True


def _ending_in_ellipsis(text: str, metrics: QFontMetricsF, width: float) -> str:
    """``text`` cut to ``width`` px so that it ends with an ellipsis (more text follows)."""
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    if shown.endswith(ELLIPSIS):
        return shown
    while shown and metrics.horizontalAdvance(shown + ELLIPSIS) > width:
        shown = shown[:-1]
    return shown.rstrip() + ELLIPSIS


class _PlainLabel(QLabel):
    """A QLabel that holds plain text, takes no focus and no text interaction."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setOpenExternalLinks(False)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self._color = QColor("#000000")
        self._elided = False

    def set_color(self, color: QColor) -> None:
        self._color = QColor(color)
        self.update()

    def color(self) -> QColor:
        return QColor(self._color)

    def is_elided(self) -> bool:
        return self._elided

    def _set_elided(self, elided: bool, full: str) -> None:
        self._elided = elided
        self.setToolTip(plain_tooltip(full) if elided else "")


class ElidedLabel(_PlainLabel):
    """One line: prefix (app font) + value (content font), the value elided on the right."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        value_font: QFont,
        prefix_font: QFont | None = None,
        min_chars: int = 4,
    ) -> None:
        super().__init__(parent)
        self._prefix = ""
        self._value = ""
        self._shown = ""
        self._value_font = QFont(value_font)
        self._prefix_font = QFont(prefix_font or value_font)
        self._min_chars = min_chars
        self._elided_for: tuple[int, str, str] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_parts(self, prefix: str, value: str) -> None:
        """Show ``prefix`` (an app string) then ``value`` (payload text)."""
        self._prefix = prefix
        self._value = strip_bidi_controls(value).replace("\n", " ")
        self.setText(self._prefix + self._value)
        self.updateGeometry()
        self._refresh()

    def full_text(self) -> str:
        return self._prefix + self._value

    def displayed_text(self) -> str:
        """What is painted: the prefix and the (possibly elided) value."""
        self._refresh()
        return self._prefix + self._shown

    def displayed_value_chars(self) -> int:
        """How many characters of the value are visible (the ellipsis not counted)."""
        self._refresh()
        return len(self._shown) - (1 if self._elided else 0)

    def is_elided(self) -> bool:
        self._refresh()
        return self._elided

    def _prefix_width(self) -> float:
        return QFontMetricsF(self._prefix_font).horizontalAdvance(self._prefix) if self._prefix else 0.0

    def _value_width(self, text: str) -> float:
        return QFontMetricsF(self._value_font).horizontalAdvance(text)

    def _height(self) -> int:
        return max(line_height(self._value_font), line_height(self._prefix_font))

    def sizeHint(self) -> QSize:
        return QSize(math.ceil(self._prefix_width() + self._value_width(self._value)) + 2, self._height())

    def minimumSizeHint(self) -> QSize:
        shortest = self._value if len(self._value) <= self._min_chars else self._value[: self._min_chars] + ELLIPSIS
        return QSize(math.ceil(self._prefix_width() + self._value_width(shortest)) + 2, self._height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refresh()

    def _refresh(self) -> None:
        """Elide for the current width, once per (width, text)."""
        key = (self.contentsRect().width(), self._prefix, self._value)
        if key != self._elided_for:
            self._elided_for = key
            self._elide()

    def _elide(self) -> None:
        available = self.contentsRect().width() - self._prefix_width() - 1
        if self._value_width(self._value) <= available:
            self._shown = self._value
            self._set_elided(False, self.full_text())
        else:
            metrics = QFontMetricsF(self._value_font)
            shown = metrics.elidedText(self._value, Qt.TextElideMode.ElideRight, available)
            if len(shown) - 1 < self._min_chars:
                shown = self._value[: self._min_chars] + ELLIPSIS
            self._shown = shown
            self._set_elided(True, self.full_text())
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        self._refresh()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(self._color)
        rect = self.contentsRect()
        metrics = QFontMetricsF(self._value_font)
        baseline = rect.top() + (rect.height() - metrics.height()) / 2 + metrics.ascent()
        x = float(rect.left())
        if self._prefix:
            painter.setFont(self._prefix_font)
            painter.drawText(QPointF(x, baseline), self._prefix)
            x += self._prefix_width()
        painter.setFont(self._value_font)
        painter.drawText(QPointF(x, baseline), self._shown)
        painter.end()


class WrappedLabel(_PlainLabel):
    """Up to ``max_lines`` lines of plain text wrapped at a fixed width; the last one elided."""

    def __init__(self, parent: QWidget | None = None, *, font: QFont, wrap_width: int, max_lines: int) -> None:
        super().__init__(parent)
        self._font = QFont(font)
        self._wrap_width = wrap_width
        self._max_lines = max_lines
        self._lines: list[str] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_value(self, text: str, *, max_lines: int | None = None, wrap_width: int | None = None) -> None:
        """Show ``text``; ``max_lines`` / ``wrap_width`` replace the ones given before."""
        if max_lines is not None:
            self._max_lines = max_lines
        if wrap_width is not None:
            self._wrap_width = wrap_width
        text = strip_bidi_controls(text)
        self.setText(text)
        self._lines, elided = wrap_text(text, self._font, self._wrap_width, self._max_lines)
        self._set_elided(elided, text)
        self.updateGeometry()
        self.update()

    def full_text(self) -> str:
        return self.text()

    def displayed_lines(self) -> list[str]:
        return list(self._lines)

    def displayed_text(self) -> str:
        return "\n".join(self._lines)

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        height = len(self._lines) * line_height(self._font)
        return QSize(self._wrap_width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(self._color)
        painter.setFont(self._font)
        rect = self.contentsRect()
        metrics = QFontMetricsF(self._font)
        step = line_height(self._font)
        top = rect.top() + (step - metrics.height()) / 2 + metrics.ascent()
        for index, line in enumerate(self._lines):
            painter.drawText(QPointF(rect.left(), top + index * step), line)
        painter.end()


class PictureLabel(_PlainLabel):
    """Shows a pixmap at its own device pixel ratio (QLabel would re-rasterize it at the screen's).

    Rendering at 2× into a 2× pixmap then keeps every decoded pixel.
    ``top_margin`` is space above the picture (style sheets reset contents
    margins, so this label keeps its own).
    """

    def __init__(self, parent: QWidget | None = None, *, top_margin: int = 0) -> None:
        super().__init__(parent)
        self._pixmap = QPixmap()
        self._top = top_margin

    def set_picture(self, pixmap: QPixmap | None) -> None:
        self._pixmap = QPixmap(pixmap) if pixmap is not None else QPixmap()
        self.updateGeometry()
        self.update()

    def pixmap(self) -> QPixmap:
        """The pixmap as set, at its own device pixel ratio."""
        return QPixmap(self._pixmap)

    def clear(self) -> None:
        self.set_picture(None)

    def sizeHint(self) -> QSize:
        if self._pixmap.isNull():
            return QSize(0, 0)
        size = self._pixmap.deviceIndependentSize().toSize()
        return QSize(size.width(), size.height() + self._top)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._pixmap.isNull():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        size = self._pixmap.deviceIndependentSize()
        painter.drawPixmap(QRectF(0, self._top, size.width(), size.height()), self._pixmap, QRectF(self._pixmap.rect()))
        painter.end()
