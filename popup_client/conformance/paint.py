"""What a popup really paints: every text run with its font and place, and its pixels at any scale.

:func:`record_text` renders the popup into a recording paint device: each
text run any widget draws (QLabel, a button's style, a custom paintEvent)
arrives as one :class:`TextRun` with the painter's font, its rectangle in the
popup and the widget that drew it. So the kit reads what is on screen — an
elided provider name as elided, a badge in the font it was really drawn
with — instead of trusting properties.

:func:`grab` paints the popup into an image of ``scale`` × its logical size,
as the renderer does, for the pixel measurements.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF, QImage, QPaintDevice, QPaintEngine, QPixmap, QRegion, QTextItem
from PySide6.QtWidgets import QApplication, QWidget

from popup_client.ui.render import grab_scaled

log = logging.getLogger(__name__)

ELLIPSES = ("…", "...")


@dataclass(frozen=True)
class TextRun:
    """One run of text as painted.

    Attributes:
        widget: the widget whose paintEvent drew it.
        text: the characters drawn.
        font: the painter's font.
        rect: the run's box in popup coordinates (logical px): advance × (ascent + descent).
        pixel_size: the font's size in px (a point size converted at the widget's DPI).
    """

    widget: QWidget
    text: str
    font: QFont
    rect: QRectF
    pixel_size: float

    def visible_text(self, clip: QRectF) -> str:
        """The characters whose whole advance lies inside ``clip`` horizontally, counted from the run's start."""
        if self.rect.top() >= clip.bottom() or self.rect.bottom() <= clip.top():
            return ""
        if clip.left() <= self.rect.left() + 0.5 and self.rect.right() <= clip.right() + 0.5:
            return self.text
        left, right = max(self.rect.left(), clip.left()), min(self.rect.right(), clip.right())
        if self.rect.left() + 0.5 < clip.left():
            return ""  # the start is cut off
        metrics = QFontMetricsF(self.font)
        shown = ""
        for ch in self.text:
            if self.rect.left() + metrics.horizontalAdvance(shown + ch) > right + 0.5:
                break
            shown += ch
        return shown if left <= right else ""


@dataclass
class TextRecord:
    """Every text run a popup painted, in paint order."""

    runs: list[TextRun] = field(default_factory=list)

    def of(self, widget: QWidget | None) -> list[TextRun]:
        """The runs drawn by ``widget`` or its descendants."""
        if widget is None:
            return []
        return [r for r in self.runs if r.widget is widget or widget.isAncestorOf(r.widget)]

    def text_of(self, widget: QWidget | None) -> str:
        """What ``widget`` shows, as painted (runs joined in paint order)."""
        return "".join(r.text for r in self.of(widget))

    def all_text(self) -> str:
        return "\n".join(r.text for r in self.runs)

    def visible_text_of(self, widget: QWidget | None, clip: QRectF) -> str:
        """What ``widget`` shows inside ``clip`` (popup coordinates): characters cut off by the edge left out."""
        return "".join(run.visible_text(clip) for run in self.of(widget))


def pixel_size(font: QFont, dpi: float) -> float:
    """The font's size in px (pixel-sized fonts as set; point sizes at ``dpi``)."""
    if font.pixelSize() > 0:
        return float(font.pixelSize())
    if font.pointSizeF() > 0:
        return font.pointSizeF() * dpi / 72.0
    return float(QFontInfo(font).pixelSize())


class _Engine(QPaintEngine):
    """A paint engine that draws nothing and writes down every text item."""

    def __init__(self, recorder: _Recorder) -> None:
        super().__init__(QPaintEngine.PaintEngineFeature.AllFeatures)
        self._recorder = recorder

    def begin(self, device: QPaintDevice) -> bool:  # noqa: ARG002
        return True

    def end(self) -> bool:
        return True

    def type(self) -> QPaintEngine.Type:
        return QPaintEngine.Type.User

    def updateState(self, state: object) -> None:  # noqa: ARG002
        return None

    def drawTextItem(self, p: QPointF | QPoint, item: QTextItem) -> None:  # type: ignore[override]
        painter = self.painter()
        if painter is None:
            return
        self._recorder.text(painter.deviceTransform().map(QPointF(p)), item.text(), QFont(painter.font()))

    # Everything else is drawn into nothing. (Each must exist: the base class' versions are abstract.)
    def drawPixmap(self, *args: object) -> None:
        return None

    def drawImage(self, *args: object) -> None:
        return None

    def drawTiledPixmap(self, *args: object) -> None:
        return None

    def drawPath(self, *args: object) -> None:
        return None

    def drawPolygon(self, *args: object) -> None:
        return None

    def drawLines(self, *args: object) -> None:
        return None

    def drawRects(self, *args: object) -> None:
        return None

    def drawEllipse(self, *args: object) -> None:
        return None

    def drawPoints(self, *args: object) -> None:
        return None


