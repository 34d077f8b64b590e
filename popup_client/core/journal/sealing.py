"""The journal's hash chain: every row sealed as it is written, checkpoints, the rows read back to verify.

One chain runs through ``receipts``, ``events`` and ``complaints`` in the
order rows were written (``chain_seq``, 1, 2, 3 … across the three tables).
A row's content is its table's :data:`SEALED` columns as SQLite returns
them, plus ``table``; :func:`popup_client.core.trust.chain.seal` adds
``chain_prev`` and ``chain_hash``. :func:`sealed_insert` reads the head and
writes the sealed row in the caller's transaction (one statement more: the
head and the table's next id, read together), so a row is never committed unsealed.
Inside a batch (one transaction) the head is read once and followed from row
to row (:class:`HeadCache`), read again after any other write or anything undone.

Signed checkpoints (``head`` at a complaint, an export, a shutdown;
``prune`` where pruning removed the oldest rows) are kept in the
``checkpoints`` table; a head checkpoint makes rows cut off the end visible.
Rows removed by retention or clearing leave a signed record of each run
removed (``gap``, :mod:`popup_client.core.trust.gaps`) in the same table,
written by :func:`record_removed` in the deleting transaction.
Columns added to a table later are not sealed unless :data:`SEALED` names
them (and a migration re-seals): the chain covers what it declares.
"""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from popup_client.core.digests import BURST, bulk_sha256
from popup_client.core.trust.gaps import Gap, make_gap, merge, read_gap
from popup_client.core.trust.chain import GENESIS, HASH_FIELD, PREV_FIELD, chain_hash, make_checkpoint, seal

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
#: Each table's sealed columns after ``id`` and ``chain_seq``: what :func:`sealed_insert_row` takes.
COLUMNS = {table: columns[2:] for table, columns in SEALED.items()}
_CONTENT = {table: (TABLE, *columns) for table, columns in SEALED.items()}
_REAL_AT = {table: tuple(i for i, column in enumerate(columns) if column in _REAL) for table, columns in COLUMNS.items()}

MIGRATION = (
    *(f"ALTER TABLE {table} ADD COLUMN {column} TEXT" for table in SEALED for column in (PREV_FIELD, HASH_FIELD)),
    *(f"ALTER TABLE {table} ADD COLUMN {SEQ} INTEGER" for table in SEALED),
    *(f"CREATE INDEX {table}_chain ON {table} ({SEQ})" for table in SEALED),
    "ALTER TABLE receipts ADD COLUMN policy_version TEXT",
    "ALTER TABLE receipts ADD COLUMN payload_exact TEXT",
    """CREATE TABLE checkpoints (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('head', 'prune', 'gap')),
        count INTEGER NOT NULL,
        data TEXT NOT NULL,
        after INTEGER
    )""",
    "CREATE INDEX checkpoints_gap_after ON checkpoints (after) WHERE kind = 'gap'",
    "CREATE INDEX checkpoints_gap_count ON checkpoints (count) WHERE kind = 'gap'",
)

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


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


# The head and the table's next id in one statement (an insert's only read): the newest sealed row of each table,
# the newest prune checkpoint and the newest record of removed rows, each tagged by where it comes from.
_PRUNE, _GAP, _NEXT_ID = len(SEALED), len(SEALED) + 1, len(SEALED) + 2
_HEAD = " UNION ALL ".join(
    (
        *(f"SELECT * FROM (SELECT {tag}, {SEQ}, {HASH_FIELD} FROM {table} WHERE {SEQ} IS NOT NULL ORDER BY {SEQ} DESC LIMIT 1)"
          for tag, table in enumerate(SEALED)),
        f"SELECT * FROM (SELECT {_PRUNE}, count, data FROM checkpoints WHERE kind = 'prune' ORDER BY count DESC LIMIT 1)",
        f"SELECT * FROM (SELECT {_GAP}, count, data FROM checkpoints WHERE kind = 'gap' ORDER BY count DESC LIMIT 1)",
    )
)  # fmt: skip
_NEXT_ROW_ID = {table: f"SELECT coalesce(max(id), 0) + 1 FROM {table}" for table in SEALED}
_HEAD_AND_NEXT_ID = {table: f"{_HEAD} UNION ALL SELECT {_NEXT_ID}, coalesce(max(id), 0) + 1, NULL FROM {table}" for table in SEALED}


def head(conn: sqlite3.Connection) -> tuple[int, str]:
    """(rows in the chain since the first ever, the last one's hash): the newest row, or the newest one removed."""
    return _head_of(conn.execute(_HEAD).fetchall())


