"""A place in the popup stack: a pooled window, its timeout, and where the windows go.

A :class:`Slot` is a window with the submission it shows and the timer that
expires it (hovering pauses it). :func:`place` works out where the windows
of a stack go in the usable area. No decisions here: :mod:`.stack` makes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QElapsedTimer, QTimer

from ..submission import Submission
from .placement.geometry import Rect, stack_rects
from .popup_window import PopupWindow

#: Space between popups (logical px).
SPACING = 10


@dataclass
class Slot:
    """A window and what it shows."""

    window: PopupWindow
    timer: QTimer
    submission: Submission | None = None
    remaining_ms: int = 0
    elapsed: QElapsedTimer = field(default_factory=QElapsedTimer)

    @classmethod
    def around(cls, window: PopupWindow) -> Slot:
        """A slot for a new window: its timer closes it (``timeout``), hovering pauses the timer."""
        timer = QTimer(window)
        timer.setSingleShot(True)
        slot = cls(window, timer)
        timer.timeout.connect(lambda: window.close_with("timeout"))
        window.hovered.connect(slot.hover)
        return slot

    def start_timer(self, ms: int) -> None:
        """Expire in ``ms`` (0: never)."""
        self.remaining_ms = ms
        self.timer.stop()
        if ms > 0:
            self.elapsed.start()
            self.timer.start(ms)

    def hover(self, inside: bool) -> None:
        """The pointer on the popup pauses its timeout; leaving leaves a moment to read."""
        if self.submission is None or self.remaining_ms <= 0:
            return
        if inside and self.timer.isActive():
            self.remaining_ms = max(self.timer.remainingTime(), 1)
            self.timer.stop()
        elif not inside and not self.timer.isActive():
            self.timer.start(max(self.remaining_ms, 1500))


def place(area: Rect, sizes: list[tuple[int, int]], *, corner: str, margin: int, force: bool) -> list[Rect] | None:
    """Where windows of ``sizes`` go in ``area``, nearest ``corner`` first; None if the last would not fit
    (``force``: place them anyway, past the area's far edge)."""
    rects = stack_rects(area, sizes, corner=corner, margin=margin, spacing=SPACING)
    if rects is None and force:
        tall = Rect(area.x, area.y, area.width, max(area.height, sum(h for _, h in sizes) + 2 * margin))
        rects = stack_rects(tall, sizes, corner=corner, margin=margin, spacing=SPACING)
    return rects
