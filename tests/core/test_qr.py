"""Tests for popup_client.core.qr: 2-D barcodes found, others not, hostile images refused."""

from __future__ import annotations

import dataclasses
import random
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from popup_client.core import qr
from popup_client.core.images import ImageProblem
from popup_client.core.qr import MAX_TEXT, Barcode, find_barcodes, find_barcodes_in_data_uri
from tests.helpers.images import (
    bomb_png,
    data_uri,
    embed,
    gradient,
    invert,
    jpeg_bytes,
    noise,
    photo,
    png_bytes,
    png_header_only,
    qr_image,
    random_bytes,
    to_bytes,
    to_data_uri,
    truncated,
    zxing_image,
)

URL = "https://example.com/promo?id=12345"
LANCZOS = Image.Resampling.LANCZOS
BILINEAR = Image.Resampling.BILINEAR


def _small_qr_in_photo(fmt: str) -> bytes:
    """A 60 × 60 px QR code, resampled, in a corner of a 1200 × 800 photo."""
    small = qr_image(URL, scale=2, border=1).resize((60, 60), BILINEAR)
    return to_bytes(embed(small, (1200, 800), at=(900, 600)), fmt)


def _tiny_modules_icon(side: int, canvas: int) -> bytes:
    """A QR code with modules of ~1.2 px (resampled), in the corner of an icon."""
    small = qr_image(URL, scale=1, border=2).resize((side, side), LANCZOS)
    return to_bytes(embed(small, photo(canvas, canvas, seed=3), at=(canvas - side - 4, 4)))


def _sixteen_bit_low_contrast() -> bytes:
    """A 16-bit grey PNG whose dark and light levels would both clip to white in 8 bits."""
    qr = qr_image(URL, scale=3).convert("I")
    return to_bytes(qr.point(lambda value: 20_000 + value * (40_000 / 255)).convert("I;16"))


def _jpeg_with_second_frame_header(width: int, height: int) -> bytes:
    """A valid 16 × 16 JPEG with a second SOF0 declaring another size (Pillow reads the last)."""
    data = to_bytes(photo(16, 16), "JPEG")
    start = data.index(b"\xff\xc0")
    (length,) = struct.unpack(">H", data[start + 2 : start + 4])
    sof = bytearray(data[start : start + 2 + length])
    sof[5:9] = struct.pack(">HH", height, width)
    return data[: start + 2 + length] + bytes(sof) + data[start + 2 + length :]