def _head_of(rows: Sequence[tuple[int, Any, Any]]) -> tuple[int, str]:
    """The head from the rows of :data:`_HEAD`: the prune checkpoint's, unless a table's newest row or a gap is newer."""
    found = {tag: (count, data) for tag, count, data in rows}
    newest = (0, GENESIS)
    if _PRUNE in found:
        body = json.loads(found[_PRUNE][1])["checkpoint"]
        newest = (int(body["count"]), str(body["hash"]))
    for tag in range(len(SEALED)):
        row = found.get(tag)
        if row is not None and row[0] > newest[0]:
            newest = (int(row[0]), str(row[1]))
    gap = found.get(_GAP)
    if gap is not None and int(gap[0]) > newest[0]:
        return int(gap[0]), str(json.loads(gap[1])["checkpoint"]["hash"])
    return newest


class HeadCache:
    """The head and the tables' next ids as the last :func:`sealed_insert` left them, for the next one of a transaction.

    Its holder clears it whenever a transaction or a savepoint ends or is undone
    (a rollback changes nothing ``total_changes`` counts); any other write on the
    connection since makes it stale (``total_changes`` moved on), and so does a
    connection outside a transaction. Nobody else can write while the
    transaction holds the file, so the head read once stays the head.
    """

    __slots__ = ("_conn", "_changes", "_count", "_hash", "_next_ids")

    def __init__(self) -> None:
        self._conn: sqlite3.Connection | None = None
        self._changes = -1
        self._count, self._hash = 0, GENESIS
        self._next_ids: dict[str, int] = {}

    def clear(self) -> None:
        self._conn, self._next_ids = None, {}

    def get(self, conn: sqlite3.Connection, table: str) -> tuple[int, str, int] | None:
        """(count, hash, the table's next id) if still current for ``conn``, else None."""
        next_id = self._next_ids.get(table)
        if next_id is None or self._conn is not conn or conn.total_changes != self._changes or not conn.in_transaction:
            return None
        return self._count, self._hash, next_id

    def wrote(self, conn: sqlite3.Connection, table: str, count: int, row_hash: str, next_id: int) -> None:
        """Remember the head after the row just inserted into ``table`` (``next_id`` its next id)."""
        if self._conn is not conn or conn.total_changes != self._changes + 1:  # not the insert after the last one kept
            self._next_ids = {}
        self._conn, self._changes = conn, conn.total_changes
        self._count, self._hash = count, row_hash
        self._next_ids[table] = next_id


def sealed_insert(conn: sqlite3.Connection, table: str, values: Mapping[str, Any], cache: HeadCache | None = None) -> int:
    """Insert one row of ``table`` (its columns in ``values``, the rest NULL), sealed after the head; its id.

    The id is the table's next, unless ``values`` gives one (a stripped receipt keeps its own).
    With a ``cache`` (one per transaction, see :class:`HeadCache`), the head is read once, not before every row.
    """
    count, prev, next_id = _head(conn, table, cache)
    row = [_stored(c, values.get(c)) for c in COLUMNS[table]]
    return _insert(conn, table, values.get("id") or next_id, count + 1, prev, next_id, row, cache)


def sealed_insert_row(
    conn: sqlite3.Connection, table: str, row: Sequence[Any], cache: HeadCache | None = None, row_id: int | None = None
) -> int:
    """:func:`sealed_insert` of the values of :data:`COLUMNS` ``[table]``, in that order, with ``row_id`` or the table's next id."""
    count, prev, next_id = _head(conn, table, cache)
    return _insert(conn, table, row_id or next_id, count + 1, prev, next_id, _as_stored(table, row), cache)


def sealed_insert_rows(conn: sqlite3.Connection, table: str, rows: Sequence[tuple[int, Sequence[Any]]], cache: HeadCache | None = None) -> None:
    """:func:`sealed_insert_row` of each ``(id, values)``, in order: the rows chained in one pass, inserted in one call."""
    count, prev, next_id = _head(conn, table, cache)
    content, params, hasher = _CONTENT[table], [], bulk_sha256(burst=len(rows) >= BURST)
    for row_id, values in rows:
        row = _as_stored(table, values)
        count += 1
        row_hash = chain_hash(prev, content, (table, row_id, count, *row), hasher)  # the row as SQLite will return it
        params.append((row_id, count, *row, prev, row_hash))
        prev, next_id = row_hash, max(next_id, row_id + 1)
    conn.executemany(_INSERT[table], params)
    if cache is not None and params:
        cache.wrote(conn, table, count, prev, next_id)


def next_row_id(conn: sqlite3.Connection, table: str, cache: HeadCache | None = None) -> int:
    """The id the next row of ``table`` gets from :func:`sealed_insert_row`: the cache's, or one more than the largest."""
    known = cache.get(conn, table) if cache is not None else None
    if known is not None:
        return known[2]
    return int(conn.execute(_NEXT_ROW_ID[table]).fetchone()[0])