class _Recorder(QPaintDevice):
    """The recording device; knows which widget is painting from the Paint events it sees."""

    def __init__(self, size: QRect, dpi: int) -> None:
        super().__init__()
        self._size = size
        self._dpi = dpi
        self._engine = _Engine(self)
        self.current: QWidget | None = None
        self.record = TextRecord()

    def paintEngine(self) -> QPaintEngine:
        return self._engine

    def metric(self, metric: QPaintDevice.PaintDeviceMetric) -> int:
        m = QPaintDevice.PaintDeviceMetric
        values = {
            m.PdmWidth: self._size.width(),
            m.PdmHeight: self._size.height(),
            m.PdmWidthMM: round(self._size.width() * 25.4 / self._dpi),
            m.PdmHeightMM: round(self._size.height() * 25.4 / self._dpi),
            m.PdmNumColors: 0,
            m.PdmDepth: 32,
            m.PdmDpiX: self._dpi,
            m.PdmDpiY: self._dpi,
            m.PdmPhysicalDpiX: self._dpi,
            m.PdmPhysicalDpiY: self._dpi,
            m.PdmDevicePixelRatio: 1,
            m.PdmDevicePixelRatioScaled: int(QPaintDevice.devicePixelRatioFScale()),
        }
        return int(values.get(metric, 0))

    def text(self, origin: QPointF, text: str, font: QFont) -> None:
        if self.current is None or not text:
            return
        metrics = QFontMetricsF(font, self)
        rect = QRectF(origin.x(), origin.y() - metrics.ascent(), metrics.horizontalAdvance(text), metrics.height())
        run = TextRun(self.current, text, font, rect, pixel_size(font, self._dpi))
        self.record.runs.append(run)


class _PaintWatcher(QObject):
    """Tells the recorder which widget paints next (Paint events reach application event filters)."""

    def __init__(self, recorder: _Recorder, popup: QWidget) -> None:
        super().__init__()
        self._recorder = recorder
        self._popup = popup

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
            if obj is self._popup or self._popup.isAncestorOf(obj):
                self._recorder.current = obj
        return False


def record_text(popup: QWidget) -> TextRecord:
    """Render ``popup`` once into a recorder and return every text run it painted."""
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("record_text() needs a QApplication")
    recorder = _Recorder(QRect(QPoint(0, 0), popup.size()), popup.logicalDpiY())
    watcher = _PaintWatcher(recorder, popup)
    app.installEventFilter(watcher)
    try:
        popup.render(recorder, QPoint(0, 0))
    finally:
        app.removeEventFilter(watcher)
    return recorder.record


def grab(widget: QWidget, scale: float) -> QImage:
    """``widget`` painted at ``scale`` × its logical size, as RGBA."""
    return grab_scaled(widget, scale).convertToFormat(QImage.Format.Format_RGBA8888)


def grab_alone(widget: QWidget, scale: float) -> QImage:
    """Only what ``widget`` and its children paint themselves (no window background), on transparency."""
    pixmap = QPixmap(round(widget.width() * scale), round(widget.height() * scale))
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    widget.render(pixmap, QPoint(0, 0), QRegion(), QWidget.RenderFlag.DrawChildren)
    return pixmap.toImage().convertToFormat(QImage.Format.Format_RGBA8888)


def visible_chars(text: str) -> int:
    """Characters of ``text`` a reader sees, the ellipsis and spaces not counted."""
    for ellipsis in ELLIPSES:
        text = text.replace(ellipsis, "")
    return sum(1 for ch in text if not ch.isspace())
