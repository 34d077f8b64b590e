"""Images are judged by their bytes' headers, not their MIME labels."""

from __future__ import annotations

import base64
import io
import struct
import zlib

import pytest
from PIL import Image

from popup_client.core.images import ImageProblem, inspect_data_uri, sniff_size


def _encode(img: Image.Image, fmt: str) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt)
    return buf.getvalue()


def _uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def _png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_sniffs_real_sizes(fmt: str) -> None:
    data = _encode(Image.new("RGB", (123, 45), (200, 10, 10)), fmt)
    assert sniff_size(data) == (fmt.lower(), 123, 45)


def test_progressive_jpeg_size() -> None:
    buf = io.BytesIO()
    Image.new("RGB", (300, 200), (1, 2, 3)).save(buf, "JPEG", progressive=True)
    assert sniff_size(buf.getvalue()) == ("jpeg", 300, 200)


def test_image_bomb_is_refused_from_the_header() -> None:
    uri = _uri(_png_header(30000, 30000) + b"\x00" * 64, "image/png")
    with pytest.raises(ImageProblem, match="30000 × 30000"):
        inspect_data_uri(uri, max_bytes=512 * 1024, max_side=4096)


def test_mislabelled_image_is_refused() -> None:
    data = _encode(Image.new("RGB", (10, 10)), "PNG")
    with pytest.raises(ImageProblem, match="labelled image/jpeg but its bytes are PNG"):
        inspect_data_uri(_uri(data, "image/jpeg"), max_bytes=1 << 20, max_side=512)


@pytest.mark.parametrize(
    ("uri", "message"),
    [
        ("https://example.com/a.png", "data: URI"),
        ("data:image/png;base64,@@@@", "invalid base64"),
        ("data:image/gif;base64," + base64.b64encode(b"GIF89a" + b"\x00" * 20).decode(), "neither PNG nor JPEG"),
        ("data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n\x00").decode(), "truncated PNG"),
        ("data:image/jpeg;base64," + base64.b64encode(b"\xff\xd8\xff\xe0\x00\x10JFIF").decode(), "truncated JPEG"),
    ],
)
def test_bad_images(uri: str, message: str) -> None:
    with pytest.raises(ImageProblem, match=message):
        inspect_data_uri(uri, max_bytes=1 << 20, max_side=4096)


def test_size_limit_in_bytes_is_checked_before_decoding() -> None:
    data = _encode(Image.effect_noise((300, 300), 60).convert("RGB"), "PNG")
    with pytest.raises(ImageProblem, match="larger than 1 KiB"):
        inspect_data_uri(_uri(data, "image/png"), max_bytes=1024, max_side=4096)


def test_accepts_a_good_image() -> None:
    data = _encode(Image.new("RGB", (64, 32)), "PNG")
    info = inspect_data_uri(_uri(data, "image/png"), max_bytes=1 << 20, max_side=512)
    assert (info.format, info.width, info.height, info.mime) == ("png", 64, 32, "image/png")
