"""The journal: every payload received, every decision, display, close and report.

One SQLite file (WAL mode) in :func:`popup_client.core.paths.data_dir`. Every
write is committed before the method returns, so a crash or a kill loses
nothing already recorded; frequency and topic counts are read back from it,
so they survive restarts.

Tables:

- ``receipts``: one row per payload received (or its parse error), with the
  decision and the ids of every rule that fired;
- ``events``: what happened to a receipt afterwards — ``display``, ``close``
  (detail ``{"how": ...}``), ``action`` (detail ``{"action": ...}``) and
  ``report`` (detail ``{"complaint_id": ..., "reason": ...}``);
- ``complaints``: reports (「举报」) made by the user.

Times are stored twice: RFC 3339 text in UTC for people, REAL unix time for
indexed comparisons. Reasons and the parse error are stored as the English
the transports replied, and, where they are translatable
:class:`~popup_client.core.text.Text`, also as template and arguments
(``reason_texts``, ``error_text``; NULL in rows from before schema 2), so
the history can show them in the user's language. The schema version lives
in ``PRAGMA user_version``.
A file that is not a database, or a damaged one, is moved aside as
``<name>.corrupt-<UTC time>`` and a fresh journal is started, with a warning.
The same happens when the damage is found while the app runs: the operation
that found it fails with :class:`JournalError`, later ones use the fresh
file, and ``warning_listeners`` are told (see :meth:`Journal._replace_damaged`).
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import Any

from popup_client.core.clock import Clock
from popup_client.core.errors import CoreError
from popup_client.core.text import QT_TRANSLATE_NOOP, Text
from popup_client.core.timefmt import format_rfc3339, parse_rfc3339

logger = logging.getLogger(__name__)

MEMORY = ":memory:"
SCHEMA_VERSION = 2
DECISIONS = ("show", "suppress", "reject")
_BUSY_TIMEOUT_MS = 5000
_CORRUPTION_CODES = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
_SIDE_FILES = ("", "-wal", "-shm")
_BATCH_LOST = "the journal was found damaged during this batch of writes and replaced; nothing of the batch was kept"


class JournalError(CoreError):
    """The journal cannot be opened, read or written; the message names the file."""


@dataclass(frozen=True)
class ShownQuery:
    """One count of shown popups: since when, and optionally of which provider, kinds, topic."""

    since: datetime
    provider_id: str | None = None
    kinds: tuple[str, ...] | None = None
    topic: str | None = None


class CloseHow(str, Enum):
    """How a popup was closed."""

    BUTTON = "button"
    ESC = "esc"
    TIMEOUT = "timeout"
    API = "api"
    REPLACED = "replaced"


@dataclass(frozen=True)
class Receipt:
    """One payload as received, and what the policy decided about it.

    ``counts`` is False for a notification that replaced a visible one: it is
    journaled but does not count again toward caps. A reason or the error
    that is a :class:`~popup_client.core.text.Text` (as the policy and the
    payload parser make them) is read back as one.
    """

    received_at: datetime
    transport: str
    sender: Mapping[str, Any]
    provider_id: str | None
    popup_id: str | None
    kind: str | None
    topic: str | None
    tier: str | None
    verified: bool
    payload: str | None
    error: str | None
    decision: str
    rules: Sequence[str]
    reasons: Sequence[str]
    news_list_version: str | None = None
    counts: bool = True

    def __post_init__(self) -> None:
        _require_aware(self.received_at, "Receipt.received_at")
        if self.decision not in DECISIONS:
            raise ValueError(f"Receipt.decision must be one of {DECISIONS}, not {self.decision!r}")


@dataclass(frozen=True)
class Event:
    """Something that happened to a receipt: ``display``, ``close``, ``action``, ``report``."""

    type: str
    at: datetime
    detail: dict[str, Any]


@dataclass(frozen=True)
class HistoryRow:
    """A receipt read back, with its events in the order they happened.

    ``reasons`` and ``error`` are :class:`~popup_client.core.text.Text` where
    they were recorded as one, else the plain English.
    """

    id: int
    received_at: datetime
    transport: str
    sender: dict[str, Any]
    provider_id: str | None
    popup_id: str | None
    kind: str | None
    topic: str | None
    tier: str | None
    verified: bool
    payload: str | None
    error: str | None
    decision: str
    rules: tuple[str, ...]
    reasons: tuple[str, ...]
    news_list_version: str | None
    counts: bool
    events: tuple[Event, ...]


@dataclass(frozen=True)
class ComplaintRow:
    """A report read back; ``title`` is the reported popup's title, if known."""

    id: int
    at: datetime
    receipt_id: int | None
    provider_id: str | None
    reason: str
    text: str
    title: str | None


