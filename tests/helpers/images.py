"""Test images built on the fly: plain, photo-like, barcodes, and hostile bytes.

Everything is generated (Pillow, segno, zxing-cpp's writer) and deterministic:
nothing is read from disk.  Images are Pillow images until turned into bytes
(:func:`to_bytes`) or a ``data:`` URI (:func:`to_data_uri`).
"""

from __future__ import annotations

import base64
import io
import random
import struct
import zlib

import segno
import zxingcpp
from PIL import Image, ImageDraw

Color = int | tuple[int, ...] | str

_MIME = {"PNG": "image/png", "JPEG": "image/jpeg"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# --- bytes and data URIs ------------------------------------------------------


def to_bytes(image: Image.Image, fmt: str = "PNG", **save_options: object) -> bytes:
    """Encode an image as PNG or JPEG (JPEG drops any alpha channel)."""
    fmt = fmt.upper()
    if fmt == "JPEG" and image.mode not in ("L", "RGB", "CMYK"):
        image = image.convert("RGB")
    if fmt == "JPEG":
        save_options.setdefault("quality", 85)
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save_options)
    return buffer.getvalue()


def data_uri(data: bytes, mime: str = "image/png") -> str:
    """Wrap bytes in a base64 ``data:`` URI with the given MIME type."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def to_data_uri(image: Image.Image, fmt: str = "PNG", **save_options: object) -> str:
    """Encode an image as a PNG or JPEG ``data:`` URI."""
    return data_uri(to_bytes(image, fmt, **save_options), _MIME[fmt.upper()])


def png_bytes(width: int, height: int, color: Color = (200, 40, 40), mode: str = "RGB") -> bytes:
    """A plain PNG of one colour."""
    return to_bytes(Image.new(mode, (width, height), color), "PNG")


def jpeg_bytes(width: int, height: int, color: Color = (200, 40, 40), quality: int = 85) -> bytes:
    """A plain JPEG of one colour."""
    return to_bytes(Image.new("RGB", (width, height), color), "JPEG", quality=quality)


def png_data_uri(width: int, height: int, color: Color = (200, 40, 40), mode: str = "RGB") -> str:
    """A plain PNG of one colour, as a data URI."""
    return data_uri(png_bytes(width, height, color, mode), "image/png")


def jpeg_data_uri(width: int, height: int, color: Color = (200, 40, 40), quality: int = 85) -> str:
    """A plain JPEG of one colour, as a data URI."""
    return data_uri(jpeg_bytes(width, height, color, quality), "image/jpeg")


# --- pictures -----------------------------------------------------------------


def gradient(width: int, height: int) -> Image.Image:
    """An RGB picture: a diagonal colour gradient."""
    horizontal = Image.linear_gradient("L").resize((width, height))
    vertical = Image.linear_gradient("L").rotate(90).resize((width, height))
    return Image.merge("RGB", (horizontal, vertical, Image.new("L", (width, height), 128)))


def noise(width: int, height: int, seed: int = 0, mode: str = "L") -> Image.Image:
    """Uniform random noise (each channel independent), reproducible from the seed."""
    channels = len(mode) if mode in ("L", "RGB", "RGBA") else 1
    rng = random.Random(seed)
    return Image.frombytes(mode, (width, height), rng.randbytes(width * height * channels))


def photo(width: int, height: int, seed: int = 0) -> Image.Image:
    """A photo-like RGB picture: gradient, soft noise and a few random shapes."""
    rng = random.Random(seed)
    picture = Image.blend(gradient(width, height), noise(width, height, seed, "RGB"), 0.25)
    draw = ImageDraw.Draw(picture)
    for _ in range(12):
        x, y = rng.randrange(width), rng.randrange(height)
        radius = rng.randrange(5, max(6, min(width, height) // 4))
        fill = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x - radius, y - radius, x + radius, y + radius), fill=fill)
    return picture


def embed(small: Image.Image, into: Image.Image | tuple[int, int], at: tuple[int, int] = (0, 0)) -> Image.Image:
    """Paste ``small`` at ``at`` into a copy of ``into`` (or a new photo of that size)."""
    background = photo(*into) if isinstance(into, tuple) else into.copy()
    if small.mode in ("RGBA", "LA"):
        background.paste(small.convert(background.mode), at, small.getchannel("A"))
    else:
        background.paste(small.convert(background.mode), at)
    return background


def invert(image: Image.Image) -> Image.Image:
    """Light-on-dark version of a greyscale or RGB image."""
    return Image.eval(image, lambda value: 255 - value)


# --- barcodes -----------------------------------------------------------------


def qr_image(
    text: str,
    scale: int = 4,
    *,
    border: int = 4,
    micro: bool = False,
    dark: Color = "black",
    light: Color | None = "white",
) -> Image.Image:
    """A QR code (or Micro QR) from segno; ``light=None`` gives a transparent background."""
    code = segno.make(text, micro=micro)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=border, dark=dark, light=light)
    image = Image.open(io.BytesIO(buffer.getvalue()))
    image.load()
    return image.convert("RGBA" if light is None else "L")


def zxing_image(text: str, format_name: str, scale: int = 3) -> Image.Image:
    """A barcode of any format zxing-cpp can write (``DataMatrix``, ``Aztec``, ``EAN13``…), as greyscale."""
    barcode_format = getattr(zxingcpp.BarcodeFormat, format_name)
    if hasattr(zxingcpp, "create_barcode"):  # zxing-cpp 3
        bitmap = zxingcpp.write_barcode_to_image(zxingcpp.create_barcode(text, barcode_format), scale=scale)
    else:  # zxing-cpp 2
        bitmap = zxingcpp.write_barcode(barcode_format, text, quiet_zone=10)
    height, width = bitmap.shape[:2]
    image = Image.frombytes("L", (width, height), memoryview(bitmap).tobytes())
    if not hasattr(zxingcpp, "create_barcode") and scale > 1:
        image = image.resize((width * scale, height * scale), Image.Resampling.NEAREST)
    return image


# --- hostile bytes ------------------------------------------------------------


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png_header_only(width: int, height: int, tail: bytes = b"") -> bytes:
    """PNG signature and a valid IHDR declaring the size (8-bit RGB), then ``tail``."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return PNG_SIGNATURE + _png_chunk(b"IHDR", ihdr) + tail


def bomb_png(width: int = 30_000, height: int = 30_000, seed: int = 0) -> bytes:
    """A tiny PNG declaring a huge size: an IHDR, a small IDAT of zeros, then garbage."""
    idat = _png_chunk(b"IDAT", zlib.compress(bytes(64 * 1024), 9))
    return png_header_only(width, height, idat + random.Random(seed).randbytes(256))


def truncated(data: bytes, fraction: float = 0.5) -> bytes:
    """The first ``fraction`` of an encoded image."""
    return data[: int(len(data) * fraction)]


def random_bytes(length: int, seed: int = 0) -> bytes:
    """Reproducible random bytes."""
    return random.Random(seed).randbytes(length)
