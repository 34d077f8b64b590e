"""Provider avatars and payload images: safe decoding and the initials avatar.

Image bytes come from a payload, so they are decoded with
:class:`QImageReader` under an allocation limit, after checking the format
(PNG or JPEG, from the bytes) and the declared size, and scaled while
decoding into a bounded box — ahead of time, on a worker thread, for large
images (:func:`prepare_image`). A provider without a usable icon gets a
round avatar with its initials, in the app's colours.
"""

from __future__ import annotations

import logging
import math
import threading
from collections import OrderedDict

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QImageReader, QPainter, QPainterPath, QPixmap

from ..core.digests import blake2b

log = logging.getLogger(__name__)

ALLOCATION_LIMIT_MB = 80  # a 4096 × 4096 RGBA image is 64 MiB
FORMATS = (b"png", b"jpeg")


def initials(name: str) -> str:
    """One or two characters for an avatar: 「示例新闻」 → 「示」, "Example News" → "EN"."""
    words = [w for w in name.split() if w]
    if not words:
        return "?"
    first = next((ch for ch in words[0] if ch.isalnum()), words[0][0])
    if first.isascii() and len(words) > 1:
        second = next((ch for ch in words[1] if ch.isalnum()), "")
        if second.isascii():
            return (first + second).upper()
    return first.upper()


#: Prepared images are decoded for this pixel ratio and scaled down from it when shown.
PREPARED_DPR = 3.0
PREPARED_KEPT = 16
_prepared: OrderedDict[tuple[bytes, int, int, int, bool], QImage] = OrderedDict()
_prepared_lock = threading.Lock()


def _key(data: bytes, box: QSize, max_side: int, upscale: bool) -> tuple[bytes, int, int, int, bool]:
    return (blake2b(data, digest_size=16).digest(), box.width(), box.height(), max_side, upscale)


def prepare_image(data: bytes, *, box: QSize, max_side: int, upscale: bool = False) -> None:
    """Decode ``data`` now, on any thread, so that :func:`decode_image` later only scales a small copy.

    Decoding a 4096 × 4096 PNG takes a fifth of a second: too long for the
    thread that draws the popups, which would stop answering D-Bus and the
    socket meanwhile. The stack prepares large images on a worker thread
    before it shows their popup.
    """
    image = _read(data, box=box, dpr=PREPARED_DPR, max_side=max_side, upscale=upscale)
    if image is None:
        return
    with _prepared_lock:
        _prepared[_key(data, box, max_side, upscale)] = image
        while len(_prepared) > PREPARED_KEPT:
            _prepared.popitem(last=False)


def _take_prepared(data: bytes, box: QSize, max_side: int, upscale: bool) -> QImage | None:
    with _prepared_lock:
        return _prepared.get(_key(data, box, max_side, upscale))


def decode_image(data: bytes, *, box: QSize, dpr: float, max_side: int, upscale: bool = False) -> QImage | None:
    """Decode PNG/JPEG ``data`` to fit ``box`` (logical px) at ``dpr``; None if unusable.

    Without ``upscale`` an image smaller than the box keeps its size
    (one image pixel per logical pixel). An image prepared by
    :func:`prepare_image` is only scaled from its prepared copy.
    """
    prepared = _take_prepared(data, box, max_side, upscale)
    if prepared is not None:
        logical = prepared.deviceIndependentSize().toSize()
        device = QSize(max(1, round(logical.width() * dpr)), max(1, round(logical.height() * dpr)))
        image = prepared.scaled(device, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
        image.setDevicePixelRatio(dpr)
        return image
    return _read(data, box=box, dpr=dpr, max_side=max_side, upscale=upscale)


def _read(data: bytes, *, box: QSize, dpr: float, max_side: int, upscale: bool) -> QImage | None:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setDecideFormatFromContent(True)
    reader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    if bytes(reader.format().data()) not in FORMATS:
        log.warning("image not shown: not PNG or JPEG")
        return None
    size = reader.size()
    if not size.isValid() or size.isEmpty() or max(size.width(), size.height()) > max_side:
        log.warning("image not shown: size %s × %s out of bounds", size.width(), size.height())
        return None
    logical = size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio) if upscale or _exceeds(size, box) else size
    device = QSize(max(1, round(logical.width() * dpr)), max(1, round(logical.height() * dpr)))
    reader.setScaledSize(device)
    reader.setQuality(100)
    image = reader.read()
    if image.isNull():
        log.warning("image not shown: %s", reader.errorString())
        return None
    image.setDevicePixelRatio(dpr)
    return image


def _exceeds(size: QSize, box: QSize) -> bool:
    return size.width() > box.width() or size.height() > box.height()


def rounded_pixmap(image: QImage, radius: float) -> QPixmap:
    """``image`` as a pixmap with rounded corners (radius in logical px)."""
    dpr = image.devicePixelRatio()
    pixmap = QPixmap(image.size())
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
    rect = QRectF(0, 0, image.width() / dpr, image.height() / dpr)
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    painter.setClipPath(path)
    painter.drawImage(rect, image)
    painter.end()
    return pixmap


def icon_pixmap(data: bytes | None, *, size: int, dpr: float, max_side: int) -> QPixmap | None:
    """The provider's icon, square-ish, fitted into ``size`` × ``size`` with rounded corners."""
    if not data:
        return None
    image = decode_image(data, box=QSize(size, size), dpr=dpr, max_side=max_side, upscale=True)
    if image is None:
        return None
    return rounded_pixmap(image, size * 0.22)


def avatar_pixmap(name: str, *, size: int, dpr: float, background: QColor, foreground: QColor, font: QFont) -> QPixmap:
    """A round avatar with the initials of ``name``."""
    pixmap = QPixmap(math.ceil(size * dpr), math.ceil(size * dpr))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(background)
    rect = QRectF(0, 0, size, size)
    painter.drawEllipse(rect)
    painter.setPen(foreground)
    painter.setFont(font)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.end()
    return pixmap