_SHOWN = "decision = 'show' AND counts = 1"

_SCHEMA_V1 = (
    """CREATE TABLE receipts (
        id INTEGER PRIMARY KEY,
        received_at TEXT NOT NULL,
        ts REAL NOT NULL,
        transport TEXT NOT NULL,
        sender TEXT NOT NULL,
        provider_id TEXT,
        popup_id TEXT,
        kind TEXT,
        topic TEXT,
        tier TEXT,
        verified INTEGER NOT NULL,
        payload TEXT,
        error TEXT,
        decision TEXT NOT NULL CHECK (decision IN ('show', 'suppress', 'reject')),
        rules TEXT NOT NULL,
        reasons TEXT NOT NULL,
        news_list_version TEXT,
        counts INTEGER NOT NULL
    )""",
    "CREATE INDEX receipts_ts ON receipts (ts)",
    "CREATE INDEX receipts_popup ON receipts (provider_id, popup_id, error)",
    # Partial indexes for count_shown; the trailing columns make them covering.
    f"CREATE INDEX receipts_shown_ts ON receipts (ts, kind, decision, counts) WHERE {_SHOWN}",
    "CREATE INDEX receipts_shown_provider ON receipts"
    f" (provider_id, ts, kind, decision, counts) WHERE {_SHOWN}",
    "CREATE INDEX receipts_shown_topic ON receipts"
    f" (provider_id, topic, ts, kind, decision, counts) WHERE {_SHOWN}",
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        receipt_id INTEGER NOT NULL REFERENCES receipts (id),
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        ts REAL NOT NULL,
        detail TEXT NOT NULL
    )""",
    "CREATE INDEX events_receipt ON events (receipt_id)",
    """CREATE TABLE complaints (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        ts REAL NOT NULL,
        receipt_id INTEGER REFERENCES receipts (id),
        provider_id TEXT,
        reason TEXT NOT NULL,
        text TEXT NOT NULL
    )""",
)
# Version 2: the reasons and the error as translatable text (JSON), NULL where there is none.
_SCHEMA_V2 = (
    "ALTER TABLE receipts ADD COLUMN reason_texts TEXT",
    "ALTER TABLE receipts ADD COLUMN error_text TEXT",
)
# _MIGRATIONS[n] takes a journal from user_version n to n + 1.
_MIGRATIONS: tuple[tuple[str, ...], ...] = (_SCHEMA_V1, _SCHEMA_V2)

_RECEIPT_COLUMNS = (
    "received_at, ts, transport, sender, provider_id, popup_id, kind, topic, tier, "
    "verified, payload, error, decision, rules, reasons, news_list_version, counts, reason_texts, error_text"
)
_INSERT_RECEIPT = f"INSERT INTO receipts ({_RECEIPT_COLUMNS}) VALUES ({', '.join('?' * 19)})"
_INSERT_EVENT = "INSERT INTO events (receipt_id, type, at, ts, detail) VALUES (?, ?, ?, ?, ?)"
_INSERT_COMPLAINT = (
    "INSERT INTO complaints (at, ts, receipt_id, provider_id, reason, text) "
    "VALUES (?, ?, ?, COALESCE(?, (SELECT provider_id FROM receipts WHERE id = ?)), ?, ?)"
)
_SELECT_COMPLAINTS = (
    "SELECT c.id, c.at, c.receipt_id, c.provider_id, c.reason, c.text, r.payload "
    "FROM complaints AS c LEFT JOIN receipts AS r ON r.id = c.receipt_id "
    "ORDER BY c.id DESC LIMIT ?"
)


class Journal:
    """The SQLite journal. Safe to share between threads; every write commits at once.

    ``path`` may be ``":memory:"`` (nothing survives ``close``). ``warnings``
    collects what the user should be told, e.g. that a damaged file was moved
    aside. ``warning_listeners`` are called with each such message that
    arises after opening (a file damaged while the app runs); without a
    listener it is logged as a warning instead. ``path`` becomes None if the
    journal had to fall back to memory.
    """

    def __init__(self, path: Path | str, *, clock: Clock) -> None:
        self.path: Path | None = None if str(path) == MEMORY else Path(path)
        self.warnings: list[str] = []
        # Called (on the thread that found the damage, with the journal locked: do not block) with the message.
        self.warning_listeners: list[Callable[[str], None]] = []
        self._clock = clock
        self._lock = threading.RLock()
        self._batching = False
        self._batch_lost = False  # the file was replaced during the batch: the batch cannot commit
        self._conn: sqlite3.Connection | None = self._open()
        self._seen = self._file_state()

    # -- opening ---------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            return self._open_once()
        except sqlite3.Error as exc:
            if not _is_corruption(exc):
                raise self._error("cannot open the journal", exc) from exc
            message = self._moved_message(exc, self._move_aside(exc))
            logger.debug("%s", message)  # the caller shows self.warnings; logging it too said it twice
            self.warnings.append(message)
        try:
            return self._open_once()
        except sqlite3.Error as exc:
            raise self._error("cannot start a new journal", exc) from exc

    def _open_once(self) -> sqlite3.Connection:
        if self.path is None:
            return _connect(MEMORY)
        _prepare_file(self.path)
        return _connect(str(self.path))

    def _move_aside(self, exc: sqlite3.Error) -> Path:
        """Rename the file and its -wal and -shm to ``<name>.corrupt-<UTC time>``; returns that name."""
        assert self.path is not None
        target = _corrupt_name(self.path, self._clock.now())
        try:
            for suffix in _SIDE_FILES:
                _rename_if_exists(Path(f"{self.path}{suffix}"), Path(f"{target}{suffix}"))
        except OSError as err:
            message = f"the journal {self.path} is damaged ({exc}); moving it aside failed: {err}"
            raise JournalError(message) from err
        return target

    def _moved_message(self, exc: sqlite3.Error, target: Path) -> str:
        text = QT_TRANSLATE_NOOP(
            "core",
            "The journal {path} was damaged ({error}); it was moved to {target} and a new, empty journal was started. "
            "Frequency caps count afresh.",
        )
        return text.format(path=str(self.path), error=str(exc), target=str(target))

    # -- damage found while running ----------------------------------------

    def _failure(self, what: str, exc: sqlite3.Error) -> JournalError:
        """The error for an operation that failed; a damaged file is replaced by a fresh journal first.

        Only corruption replaces the file (not a constraint, a lock, a full
        disk or an I/O error), and never that of an in-memory journal.
        """
        error = self._error(f"cannot {what}", exc)
        if self.path is None or not _is_corruption(exc):
            return error
        self._replace_damaged(exc)
        where = "a new, empty journal" if self.path is not None else "an in-memory journal"
        return JournalError(f"{error} (the journal was damaged; {where} was started)")

    def _replace_damaged(self, exc: sqlite3.Error) -> None:
        """Close, move the damaged file aside as at opening, open a fresh one; tell the listeners once.

        If it cannot be moved aside or a new file cannot be made, the journal
        goes on in memory (as the app does when it cannot open one at start),
        so popups are still decided and shown rather than every one refused.
        Inside a batch, the batch is lost: its later operations and its
        commit raise :class:`JournalError`.
        """
        assert self.path is not None
        self._batch_lost = self._batching
        old, self._conn = self._conn, None
        if old is not None:
            try:
                old.close()
            except sqlite3.Error:
                logger.debug("closing the damaged journal failed", exc_info=True)
        try:
            target = self._move_aside(exc)
        except JournalError as err:
            message = self._fall_back_to_memory(str(err))
        else:
            try:
                self._conn = self._open_once()
            except (JournalError, sqlite3.Error) as err:
                moved = f"the journal {self.path} was damaged ({exc}); it was moved to {target}"
                message = self._fall_back_to_memory(f"{moved}, but a new one cannot be started: {err}")
            else:
                message = self._moved_message(exc, target)
        self._seen = self._file_state()
        self.warnings.append(message)
        self._tell(message)

    def _fall_back_to_memory(self, reason: str) -> str:
        self.path = None
        self._conn = _connect(MEMORY)
        return f"{reason}; this session's history will not be kept. Frequency caps count afresh."

    def _tell(self, message: str) -> None:
        if not self.warning_listeners:
            logger.warning("%s", message)
            return
        logger.debug("%s", message)  # a listener shows it; a WARNING record as well would say it twice
        for listener in list(self.warning_listeners):
            try:
                listener(message)
            except Exception:
                logger.exception("journal warning listener %r failed", listener)

    def _file_state(self) -> tuple[int, ...] | None:
        """What tells a write to the file by someone else: its identity, size and times."""
        if self.path is None:
            return None
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)

    def _notice_outside_writes(self, conn: sqlite3.Connection) -> None:
        """Make SQLite read the file again if something else changed it since this journal last did.

        In WAL mode SQLite keeps trusting the pages it has cached while the
        WAL is unchanged, so a file overwritten by another program would go
        unnoticed (and be written back over later). One ``stat`` per
        operation; a checkpoint by another SQLite connection only costs a
        cache refill.
        """
        state = self._file_state()
        if state != self._seen:
            logger.debug("the journal file changed outside this connection: dropping SQLite's page cache")
            conn.execute("PRAGMA shrink_memory")
            self._seen = state

    def _error(self, what: str, exc: BaseException) -> JournalError:
        where = self.path if self.path is not None else MEMORY
        return JournalError(f"{what} ({where}): {exc}")

    # -- plumbing --------------------------------------------------------

    @contextmanager
    def _reading(self, what: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._read_connection(what)
            try:
                yield conn
            except sqlite3.Error as exc:
                raise self._failure(what, exc) from exc

    def _fetch_one(self, what: str, sql: str, params: Sequence[Any]) -> Any:
        """The first row of one read: :meth:`_reading` without a generator, for the reads every popup makes."""
        with self._lock:
            conn = self._read_connection(what)
            try:
                return conn.execute(sql, params).fetchone()
            except sqlite3.Error as exc:
                raise self._failure(what, exc) from exc

    def _read_connection(self, what: str) -> sqlite3.Connection:
        """The connection, after the checks every operation makes first (the lock is held)."""
        conn = self._connection()
        if self._batch_lost:
            raise JournalError(f"cannot {what}: {_BATCH_LOST}")
        if not self._batching:
            try:
                self._notice_outside_writes(conn)
            except sqlite3.Error as exc:
                raise self._failure(what, exc) from exc
        return conn

    @contextmanager
    def _writing(self, what: str, *, statements: int = 2) -> Iterator[sqlite3.Connection]:
        """One transaction, committed on leaving; rolled back on any error.

        Inside :meth:`batch` it is a savepoint of the batch's transaction
        instead: undone alone on an error, committed with the batch. A write
        of one statement (``statements=1``) needs no savepoint there: SQLite
        undoes a failed statement by itself.
        """
        with self._reading(what) as conn:
            if self._batching and statements == 1:
                yield conn
                return
            if self._batching:
                begin, end, undo = "SAVEPOINT w", "RELEASE w", _undo_savepoint
            else:
                begin, end, undo = "BEGIN IMMEDIATE", "COMMIT", _rollback
            conn.execute(begin)
            try:
                yield conn
                conn.execute(end)
            except BaseException:
                undo(conn)
                raise
            if not self._batching:
                self._seen = self._file_state()  # a commit may checkpoint into the file

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make every write inside one transaction, committed (once) on leaving.

        Nothing written inside is durable until the batch commits; a
        transport replies only after that. Raises :class:`JournalError` when
        the commit fails (then nothing of the batch was kept), also when the
        file was found damaged during the batch and replaced: the batch's
        later operations then raise at once, and later batches use the fresh
        file. Other threads wait for the batch to end. Nested batches join
        the outer one.
        """
        with self._lock:
            if self._batching:
                yield
                return
            conn = self._connection()
            try:
                self._notice_outside_writes(conn)
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._failure("start a batch of writes", exc) from exc
            self._batching, self._batch_lost = True, False
            try:
                yield
            except BaseException:
                if not self._end_batch():  # a replaced connection is closed already
                    _rollback(conn)
                raise
            if self._end_batch():
                raise JournalError(f"cannot commit a batch of writes: {_BATCH_LOST}")
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                try:
                    _rollback(conn)
                except sqlite3.Error:
                    logger.debug("rolling back a failed batch failed", exc_info=True)
                raise self._failure("commit a batch of writes", exc) from exc
            self._seen = self._file_state()

    def _end_batch(self) -> bool:
        """Leave batch mode; True if the file was replaced during the batch."""
        lost = self._batch_lost
        self._batching = self._batch_lost = False
        return lost

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise JournalError("the journal is closed")
        return self._conn

    def _now(self) -> datetime:
        return self._clock.now()

    # -- writing ---------------------------------------------------------

    def record_receipt(self, r: Receipt) -> int:
        """Journal a payload and its decision; returns the receipt id once committed."""
        with self._writing("record a receipt", statements=1) as conn:
            cursor = conn.execute(_INSERT_RECEIPT, _receipt_params(r))
        return _last_id(cursor)

    def record_display(self, receipt_id: int) -> None:
        """The popup of ``receipt_id`` was put on screen."""
        self._record_event(receipt_id, "display", {})

    def record_close(self, receipt_id: int, how: CloseHow) -> None:
        """The popup of ``receipt_id`` was closed, and how."""
        self._record_event(receipt_id, "close", {"how": CloseHow(how).value})

    def record_action(self, receipt_id: int, action: str) -> None:
        """The user did ``action`` (e.g. opened the link) on the popup of ``receipt_id``."""
        self._record_event(receipt_id, "action", {"action": action})

    def _record_event(self, receipt_id: int, kind: str, detail: dict[str, Any]) -> None:
        with self._writing(f"record a {kind} event", statements=1) as conn:
            _insert_event(conn, receipt_id, kind, self._now(), detail)

    def record_complaint(
        self, *, receipt_id: int | None, provider_id: str | None, reason: str, text: str
    ) -> int:
        """Journal a report; with a receipt, also adds a ``report`` event to it.

        Without ``provider_id``, the linked receipt's provider is recorded.
        """
        at = self._now()
        with self._writing("record a complaint") as conn:
            params = (_iso(at), _unix(at), receipt_id, provider_id, receipt_id, reason, text)
            complaint_id = _last_id(conn.execute(_INSERT_COMPLAINT, params))
            if receipt_id is not None:
                detail = {"complaint_id": complaint_id, "reason": reason}
                _insert_event(conn, receipt_id, "report", at, detail)
        return complaint_id

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
        sql, params = count_shown_query(
            since=since, provider_id=provider_id, kinds=kinds, topic=topic
        )
        return int(self._fetch_one("count shown popups", sql, params)[0])

    def count_shown_many(self, queries: Sequence[ShownQuery]) -> list[int]:
        """Several :meth:`count_shown` counts in one statement (one round trip for the caps)."""
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

    def was_received(self, provider_id: str, popup_id: str) -> bool:
        """Whether a payload with this provider and popup id was ever journaled."""
        return self._fetch_one("look up a popup id", WAS_RECEIVED_QUERY, (provider_id, popup_id)) is not None

    def history(
        self,
        *,
        limit: int = 100,
        provider_id: str | None = None,
        decision: str | None = None,
        since: datetime | None = None,
    ) -> list[HistoryRow]:
        """Receipts newest first (most recently recorded), with their events."""
        where, params = _history_filter(provider_id=provider_id, decision=decision, since=since)
        with self._reading("read the history") as conn:
            return _fetch_rows(conn, where, params, limit)

    def get(self, receipt_id: int) -> HistoryRow | None:
        """One receipt with its events, or None."""
        with self._reading("read a receipt") as conn:
            rows = _fetch_rows(conn, " WHERE id = ?", [receipt_id], 1)
        return rows[0] if rows else None

    def complaints(self, *, limit: int | None = None) -> list[ComplaintRow]:
        """Reports newest first, with the reported popup's title where known."""
        with self._reading("read the complaints") as conn:
            rows = conn.execute(_SELECT_COMPLAINTS, (-1 if limit is None else limit,)).fetchall()
        return [_complaint_row(row) for row in rows]

    def stats(self) -> dict[str, int]:
        """Number of receipts per decision (every decision present, zero if none)."""
        with self._reading("count receipts") as conn:
            rows = conn.execute("SELECT decision, count(*) FROM receipts GROUP BY decision").fetchall()
        counts = dict.fromkeys(DECISIONS, 0)
        counts.update({str(row[0]): int(row[1]) for row in rows})
        return counts

    # -- closing ---------------------------------------------------------

    def close(self) -> None:
        """Close the file; further calls raise :class:`JournalError`. Idempotent."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


# -- queries ---------------------------------------------------------------

# A payload that did not parse was never really received as that popup: a corrected
# resend with the same id is not a duplicate. One that parsed (whatever its decision) was.
WAS_RECEIVED_QUERY = "SELECT 1 FROM receipts WHERE provider_id = ? AND popup_id = ? AND error IS NULL LIMIT 1"


def count_shown_query(
    *,
    since: datetime,
    provider_id: str | None = None,
    kinds: Collection[str] | None = None,
    topic: str | None = None,
) -> tuple[str, list[Any]]:
    """The SQL and parameters :meth:`Journal.count_shown` runs (public for EXPLAIN)."""
    params: list[Any] = [_unix(since)]
    if provider_id is not None:
        params.append(provider_id)
    if topic is not None:
        params.append(topic)
    wanted: list[str] = []
    if kinds is not None:
        wanted = sorted(set(kinds))
        params.extend(wanted)
    sql = _count_shown_sql(provider_id is not None, topic is not None, None if kinds is None else len(wanted))
    return sql, params


@functools.lru_cache(maxsize=64)
def _count_shown_sql(by_provider: bool, by_topic: bool, kinds: int | None) -> str:
    terms = [_SHOWN, "ts >= ?"]
    if by_provider:
        terms.append("provider_id = ?")
    if by_topic:
        terms.append("topic = ?")
    if kinds is not None:
        terms.append(f"kind IN ({', '.join('?' * kinds)})")
    return "SELECT count(*) FROM receipts WHERE " + " AND ".join(terms)


def _history_filter(
    *, provider_id: str | None, decision: str | None, since: datetime | None
) -> tuple[str, list[Any]]:
    terms: list[str] = []
    params: list[Any] = []
    for term, value in (("provider_id = ?", provider_id), ("decision = ?", decision)):
        if value is not None:
            terms.append(term)
            params.append(value)
    if since is not None:
        terms.append("ts >= ?")
        params.append(_unix(since))
    return (" WHERE " + " AND ".join(terms) if terms else ""), params


def _fetch_rows(conn: sqlite3.Connection, where: str, params: list[Any], limit: int) -> list[HistoryRow]:
    """Receipts matching ``where``, newest first, and all their events in one more query."""
    chosen = f"FROM receipts{where} ORDER BY id DESC LIMIT ?"
    rows = conn.execute(f"SELECT id, {_RECEIPT_COLUMNS} {chosen}", [*params, limit]).fetchall()
    if not rows:
        return []
    events = _events_of(conn, f"SELECT id {chosen}", [*params, limit])
    return [_history_row(row, events.get(int(row[0]), [])) for row in rows]


def _events_of(conn: sqlite3.Connection, ids_sql: str, params: list[Any]) -> dict[int, list[Event]]:
    sql = f"SELECT receipt_id, type, at, detail FROM events WHERE receipt_id IN ({ids_sql}) ORDER BY id"
    events: dict[int, list[Event]] = {}
    for receipt_id, kind, at, detail in conn.execute(sql, params):
        events.setdefault(int(receipt_id), []).append(Event(kind, parse_rfc3339(at), json.loads(detail)))
    return events


# -- rows ------------------------------------------------------------------


def _receipt_params(r: Receipt) -> tuple[Any, ...]:
    return (
        _iso(r.received_at),
        _unix(r.received_at),
        r.transport,
        _json(dict(r.sender)),
        r.provider_id,
        r.popup_id,
        r.kind,
        r.topic,
        r.tier,
        int(r.verified),
        r.payload,
        r.error,
        r.decision,
        _json(list(r.rules)),
        _json(list(r.reasons)),
        r.news_list_version,
        int(r.counts),
        _json([_text_json(x) for x in r.reasons]) if any(isinstance(x, Text) for x in r.reasons) else None,
        _json(_text_json(r.error)) if isinstance(r.error, Text) else None,
    )


def _text_json(value: str) -> dict[str, Any] | None:
    return value.to_json() if isinstance(value, Text) else None


def _texts(english: Sequence[str], stored: str | None) -> tuple[str, ...]:
    """The reasons as read back: each a Text where one was stored (and makes the same English)."""
    texts = _loads(stored)
    if not isinstance(texts, list) or len(texts) != len(english):
        texts = [None] * len(english)
    return tuple(_text(plain, data) for plain, data in zip(english, texts))


def _text(english: str, data: Any) -> str:
    """``english`` as the Text ``data`` stores, or as it is if there is none (or it does not fit)."""
    if data is None:
        return english
    try:
        text = Text.from_json(data)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        logger.warning("a stored text cannot be read back (%s); showing its English", exc)
        return english
    return text if text == english else english


def _loads(stored: str | None) -> Any:
    try:
        return None if stored is None else json.loads(stored)
    except ValueError as exc:
        logger.warning("a stored text is not JSON (%s); showing its English", exc)
        return None


def _history_row(row: Sequence[Any], events: list[Event]) -> HistoryRow:
    (id_, received_at, _ts, transport, sender, provider_id, popup_id, kind, topic, tier, verified,
     payload, error, decision, rules, reasons, news_list_version, counts, reason_texts, error_text) = row  # fmt: skip
    return HistoryRow(
        id=int(id_),
        received_at=parse_rfc3339(received_at),
        transport=transport,
        sender=json.loads(sender),
        provider_id=provider_id,
        popup_id=popup_id,
        kind=kind,
        topic=topic,
        tier=tier,
        verified=bool(verified),
        payload=payload,
        error=None if error is None else _text(error, _loads(error_text)),
        decision=decision,
        rules=tuple(json.loads(rules)),
        reasons=_texts(json.loads(reasons), reason_texts),
        news_list_version=news_list_version,
        counts=bool(counts),
        events=tuple(events),
    )


def _complaint_row(row: Sequence[Any]) -> ComplaintRow:
    id_, at, receipt_id, provider_id, reason, text, payload = row
    return ComplaintRow(
        id=int(id_),
        at=parse_rfc3339(at),
        receipt_id=receipt_id,
        provider_id=provider_id,
        reason=reason,
        text=text,
        title=_title_of(payload),
    )


def _title_of(payload: str | None) -> str | None:
    """The ``title`` of a journaled payload, or None if there is none to read."""
    if payload is None:
        return None
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    title = data.get("title") if isinstance(data, dict) else None
    return title if isinstance(title, str) else None


def _insert_event(
    conn: sqlite3.Connection, receipt_id: int, kind: str, at: datetime, detail: dict[str, Any]
) -> None:
    conn.execute(_INSERT_EVENT, (receipt_id, kind, _iso(at), _unix(at), _json(detail)))


def _last_id(cursor: sqlite3.Cursor) -> int:
    if cursor.lastrowid is None:  # pragma: no cover - an INSERT always sets it
        raise JournalError("SQLite did not report the new row's id")
    return cursor.lastrowid


# -- values ----------------------------------------------------------------


def _require_aware(value: datetime, name: str) -> None:
    if value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")


def _unix(value: datetime) -> float:
    _require_aware(value, "the time")
    return value.timestamp()


def _iso(value: datetime) -> str:
    _require_aware(value, "the time")
    return format_rfc3339(value.astimezone(timezone.utc))


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str)


def _json(value: Any) -> str:
    if not value and isinstance(value, (list, dict)):
        return "[]" if isinstance(value, list) else "{}"
    return _ENCODER.encode(value)


# -- the file --------------------------------------------------------------


def _connect(target: str) -> sqlite3.Connection:
    """Open, configure and migrate; closes the connection again if any of it fails."""
    conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
    try:
        _configure(conn)
        _migrate(conn)
        if target != MEMORY:
            _check_pages(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
    mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
    if mode not in ("wal", "memory"):
        logger.warning("the journal could not switch to WAL mode (mode %s)", mode)
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema to :data:`SCHEMA_VERSION`, atomically; reads the schema either way."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise JournalError(
                f"the journal has schema version {version}; this popup-client knows up to {SCHEMA_VERSION}"
            )
        for number, statements in enumerate(_MIGRATIONS[version:], start=version + 1):
            for statement in statements:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("SELECT count(*) FROM receipts").fetchone()
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise


def _check_pages(conn: sqlite3.Connection) -> None:
    """Raise DatabaseError if any page is damaged, so it is found at opening, not by each popup later."""
    result = conn.execute("PRAGMA quick_check(1)").fetchone()
    if result is None or result[0] != "ok":
        detail = " ".join(str(result[0]).replace("*** in database main ***", "").split()) if result else "no answer"
        raise sqlite3.DatabaseError(f"database disk image is malformed: {detail}")


def _rollback(conn: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open (a failed COMMIT leaves it so)."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _undo_savepoint(conn: sqlite3.Connection) -> None:
    """Undo the writes since ``SAVEPOINT w``, keeping the rest of the batch (if SQLite kept it)."""
    if not conn.in_transaction:
        return  # SQLite rolled the whole transaction back; the batch's commit will say so
    try:
        conn.execute("ROLLBACK TO w")
        conn.execute("RELEASE w")
    except sqlite3.Error:
        logger.debug("undoing a savepoint failed", exc_info=True)


def _is_corruption(exc: sqlite3.Error) -> bool:
    """True for "file is not a database" and "database disk image is malformed"."""
    code = getattr(exc, "sqlite_errorcode", None)  # Python >= 3.11
    if isinstance(code, int):
        return code & 0xFF in _CORRUPTION_CODES
    return type(exc) is sqlite3.DatabaseError


def _prepare_file(path: Path) -> None:
    """Create the folder (0700) and the file (0600) if missing; tighten the file's mode."""
    try:
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True, mode=0o700)
            os.chmod(path.parent, 0o700)
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        if os.name == "posix" and os.stat(path).st_mode & 0o077:
            os.chmod(path, 0o600)
    except OSError as exc:
        raise JournalError(f"cannot create the journal {path}: {exc}") from exc


def _corrupt_name(path: Path, now: datetime) -> Path:
    """``<name>.corrupt-<UTC time>``, with ``-N`` added if that is taken."""
    stamp = now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    base = path.with_name(f"{path.name}.corrupt-{stamp}")
    candidate, n = base, 0
    while any(Path(f"{candidate}{suffix}").exists() for suffix in _SIDE_FILES):
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate


def _rename_if_exists(source: Path, target: Path) -> None:
    if source.exists():
        os.replace(source, target)
