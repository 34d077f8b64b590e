"""SQLite helpers of the journal: connection settings, integrity, rollbacks, stored values."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone
from types import MappingProxyType
from typing import Any, cast

from popup_client.core.journal.records import require_aware

logger = logging.getLogger(__name__)

MEMORY = ":memory:"
_BUSY_TIMEOUT_MS = 5000
_CORRUPTION_CODES = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB


_WAL_LIMIT_BYTES = 4 * 1024 * 1024

# sqlite3 binds a None (NULL) only after looking for its adapter: in its registry, then an ``__adapt__`` of its
# protocol and a ``__conform__`` of None, each missing attribute an exception made and dropped (about 0.5 us; a
# receipt binds five or more). Registered, None is found at the first look and given back as it is: bound as NULL,
# as before, by every connection of the process (none registers another adapter of None).
sqlite3.register_adapter(type(None), cast("Callable[[None], None]", MappingProxyType({}).get))  # in C, None for None


def configure(conn: sqlite3.Connection) -> None:
    """WAL mode, a busy timeout, NORMAL sync, foreign keys; deleted content zeroed, the WAL kept small."""
    conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
    mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
    if mode not in ("wal", "memory"):
        logger.warning("the journal could not switch to WAL mode (mode %s)", mode)
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")  # a deleted row's text is overwritten, not left in free pages
    conn.execute(f"PRAGMA journal_size_limit = {_WAL_LIMIT_BYTES}")


def check_pages(conn: sqlite3.Connection) -> None:
    """Raise DatabaseError if any page is damaged, so it is found at opening, not by each popup later."""
    result = conn.execute("PRAGMA quick_check(1)").fetchone()
    if result is None or result[0] != "ok":
        detail = " ".join(str(result[0]).replace("*** in database main ***", "").split()) if result else "no answer"
        raise sqlite3.DatabaseError(f"database disk image is malformed: {detail}")


def rollback(conn: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open (a failed COMMIT leaves it so)."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def undo_savepoint(conn: sqlite3.Connection) -> None:
    """Undo the writes since ``SAVEPOINT w``, keeping the rest of the batch (if SQLite kept it)."""
    if not conn.in_transaction:
        return  # SQLite rolled the whole transaction back; the batch's commit will say so
    try:
        conn.execute("ROLLBACK TO w")
        conn.execute("RELEASE w")
    except sqlite3.Error:
        logger.debug("undoing a savepoint failed", exc_info=True)


def is_corruption(exc: sqlite3.Error) -> bool:
    """True for "file is not a database" and "database disk image is malformed"."""
    code = getattr(exc, "sqlite_errorcode", None)  # Python >= 3.11
    if isinstance(code, int):
        return code & 0xFF in _CORRUPTION_CODES
    return type(exc) is sqlite3.DatabaseError


def unix(value: datetime) -> float:
    """An aware time as the REAL unix time the indexes compare."""
    if value.utcoffset() is None:  # what require_aware checks, without a call for every count
        require_aware(value, "the time")
    return value.timestamp()


def iso(value: datetime) -> str:
    """An aware time as RFC 3339 text in UTC, for people (:func:`~popup_client.core.timefmt.format_rfc3339` of it in UTC)."""
    return iso_and_unix(value)[0]


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def iso_and_unix(value: datetime) -> tuple[str, float]:
    """(:func:`iso`, :func:`unix`) of ``value`` from its time in UTC, made once (each ask of a zone is a method call).

    ``isoformat()`` writes the microseconds only when there are some, as ``format_rfc3339`` does; "+00:00" becomes
    "Z". The number is ``timestamp()``'s: the time since the epoch, two times of one zone subtracted as they are.
    """
    if value.utcoffset() is None:
        require_aware(value, "the time")
    utc = value.astimezone(timezone.utc)
    return utc.isoformat()[:-6] + "Z", (utc - _EPOCH).total_seconds()


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str)


def to_json(value: Any) -> str:
    """Compact, sorted JSON (non-ASCII kept), as the journal stores lists and details."""
    if not value and isinstance(value, (list, dict)):
        return "[]" if isinstance(value, list) else "{}"
    return _ENCODER.encode(value)


def json_object(text: str | None) -> dict[str, Any] | None:
    """The JSON object a stored text holds (a journaled payload), or None: no text, not JSON, not an object."""
    if text is None:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None
