"""Data-URI images: parsing, and format and size read from the header.

The declared MIME type is never trusted: the format comes from the bytes'
signature and the pixel size from the PNG ``IHDR`` chunk or the JPEG
start-of-frame marker, read before anything is decoded.
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
from dataclasses import dataclass

from .text import QT_TRANSLATE_NOOP

_DATA_URI = re.compile(r"^data:(?P<mime>[a-z0-9.+/-]+)(?P<params>(;[a-z0-9-]+=[^;,]*)*);base64,(?P<data>.*)$", re.S | re.I)
_PNG_SIG = b"\x89PNG\r\n\x1a\n"
_JPEG_SIG = b"\xff\xd8\xff"
# JPEG start-of-frame markers carry the image size (not DHT C4, JPG C8, DAC CC).
_SOF_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_MIME_OF = {"png": "image/png", "jpeg": "image/jpeg"}
_TOO_LARGE = QT_TRANSLATE_NOOP("core", "is larger than {kib} KiB once decoded; send a smaller image")


class ImageProblem(ValueError):
    """An image that is not a well-formed, acceptable data URI."""


@dataclass(frozen=True)
class ImageInfo:
    """What the header of an image says."""

    format: str  # "png" or "jpeg"
    width: int
    height: int
    data: bytes

    @property
    def mime(self) -> str:
        return _MIME_OF[self.format]


def decode_data_uri(uri: str, *, max_bytes: int) -> tuple[str, bytes]:
    """Split a ``data:`` URI into its declared MIME type and decoded bytes."""
    match = _DATA_URI.match(uri)
    if not match:
        raise ImageProblem(QT_TRANSLATE_NOOP("core", "must be a data: URI with base64 content, e.g. data:image/png;base64,…"))
    encoded = re.sub(r"\s+", "", match["data"])
    if len(encoded) * 3 // 4 > max_bytes + 3:
        raise ImageProblem(_TOO_LARGE.format(kib=max_bytes // 1024))
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ImageProblem(QT_TRANSLATE_NOOP("core", "has invalid base64 content")) from None
    if len(data) > max_bytes:
        raise ImageProblem(_TOO_LARGE.format(kib=max_bytes // 1024))
    return match["mime"].lower(), data


def sniff_size(data: bytes) -> tuple[str, int, int]:
    """Return (format, width, height) from a PNG or JPEG header."""
    if data.startswith(_PNG_SIG):
        return ("png", *_png_size(data))
    if data.startswith(_JPEG_SIG):
        return ("jpeg", *_jpeg_size(data))
    raise ImageProblem(QT_TRANSLATE_NOOP("core", "is neither PNG nor JPEG (checked from its bytes, not its MIME type)"))


def _png_size(data: bytes) -> tuple[int, int]:
    if len(data) < 33 or data[12:16] != b"IHDR":
        raise ImageProblem(QT_TRANSLATE_NOOP("core", "is a truncated PNG: its IHDR header is missing"))
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _jpeg_size(data: bytes) -> tuple[int, int]:
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise ImageProblem(QT_TRANSLATE_NOOP("core", "is a corrupt JPEG: bad marker"))
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if length < 2:
            raise ImageProblem(QT_TRANSLATE_NOOP("core", "is a corrupt JPEG: bad segment length"))
        if marker in _SOF_MARKERS:
            if pos + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        if marker == 0xDA:  # start of scan before any frame header
            break
        pos += 2 + length
    raise ImageProblem(QT_TRANSLATE_NOOP("core", "is a truncated JPEG: no frame header with its size"))


def inspect_data_uri(uri: str, *, max_bytes: int, max_side: int) -> ImageInfo:
    """Check an image data URI against the limits; return what its header says."""
    mime, data = decode_data_uri(uri, max_bytes=max_bytes)
    fmt, width, height = sniff_size(data)
    if mime != _MIME_OF[fmt]:
        text = QT_TRANSLATE_NOOP("core", "is labelled {mime} but its bytes are {format}; label it {right}")
        raise ImageProblem(text.format(mime=mime, format=fmt.upper(), right=_MIME_OF[fmt]))
    if width == 0 or height == 0:
        raise ImageProblem(QT_TRANSLATE_NOOP("core", "declares an empty (0-pixel) size"))
    if width > max_side or height > max_side:
        text = QT_TRANSLATE_NOOP("core", "is {width} × {height} px; the limit is {side} × {side} px")
        raise ImageProblem(text.format(width=width, height=height, side=max_side))
    return ImageInfo(fmt, width, height, data)


_OBJECT_REPR = re.compile(r"\s*<[\w.]+ object at 0x[0-9a-fA-F]+>")


def describe_decode_error(exc: BaseException) -> str:
    """What an image decoder said, at most 120 characters, without the object addresses Pillow puts in
    ("cannot identify image file <_io.BytesIO object at 0x…>"): the same image gives the same reason every time."""
    text = _OBJECT_REPR.sub("", str(exc)).strip() or type(exc).__name__
    return text[:120]
