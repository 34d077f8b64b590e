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

from ...core.journal import CloseHow
from ...open_popups import OpenPopup, OpenPopups
from ...submission import Submission

_MAX_ID = 0xFFFFFFFF
TRANSPORT = "dbus"
#: NotificationClosed reasons: 1 expired, 2 dismissed by the user, 3 CloseNotification, 4 undefined.
EXPIRED, DISMISSED, CLOSED_BY_CALL, UNDEFINED = 1, 2, 3, 4
_REASONS = {CloseHow.TIMEOUT: EXPIRED, CloseHow.BUTTON: DISMISSED, CloseHow.ESC: DISMISSED}


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
        self._wrapped = False
        self._silenced: set[int] = set()
        self._close_requested: set[int] = set()

    def allocate(self) -> int:
        """A fresh id, never 0 and never one that is open.

        Every id in use was handed out below the next one, so the record of
        open popups is searched only once the ids have wrapped around.
        """
        while True:
            nid, fresh = self._next, not self._wrapped
            if nid >= _MAX_ID:
                self._next, self._wrapped = 1, True
            else:
                self._next = nid + 1
            if fresh or self.live(nid) is None:
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

    def close_requested(self, receipt_id: int) -> None:
        """``CloseNotification`` asked for it: its close is reason 3."""
        self._close_requested.add(receipt_id)

    def closed(self, popup: OpenPopup, how: CloseHow) -> tuple[int, int] | None:
        """(id, reason) to say in ``NotificationClosed`` for a popup that closed; None: nothing to say
        (not this door's, silenced, or replaced in place)."""
        requested = popup.receipt_id in self._close_requested
        self._close_requested.discard(popup.receipt_id)
        if popup.receipt_id in self._silenced:
            self._silenced.discard(popup.receipt_id)
            return None
        nid = dbus_id_of(popup.submission)
        if nid is None or how is CloseHow.REPLACED:
            return None
        if how is CloseHow.API:
            return nid, CLOSED_BY_CALL if requested else DISMISSED
        return nid, _REASONS.get(how, UNDEFINED)
