"""Finding QR codes and other 2-D barcodes in images (rule ``qr-code``).

Images come from providers and are hostile until proven otherwise, so:

* the pixel size is read from the header (:func:`~popup_client.core.images.sniff_size`)
  and checked against ``max_pixels`` before anything is decoded, and checked
  again from Pillow's own header parse before Pillow allocates the pixels;
* Pillow only gets to try PNG and JPEG, whatever the bytes claim: the one
  plugin the signature names is loaded and asked, no other (Pillow's own
  ``Image.open`` would load five plugins first, JPEG's with ``subprocess``);
* every failure to decode — truncated, corrupt, mislabelled data — is an
  :class:`~popup_client.core.images.ImageProblem`, never another exception.

Decoding is done by zxing-cpp, restricted to the 2-D symbologies (a 1-D
barcode is not what the rule is about).  Each image is looked at in a few
"views": transparent images flattened on white *and* on black (a code drawn
in light ink on a transparent background only shows on a dark one), and
small images also upscaled, which finds codes whose modules are one or two
pixels wide.  zxing itself also tries the inverted (light-on-dark) image.
"""

from __future__ import annotations

import importlib
import io
import logging
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import zxingcpp
from PIL import Image, ImageFile, UnidentifiedImageError

from popup_client.core.images import ImageProblem, describe_decode_error, inspect_data_uri, sniff_size
from popup_client.core.text import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

DEFAULT_MAX_PIXELS = 4096 * 4096
MAX_TEXT = 200
# Small images are also scanned upscaled (Lanczos) by up to this factor,
# keeping the upscaled copy within _UPSCALE_TARGET pixels on its longer side.
_MAX_UPSCALE = 4
_UPSCALE_TARGET = 640

# The 2-D symbologies; looked up by name, as zxing-cpp's enum differs across versions.
_MATRIX_FORMAT_NAMES = (
    "QRCode",
    "MicroQRCode",
    "RMQRCode",
    "DataMatrix",
    "Aztec",
    "AztecRune",
    "PDF417",
    "CompactPDF417",
    "MicroPDF417",
    "MaxiCode",
)
#: The Pillow plugin of each format :func:`~popup_client.core.images.sniff_size` tells from the signature.
_PILLOW_PLUGINS = {"png": "PIL.PngImagePlugin", "jpeg": "PIL.JpegImagePlugin"}
#: What ``Image.open`` takes for "this plugin cannot identify the file".
_UNIDENTIFIED = (SyntaxError, IndexError, TypeError, struct.error)
# What Pillow raises on bad input, besides OSError (truncated, unidentified,
# decoder errors) and SyntaxError (broken PNG chunks).
_DECODE_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    KeyError,
    TypeError,
    struct.error,
    zlib.error,
)


@dataclass(frozen=True)
class Barcode:
    """One barcode found in an image.

    Attributes:
        format: zxing-cpp's name of the symbology, e.g. ``QRCode``, ``DataMatrix``.
        text: the decoded content, cut to 200 characters.
        position: bounding box ``(x, y, width, height)`` in the image's pixels.
    """

    format: str
    text: str
    position: tuple[int, int, int, int]


def _matrix_formats() -> zxingcpp.BarcodeFormats:
    """The 2-D formats this zxing-cpp version knows, as one ``BarcodeFormats``."""
    formats = [getattr(zxingcpp.BarcodeFormat, name) for name in _MATRIX_FORMAT_NAMES if hasattr(zxingcpp.BarcodeFormat, name)]
    try:
        return zxingcpp.BarcodeFormats(formats)  # zxing-cpp 3 (where ``|`` is deprecated)
    except TypeError:  # zxing-cpp 2 only combines formats with ``|``
        combined = zxingcpp.BarcodeFormats(formats[0])
        for fmt in formats[1:]:
            combined = combined | fmt
        return combined


_FORMATS = _matrix_formats()


