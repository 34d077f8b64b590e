"""Images of desktop notifications as payload ``data:`` URIs, decoded for real. No Qt here.

``image-data`` ``(iiibiiay)`` pixels are checked against their own numbers
and encoded as PNG. A file (a path or a ``file://`` URI) is read only when it
is a regular file of at most :data:`MAX_FILE_BYTES`, never a FIFO, a device
or a ``/proc`` entry (:mod:`popup_client.core.files.safe_read`); an icon name is
looked up by a resolver the D-Bus server supplies (the icon theme,
:mod:`.icon_theme`), which reads its file the same way. What is read is kept
as it is when it is PNG or JPEG within the limits, and otherwise decoded,
scaled down and re-encoded; an SVG is rendered within limits
(:mod:`.svg`). The pixel size is read from the header and checked
against the payload's 4096 × 4096 before anything is decoded. Pillow is
imported only when something must be decoded.

All of this runs on the image worker of :mod:`.prepare`, never on the
Qt thread: a file that makes its reader wait costs no one else anything.
"""

from __future__ import annotations

import base64
import io
import os
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from ...core.images import ImageProblem, describe_decode_error, sniff_size
from ...core.payload import IMAGE_MAX_SIDE
from ...core.files import FileRefused, read_regular_file
from .svg import is_svg, render_svg

if TYPE_CHECKING:
    from PIL import Image

#: Icons are scaled to fit this square (the popup shows them far smaller).
ICON_SIDE = 256
#: Images are scaled to fit this square (a popup covers at most 1/8 of the screen).
IMAGE_SIDE = 1024
#: Files larger than this are not read for an icon or an image.
MAX_FILE_BYTES = 8 * 1024 * 1024
#: Images wider or taller than this are refused before anything is decoded (the payload's 4096 × 4096).
MAX_SIDE = IMAGE_MAX_SIDE
MAX_PIXELS = MAX_SIDE * MAX_SIDE
_PILLOW_FORMATS = ["PNG", "JPEG", "GIF", "BMP", "WEBP", "ICO", "XPM", "TIFF"]

#: Turns an icon name into image bytes (any format), or None when there is no such icon; called on the image worker.
IconResolver = Callable[[str], "bytes | None"]


class ImageDataError(ImageProblem):
    """An ``image-data`` hint whose numbers do not describe its pixels."""


def uri_of_ref(ref: str, resolve: IconResolver | None, side: int, limit: int) -> str:
    """An icon name, path or ``file://`` URI as a data URI; :class:`ImageProblem` says why not.

    A path is read (only a small regular file); a name is asked of ``resolve``.
    """
    path = path_of(ref)
    if path is not None:
        data = read_image_file(path)
    elif resolve is None:
        raise ImageProblem("is not a file, and icon names are not looked up here")
    else:
        found = resolve(ref)
        if not found:
            raise ImageProblem("names no icon of the icon theme")
        data = found
    return data_uri(data, side, limit)


def path_of(ref: str) -> str | None:
    """The local path an image reference names (absolute path or ``file://`` URI), or None."""
    if ref.startswith("file://"):
        parts = urlsplit(ref)
        if parts.netloc not in ("", "localhost"):
            return None
        return unquote(parts.path) or None
    return ref if os.path.isabs(ref) else None


def read_image_file(path: str) -> bytes:
    """The bytes of an image file of at most :data:`MAX_FILE_BYTES`; :class:`ImageProblem` if it is not one."""
    try:
        return read_regular_file(path, limit=MAX_FILE_BYTES)
    except FileRefused as exc:
        raise ImageProblem(str(exc)) from None


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
    """A PNG or JPEG data URI of at most ``side`` px and ``limit`` bytes; re-encoded only when needed.

    An SVG is rendered first; other formats are checked from their header before they are decoded.
    """
    if is_svg(data):
        data = render_svg(data, side)
    try:
        fmt, width, height = sniff_size(data)
    except ImageProblem:
        fmt, width, height = "", 0, 0
    _check_size(width, height)
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
            image = Image.open(io.BytesIO(data), formats=_PILLOW_FORMATS)  # reads the header only
            _check_size(image.width, image.height)
            image.draft("RGB", (IMAGE_SIDE, IMAGE_SIDE))
            image.load()
    except ImageProblem:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ImageProblem(f"cannot be read as an image ({describe_decode_error(exc)})") from None
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
    return image


def _check_size(width: int, height: int) -> None:
    if width > MAX_SIDE or height > MAX_SIDE:
        raise ImageProblem(f"is {width} × {height} px; the limit is {MAX_SIDE} × {MAX_SIDE} px")


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
