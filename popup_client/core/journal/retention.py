"""How long the journal keeps what, and the one way rows leave it: retention and clearing.

:class:`Forgetter` is the only code that deletes journal rows. Retention
(:meth:`Forgetter.prune_step`) and the user's clearing
(:meth:`Forgetter.clear`) both go through :meth:`Forgetter._remove`, which
deletes a chunk of receipts with their events (and, when clearing, the
complaints in scope) in one transaction and calls ``on_pruned`` inside it:
that is where a tamper-evident journal writes its signed ``prune``
checkpoint (:mod:`popup_client.core.trust.chain`), so the chain stays
verifiable. The default hook does nothing.

What is kept (:class:`Retention`, from the ``[privacy]`` preferences):

- service popups and payloads that did not parse: ``service_days`` (7);
- ads, news and content: ``push_days`` (90);
- complaints, and the receipts they cite: until the user deletes them;
- whatever was shown within ``caps`` (24 hours, or the topic window if
  longer) always stays, as it counts toward the frequency caps.

Clearing keeps that last point too: a receipt shown within ``caps`` is not
deleted but stripped to what the caps count (provider, kind, topic, time,
decision) — its payload becomes :data:`~.schema.CLEARED_PAYLOAD`, its sender,
popup id, reasons and events go — and retention deletes it once it is older
than ``caps``. Deleted content is zeroed (``secure_delete``); clearing then
empties the WAL, and :meth:`Forgetter.vacuum` gives the freed pages back to
the file system. Each step deletes at most ``chunk`` receipts, so the app can
prune on a timer without stalling.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from popup_client.core.journal.connection import JournalConnection
from popup_client.core.journal.schema import CLEARED_PAYLOAD, SHOWN
from popup_client.core.journal.sealing import links_of, record_removed, sealed_insert
from popup_client.core.journal.sqlite import unix

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

log = logging.getLogger(__name__)

CHUNK = 200
_PUSH = "kind IN ('ad', 'news', 'content')"
_NOT_PUSH = "(kind IS NULL OR kind NOT IN ('ad', 'news', 'content'))"
_CITED = "id IN (SELECT receipt_id FROM complaints WHERE receipt_id IS NOT NULL)"
_CLEARED = f"payload = '{CLEARED_PAYLOAD}'"
#: What a stripped receipt keeps (what the caps count), and what it is given.
_BARE = ("id", "received_at", "ts", "transport", "provider_id", "kind", "topic", "verified", "decision", "counts")
_STRIPPED = {"payload": CLEARED_PAYLOAD, "sender": "{}", "rules": "[]", "reasons": "[]"}


@dataclass(frozen=True)
class Retention:
    """How long each class of row is kept (see the module's docstring)."""

    service: timedelta = timedelta(days=7)
    push: timedelta = timedelta(days=90)
    caps: timedelta = timedelta(hours=24)

    @classmethod
    def of(cls, *, service_days: int, push_days: int, topic_window_hours: int = 24) -> Retention:
        """From the preferences' numbers; the caps' horizon is a day, or the topic window if longer."""
        caps = timedelta(hours=max(24, topic_window_hours))
        return cls(timedelta(days=service_days), timedelta(days=push_days), caps)


@dataclass(frozen=True)
class Pruned:
    """Rows one transaction removed (ids ascending): what a ``prune`` checkpoint records."""

    reason: str  # "retention" or "clear"
    receipt_ids: tuple[int, ...]
    complaint_ids: tuple[int, ...] = ()
    stripped_ids: tuple[int, ...] = ()  # receipts kept for the caps, everything else of them removed

    @property
    def last_removed_id(self) -> int | None:
        """The highest receipt id removed (or stripped), None if none was."""
        ids = self.receipt_ids + self.stripped_ids
        return max(ids) if ids else None


#: Called inside the deleting transaction, before it commits (a checkpoint written there commits with it).
PruneHook = Callable[[sqlite3.Connection, Pruned], None]


def no_checkpoint(conn: sqlite3.Connection, pruned: Pruned) -> None:
    """The default hook: the journal is not sealed, nothing to record."""


@dataclass(frozen=True)
class ClearPlan:
    """What clearing would do: receipts deleted, receipts stripped but kept for the caps, complaints deleted."""

    deleted: int
    kept_for_caps: int
    complaints: int
    cited: int  # receipts left because a complaint outside the scope cites them


@dataclass(frozen=True)
class Kept:
    """What the journal holds now: receipts by class, complaints, the file's size in bytes (all three files)."""

    service: int
    push: int
    cleared: int
    complaints: int
    file_bytes: int


class Forgetter:
    """Retention, clearing and vacuuming of one journal; the one place journal rows are deleted."""

    def __init__(self, journal: JournalConnection, *, on_pruned: PruneHook = no_checkpoint, chunk: int = CHUNK) -> None:
        self._journal = journal
        self._on_pruned = on_pruned
        self._chunk = chunk
        # Per class of row: a time before which none of it is due any more (all deleted, or cited).
        # A step then looks only from there, never again past the older rows of the other classes.
        # Forgotten once a day, in case a clock set back made rows older than it.
        self._done_before: dict[int, float] = {}
        self._done_since: datetime | None = None

    # ------------------------------------------------------------ retention

    def prune_step(self, retention: Retention) -> int:
        """Delete at most one chunk of what is past its time; the number deleted (0: nothing is due)."""
        now = self._journal._now()
        horizon = unix(now - retention.caps)
        service = min(unix(now - retention.service), horizon)
        push = min(unix(now - retention.push), horizon)
        if self._done_since is None or abs(now - self._done_since) > timedelta(days=1):
            self._done_before, self._done_since = {}, now
        classes = (
            (f"{_CLEARED} AND ts >= ? AND ts < ?", horizon),
            (f"ts >= ? AND ts < ? AND {_NOT_PUSH} AND NOT {_CITED}", service),
            (f"ts >= ? AND ts < ? AND {_PUSH} AND NOT {_CITED}", push),
        )
        done: dict[int, float] = {}
        deleted = 0
        with self._journal._writing("prune the journal") as conn:
            for number, (where, cutoff) in enumerate(classes):
                since = self._done_before.get(number, float("-inf"))
                sql = f"SELECT id, ts FROM receipts WHERE {where} ORDER BY ts LIMIT ?"
                rows = conn.execute(sql, (since, cutoff, self._chunk)).fetchall()
                if rows:
                    self._remove(conn, Pruned("retention", tuple(sorted(int(r[0]) for r in rows))))
                    done[number], deleted = float(rows[-1][1]), len(rows)  # ordered by time: none older is left
                    break
                done[number] = cutoff
        self._done_before.update(done)  # only once the deletion is committed
        return deleted

    def prune_all(self, retention: Retention) -> int:
        """Prune until nothing is due (the CLI, tests and benchmarks; the app prunes a step at a time)."""
        total = 0
        while n := self.prune_step(retention):
            total += n
        return total

    # ------------------------------------------------------------ clearing

    def plan(self, *, retention: Retention, provider_id: str | None = None, before: datetime | None = None) -> ClearPlan:
        """What :meth:`clear` would do with the same arguments (nothing is changed)."""
        where, params = _scope(provider_id, before)
        complaints_where, complaint_params = _complaint_scope(provider_id, before)
        keep = unix(self._journal._now() - retention.caps)
        cited = f"id IN (SELECT receipt_id FROM complaints WHERE receipt_id IS NOT NULL AND NOT ({complaints_where}))"
        sql = (
            f"SELECT count(*) FILTER (WHERE NOT ({cited}) AND NOT ({SHOWN} AND ts >= ?)),"
            f" count(*) FILTER (WHERE NOT ({cited}) AND {SHOWN} AND ts >= ?),"
            f" count(*) FILTER (WHERE {cited}),"
            f" (SELECT count(*) FROM complaints WHERE {complaints_where})"
            f" FROM receipts WHERE {where} AND NOT {_CLEARED}"
        )
        args = [*complaint_params, keep, *complaint_params, keep, *complaint_params, *complaint_params, *params]
        with self._journal._reading("count what clearing removes") as conn:
            deleted, stripped, cited_n, complaints = conn.execute(sql, args).fetchone()
        return ClearPlan(int(deleted), int(stripped), int(complaints), int(cited_n))

    def clear(self, *, retention: Retention, provider_id: str | None = None, before: datetime | None = None) -> ClearPlan:
        """Forget the history in scope (a provider, before a time; everything by default).

        Complaints in scope are deleted with it; a receipt cited by a complaint
        outside the scope stays. Receipts shown within ``retention.caps`` are
        stripped, not deleted, so the caps stay right (see the module's
        docstring). Ends by emptying the WAL and giving the space back.
        """
        plan = self.plan(retention=retention, provider_id=provider_id, before=before)
        where, params = _scope(provider_id, before)
        complaints_where, complaint_params = _complaint_scope(provider_id, before)
        keep = unix(self._journal._now() - retention.caps)
        pick = (
            f"SELECT id, ({SHOWN} AND ts >= ?) FROM receipts WHERE {where} AND NOT {_CLEARED} AND NOT {_CITED}"
            " ORDER BY id LIMIT ?"
        )
        with self._journal._writing("clear the history") as conn:
            ids = tuple(int(r[0]) for r in conn.execute(f"SELECT id FROM complaints WHERE {complaints_where} ORDER BY id", complaint_params))
            if ids:
                self._remove(conn, Pruned("clear", (), ids))
        while True:
            with self._journal._writing("clear the history") as conn:
                rows = conn.execute(pick, [keep, *params, self._chunk]).fetchall()
                if not rows:
                    break
                gone = tuple(int(r[0]) for r in rows if not r[1])
                stripped = tuple(int(r[0]) for r in rows if r[1])
                self._remove(conn, Pruned("clear", gone, (), stripped))
        self.vacuum(checkpoint=True)
        return plan

    # ------------------------------------------------------------ the one way rows leave

    def _remove(self, conn: sqlite3.Connection, pruned: Pruned) -> None:
        """Delete (or strip) the rows ``pruned`` names, inside the caller's transaction; then the hook.

        The hash chain stays verifiable: the removed rows' links are kept as a
        record of the run removed (:func:`~.sealing.record_removed`), and a
        stripped receipt is removed too, its bare count sealed anew at the head.
        """
        receipts = pruned.receipt_ids + pruned.stripped_ids
        links = [
            *links_of(conn, "events", "receipt_id", receipts),
            *links_of(conn, "complaints", "id", pruned.complaint_ids),
            *links_of(conn, "receipts", "id", receipts),
        ]
        bare = [dict(zip(_BARE, row)) for part in _parts(pruned.stripped_ids)
                for row in conn.execute(f"SELECT {', '.join(_BARE)} FROM receipts WHERE id IN ({', '.join('?' * len(part))}) ORDER BY id", part)]  # fmt: skip
        for table, column, ids in (("events", "receipt_id", receipts), ("complaints", "id", pruned.complaint_ids), ("receipts", "id", receipts)):
            for part in _parts(ids):
                conn.execute(f"DELETE FROM {table} WHERE {column} IN ({', '.join('?' * len(part))})", part)
        self._journal._shown.invalidate()  # the caps' counts in memory may hold what goes (core/journal/counts.py)
        record_removed(conn, links, self._key(), self._journal._now())
        for values in bare:
            sealed_insert(conn, "receipts", {**values, **_STRIPPED})
        self._on_pruned(conn, pruned)
        log.debug("%s: %d receipts removed, %d stripped, %d complaints removed", pruned.reason,
                  len(pruned.receipt_ids), len(pruned.stripped_ids), len(pruned.complaint_ids))  # fmt: skip

    def _key(self) -> Ed25519PrivateKey | None:
        """The journal's signing key, if it has one (records of removed rows are signed with it)."""
        source = getattr(self._journal, "_checkpoint_key", None)
        return source() if callable(source) else None

    # ------------------------------------------------------------ space

    def vacuum(self, *, pages: int = 0, checkpoint: bool = False) -> int:
        """Give free pages back to the file system (``pages``: at most that many; 0: all); the number given back.

        ``checkpoint`` then copies the WAL into the file and empties it, so no
        old copy of a deleted row stays in the ``-wal`` file (clearing does);
        otherwise the file shrinks at SQLite's next automatic checkpoint, and a
        step stays short.
        """
        with self._journal._reading("give free space back") as conn:
            free = int(conn.execute("PRAGMA freelist_count").fetchone()[0])
            if free:
                # It frees a page per step and execute() steps once: executescript() runs it to the end.
                conn.executescript(f"PRAGMA incremental_vacuum({pages});" if pages else "PRAGMA incremental_vacuum;")
            if checkpoint:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            given = free - int(conn.execute("PRAGMA freelist_count").fetchone()[0])
        return given

    def kept(self) -> Kept:
        """What the journal holds now, and how big its files are."""
        sql = (
            f"SELECT count(*) FILTER (WHERE {_NOT_PUSH} AND NOT {_CLEARED}),"
            f" count(*) FILTER (WHERE {_PUSH} AND NOT {_CLEARED}), count(*) FILTER (WHERE {_CLEARED}),"
            " (SELECT count(*) FROM complaints) FROM receipts"
        )
        with self._journal._reading("count what the journal keeps") as conn:
            service, push, cleared, complaints = conn.execute(sql).fetchone()
        return Kept(int(service), int(push), int(cleared), int(complaints), file_bytes(self._journal))


def file_bytes(journal: JournalConnection) -> int:
    """The size of the journal's file with its ``-wal`` and ``-shm`` (0 in memory)."""
    if journal.path is None:
        return 0
    total = 0
    for suffix in ("", "-wal", "-shm"):
        try:
            total += os.stat(f"{journal.path}{suffix}").st_size
        except OSError:
            pass
    return total


def _scope(provider_id: str | None, before: datetime | None) -> tuple[str, list[Any]]:
    terms: list[str] = ["1"]
    params: list[Any] = []
    if provider_id is not None:
        terms.append("provider_id = ?")
        params.append(provider_id)
    if before is not None:
        terms.append("ts < ?")
        params.append(unix(before))
    return " AND ".join(terms), params


def _complaint_scope(provider_id: str | None, before: datetime | None) -> tuple[str, list[Any]]:
    return _scope(provider_id, before)  # complaints have the same provider_id and ts columns


def _parts(ids: Sequence[int], size: int = 500) -> list[Sequence[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]
