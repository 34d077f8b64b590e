"""Freedesktop notification ids, read off the service's record of open popups. No Qt.

``Notify`` answers with an id (> 0, never one that is open); the popup's
sender details carry it (``dbus_id``), so the id's current popup is the
newest open popup of this door with that id in
:attr:`popup_client.service.PopupService.open` — the one record, not a copy.
A replacement gets a new receipt but keeps its freedesktop id. An id whose
notification was already said closed (its replacement was refused) is
*silenced*: its popup's own close later says nothing more.
"""

from __future__ import annotations

from ...open_popups import OpenPopup, OpenPopups
from ...submission import Submission

_MAX_ID = 0xFFFFFFFF
TRANSPORT = "dbus"


def dbus_id_of(submission: Submission) -> int | None:
    """The freedesktop id a submission came in under (None: not from this door)."""
    if submission.sender.transport != TRANSPORT:
        return None
    nid = submission.sender.details.get("dbus_id")
    return nid if isinstance(nid, int) else None


class NotificationIds:
    """Hands out ids and finds an id's open popup in the service's record."""

    def __init__(self, open_popups: OpenPopups) -> None:
        self._open = open_popups
        self._next = 1
        self._silenced: set[int] = set()

    def allocate(self) -> int:
        """A fresh id, never 0 and never one that is open."""
        while True:
            nid = self._next
            self._next = 1 if self._next >= _MAX_ID else self._next + 1
            if self.live(nid) is None:
                return nid

    def was_issued(self, nid: int) -> bool:
        """Whether ``nid`` was handed out before (so a caller may reuse it)."""
        return 0 < nid < self._next

    def live(self, nid: int) -> OpenPopup | None:
        """The open popup shown under ``nid`` now, or None."""
        return self._open.find(lambda s: dbus_id_of(s) == nid and s.receipt_id not in self._silenced)

    def silence(self, receipt_id: int) -> None:
        """Its id was said closed already; its own close is not said again."""
        self._silenced.add(receipt_id)

    def closed_unseen(self, receipt_id: int) -> None:
        """A silenced popup that was not open after all: nothing will close it."""
        self._silenced.discard(receipt_id)

    def closed(self, popup: OpenPopup) -> int | None:
        """The id to say closed for a popup that closed, or None (not this door's, or silenced)."""
        if popup.receipt_id in self._silenced:
            self._silenced.discard(popup.receipt_id)
            return None
        return dbus_id_of(popup.submission)
