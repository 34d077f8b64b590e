"""The journal's tables, their migrations and the statements that write them.

The schema version lives in ``PRAGMA user_version``; ``MIGRATIONS[n]``
takes a journal from version n to n + 1. Every journal uses incremental
auto-vacuum (space freed by pruning is given back, :mod:`.retention`): a
journal made before that is rebuilt once, by ``VACUUM``, when opened.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

from popup_client.core.journal import sealing
from popup_client.core.journal.errors import JournalError
from popup_client.core.journal.sqlite import rollback

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 3

SHOWN = "decision = 'show' AND counts = 1"
#: The payload of a row cleared by the user but still counted toward the caps (:mod:`.retention`).
CLEARED_PAYLOAD = '{"cleared":true}'

# The decision's CHECK compares, not ``decision IN (…)``: SQLite builds an IN list's table afresh for every row a CHECK
# checks (about 3 us an insert). A file made with the IN list gets the comparisons at opening (:func:`_check_decision`).
_DECISION_CHECK_BEFORE = "CHECK (decision IN ('show', 'suppress', 'reject'))"
_DECISION_CHECK = "CHECK (decision = 'show' OR decision = 'suppress' OR decision = 'reject')"
_SCHEMA_V1 = (
    f"""CREATE TABLE receipts (
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
        decision TEXT NOT NULL {_DECISION_CHECK},
        rules TEXT NOT NULL,
        reasons TEXT NOT NULL,
        news_list_version TEXT,
        counts INTEGER NOT NULL
    )""",
    "CREATE INDEX receipts_ts ON receipts (ts)",
    "CREATE INDEX receipts_popup ON receipts (provider_id, popup_id, error)",
    # Partial indexes for count_shown; the trailing columns make them covering.
    f"CREATE INDEX receipts_shown_ts ON receipts (ts, kind, decision, counts) WHERE {SHOWN}",
    "CREATE INDEX receipts_shown_provider ON receipts"
    f" (provider_id, ts, kind, decision, counts) WHERE {SHOWN}",
    "CREATE INDEX receipts_shown_topic ON receipts"
    f" (provider_id, topic, ts, kind, decision, counts) WHERE {SHOWN}",
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
# Version 3: the hash chain (chain_seq, chain_prev, chain_hash), checkpoints, the policy bundle in force (rows so
# far sealed); the key of the text fingerprints (privacy), and the rows cleared but still counted, by time.
Step = str | Callable[[sqlite3.Connection], None]  # a statement, or Python run in the migration's transaction
_SCHEMA_V3: tuple[Step, ...] = (
    *sealing.MIGRATION,
    sealing.seal_existing,
    "CREATE TABLE privacy_key (key BLOB NOT NULL)",
    "INSERT INTO privacy_key (key) VALUES (randomblob(32))",
    f"CREATE INDEX receipts_cleared ON receipts (ts) WHERE payload = '{CLEARED_PAYLOAD}'",
)
MIGRATIONS: tuple[tuple[Step, ...], ...] = (_SCHEMA_V1, _SCHEMA_V2, _SCHEMA_V3)
# The indexes as they are now, made at opening whatever version made the file: an index is no part of what the
# schema version promises (the code before this opens, reads and writes a file with either, never making it again).
# The lookup of a popup id (was_received) goes popup id first: the ids one sender gives one after another (D-Bus's
# fd.<run>.<n>, a provider's counter) sort together, so a batch of receipts changes a few of its pages, not one for
# each provider it holds; random ids cost what they cost before.
# The shown receipts have one index, by time and covering every filter of the caps: the counts are answered from
# memory (:mod:`.counts`), which it seeds, and SQL counts a window only past that horizon, a range of shown rows the
# user's own daily caps keep small. One index by provider and one by topic had cost a written page per provider in a
# batch (24 of a 40-receipt batch's 57 pages when its receipts came from many providers).
INDEXES_NOW = (
    "DROP INDEX IF EXISTS receipts_popup",
    "CREATE INDEX IF NOT EXISTS receipts_popup_id ON receipts (popup_id, provider_id, error)",
    "DROP INDEX IF EXISTS receipts_shown_ts",
    "DROP INDEX IF EXISTS receipts_shown_provider",
    "DROP INDEX IF EXISTS receipts_shown_topic",
    "CREATE INDEX IF NOT EXISTS receipts_shown ON receipts"
    f" (ts, provider_id, topic, kind, decision, counts) WHERE {SHOWN}",
)
_INCREMENTAL = 2  # PRAGMA auto_vacuum

RECEIPT_COLUMNS = (
    "received_at, ts, transport, sender, provider_id, popup_id, kind, topic, tier, "
    "verified, payload, error, decision, rules, reasons, news_list_version, counts, reason_texts, error_text, policy_version, payload_exact"
)
RECEIPT_NAMES = tuple(name.strip() for name in RECEIPT_COLUMNS.split(","))
# Unsealed: only benchmarks seed a journal with it; the journal writes every row through sealing.sealed_insert.
INSERT_RECEIPT = f"INSERT INTO receipts ({RECEIPT_COLUMNS}) VALUES ({', '.join('?' * len(RECEIPT_NAMES))})"



def migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema to :data:`SCHEMA_VERSION`, atomically; reads the schema either way."""
    if int(conn.execute("PRAGMA auto_vacuum").fetchone()[0]) != _INCREMENTAL:  # setting it writes the header, even unchanged
        conn.execute("PRAGMA auto_vacuum = INCREMENTAL")  # takes effect at once in a new file, else by the VACUUM below
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise JournalError(
                f"the journal has schema version {version}; this popup-client knows up to {SCHEMA_VERSION}"
            )
        for number, statements in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in statements:
                conn.execute(statement) if isinstance(statement, str) else statement(conn)
            conn.execute(f"PRAGMA user_version = {number}")
        for statement in INDEXES_NOW:
            conn.execute(statement)
        _check_decision(conn)
        conn.execute("SELECT count(*) FROM receipts").fetchone()
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    if int(conn.execute("PRAGMA auto_vacuum").fetchone()[0]) != _INCREMENTAL:
        try:
            conn.execute("VACUUM")  # a journal from before: rebuilt once, so pruning can give space back
        except sqlite3.OperationalError as exc:  # busy (another process reads it) or no room: next time
            logger.warning("the journal could not be rebuilt to give freed space back (%s); it will be tried again", exc)


def _check_decision(conn: sqlite3.Connection) -> None:
    """The receipts' decision CHECK as comparisons in a file made with the IN list (the same rows pass; code before reads either).

    SQLite's way for a change that leaves every stored byte as it is (lang_altertable.html, "other kinds of table
    schema changes"): the table's text rewritten, the schema version moved on so every connection reads it again.
    """
    (sql,) = conn.execute("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'receipts'").fetchone()
    if _DECISION_CHECK_BEFORE not in sql:
        return
    version = int(conn.execute("PRAGMA schema_version").fetchone()[0])
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'receipts'", (sql.replace(_DECISION_CHECK_BEFORE, _DECISION_CHECK),))
        conn.execute(f"PRAGMA schema_version = {version + 1}")
    except sqlite3.DatabaseError as exc:  # a build that forbids it (defensive mode): the IN list stays, and works
        logger.debug("the receipts' decision check stays as it was: %s", exc)
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