FOUND: dict[str, tuple[Callable[[], bytes], str]] = {
    "qr-png": (lambda: to_bytes(qr_image(URL)), "QRCode"),
    "qr-jpeg-q85": (lambda: to_bytes(qr_image(URL), "JPEG", quality=85), "QRCode"),
    "qr-jpeg-cmyk": (lambda: to_bytes(qr_image(URL).convert("CMYK"), "JPEG"), "QRCode"),
    "qr-palette": (lambda: to_bytes(qr_image(URL).convert("P")), "QRCode"),
    "micro-qr": (lambda: to_bytes(qr_image("12345", micro=True)), "MicroQRCode"),
    "small-qr-in-photo-png": (lambda: _small_qr_in_photo("PNG"), "QRCode"),
    "small-qr-in-photo-jpeg": (lambda: _small_qr_in_photo("JPEG"), "QRCode"),
    "qr-in-64px-icon": (lambda: to_bytes(embed(qr_image(URL, scale=1, border=1), photo(64, 64), at=(16, 16))), "QRCode"),
    "tiny-modules-36px-in-96px-icon": (lambda: _tiny_modules_icon(36, 96), "QRCode"),
    "tiny-modules-38px-in-128px-icon": (lambda: _tiny_modules_icon(38, 128), "QRCode"),
    "tiny-modules-40px-in-128px-icon": (lambda: _tiny_modules_icon(40, 128), "QRCode"),
    "transparent-dark-ink": (lambda: to_bytes(qr_image(URL, light=None)), "QRCode"),
    "transparent-light-ink": (lambda: to_bytes(qr_image(URL, dark="white", light=None)), "QRCode"),
    "transparent-in-icon": (lambda: to_bytes(embed(qr_image(URL, scale=2, light=None), noise(128, 128, mode="RGBA"), at=(20, 20))), "QRCode"),
    "inverted": (lambda: to_bytes(invert(qr_image(URL))), "QRCode"),
    "inverted-jpeg": (lambda: to_bytes(invert(qr_image(URL)), "JPEG"), "QRCode"),
    "coloured-qr": (lambda: to_bytes(qr_image(URL, dark="darkblue", light="lightyellow")), "QRCode"),
    "rotated-qr": (lambda: to_bytes(embed(qr_image(URL).rotate(30, expand=True, fillcolor=255), (400, 400), at=(20, 20))), "QRCode"),
    "16-bit-grey": (_sixteen_bit_low_contrast, "QRCode"),
    "data-matrix": (lambda: to_bytes(zxing_image("HELLO123", "DataMatrix")), "DataMatrix"),
    "aztec": (lambda: to_bytes(zxing_image("HELLO123", "Aztec")), "Aztec"),
    "pdf417": (lambda: to_bytes(zxing_image("HELLO123", "PDF417")), "PDF417"),
    "pdf417-rotated": (lambda: to_bytes(zxing_image("HELLO123", "PDF417").rotate(90, expand=True)), "PDF417"),
    "rmqr": (lambda: to_bytes(zxing_image("HELLO123", "RMQRCode")), "RMQRCode"),
    "data-matrix-in-photo-jpeg": (lambda: to_bytes(embed(zxing_image("HELLO123", "DataMatrix", 4), (800, 600), at=(500, 50)), "JPEG"), "DataMatrix"),
}

NOT_FOUND: dict[str, Callable[[], bytes]] = {
    "white-png": lambda: png_bytes(300, 200, "white"),
    "black-png": lambda: png_bytes(300, 200, "black"),
    "red-jpeg": lambda: jpeg_bytes(300, 200, (220, 20, 20)),
    "transparent-png": lambda: png_bytes(64, 64, (0, 0, 0, 0), mode="RGBA"),
    "gradient": lambda: to_bytes(gradient(800, 600)),
    "noise-grey": lambda: to_bytes(noise(256, 256, seed=1)),
    "noise-rgb-jpeg": lambda: to_bytes(noise(512, 512, seed=2, mode="RGB"), "JPEG"),
    "noise-rgba": lambda: to_bytes(noise(128, 128, seed=3, mode="RGBA")),
    "photo": lambda: to_bytes(photo(1024, 768, seed=4), "JPEG"),
    "photo-icon": lambda: to_bytes(photo(64, 64, seed=5)),
    "ean13": lambda: to_bytes(zxing_image("4006381333931", "EAN13")),
    "code128": lambda: to_bytes(zxing_image("HELLO-123", "Code128")),
    "code128-in-photo": lambda: to_bytes(embed(zxing_image("HELLO-123", "Code128"), (600, 400), at=(100, 100))),
}


@pytest.mark.parametrize(("build", "fmt"), FOUND.values(), ids=FOUND.keys())
def test_two_d_barcodes_are_found(build: Callable[[], bytes], fmt: str) -> None:
    found = find_barcodes(build())
    assert [b.format for b in found] == [fmt]
    assert found[0].text in (URL, "12345", "HELLO123")


@pytest.mark.parametrize("build", NOT_FOUND.values(), ids=NOT_FOUND.keys())
def test_pictures_and_linear_barcodes_are_not_reported(build: Callable[[], bytes]) -> None:
    assert find_barcodes(build()) == []


def test_the_position_is_where_the_code_was_pasted() -> None:
    (code,) = find_barcodes(_small_qr_in_photo("PNG"))
    x, y, width, height = code.position
    assert 900 <= x and 600 <= y and x + width <= 960 and y + height <= 660
    assert width >= 40 and height >= 40


def test_the_position_of_an_upscaled_find_is_in_original_pixels() -> None:
    (code,) = find_barcodes(_tiny_modules_icon(38, 128))
    x, y, width, height = code.position
    assert 128 - 38 - 4 <= x and 4 <= y and x + width <= 128 - 4 and y + height <= 4 + 38


