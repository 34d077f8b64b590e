"""Where each popup of the stack goes inside the usable area: pure arithmetic, no Qt.

The stack starts in the chosen corner of the area, ``margin`` from its two
edges, and grows away from it (down from a top corner, up from a bottom
one) with ``spacing`` between popups, which therefore never overlap. A
popup that would cross the far margin does not fit: it waits.
"""

from __future__ import annotations

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
