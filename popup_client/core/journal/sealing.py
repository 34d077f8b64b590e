"""The journal's hash chain: every row sealed as it is written, checkpoints, the rows read back to verify.

One chain runs through ``receipts``, ``events`` and ``complaints`` in the
order rows were written (``chain_seq``, 1, 2, 3 … across the three tables).
A row's content is its table's :data:`SEALED` columns as SQLite returns
them, plus ``table``; :func:`popup_client.core.trust.chain.seal` adds
``chain_prev`` and ``chain_hash``. :func:`sealed_insert` reads the head and
writes the sealed row in the caller's transaction (one statement more: the
head's three primary-key look-ups), so a row is never committed unsealed.

Signed checkpoints (``head`` at a complaint, an export, a shutdown;
``prune`` where pruning removed the oldest rows) are kept in the
``checkpoints`` table; a head checkpoint makes rows cut off the end visible.
Columns added to a table later are not sealed unless :data:`SEALED` names
them (and a migration re-seals): the chain covers what it declares.
"""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from popup_client.core.trust.chain import GENESIS, HASH_FIELD, PREV_FIELD, make_checkpoint, seal
from popup_client.core.trust.keys import Ed25519PrivateKey

TABLE = "table"
SEQ = "chain_seq"
#: The columns each row's seal covers, besides ``table``.
SEALED: Mapping[str, tuple[str, ...]] = {
    "receipts": (
        "id", SEQ, "received_at", "ts", "transport", "sender", "provider_id", "popup_id", "kind", "topic", "tier",
        "verified", "payload", "error", "decision", "rules", "reasons", "news_list_version", "counts",
        "reason_texts", "error_text", "policy_version", "payload_exact",
    ),
    "events": ("id", SEQ, "receipt_id", "type", "at", "ts", "detail"),
    "complaints": ("id", SEQ, "at", "ts", "receipt_id", "provider_id", "reason", "text"),
}  # fmt: skip
_REAL = frozenset({"ts"})

MIGRATION = (
    *(f"ALTER TABLE {table} ADD COLUMN {column} TEXT" for table in SEALED for column in (PREV_FIELD, HASH_FIELD)),
    *(f"ALTER TABLE {table} ADD COLUMN {SEQ} INTEGER" for table in SEALED),
    "ALTER TABLE receipts ADD COLUMN policy_version TEXT",
    "ALTER TABLE receipts ADD COLUMN payload_exact TEXT",
    """CREATE TABLE checkpoints (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('head', 'prune')),
        count INTEGER NOT NULL,
        data TEXT NOT NULL
    )""",
)


def _insert_sql(table: str) -> str:
    columns = (*SEALED[table], PREV_FIELD, HASH_FIELD)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


_INSERT = {table: _insert_sql(table) for table in SEALED}


def _stored(column: str, value: Any) -> Any:
    """``value`` as SQLite will return it from ``column`` (a bool is an integer, ``ts`` is REAL)."""
    if isinstance(value, bool):
        return int(value)
    if column in _REAL and value is not None:
        return float(value)
    return value


_NEWEST = {table: f"SELECT id, {SEQ}, {HASH_FIELD} FROM {table} ORDER BY id DESC LIMIT 1" for table in SEALED}


def _newest(conn: sqlite3.Connection) -> tuple[tuple[int, str], dict[str, int]]:
    """((count, hash) of the newest sealed row, or (0, GENESIS)); each table's newest id."""
    newest, ids = (0, GENESIS), {}
    for table, sql in _NEWEST.items():
        row = conn.execute(sql).fetchone()
        if row is None:
            continue
        ids[table] = int(row[0])
        if row[1] is not None and row[1] > newest[0]:
            newest = (int(row[1]), str(row[2]))
    return newest, ids


def head(conn: sqlite3.Connection) -> tuple[int, str]:
    """(rows in the chain since the first ever, the last row's hash): the newest row, or the newest prune checkpoint."""
    newest = _newest(conn)[0]
    return newest if newest[0] else _pruned(conn)


