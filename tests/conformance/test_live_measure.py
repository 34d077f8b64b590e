"""The live check's measurements, each shown to fail on a broken arrangement (no desktop needed)."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from popup_client.conformance.live import measure
from popup_client.conformance.screen_measure import MAGENTA, Box, client_area, popups
from popup_client.ui import theme

AREA = Box(0, 32, 1920, 1048)
W = theme.WIDTH


def column(first_y: int = 48, right: int = 1904, heights: tuple[int, ...] = (164, 128, 228), gap: int = 10) -> list[Box]:
    boxes, y = [], first_y
    for height in heights:
        boxes.append(Box(right - W, y, W, height))
        y += height + gap
    return boxes


def names(boxes: list[Box], **kwargs: object) -> dict[str, bool]:
    options = {"scale": 1, "corner": "top-right", "margins": (16, 48), **kwargs}
    return {c.name: c.passed for c in measure(AREA, boxes, **options)}  # type: ignore[arg-type]


def test_a_good_stack_passes() -> None:
    assert all(names(column()).values())


def test_the_wider_margin_is_accepted_where_panels_are_unknown() -> None:
    assert names(column(first_y=32 + 48, right=1920 - 48))["live-stacked-in-corner"]


@pytest.mark.parametrize(
    ("boxes", "failing"),
    [
        (column(first_y=10), "live-inside-usable-area"),  # over the panel
        (column(right=1920 + 100), "live-inside-usable-area"),  # off the screen
        ([*column()[:1], Box(1904 - W, 100, W, 164)], "live-no-overlap"),
        ([Box(1904 - W, 48, W, 500)], "live-no-overlap"),  # two popups drawn as one tall box
        (column(first_y=300), "live-stacked-in-corner"),  # centred vertically
        (column(right=1200), "live-stacked-in-corner"),
        (column(gap=40), "live-stacked-in-corner"),
        ([Box(0, 32, 1920, 600)], "live-at-most-an-eighth"),
    ],
)
def test_each_measurement_fails_on_a_broken_stack(boxes: list[Box], failing: str) -> None:
    assert not names(boxes)[failing]


def test_popups_are_found_on_a_screenshot() -> None:
    image = Image.new("RGB", (1920, 1080), (16, 16, 16))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 32, 1919, 1079), fill=MAGENTA)
    for box in column():
        draw.rounded_rectangle((box.x, box.y, box.right - 1, box.bottom - 1), radius=10, fill=(255, 255, 255), outline=(200, 200, 200))
    draw.polygon([(100, 500), (100, 520), (112, 512)], fill=(0, 0, 0))  # a mouse cursor: not a popup
    area = client_area(image)
    assert area == AREA
    assert popups(image, area) == column()
