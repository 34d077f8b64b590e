"""The receipts of a batch, written together: after the turn's decisions, before anything else reads the file.

Inside a batch (:meth:`~popup_client.core.journal.connection.JournalConnection.batch`)
a receipt's row is built, sealed and inserted only when the batch next asks
SQL anything, writes anything else, or commits: the decisions of a turn run
one after another, then their rows are written one after another. Each kind
of work then finds the processor's caches warm with its own code and data,
which interleaving them per popup did not (about a quarter of a batched
submit, ``benchmarks/policy_throughput.py``).

Nothing of what a receipt promises waits: its id is given at once (the id
its row gets), the caps' counts and the filter of received ids take it in at
once (they are memory), and nothing of the batch is durable, or answered,
before its commit anyway. A write that fails at the flush fails the whole
batch: its later operations raise, and so does its commit, after which
nothing of it was kept.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Generic, TypeVar

from popup_client.core.journal.errors import JournalError

_Held = TypeVar("_Held")
ENDED = "the transaction of this batch of writes ended before its receipts were written; nothing of the batch is kept"


class DeferredWrites(Generic[_Held]):
    """What a batch holds back, in order, the writer that writes it, and the receipt id the next one gets."""

    __slots__ = ("_held", "_writer", "failed", "next_id")

    def __init__(self, writer: Callable[[sqlite3.Connection, list[_Held]], None]) -> None:
        self._held: list[_Held] = []
        self._writer = writer  # writes them all, in order (one pass of each kind of work)
        self.failed: BaseException | None = None  # a flush raised: the batch cannot keep its promises
        self.next_id: int | None = None  # the id of the next receipt held back; None while none is (read afresh then)

    def __bool__(self) -> bool:
        return bool(self._held)

    def add(self, held: _Held) -> None:
        self._held.append(held)

    def held(self) -> list[_Held]:
        """What is held back, in order (not to be changed)."""
        return self._held

    def run(self, conn: sqlite3.Connection) -> None:
        """Write what is held back; a failure marks the batch failed and raises."""
        held, self._held = self._held, []  # a writer that reads the journal itself finds nothing held back
        self.next_id = None  # whatever writes next sees every row in SQL
        try:
            if not conn.in_transaction:  # SQLite rolled the batch back (a full disk, an I/O error): no row alone
                raise JournalError(ENDED)
            self._writer(conn, held)
        except BaseException as exc:
            self.failed = exc
            raise

    def clear(self) -> None:
        """The batch ended (committed or undone): nothing held back, no failure."""
        self._held, self.failed, self.next_id = [], None, None
