"""What is open: the one record of the popups handed over to be shown and not closed yet. No Qt.

The service keeps it (:attr:`popup_client.service.PopupService.open`): a
popup it decides to show is added before the caller gets its reply; the UI's
report that it is on screen marks it so; its close removes it. Everyone else
reads it: the D-Bus server (a freedesktop id's current popup, the control
interface's ``List``, ``Dismiss``, ``Status`` and the keyboard's ``…Newest``) and the app (what is still
open when it stops). Arrival order is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from .submission import Submission


@dataclass(frozen=True)
class OpenPopup:
    """A popup handed over to be shown: what was submitted, and whether it is on screen yet."""

    submission: Submission
    on_screen: bool = False

    @property
    def receipt_id(self) -> int:
        return self.submission.receipt_id


class OpenPopups:
    """The open popups by receipt id, in the order they came."""

    def __init__(self) -> None:
        self._open: dict[int, OpenPopup] = {}

    def add(self, submission: Submission) -> OpenPopup | None:
        """Record a popup to be shown; returns the open popup it replaces (now gone from the record), if any."""
        replaced = self._open.pop(submission.replaces, None) if submission.replaces is not None else None
        self._open[submission.receipt_id] = OpenPopup(submission)
        return replaced

    def mark_on_screen(self, receipt_id: int) -> bool:
        """The UI put it on screen; False if it is not open."""
        popup = self._open.get(receipt_id)
        if popup is None:
            return False
        self._open[receipt_id] = replace(popup, on_screen=True)
        return True

    def remove(self, receipt_id: int) -> OpenPopup | None:
        """Forget a closed popup; None if it was not open."""
        return self._open.pop(receipt_id, None)

    def get(self, receipt_id: int) -> OpenPopup | None:
        return self._open.get(receipt_id)

    def find(self, match: Callable[[Submission], bool]) -> OpenPopup | None:
        """The newest open popup whose submission matches."""
        return next((p for p in reversed(self._open.values()) if match(p.submission)), None)

    def newest_on_screen(self) -> OpenPopup | None:
        """The popup that came last of those on screen (what a keyboard shortcut acts on); None if none is."""
        return next((p for p in reversed(self._open.values()) if p.on_screen), None)

    def receipts(self) -> list[int]:
        return list(self._open)

    def __iter__(self) -> Iterator[OpenPopup]:
        return iter(list(self._open.values()))

    def __contains__(self, receipt_id: object) -> bool:
        return receipt_id in self._open

    def __len__(self) -> int:
        return len(self._open)
