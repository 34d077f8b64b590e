"""What a screenshot shows of popups over a plain magenta window: where each one really is.

The live check (and the desktop tests) open a plain magenta window that the
window manager maximizes, so it covers exactly the usable area it grants
windows; whatever is not magenta inside it is a popup. Popups stack in one
column with gaps between them, so each run of rows holding something
non-magenta is one popup, and two popups that overlapped show as one run
that is too tall — the checks then fail. Everything is in the screenshot's
pixels (physical px). Pillow only, no Qt.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageChops

from popup_client.ui.placement.geometry import Rect

MAGENTA = (255, 0, 255)
#: A channel further than this from magenta's makes a pixel "something else".
TOLERANCE = 40
#: Smaller things (a mouse cursor the compositor draws into the frame) are not popups.
MIN_SIDE = 48


#: A rectangle in screenshot pixels: the placement code's own rectangle type.
Box = Rect


def load(path: Path) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("RGB")


def _not_magenta(image: Image.Image) -> Image.Image:
    """A mask: 255 where a pixel is not the client's magenta."""
    diff = ImageChops.difference(image, Image.new("RGB", image.size, MAGENTA))
    bands = [band.point(lambda v: 255 if v > TOLERANCE else 0) for band in diff.split()]
    return ImageChops.lighter(ImageChops.lighter(bands[0], bands[1]), bands[2])


def client_area(image: Image.Image) -> Box | None:
    """The bounding box of the magenta pixels: the client window, maximized into the usable area."""
    magenta = ImageChops.invert(_not_magenta(image))
    bbox = magenta.getbbox()
    if bbox is None:
        return None
    left, top, right, bottom = bbox
    return Box(left, top, right - left, bottom - top)


def _runs(flags: list[int]) -> list[tuple[int, int]]:
    """[start, end) of each run of non-zero entries."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for index, flag in enumerate([*flags, 0]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            runs.append((start, index))
            start = None
    return runs


def popups(image: Image.Image, area: Box) -> list[Box]:
    """The popups over ``area``, top to bottom (then left to right).

    Runs of rows holding something non-magenta, split into runs of columns
    within each; what is smaller than :data:`MIN_SIDE` (a cursor) is left out.
    """
    mask = _not_magenta(image).crop((area.x, area.y, area.right, area.bottom))
    boxes: list[Box] = []
    for top, bottom in _runs(list(mask.getprojection()[1])):
        band = mask.crop((0, top, area.width, bottom))
        for left, right in _runs(list(band.getprojection()[0])):
            piece = band.crop((left, 0, right, bottom - top))
            rows = _runs(list(piece.getprojection()[1]))
            y0, y1 = rows[0][0], rows[-1][1]
            if min(right - left, y1 - y0) >= MIN_SIDE:
                boxes.append(Box(area.x + left, area.y + top + y0, right - left, y1 - y0))
    return boxes


def crisp_ratio(image: Image.Image, box: Box) -> float:
    """How much of ``box``'s detail is finer than 2 px: near 0 for a picture upscaled 2×, higher when drawn at 2×.

    A surface drawn at scale 1 and enlarged by the compositor repeats every
    pixel in 2 × 2 blocks (or blurs them); one drawn at scale 2 has edges
    inside those blocks. The ratio is the share of horizontally adjacent
    pixel pairs inside a block that differ.
    """
    crop = image.crop((box.x - box.x % 2, box.y, box.right, box.bottom)).convert("L")
    width, height = crop.size
    pixels = crop.load()
    inner = differ = 0
    for y in range(0, height, 2):
        for x in range(0, width - 1, 2):
            a, b = pixels[x, y], pixels[x + 1, y]
            if a != b or (y + 1 < height and pixels[x, y + 1] != a):
                differ += 1
            inner += 1
    return differ / inner if inner else 0.0