def find_barcodes(data: bytes, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> list[Barcode]:
    """Return the 2-D barcodes in a PNG or JPEG image (empty if there are none).

    The views of the image are scanned in turn (as is; upscaled if small;
    for transparent images, on white then on black) and the codes of the
    first view that shows any are returned.

    Raises:
        ImageProblem: the image is too large, not PNG/JPEG, truncated or corrupt.
    """
    fmt, width, height = sniff_size(data)
    _check_size(width, height, max_pixels)
    image = _decode(data, fmt, max_pixels)
    for view, scale in _views(image):
        found = _scan(view, scale, image.size)
        if found:
            log.debug("found %d barcode(s): %s", len(found), ", ".join(b.format for b in found))
            return found
    return []


def find_barcodes_in_data_uri(uri: str, *, max_bytes: int, max_side: int) -> list[Barcode]:
    """Check an image data URI against the limits, then return its 2-D barcodes.

    Raises:
        ImageProblem: the URI or the image is malformed or over the limits.
    """
    info = inspect_data_uri(uri, max_bytes=max_bytes, max_side=max_side)
    return find_barcodes(info.data, max_pixels=max_side * max_side)


def _check_size(width: int, height: int, max_pixels: int) -> None:
    if width <= 0 or height <= 0:
        raise ImageProblem(QT_TRANSLATE_NOOP("core", "declares an empty (0-pixel) size"))
    if width * height > max_pixels:
        text = QT_TRANSLATE_NOOP("core", "is {width} × {height} px, more than the {limit} pixels allowed; send a smaller image")
        raise ImageProblem(text.format(width=width, height=height, limit=max_pixels))


def _open(data: bytes, fmt: str) -> ImageFile.ImageFile:
    """``Image.open(…, formats=("PNG", "JPEG"))`` of bytes whose signature is ``fmt``'s, loading that plugin only.

    What ``Image.open`` does once it has found the plugin, and raises the same:
    the other format's plugin would not accept the signature.
    """
    insides = _pillow_insides(fmt)
    if insides is None:  # a Pillow whose insides differ: its own open, which loads every plugin
        return Image.open(io.BytesIO(data), formats=(fmt.upper(),))
    factory, bomb_check = insides
    try:
        image = factory(io.BytesIO(data), "")
    except _UNIDENTIFIED:
        raise UnidentifiedImageError("cannot identify image file") from None
    bomb_check(image.size)
    return image


def _pillow_insides(fmt: str) -> tuple[Callable[[io.BytesIO, str], ImageFile.ImageFile], Callable[[tuple[int, int]], None]] | None:
    """The plugin's factory and Pillow's decompression-bomb check, loading that plugin; None if Pillow has them not."""
    importlib.import_module(_PILLOW_PLUGINS[fmt])
    opener = getattr(Image, "OPEN", {}).get(fmt.upper())
    bomb_check = getattr(Image, "_decompression_bomb_check", None)
    return None if opener is None or bomb_check is None else (opener[0], bomb_check)


def _decode(data: bytes, fmt: str, max_pixels: int) -> Image.Image:
    """Decode with Pillow; the size Pillow parsed is checked before the pixels are allocated."""
    try:
        image = _open(data, fmt)
        _check_size(image.width, image.height, max_pixels)
        if image.format == "JPEG":
            image.draft("L", image.size)  # decode colour JPEGs straight to grey, at full size
        image.load()
    except ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        text = QT_TRANSLATE_NOOP("core", "declares too many pixels to decode safely ({error})")
        raise ImageProblem(text.format(error=describe_decode_error(exc))) from None
    except _DECODE_ERRORS as exc:
        log.debug("image does not decode: %r", exc)
        text = QT_TRANSLATE_NOOP("core", "cannot be decoded: it is truncated or corrupt ({error})")
        raise ImageProblem(text.format(error=describe_decode_error(exc))) from None
    return image


def _views(image: Image.Image) -> Iterator[tuple[Image.Image, int]]:
    """Yield the greyscale images to scan, each with its upscaling factor."""
    factor = _upscale_factor(image.width, image.height)
    for grey in _greys(image):
        yield grey, 1
        if factor > 1:
            size = (grey.width * factor, grey.height * factor)
            yield grey.resize(size, Image.Resampling.LANCZOS), factor


def _upscale_factor(width: int, height: int) -> int:
    return min(_MAX_UPSCALE, _UPSCALE_TARGET // max(width, height))


def _greys(image: Image.Image) -> Iterator[Image.Image]:
    """The image as 8-bit grey; if partly transparent, flattened on white, then on black."""
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        alpha = rgba.getchannel("A")
        lowest_alpha = alpha.getextrema()[0]
        grey = rgba.convert("L")
        if isinstance(lowest_alpha, (int, float)) and lowest_alpha >= 255:
            yield grey
            return
        for backdrop in (255, 0):
            yield Image.composite(grey, Image.new("L", grey.size, backdrop), alpha)
        return
    if image.mode.startswith("I"):  # 16-bit grey: scale to 8 bits instead of clipping
        yield image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
        return
    yield image if image.mode == "L" else image.convert("L")


def _scan(view: Image.Image, scale: int, size: tuple[int, int]) -> list[Barcode]:
    results = zxingcpp.read_barcodes(view, formats=_FORMATS, try_downscale=scale == 1)
    return [_barcode(result, scale, size) for result in results]


def _barcode(result: zxingcpp.Barcode, scale: int, size: tuple[int, int]) -> Barcode:
    return Barcode(format=result.format.name, text=result.text[:MAX_TEXT], position=_box(result.position, scale, size))


def _box(position: zxingcpp.Position, scale: int, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """The bounding box of the four corners, in the original image's pixels."""
    corners = (position.top_left, position.top_right, position.bottom_right, position.bottom_left)
    xs = [min(max(point.x // scale, 0), size[0]) for point in corners]
    ys = [min(max(point.y // scale, 0), size[1]) for point in corners]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)
