"""The journal's one SQLite connection: opening, transactions and batches, damage found while running.

:class:`JournalConnection` is the base of :class:`~popup_client.core.journal.journal.Journal`:
it owns the lock, the connection and the recovery from a damaged file, and
gives the reads and writes :meth:`~JournalConnection._reading`,
:meth:`~JournalConnection._writing` and :meth:`~JournalConnection.batch`.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from popup_client.core.clock import Clock
from popup_client.core.files.watch import FileWatch
from popup_client.core.journal.counts import ShownCounts
from popup_client.core.journal.deferred import DeferredWrites
from popup_client.core.journal.errors import JournalError
from popup_client.core.journal.recovery import file_state, move_aside, moved_message, prepare_file
from popup_client.core.journal.schema import migrate
from popup_client.core.journal.sealing import HeadCache
from popup_client.core.journal.together import ReadsTogether
from popup_client.core.journal.sqlite import (
    MEMORY,
    check_pages,
    configure,
    is_corruption,
    rollback,
    undo_savepoint,
)

logger = logging.getLogger(__name__)

_J = TypeVar("_J", bound="JournalConnection")
_T = TypeVar("_T")
_BATCH_LOST = "the journal was found damaged during this batch of writes and replaced; nothing of the batch was kept"
_BATCH_FAILED = "a receipt of this batch of writes could not be written; nothing of the batch is kept"


def connect(target: str) -> sqlite3.Connection:
    """Open, configure and migrate; closes the connection again if any of it fails."""
    conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
    try:
        configure(conn)
        if target != MEMORY:
            check_pages(conn)  # before anything is written: a damaged file is moved aside exactly as it was found
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


class JournalConnection:
    """The connection to the journal's file, shared between threads under one lock.

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
        self._head = HeadCache()  # the chain's head inside a batch (:meth:`_sealing`); cleared whenever a write is undone
        self._deferred: DeferredWrites[Any] = DeferredWrites(self._write_held)  # the batch's receipts not written yet
        # The caps' counts in memory; dropped whenever the file may hold what they were not told of.
        self._shown = ShownCounts()
        self._shown_conn: sqlite3.Connection | None = None  # the connection and PRAGMA data_version it was seeded at
        self._shown_version = -1
        self._together = False  # inside reads_together(): the file was checked once for all its operations
        self._shown_fresh = False  # the counts were found current inside this reads_together() or batch
        self._conn: sqlite3.Connection | None = self._open()
        self._seen = file_state(self.path)
        self._watch = FileWatch(self.path, ("-wal", "-journal")) if self.path is not None else None
        self._unverified = True  # the file may have changed since PRAGMA data_version was last asked (journal.py)

    # -- opening ---------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            return self._open_once()
        except sqlite3.Error as exc:
            if not is_corruption(exc):
                raise self._error("cannot open the journal", exc) from exc
            assert self.path is not None
            message = moved_message(self.path, exc, move_aside(self.path, self._clock.now(), exc))
            logger.debug("%s", message)  # the caller shows self.warnings; logging it too said it twice
            self.warnings.append(message)
        try:
            return self._open_once()
        except sqlite3.Error as exc:
            raise self._error("cannot start a new journal", exc) from exc

    def _open_once(self) -> sqlite3.Connection:
        if self.path is None:
            return connect(MEMORY)
        prepare_file(self.path)
        return connect(str(self.path))

    # -- damage found while running ----------------------------------------

    def _failure(self, what: str, exc: sqlite3.Error) -> JournalError:
        """The error for an operation that failed; a damaged file is replaced by a fresh journal first.

        Only corruption replaces the file (not a constraint, a lock, a full
        disk or an I/O error), and never that of an in-memory journal.
        """
        error = self._error(f"cannot {what}", exc)
        if self.path is None or not is_corruption(exc):
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
        self._shown.invalidate()
        self._head.clear()
        old, self._conn = self._conn, None
        if old is not None:
            try:
                old.close()
            except sqlite3.Error:
                logger.debug("closing the damaged journal failed", exc_info=True)
        try:
            target = move_aside(self.path, self._clock.now(), exc)
        except JournalError as err:
            message = self._fall_back_to_memory(str(err))
        else:
            try:
                self._conn = self._open_once()
            except (JournalError, sqlite3.Error) as err:
                moved = f"the journal {self.path} was damaged ({exc}); it was moved to {target}"
                message = self._fall_back_to_memory(f"{moved}, but a new one cannot be started: {err}")
            else:
                message = moved_message(self.path, exc, target)
        self._seen = file_state(self.path)
        self.warnings.append(message)
        self._tell(message)

    def _fall_back_to_memory(self, reason: str) -> str:
        self.path = None
        self._conn = connect(MEMORY)
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

    def _notice_outside_writes(self, conn: sqlite3.Connection) -> None:
        """Make SQLite read the file again if something else changed it since this journal last did.

        In WAL mode SQLite keeps trusting the pages it has cached while the
        WAL is unchanged, so a file overwritten by another program would go
        unnoticed (and be written back over later). One ``stat`` per
        operation, where the folder's events (:class:`FileWatch`) say anything
        happened to the files; a checkpoint by another SQLite connection only
        costs a cache refill.
        """
        if self._watch is not None and self.path is not None and not self._watch.changed():
            return  # nothing happened to the file, its WAL or its rollback journal since the last look
        self._unverified = True
        state = file_state(self.path)
        if state != self._seen:
            logger.debug("the journal file changed outside this connection: dropping SQLite's page cache")
            self._shown.invalidate()
            conn.execute("PRAGMA shrink_memory")
            self._seen = state

    def _error(self, what: str, exc: BaseException) -> JournalError:
        where = self.path if self.path is not None else MEMORY
        return JournalError(f"{what} ({where}): {exc}")

    # -- reads, writes, batches ----------------------------------------------

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

    def _read_connection(self, what: str, *, flush: bool = True) -> sqlite3.Connection:
        """The connection, after the checks every operation makes first (the lock is held).

        Inside a batch the receipts held back are written first (:mod:`.deferred`), unless ``flush`` is False:
        an operation answered from memory, which writes them itself before it asks SQL (:meth:`_flush_deferred`).
        """
        conn = self._connection()
        if self._batch_lost:
            raise JournalError(f"cannot {what}: {_BATCH_LOST}")
        if self._deferred.failed is not None:
            raise JournalError(f"cannot {what}: {_BATCH_FAILED}")
        if flush and self._deferred:
            self._flush_deferred(conn, what)
        if not self._batching and not self._together:
            try:
                self._notice_outside_writes(conn)
            except sqlite3.Error as exc:
                raise self._failure(what, exc) from exc
        return conn

    def _write_held(self, conn: sqlite3.Connection, held: list[Any]) -> None:
        """Write what a batch held back (:mod:`.deferred`); the journal holds back its receipts."""
        raise NotImplementedError

    def _flush_deferred(self, conn: sqlite3.Connection, what: str) -> None:
        """Write the receipts the batch holds back, before SQL is asked anything (:mod:`.deferred`)."""
        if self._deferred:
            try:
                self._deferred.run(conn)
            except sqlite3.Error as exc:
                raise self._failure(what, exc) from exc

    def reads_together(self) -> ReadsTogether:
        """Hold the journal for several operations that belong together (one popup's counts and its receipt).

        Other threads wait; whether something else changed the file is
        checked once, at the start, instead of by every operation inside.
        Nested, or inside a batch, it joins what is already held.
        """
        return ReadsTogether(self)

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
                begin, end, undo = "SAVEPOINT w", "RELEASE w", undo_savepoint
            else:
                begin, end, undo = "BEGIN IMMEDIATE", "COMMIT", rollback
            conn.execute(begin)
            try:
                yield conn
                conn.execute(end)
            except BaseException:
                self._shown.invalidate()  # it may hold what was undone
                self._head.clear()
                undo(conn)
                raise
            if not self._batching:
                self._seen = file_state(self.path)  # a commit may checkpoint into the file

    def _write_one(self, what: str, write: Callable[[sqlite3.Connection], _T]) -> _T:
        """``write(conn)``, one statement: :meth:`_writing` (``statements=1``) without its two generators."""
        with self._lock:  # re-entrant: a batch holds it too, and only its thread gets past it while batching
            if not self._batching:
                with self._writing(what, statements=1) as conn:
                    return write(conn)
            conn = self._read_connection(what)
            try:
                return write(conn)
            except sqlite3.Error as exc:
                raise self._failure(what, exc) from exc

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
                self._notice_outside_writes(conn)  # a commit that came in between: no other can until this one ends
            except sqlite3.Error as exc:
                raise self._failure("start a batch of writes", exc) from exc
            self._batching, self._batch_lost, self._shown_fresh = True, False, False
            self._head.clear()
            try:
                yield
                self._flush_deferred(conn, "record the receipts of a batch")
                if self._deferred.failed is not None:  # raised inside, and caught there: it still cannot commit
                    raise JournalError(f"cannot commit a batch of writes: {_BATCH_FAILED}")
            except BaseException:
                self._shown.invalidate()  # it may hold what the rollback undoes
                if not self._end_batch():  # a replaced connection is closed already
                    rollback(conn)
                raise
            if self._end_batch():
                raise JournalError(f"cannot commit a batch of writes: {_BATCH_LOST}")
            self._commit_batch(conn)

    def _commit_batch(self, conn: sqlite3.Connection) -> None:
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._shown.invalidate()
            try:
                rollback(conn)
            except sqlite3.Error:
                logger.debug("rolling back a failed batch failed", exc_info=True)
            raise self._failure("commit a batch of writes", exc) from exc
        self._seen = file_state(self.path)

    def _end_batch(self) -> bool:
        """Leave batch mode; True if the file was replaced during the batch."""
        lost = self._batch_lost
        self._batching = self._batch_lost = self._shown_fresh = False
        self._head.clear()
        self._deferred.clear()
        return lost

    def _sealing(self) -> HeadCache | None:
        """The head a write seals its row after, kept from row to row inside a batch (one transaction); None outside."""
        return self._head if self._batching else None

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise JournalError("the journal is closed")
        return self._conn

    def _now(self) -> datetime:
        return self._clock.now()

    # -- closing ---------------------------------------------------------

    def close(self) -> None:
        """Close the file; further calls raise :class:`JournalError`. Idempotent."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self: _J) -> _J:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
