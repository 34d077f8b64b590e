"""The journal's operations: record receipts, events and complaints; count and read them back."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from popup_client.core.journal.connection import JournalConnection
from popup_client.core.journal.errors import JournalError
from popup_client.core.journal.counts import HORIZON_S
from popup_client.core.journal.queries import (
    COUNT_DECISIONS,
    SELECT_COMPLAINTS,
    SELECT_SHOWN_SINCE,
    WAS_RECEIVED_QUERY,
    count_shown_query,
    fetch_rows,
    history_filter,
)
from popup_client.core.journal.received import SELECT_EXTENT, SELECT_PAIRS, SELECT_RECEIVED_AFTER, ReceivedIds
from popup_client.core.journal.records import ComplaintRow, HistoryRow, Receipt
from popup_client.core.journal.shown_query import ShownQuery
from popup_client.core.journal.rows import complaint_row, insert_event, receipt_params
from popup_client.core.journal.sealing import (
    gaps,
    chain_rows,
    chain_rows_count,
    checkpoints,
    last_checkpoint_count,
    next_row_id,
    sealed_insert,
    sealed_insert_row,
    sealed_insert_rows,
    write_checkpoint,
)
from popup_client.core.journal.sqlite import iso, unix
from popup_client.core.trust import TrustError
from popup_client.core.trust.chain import ChainReport, verify_chain
from popup_client.core.vocabulary import CloseHow, DecisionKind

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

log = logging.getLogger(__name__)

#: Popup ids looked up in SQL before the journal builds its filter of received ids (:mod:`.received`).
FILTER_AFTER = 200

#: Gives the key that signs the journal's checkpoints (None: none is written), asked when one is first needed.
KeySource = Callable[[], "Ed25519PrivateKey | None"]
# A receipt held back in a batch: its id, what builds it, whether the filter of received ids took it in, its ids.
HeldReceipt = tuple[int, Callable[[], Receipt], bool, "str | None", "str | None"]


class Journal(JournalConnection):
    """The SQLite journal. Safe to share between threads; every write commits at once.

    See :class:`~popup_client.core.journal.connection.JournalConnection` for
    ``path``, ``warnings``, ``warning_listeners`` and :meth:`batch`.
    Every row is sealed into the hash chain as it is written
    (:mod:`.sealing`); with a ``checkpoint_key`` source, a signed head
    checkpoint is kept at each complaint, :meth:`checkpoint` and :meth:`close`.
    """

    #: Where the checkpoint key comes from (the app and the CLI set it; None: no checkpoints).
    checkpoint_key: KeySource | None = None
    _key: Ed25519PrivateKey | None = None
    _received: ReceivedIds | None = None  # made at the first lookup, seeded after FILTER_AFTER

    # -- writing ---------------------------------------------------------

    def record_receipt(self, r: Receipt) -> int:
        """Journal a payload and its decision; returns the receipt id once committed."""
        row = receipt_params(r)
        with self._lock:
            receipt_id = self._write_one("record a receipt", lambda conn: self._insert_receipt(conn, row, r))
            if r.decision == DecisionKind.SHOW and r.counts:
                self._shown.add(row[1], r.provider_id, r.kind, r.topic)  # its ts
        return receipt_id

    def record_receipt_soon(  # noqa: PLR0913 - what the caps and the filter of received ids take in at once
        self,
        build: Callable[[], Receipt],
        *,
        received_at: datetime,
        provider_id: str | None,
        popup_id: str | None,
        kind: str,
        topic: str | None,
        counted: bool,
    ) -> int:
        """:meth:`record_receipt` of ``build()``; inside a batch its row is built and written later (:mod:`.deferred`).

        The keywords are the receipt's own (``counted``: shown, and counting toward the caps); the id returned is
        its row's. Outside a batch it is :meth:`record_receipt` at once.
        """
        with self._lock:
            if not self._batching:
                return self.record_receipt(build())
            conn = self._read_connection("record a receipt", flush=False)
            deferred = self._deferred
            if deferred.next_id is None:  # nothing is held back: SQL has every row
                try:
                    deferred.next_id = next_row_id(conn, "receipts", self._head)
                except sqlite3.Error as exc:
                    raise self._failure("record a receipt", exc) from exc
            receipt_id = deferred.next_id
            deferred.next_id += 1
            received = self._received
            taken = received is not None and received.valid and received.changes == conn.total_changes
            if taken and received is not None:  # its row is written before SQL is asked
                received.extend(((receipt_id, provider_id, popup_id),))
            deferred.add((receipt_id, build, taken, provider_id, popup_id))
            if counted:
                self._shown.add(unix(received_at), provider_id, kind, topic)
            return receipt_id

    def _write_held(self, conn: sqlite3.Connection, held: list[HeldReceipt]) -> None:
        """The rows of the receipts held back, with the ids they were given; the filter that took them in stays up to date."""
        receipts = [(receipt_id, build()) for receipt_id, build, *_ in held]
        rows = [(receipt_id, receipt_params(r)) for receipt_id, r in receipts]
        before = conn.total_changes
        sealed_insert_rows(conn, "receipts", rows, self._sealing())
        received = self._received
        if received is not None and received.valid and received.changes == before:
            if all(taken for _, _, taken, *_ in held) and conn.total_changes == before + len(held):
                received.changes = conn.total_changes
            else:  # (not met: a filter out of date takes nothing in, and one brought up to date wrote what was held first)
                received.invalidate(wait=received.rows // 2)

    def _insert_receipt(self, conn: sqlite3.Connection, row: tuple[Any, ...], r: Receipt) -> int:
        """The sealed INSERT; a filter of received ids that was up to date takes the row in, with no SQL read later."""
        before = conn.total_changes
        receipt_id = sealed_insert_row(conn, "receipts", row, self._sealing())
        received = self._received
        if received is not None and received.valid and received.changes == before == conn.total_changes - 1:
            received.extend(((receipt_id, r.provider_id, r.popup_id),))  # undone later: a rollback drops the filter
            received.changes = conn.total_changes
        return receipt_id

    def record_display(self, receipt_id: int) -> None:
        """The popup of ``receipt_id`` was put on screen."""
        self._record_event(receipt_id, "display", {})

    def record_close(self, receipt_id: int, how: CloseHow | str) -> None:
        """The popup of ``receipt_id`` was closed, and how."""
        self._record_event(receipt_id, "close", {"how": CloseHow(how).value})

    def record_action(self, receipt_id: int, action: str) -> None:
        """The user did ``action`` (e.g. opened the link) on the popup of ``receipt_id``."""
        self._record_event(receipt_id, "action", {"action": action})

    def _record_event(self, receipt_id: int, kind: str, detail: dict[str, Any]) -> None:
        self._write_one(f"record a {kind} event", lambda conn: insert_event(conn, receipt_id, kind, self._now(), detail, self._sealing()))

    def record_complaint(
        self, *, receipt_id: int | None, provider_id: str | None, reason: str, text: str
    ) -> int:
        """Journal a report; with a receipt, also adds a ``report`` event to it.

        Without ``provider_id``, the linked receipt's provider is recorded.
        A signed head checkpoint is written with it (when there is a key).
        """
        at = self._now()
        key = self._checkpoint_key()
        with self._writing("record a complaint") as conn:
            if provider_id is None and receipt_id is not None:
                found = conn.execute("SELECT provider_id FROM receipts WHERE id = ?", (receipt_id,)).fetchone()
                provider_id = None if found is None else found[0]
            values = {"at": iso(at), "ts": unix(at), "receipt_id": receipt_id, "provider_id": provider_id, "reason": reason, "text": text}
            complaint_id = sealed_insert(conn, "complaints", values)
            if receipt_id is not None:
                detail = {"complaint_id": complaint_id, "reason": reason}
                insert_event(conn, receipt_id, "report", at, detail)
            if key is not None:
                write_checkpoint(conn, key, "head", at)
        return complaint_id

    # -- the hash chain ----------------------------------------------------

    def _checkpoint_key(self) -> Ed25519PrivateKey | None:
        if self._key is None and self.checkpoint_key is not None:
            try:
                self._key = self.checkpoint_key()
            except TrustError as exc:
                log.warning("no checkpoint of the journal can be signed: %s", exc)
                self.checkpoint_key = None
        return self._key

    def checkpoint(self, *, only_if_new: bool = False) -> dict[str, Any] | None:
        """Sign and keep a head checkpoint of the chain now (an export, a shutdown); None without a key or rows.

        ``only_if_new``: none when no row was written since the last checkpoint.
        """
        key = self._checkpoint_key()
        if key is None:
            return None
        with self._writing("write a checkpoint of the journal", statements=1) as conn:
            if only_if_new and chain_rows_count(conn) <= last_checkpoint_count(conn):
                return None
            return write_checkpoint(conn, key, "head", self._now())

    def chain(self) -> tuple[list[dict[str, Any]], dict[str, Any] | None, list[dict[str, Any]]]:
        """(every row as sealed, in chain order; the prune checkpoint it starts from; the head checkpoints)."""
        with self._reading("read the journal's chain") as conn:
            start, heads = checkpoints(conn)
            return chain_rows(conn), start, heads

    def removed(self) -> list[dict[str, Any]]:
        """The records of rows removed by retention or clearing (:mod:`popup_client.core.trust.gaps`)."""
        with self._reading("read the journal's records of removed rows") as conn:
            return gaps(conn)

    def verify(self, key: Ed25519PublicKey | None) -> ChainReport:
        """Recompute the chain; the first row edited, removed, reordered, or cut off the end (checkpoints need ``key``)."""
        rows, start, heads = self.chain()
        removed = self.removed()
        return verify_chain(rows, start=start, heads=heads if key is not None else (), gaps=removed, key=key, id_field="chain_seq")

    def close(self) -> None:
        """Write a head checkpoint if rows were written since the last (a shutdown), then close."""
        if self._conn is not None:
            try:
                self.checkpoint(only_if_new=True)
            except JournalError:  # closing must not fail for want of a checkpoint
                log.warning("no checkpoint was written at closing the journal", exc_info=True)
        super().close()

    # -- reading ---------------------------------------------------------

    def count_shown(
        self,
        *,
        since: datetime,
        provider_id: str | None = None,
        kinds: Collection[str] | None = None,
        topic: str | None = None,
    ) -> int:
        """Receipts shown (and counting toward caps) at or after ``since``, filtered.

        ``kinds=None`` counts every kind; an empty collection counts nothing.
        """
        if kinds is not None and not kinds:
            return 0
        kinds = tuple(kinds) if kinds is not None else None
        cached = self._counted([ShownQuery(since, provider_id, kinds, topic)])
        if cached is not None:
            return cached[0]
        sql, params = count_shown_query(since=since, provider_id=provider_id, kinds=kinds, topic=topic)
        return int(self._fetch_one("count shown popups", sql, params)[0])

    def count_shown_many(self, queries: Sequence[ShownQuery]) -> list[int]:
        """Several :meth:`count_shown` counts: from memory, or in one statement (one round trip for the caps)."""
        cached = self._counted(queries)
        if cached is not None:
            return cached
        parts: list[str] = []
        params: list[Any] = []
        for q in queries:
            if q.kinds is not None and not q.kinds:
                parts.append("0")
                continue
            sql, more = count_shown_query(since=q.since, provider_id=q.provider_id, kinds=q.kinds, topic=q.topic)
            parts.append(f"({sql})")
            params.extend(more)
        if not parts:
            return []
        return [int(n) for n in self._fetch_one("count shown popups", "SELECT " + ", ".join(parts), params)]

    def _counted(self, queries: Sequence[ShownQuery]) -> list[int] | None:
        """The counts from memory (:mod:`.counts`), seeded afresh if another connection wrote; None: ask SQL."""
        with self._lock:
            if not self._fresh_in_memory():  # else nothing to check: it was, in this reads_together() or batch
                conn = self._read_connection("count shown popups", flush=False)  # from memory: _current writes them first
                try:
                    self._current(conn)
                except sqlite3.Error as exc:
                    raise self._failure("count shown popups", exc) from exc
            counts, count = [], self._shown.count
            since, ts = None, 0.0  # the caps ask twice since the same time (the hour): converted once
            for q_since, provider_id, kinds, topic in queries:
                if kinds is not None and not kinds:
                    counts.append(0)
                    continue
                if q_since is not since:
                    since, ts = q_since, unix(q_since)
                n = count(ts, provider_id, kinds, topic)
                if n is None:
                    return None
                counts.append(n)
            return counts

    def _fresh_in_memory(self) -> bool:
        """The counts found current in this reads_together() or batch, nothing failed since: no more checks to make."""
        return self._shown_fresh and self._shown.valid and self._conn is not None and not self._batch_lost and self._deferred.failed is None

    def _current(self, conn: sqlite3.Connection) -> None:
        """Seed the counts afresh if another connection wrote (``PRAGMA data_version``): once a reads_together() or batch.

        Inside one, nobody else writes meanwhile. ``_shown_version`` is then the version the file is at.
        """
        if self._shown_fresh and self._shown.valid:
            return
        if not self._unverified and self._shown.valid and conn is self._shown_conn:
            self._shown_fresh = self._together or self._batching
            return  # the file's folder had no event for it since the version was last asked (connection.py)
        self._flush_deferred(conn, "count shown popups")  # before SQL is asked (deferred.py)
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        self._unverified = False
        if not self._shown.valid or conn is not self._shown_conn or version != self._shown_version:
            covers_from = unix(self._now()) - HORIZON_S
            self._shown.seed(conn.execute(SELECT_SHOWN_SINCE, (covers_from,)).fetchall(), covers_from)
            self._shown_conn, self._shown_version = conn, version
        self._shown_fresh = self._together or self._batching

    def was_received(self, provider_id: str, popup_id: str) -> bool:
        """Whether a payload with this provider and popup id was ever journaled."""
        with self._lock:
            conn = self._conn if self._fresh_in_memory() else self._read_connection("look up a popup id", flush=False)
            assert conn is not None  # the rows held back are in the filter: nothing to write first
            try:
                received = self._received_ids(conn)
                if received is not None and not received.may_hold(provider_id, popup_id):
                    return False  # certain: no row holds the pair (most popups)
                if any(held[3] == provider_id and held[4] == popup_id for held in self._deferred.held()):
                    return True  # a receipt of this batch, not written yet (deferred.py): SQL asked for the others only
                return conn.execute(WAS_RECEIVED_QUERY, (provider_id, popup_id)).fetchone() is not None
            except sqlite3.Error as exc:
                raise self._failure("look up a popup id", exc) from exc

    def _received_ids(self, conn: sqlite3.Connection) -> ReceivedIds | None:
        """The filter of received ids (:mod:`.received`), up to date; None while SQL answers instead.

        Rows this connection wrote since (``total_changes``) are taken in by their ids. When the counts were
        dropped (rows may have gone) or another connection wrote, it is dropped too, and seeded afresh only
        after as many lookups as half the rows it held (the first time, FILTER_AFTER): reading every id costs
        about what that many SQL lookups do, so no pattern of writes makes lookups cost more than twice the SQL.
        """
        received = self._received
        if received is None:
            received = self._received = ReceivedIds()
        if received.valid:
            self._current(conn)
            if received.stamp != (conn, self._shown_version, self._shown.epoch):
                received.invalidate(wait=received.rows // 2)
            elif conn.total_changes != received.changes:
                self._flush_deferred(conn, "look up a popup id")  # rows it did not take in: SQL has them first
                received.extend(conn.execute(SELECT_RECEIVED_AFTER, (received.upto,)))  # (too full: it invalidates itself)
                received.changes = conn.total_changes
        if not received.valid:
            received.waited += 1
            if received.waited <= max(FILTER_AFTER, received.wait):  # a short-lived process (a CLI command) never reads every id
                return None
            self._current(conn)
            self._flush_deferred(conn, "look up a popup id")
            upto, count = conn.execute(SELECT_EXTENT).fetchone()
            received.seed(conn.execute(SELECT_PAIRS, (upto,)), count, upto)
            received.stamp, received.changes = (conn, self._shown_version, self._shown.epoch), conn.total_changes
        return received

    def history(
        self,
        *,
        limit: int = 100,
        provider_id: str | None = None,
        decision: str | None = None,
        since: datetime | None = None,
    ) -> list[HistoryRow]:
        """Receipts newest first (most recently recorded), with their events."""
        where, params = history_filter(provider_id=provider_id, decision=decision, since=since)
        with self._reading("read the history") as conn:
            return fetch_rows(conn, where, params, limit)

    def get(self, receipt_id: int) -> HistoryRow | None:
        """One receipt with its events, or None."""
        with self._reading("read a receipt") as conn:
            rows = fetch_rows(conn, " WHERE id = ?", [receipt_id], 1)
        return rows[0] if rows else None

    def complaints(self, *, limit: int | None = None) -> list[ComplaintRow]:
        """Reports newest first, with the reported popup's title where known."""
        with self._reading("read the complaints") as conn:
            rows = conn.execute(SELECT_COMPLAINTS, (-1 if limit is None else limit,)).fetchall()
        return [complaint_row(row) for row in rows]

    def stats(self) -> dict[str, int]:
        """Number of receipts per decision (every decision present, zero if none)."""
        with self._reading("count receipts") as conn:
            rows = conn.execute(COUNT_DECISIONS).fetchall()
        counts = {decision.value: 0 for decision in DecisionKind}
        counts.update({str(row[0]): int(row[1]) for row in rows})
        return counts