def test_long_text_is_cut_and_the_result_is_frozen() -> None:
    text = "https://example.com/" + "x" * 480
    (code,) = find_barcodes(to_bytes(qr_image(text, scale=2)))
    assert code.text == text[:MAX_TEXT]
    with pytest.raises(dataclasses.FrozenInstanceError):
        code.text = "other"  # type: ignore[misc]


def test_several_codes_are_all_reported() -> None:
    picture = embed(qr_image("first", scale=3), (700, 300), at=(20, 20))
    picture = embed(qr_image("second", scale=3), picture, at=(400, 20))
    assert sorted(b.text for b in find_barcodes(to_bytes(picture))) == ["first", "second"]


# --- hostile and broken images --------------------------------------------------


def test_a_png_bomb_is_refused_from_its_header_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(ImageProblem, match="30000 × 30000"):
        find_barcodes(bomb_png(30_000, 30_000))
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize("side", [5_000, 10_000, 30_000])
def test_a_jpeg_whose_real_frame_header_is_huge_is_refused(side: int) -> None:
    # The first frame header says 16 × 16; Pillow's parse is checked again before decoding.
    with pytest.raises(ImageProblem, match=f"{side} × {side}|too many pixels"):
        find_barcodes(_jpeg_with_second_frame_header(side, side))


def test_max_pixels_is_enforced_before_decoding() -> None:
    image = qr_image(URL)
    width, height = image.size
    data = to_bytes(image)
    assert find_barcodes(data, max_pixels=width * height)
    with pytest.raises(ImageProblem, match=f"{width} × {height}"):
        find_barcodes(data, max_pixels=width * height - 1)


BROKEN: dict[str, Callable[[], bytes]] = {
    "truncated-png": lambda: truncated(to_bytes(qr_image(URL))),
    "truncated-jpeg": lambda: truncated(to_bytes(qr_image(URL), "JPEG")),
    "truncated-progressive-jpeg": lambda: truncated(to_bytes(photo(200, 200), "JPEG", progressive=True)),
    "png-header-only": lambda: png_header_only(100, 100),
    "png-header-and-garbage": lambda: png_header_only(100, 100, random_bytes(2000)),
    "png-zero-size": lambda: png_header_only(0, 100),
    "jpeg-signature-only": lambda: b"\xff\xd8\xff",
    "random-bytes": lambda: random_bytes(4000),
    "empty": lambda: b"",
    "gif": lambda: to_bytes(photo(20, 20), "GIF"),
    "bmp": lambda: to_bytes(photo(20, 20), "BMP"),
}


@pytest.mark.parametrize("build", BROKEN.values(), ids=BROKEN.keys())
def test_broken_images_raise_image_problem(build: Callable[[], bytes]) -> None:
    with pytest.raises(ImageProblem):
        find_barcodes(build())


def test_mutated_images_raise_only_image_problem() -> None:
    rng = random.Random(7)
    bases = [
        to_bytes(qr_image(URL)),
        to_bytes(qr_image(URL), "JPEG"),
        to_bytes(photo(60, 40), "JPEG", progressive=True),
        to_bytes(qr_image("a", light=None)),
        to_bytes(photo(40, 40).convert("P")),
    ]
    outcomes = {"decoded": 0, "refused": 0}
    for _ in range(300):
        data = bytearray(rng.choice(bases))
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(data))
            if rng.random() < 0.7:
                data[at] = rng.randrange(256)
            else:
                del data[at : at + rng.randint(1, 40)]
        try:
            find_barcodes(bytes(data))
            outcomes["decoded"] += 1
        except ImageProblem:
            outcomes["refused"] += 1
    assert outcomes["refused"] > 0 and outcomes["decoded"] > 0


# --- data URIs ----------------------------------------------------------------


def test_data_uri_with_a_qr_code() -> None:
    found = find_barcodes_in_data_uri(to_data_uri(qr_image(URL), "JPEG"), max_bytes=512 * 1024, max_side=4096)
    assert found == [Barcode("QRCode", URL, found[0].position)]


