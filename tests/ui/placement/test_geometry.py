"""The stack's arithmetic, and the layer-shell anchors that reproduce it."""

from __future__ import annotations

import pytest

from popup_client.ui.placement.geometry import CORNERS, Rect, stack_rects
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
