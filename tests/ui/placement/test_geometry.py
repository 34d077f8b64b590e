"""The stack's arithmetic, and the layer-shell anchors that reproduce it."""

from __future__ import annotations

import pytest

from popup_client.ui.placement.geometry import CORNERS, Rect, area_without_docks, stack_rects
from popup_client.ui.placement.layer import anchor_for
from popup_client.ui.wayland.layer_surface import ANCHOR_BOTTOM, ANCHOR_LEFT, ANCHOR_RIGHT, ANCHOR_TOP

AREA = Rect(0, 32, 1920, 1048)
SIZES = [(360, 164), (360, 128), (360, 228)]


@pytest.mark.parametrize("corner", CORNERS)
def test_popups_stack_from_the_corner_inside_the_area_without_overlap(corner: str) -> None:
    rects = stack_rects(AREA, SIZES, corner=corner, margin=16, spacing=10)
    assert rects is not None
    first = rects[0]
    assert (first.x == 16) if corner.endswith("left") else (first.right == 1920 - 16)
    assert (first.y == 32 + 16) if corner.startswith("top") else (first.bottom == 32 + 1048 - 16)
    for a, b in zip(rects, rects[1:]):
        assert not a.intersects(b)
        assert (b.y - a.bottom if corner.startswith("top") else a.y - b.bottom) == 10
    assert all(AREA.contains(r) for r in rects)


def test_what_does_not_fit_is_refused() -> None:
    assert stack_rects(Rect(0, 0, 800, 400), SIZES, corner="top-right", margin=16, spacing=10) is None
    assert stack_rects(Rect(0, 0, 800, 400), SIZES[:2], corner="top-right", margin=16, spacing=10) is not None


@pytest.mark.parametrize("corner", CORNERS)
def test_layer_anchors_put_each_popup_where_the_stack_did(corner: str) -> None:
    area = Rect(0, 0, 1920, 1048)  # the layer placer's area: the usable area, from its own origin
    for rect in stack_rects(area, SIZES, corner=corner, margin=16, spacing=10) or []:
        placement = anchor_for(rect, area, corner)
        top, right, bottom, left = placement.margins
        vertical = ANCHOR_TOP if corner.startswith("top") else ANCHOR_BOTTOM
        horizontal = ANCHOR_RIGHT if corner.endswith("right") else ANCHOR_LEFT
        assert placement.anchor == vertical | horizontal
        # the compositor puts it at the anchored edges, the margins away: back where the stack wanted it
        x = area.right - right - rect.width if horizontal == ANCHOR_RIGHT else area.x + left
        y = area.y + top if vertical == ANCHOR_TOP else area.bottom - bottom - rect.height
        assert (x, y, placement.width, placement.height) == (rect.x, rect.y, rect.width, rect.height)


# ------------------------------------------------------------------ docks the work area does not account for

SCREEN = Rect(0, 0, 1280, 800)


def test_a_tray_in_the_top_right_corner_takes_a_band_off_the_top_and_the_first_popup_clears_it() -> None:
    tray = Rect(1256, 0, 24, 26)  # trayer --edge top --align right, one icon, as scripts/run starts it
    area = area_without_docks(SCREEN, [tray])
    assert area == Rect(0, 26, 1280, 774)
    first = stack_rects(area, SIZES, corner="top-right", margin=16, spacing=10)[0]  # type: ignore[index]
    assert not first.intersects(tray) and first.y - tray.bottom == 16


@pytest.mark.parametrize("width", [2, 24, 120, 600])
def test_the_band_does_not_depend_on_how_wide_the_tray_is_now(width: int) -> None:
    """A tray grows sideways as icons dock: the first popup, placed while it was 2 px wide, still clears it."""
    assert area_without_docks(SCREEN, [Rect(1280 - width, 0, width, 64)]) == Rect(0, 64, 1280, 736)


@pytest.mark.parametrize(
    ("dock", "left"),
    [
        (Rect(0, 770, 1280, 30), Rect(0, 0, 1280, 770)),  # a bottom panel
        (Rect(0, 0, 48, 800), Rect(48, 0, 1232, 800)),  # a full-height launcher on the left
        (Rect(1240, 300, 40, 200), Rect(0, 0, 1240, 800)),  # a dock on the right edge only
        (Rect(500, 790, 200, 20), Rect(0, 0, 1280, 790)),  # a dock partly off the bottom
        (Rect(600, 700, 80, 60), Rect(0, 0, 1280, 700)),  # touching no edge: off the nearest (the bottom)
    ],
)
def test_each_dock_is_cut_off_its_edge(dock: Rect, left: Rect) -> None:
    assert area_without_docks(SCREEN, [dock]) == left


def test_docks_outside_the_area_and_a_dock_covering_most_of_it_change_nothing() -> None:
    work_area = Rect(0, 32, 1280, 768)  # a window manager already took the panel off
    assert area_without_docks(work_area, [Rect(0, 0, 1280, 32)]) == work_area
    assert area_without_docks(SCREEN, [Rect(0, 0, 1280, 700)]) == SCREEN  # no panel is most of the screen


def test_several_docks_are_all_taken_off() -> None:
    docks = [Rect(0, 0, 1280, 28), Rect(1256, 28, 24, 26), Rect(0, 770, 1280, 30)]
    assert area_without_docks(SCREEN, docks) == Rect(0, 54, 1280, 716)