def _pruned(conn: sqlite3.Connection) -> tuple[int, str]:
    row = conn.execute("SELECT data FROM checkpoints WHERE kind = 'prune' ORDER BY count DESC LIMIT 1").fetchone()
    if row is None:
        return 0, GENESIS
    body = json.loads(row[0])["checkpoint"]
    return int(body["count"]), str(body["hash"])


def sealed_insert(conn: sqlite3.Connection, table: str, values: Mapping[str, Any]) -> int:
    """Insert one row of ``table`` (its columns in ``values``, the rest NULL), sealed after the head; its id."""
    (count, prev), ids = _newest(conn)
    if count == 0:
        count, prev = _pruned(conn)
    row_id = ids.get(table, 0) + 1
    given = {**values, "id": row_id, SEQ: count + 1}
    content = {TABLE: table, **{column: _stored(column, given.get(column)) for column in SEALED[table]}}
    sealed = seal(content, prev)
    conn.execute(_INSERT[table], [*(content[c] for c in SEALED[table]), sealed[PREV_FIELD], sealed[HASH_FIELD]])
    return row_id


def _table_rows(conn: sqlite3.Connection, table: str, order: str) -> Iterator[dict[str, Any]]:
    columns = (*SEALED[table], PREV_FIELD, HASH_FIELD)
    for values in conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}"):
        row = dict(zip(columns, values))
        if row[PREV_FIELD] is None and row[HASH_FIELD] is None:
            del row[PREV_FIELD], row[HASH_FIELD]
        yield {TABLE: table, **row}


def chain_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every row of the chain as sealed, in chain order (rows without a ``chain_seq`` last)."""
    rows = [row for table in SEALED for row in _table_rows(conn, table, "id")]
    return sorted(rows, key=lambda r: (r[SEQ] is None, r[SEQ] or 0, r[TABLE], r["id"]))


def seal_existing(conn: sqlite3.Connection) -> None:
    """Seal the rows written before the chain, each table in id order, merged by time (a migration step)."""
    streams = [list(_table_rows(conn, table, "id")) for table in SEALED]
    prev = GENESIS
    for seq, row in enumerate(heapq.merge(*streams, key=lambda r: r["ts"]), start=1):
        content = {k: v for k, v in row.items() if k not in (PREV_FIELD, HASH_FIELD)}
        content[SEQ] = seq
        sealed = seal(content, prev)
        sql = f"UPDATE {row[TABLE]} SET {SEQ} = ?, {PREV_FIELD} = ?, {HASH_FIELD} = ? WHERE id = ?"
        conn.execute(sql, (seq, prev, sealed[HASH_FIELD], row["id"]))
        prev = sealed[HASH_FIELD]


def write_checkpoint(conn: sqlite3.Connection, key: Ed25519PrivateKey, kind: str, now: datetime) -> dict[str, Any] | None:
    """Sign and keep a checkpoint of the chain as it is now (None for an empty chain)."""
    count, last = head(conn)
    if count == 0:
        return None
    checkpoint = make_checkpoint(key, kind, count, last, now)
    conn.execute("INSERT INTO checkpoints (kind, count, data) VALUES (?, ?, ?)", (kind, count, json.dumps(checkpoint)))
    return checkpoint


def chain_rows_count(conn: sqlite3.Connection) -> int:
    """How many rows the chain has had since the first ever (the head's count)."""
    return head(conn)[0]


def last_checkpoint_count(conn: sqlite3.Connection) -> int:
    """The row count of the newest checkpoint (0 if none)."""
    row = conn.execute("SELECT max(count) FROM checkpoints").fetchone()
    return int(row[0] or 0)


def checkpoints(conn: sqlite3.Connection) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """(the newest prune checkpoint or None, the head checkpoints after it): what verification checks against."""
    loaded = [(kind, int(count), json.loads(data)) for kind, count, data in conn.execute("SELECT kind, count, data FROM checkpoints ORDER BY id")]
    prunes = [(count, data) for kind, count, data in loaded if kind == "prune"]
    start = max(prunes, key=lambda p: p[0])[1] if prunes else None
    offset = max((count for count, _ in prunes), default=0)
    return start, [data for kind, count, data in loaded if kind == "head" and count > offset]

