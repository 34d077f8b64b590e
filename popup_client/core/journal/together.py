"""The context of :meth:`~popup_client.core.journal.connection.JournalConnection.reads_together`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from popup_client.core.journal.connection import JournalConnection


class ReadsTogether:
    """The context of :meth:`JournalConnection.reads_together` (a class: every popup enters one, and a generator costs more)."""

    __slots__ = ("_journal", "_joined")

    def __init__(self, journal: JournalConnection) -> None:
        self._journal = journal
        self._joined = False

    def __enter__(self) -> None:
        journal = self._journal
        journal._lock.acquire()
        try:
            self._joined = journal._together or journal._batching
            if not self._joined:
                journal._read_connection("read the journal")
                journal._together, journal._shown_fresh = True, False
        except BaseException:
            journal._lock.release()
            raise

    def __exit__(self, *exc: object) -> None:
        journal = self._journal
        try:
            if not self._joined:
                journal._together = journal._shown_fresh = False
        finally:
            journal._lock.release()