def _as_stored(table: str, row: Sequence[Any]) -> Sequence[Any]:
    """``row`` as SQLite will return it (a bool as an int, a number in a REAL column as a float): what is hashed."""
    stored = bool not in set(map(type, row))
    for i in _REAL_AT[table]:  # a loop, not any() of a generator: a table has one such column
        stored = stored and (row[i] is None or row[i].__class__ is float)
    return row if stored else [_stored(c, value) for c, value in zip(COLUMNS[table], row)]


def _head(conn: sqlite3.Connection, table: str, cache: HeadCache | None) -> tuple[int, str, int]:
    """(rows in the chain, the head's hash, the table's next id): kept by ``cache`` inside a transaction, else read."""
    known = cache.get(conn, table) if cache is not None else None
    if known is not None:
        return known
    rows = conn.execute(_HEAD_AND_NEXT_ID[table]).fetchall()
    count, prev = _head_of([r for r in rows if r[0] != _NEXT_ID])
    return count, prev, int(next(r[1] for r in rows if r[0] == _NEXT_ID))


def _insert(
    conn: sqlite3.Connection, table: str, row_id: int, seq: int, prev: str, next_id: int, row: Sequence[Any], cache: HeadCache | None
) -> int:
    row_hash = chain_hash(prev, _CONTENT[table], (table, row_id, seq, *row))  # the row as SQLite will return it
    conn.execute(_INSERT[table], (row_id, seq, *row, prev, row_hash))
    if cache is not None:
        cache.wrote(conn, table, seq, row_hash, max(next_id, row_id + 1))
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
    """The row count of the newest head or prune checkpoint (0 if none)."""
    row = conn.execute("SELECT max(count) FROM checkpoints WHERE kind != 'gap'").fetchone()
    return int(row[0] or 0)


def checkpoints(conn: sqlite3.Connection) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """(the newest prune checkpoint or None, the head checkpoints after it): what verification checks against."""
    loaded = [(kind, int(count), json.loads(data)) for kind, count, data in conn.execute("SELECT kind, count, data FROM checkpoints ORDER BY id")]
    prunes = [(count, data) for kind, count, data in loaded if kind == "prune"]
    start = max(prunes, key=lambda p: p[0])[1] if prunes else None
    offset = max((count for count, _ in prunes), default=0)
    return start, [data for kind, count, data in loaded if kind == "head" and count > offset]



# ---------------------------------------------------------------- rows removed (retention, clearing)


def links_of(conn: sqlite3.Connection, table: str, column: str, ids: Sequence[int]) -> list[Gap]:
    """Each sealed row of ``table`` whose ``column`` is in ``ids``, as the one-row gap its removal leaves."""
    found = []
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        sql = f"SELECT {SEQ}, {PREV_FIELD}, {HASH_FIELD} FROM {table} WHERE {column} IN ({', '.join('?' * len(part))}) AND {SEQ} IS NOT NULL"
        found += [Gap(int(seq) - 1, str(prev), int(seq), str(row_hash)) for seq, prev, row_hash in conn.execute(sql, part)]
    return found


def record_removed(conn: sqlite3.Connection, removed: Sequence[Gap], key: Ed25519PrivateKey | None, now: datetime) -> None:
    """Keep the record of rows just removed, joined with the records of removed rows next to them."""
    if not removed:
        return
    neighbours: dict[int, Gap] = {}
    ends = sorted({g.after for g in removed} | {g.count for g in removed})
    for start in range(0, len(ends), 400):
        part = ends[start : start + 400]
        marks = ", ".join("?" * len(part))
        sql = f"SELECT id, data FROM checkpoints WHERE kind = 'gap' AND (count IN ({marks}) OR after IN ({marks}))"
        for row_id, data in conn.execute(sql, [*part, *part]):
            neighbours[int(row_id)] = read_gap(json.loads(data), None)
    new, replaced = merge(removed, neighbours.values())
    gone = [row_id for row_id, gap in neighbours.items() if gap in replaced]
    conn.executemany("DELETE FROM checkpoints WHERE id = ?", [(row_id,) for row_id in gone])
    conn.executemany(
        "INSERT INTO checkpoints (kind, count, data, after) VALUES ('gap', ?, ?, ?)",
        [(gap.count, json.dumps(make_gap(gap, key, now)), gap.after) for gap in new],
    )


def gaps(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The records of removed rows, oldest position first."""
    return [json.loads(data) for (data,) in conn.execute("SELECT data FROM checkpoints WHERE kind = 'gap' ORDER BY after")]
