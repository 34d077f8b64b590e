"""Where each popup of the stack goes inside the usable area: pure arithmetic, no Qt.

The stack starts in the chosen corner of the area, ``margin`` from its two
edges, and grows away from it (down from a top corner, up from a bottom
one) with ``spacing`` between popups, which therefore never overlap. A
popup that would cross the far margin does not fit: it waits.

:func:`area_without_docks` takes off the area the bands of docks the window
system left in it (a tray that declares no strut, a session without a window
manager).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

Corner = Literal["top-right", "top-left", "bottom-right", "bottom-left"]
CORNERS: tuple[str, ...] = get_args(Corner)


@dataclass(frozen=True)
class Rect:
    """A rectangle in logical pixels (x, y of the top-left corner)."""

    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    def contains(self, other: Rect) -> bool:
        return self.x <= other.x and self.y <= other.y and other.right <= self.right and other.bottom <= self.bottom

    def intersects(self, other: Rect) -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom


def stack_rects(area: Rect, sizes: list[tuple[int, int]], *, corner: str, margin: int, spacing: int) -> list[Rect] | None:
    """The rectangles of popups of ``sizes`` (first nearest the corner), or None if the last does not fit."""
    right = corner.endswith("right")
    top = corner.startswith("top")
    rects: list[Rect] = []
    offset = margin
    for width, height in sizes:
        x = area.right - margin - width if right else area.x + margin
        y = area.y + offset if top else area.bottom - offset - height
        rect = Rect(x, y, width, height)
        if offset + height > area.height - margin:
            return None
        rects.append(rect)
        offset += height + spacing
    return rects


def area_without_docks(area: Rect, docks: Iterable[Rect]) -> Rect:
    """``area`` less the band of each dock inside it, as a strut would take it (docks that declare none).

    A dock touching the top or the bottom edge (and not both) is a bar there:
    the band is cut off that edge, however narrow the dock is now (a tray
    grows sideways as icons arrive). One touching both, or only the left or
    right edge, is cut off that side. A dock touching no edge is cut off the
    nearest. A cut that would leave less than half of the area is not made
    (that is no panel).
    """
    for dock in docks:
        if not area.intersects(dock):
            continue
        cut = _cut(area, dock, _dock_edge(area, dock))
        if cut.width * cut.height * 2 >= area.width * area.height:
            area = cut
    return area


def _dock_edge(area: Rect, dock: Rect) -> str:
    gaps = {"top": dock.y - area.y, "bottom": area.bottom - dock.bottom, "left": dock.x - area.x, "right": area.right - dock.right}
    top, bottom = gaps["top"] <= 0, gaps["bottom"] <= 0
    if top != bottom:
        return "top" if top else "bottom"
    candidates = ("left", "right") if top else tuple(gaps)  # full height: a side bar; else the nearest edge
    return min(candidates, key=lambda edge: gaps[edge])


def _cut(area: Rect, dock: Rect, edge: str) -> Rect:
    if edge == "top":
        return Rect(area.x, dock.bottom, area.width, max(0, area.bottom - dock.bottom))
    if edge == "bottom":
        return Rect(area.x, area.y, area.width, max(0, dock.y - area.y))
    if edge == "left":
        return Rect(dock.right, area.y, max(0, area.right - dock.right), area.height)
    return Rect(area.x, area.y, max(0, dock.x - area.x), area.height)
