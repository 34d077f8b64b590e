"""Freedesktop notification ids and the receipts open under them. No Qt.

:class:`NotificationIds` maps the ids handed out by ``Notify`` to the
service's receipt ids: a replacement gets a new receipt but keeps its
freedesktop id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_MAX_ID = 0xFFFFFFFF


@dataclass
class LiveNotification:
    """A freedesktop id with a popup open: its current receipt and what it may report."""

    receipt_id: int
    provider_id: str | None
    actions: frozenset[str] = field(default_factory=frozenset)


class NotificationIds:
    """Freedesktop ids (> 0) ↔ receipt ids of the popups open under them."""

    def __init__(self) -> None:
        self._next = 1
        self._live: dict[int, LiveNotification] = {}
        self._by_receipt: dict[int, int] = {}

    def allocate(self) -> int:
        """A fresh id, never 0 and never one that is open."""
        while True:
            nid = self._next
            self._next = 1 if self._next >= _MAX_ID else self._next + 1
            if nid not in self._live:
                return nid

    def was_issued(self, nid: int) -> bool:
        """Whether ``nid`` was handed out before (so a caller may reuse it)."""
        return 0 < nid < self._next

    def live(self, nid: int) -> LiveNotification | None:
        return self._live.get(nid)

    def bind(self, nid: int, live: LiveNotification) -> None:
        """``nid`` now shows ``live.receipt_id`` (replacing what it showed)."""
        old = self._live.get(nid)
        if old is not None:
            self._by_receipt.pop(old.receipt_id, None)
        self._live[nid] = live
        self._by_receipt[live.receipt_id] = nid

    def unbind(self, nid: int) -> LiveNotification | None:
        live = self._live.pop(nid, None)
        if live is not None:
            self._by_receipt.pop(live.receipt_id, None)
        return live

    def id_of(self, receipt_id: int) -> int | None:
        """The freedesktop id whose current popup is this receipt, or None."""
        return self._by_receipt.get(receipt_id)

    def receipt_closed(self, receipt_id: int) -> int | None:
        """Forget a closed receipt; returns its id if it was the id's current popup."""
        nid = self._by_receipt.pop(receipt_id, None)
        if nid is None:
            return None
        live = self._live.get(nid)
        if live is not None and live.receipt_id == receipt_id:
            del self._live[nid]
        return nid

    def __len__(self) -> int:
        return len(self._live)
