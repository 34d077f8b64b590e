"""Images of desktop notifications as payload ``data:`` URIs, decoded for real. No Qt.

``image-data`` ``(iiibiiay)`` pixels are checked against their own numbers
and encoded as PNG; files (a path or a ``file://`` URI, read only when they
are small regular files, never a FIFO or a device) and icon names (through a
resolver the D-Bus server supplies) are kept as they are when they are PNG
or JPEG within the limits, and otherwise decoded, scaled down and
re-encoded. Pillow is imported only when something must be decoded; images
with absurd pixel counts are refused before any decoding.
"""

from __future__ import annotations

import base64
import io
import os
import stat
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from ..core.images import ImageProblem, sniff_size

if TYPE_CHECKING:
    from PIL import Image

#: Icons are scaled to fit this square (the popup shows them far smaller).
ICON_SIDE = 256
#: Images are scaled to fit this square (a popup covers at most 1/8 of the screen).
IMAGE_SIDE = 1024
#: Files larger than this are not read for an icon or an image.
MAX_FILE_BYTES = 8 * 1024 * 1024
#: Images with more pixels than this are refused before anything is decoded (the payload's 4096 × 4096).
MAX_PIXELS = 4096 * 4096
_PILLOW_FORMATS = ["PNG", "JPEG", "GIF", "BMP", "WEBP", "ICO", "XPM", "TIFF"]

#: Turns an icon name or file into image bytes (any format), or None; the D-Bus server passes a Qt one.
IconResolver = Callable[[str], "bytes | None"]


class ImageDataError(ImageProblem):
    """An ``image-data`` hint whose numbers do not describe its pixels."""


def uri_of_ref(ref: str, resolve: IconResolver | None, side: int, limit: int) -> str:
    """An icon name, path or ``file://`` URI as a data URI; :class:`ImageProblem` says why not.

    A file is read first; what cannot be read from it (a theme icon name, an
    SVG) is asked of ``resolve``.
    """
    loaders: list[Callable[[], bytes | None]] = []
    path = path_of(ref)
    if path is not None:
        loaders.append(lambda: read_small_file(path))
    if resolve is not None:
        loaders.append(lambda: resolve(ref))
    reason = "not found"
    for load in loaders:
        data = load()
        if not data:
            continue
        try:
            return data_uri(data, side, limit)
        except ImageProblem as exc:
            reason = str(exc)
    raise ImageProblem(reason)


def path_of(ref: str) -> str | None:
    """The local path an image reference names (absolute path or ``file://`` URI), or None."""
    if ref.startswith("file://"):
        parts = urlsplit(ref)
        if parts.netloc not in ("", "localhost"):
            return None
        return unquote(parts.path) or None
    return ref if os.path.isabs(ref) else None


def read_small_file(path: str) -> bytes | None:
    """The bytes of a regular file of at most :data:`MAX_FILE_BYTES`, never waiting on a FIFO or device."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(MAX_FILE_BYTES + 1)[:MAX_FILE_BYTES]
    except OSError:
        return None
    finally:
        os.close(fd)


def image_data_png(value: Any) -> bytes:
    """PNG bytes of an ``image-data`` struct ``(width, height, rowstride, has_alpha, bits, channels, data)``."""
    try:
        width, height, rowstride, has_alpha, bits, channels, data = value
    except (TypeError, ValueError):
        raise ImageDataError("is not a 7-field (iiibiiay) struct") from None
    _check_image_data(width, height, rowstride, bool(has_alpha), bits, channels, data)
    from PIL import Image

    mode = "RGBA" if channels == 4 else "RGB"
    image = Image.frombuffer(mode, (width, height), bytes(data), "raw", mode, rowstride, 1)
    image.thumbnail((IMAGE_SIDE, IMAGE_SIDE))
    return _encode_png(image)


def _check_image_data(width: int, height: int, rowstride: int, has_alpha: bool, bits: int, channels: int, data: bytes) -> None:
    if not (isinstance(width, int) and isinstance(height, int) and width > 0 and height > 0):
        raise ImageDataError(f"has an impossible size {width} × {height}")
    if width * height > MAX_PIXELS:
        raise ImageDataError(f"is {width} × {height} px, more than {MAX_PIXELS} pixels")
    if bits != 8:
        raise ImageDataError(f"has {bits} bits per sample; only 8 is supported")
    if channels != (4 if has_alpha else 3):
        raise ImageDataError(f"has {channels} channels but has_alpha is {has_alpha}")
    if rowstride < width * channels:
        raise ImageDataError(f"has a rowstride of {rowstride}, less than {width} px × {channels} channels")
    needed = rowstride * (height - 1) + width * channels
    if not isinstance(data, (bytes, bytearray)) or len(data) < needed:
        raise ImageDataError(f"has {len(data)} bytes of pixels; {width} × {height} needs {needed}")


def data_uri(data: bytes, side: int, limit: int) -> str:
    """A PNG or JPEG data URI of at most ``side`` px and ``limit`` bytes; re-encoded only when needed."""
    try:
        fmt, width, height = sniff_size(data)
    except ImageProblem:
        fmt, width, height = "", 0, 0
    if fmt and 0 < width <= side and 0 < height <= side and len(data) <= limit:
        return f"data:image/{fmt};base64,{base64.b64encode(data).decode('ascii')}"
    image = _open(data)
    image.thumbnail((side, side))
    encoded = _encode_png(image)
    mime = "png"
    if len(encoded) > limit:
        encoded, mime = _encode_jpeg(image), "jpeg"
    if len(encoded) > limit:
        raise ImageProblem(f"is still larger than {limit // 1024} KiB after scaling")
    return f"data:image/{mime};base64,{base64.b64encode(encoded).decode('ascii')}"


def _open(data: bytes) -> Image.Image:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=_PILLOW_FORMATS)
            if image.width * image.height > MAX_PIXELS:
                raise ImageProblem(f"is {image.width} × {image.height} px, more than {MAX_PIXELS} pixels")
            image.draft("RGB", (IMAGE_SIDE, IMAGE_SIDE))
            image.load()
    except ImageProblem:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ImageProblem(f"cannot be read as an image ({exc})") from None
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
    return image


def _encode_png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def _encode_jpeg(image: Image.Image) -> bytes:
    from PIL import Image

    if image.mode == "RGBA":
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