def test_data_uri_without_a_code() -> None:
    assert find_barcodes_in_data_uri(to_data_uri(photo(200, 100)), max_bytes=512 * 1024, max_side=4096) == []


@pytest.mark.parametrize(
    ("uri", "match"),
    [
        (to_data_uri(qr_image(URL)), "limit is 100 × 100"),
        (data_uri(to_bytes(qr_image(URL), "JPEG"), "image/png"), "labelled image/png"),
        (data_uri(bomb_png(), "image/png"), "30000 × 30000"),
        (data_uri(truncated(to_bytes(qr_image(URL, scale=2))), "image/png"), "truncated"),
        ("data:image/png;base64,@@@", "base64"),
        ("https://example.com/qr.png", "data: URI"),
    ],
    ids=["too-wide", "mislabelled", "bomb", "truncated", "bad-base64", "not-a-data-uri"],
)
def test_data_uri_problems(uri: str, match: str) -> None:
    with pytest.raises(ImageProblem, match=match):
        find_barcodes_in_data_uri(uri, max_bytes=512 * 1024, max_side=100)


def test_data_uri_byte_limit() -> None:
    with pytest.raises(ImageProblem, match="larger than"):
        find_barcodes_in_data_uri(to_data_uri(noise(200, 200, seed=9)), max_bytes=10 * 1024, max_side=4096)


def test_an_image_pillow_cannot_identify_gets_the_same_reason_every_time() -> None:
    """Pillow names its file object by address ("<_io.BytesIO object at 0x…>"): the reason leaves it out."""
    png_header_then_junk = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 8, 8) + b"\x08\x00\x00\x00\x00" + b"junk" * 8
    reasons = set()
    for _ in range(2):
        with pytest.raises(ImageProblem) as problem:
            find_barcodes(png_header_then_junk)
        reasons.add(str(problem.value))
    assert len(reasons) == 1 and " at 0x" not in reasons.pop()


_PLUGINS_LOADED = """
import sys
from pathlib import Path
from popup_client.core.qr import find_barcodes
find_barcodes(Path(sys.argv[1]).read_bytes())
print(" ".join(sorted(m for m in sys.modules if m.startswith("PIL.") and m.endswith("ImagePlugin"))))
"""


@pytest.mark.parametrize(("fmt", "plugin"), [("PNG", "PIL.PngImagePlugin"), ("JPEG", "PIL.JpegImagePlugin")])
def test_an_image_loads_the_pillow_plugin_of_its_format_only(fmt: str, plugin: str, tmp_path: Path) -> None:
    """Pillow's ``Image.open`` would load five plugins (BMP, GIF, JPEG with subprocess, PPM, PNG) first: ``lint`` pays for each."""
    image = tmp_path / "image"
    image.write_bytes(to_bytes(qr_image(URL), fmt))
    done = subprocess.run([sys.executable, "-c", _PLUGINS_LOADED, str(image)], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.split() == [plugin]


def test_an_image_pillow_cannot_identify_gets_pillows_reason() -> None:
    """The reason ``Image.open`` gives, which the hostile corpus pins."""
    png_header_then_junk = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 8, 8) + b"\x08\x00\x00\x00\x00" + b"junk" * 8
    with pytest.raises(ImageProblem) as problem:
        find_barcodes(png_header_then_junk)
    assert str(problem.value) == "cannot be decoded: it is truncated or corrupt (cannot identify image file)"



@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_a_pillow_whose_insides_differ_still_decodes_by_its_own_open(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The one-plugin open reads Pillow internals; where they are not as expected, ``Image.open`` does the work."""
    opened: list[object] = []
    data = to_bytes(qr_image(URL), fmt)
    monkeypatch.setattr(qr, "_pillow_insides", lambda _fmt: None)
    monkeypatch.setattr(Image, "open", lambda *a, _open=Image.open, **k: opened.append(k) or _open(*a, **k))
    assert [code.text for code in find_barcodes(data)] == [URL]
    assert opened == [{"formats": (fmt,)}]
