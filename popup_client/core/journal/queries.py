"""The journal's reads as SQL: shown counts, the history with its events, complaints."""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Collection
from datetime import datetime
from typing import Any

from popup_client.core.journal.records import Event, HistoryRow
from popup_client.core.journal.rows import history_row
from popup_client.core.journal.schema import RECEIPT_COLUMNS, SHOWN
from popup_client.core.journal.sqlite import unix
from popup_client.core.timefmt import parse_rfc3339

# A payload that did not parse was never really received as that popup: a corrected
# resend with the same id is not a duplicate. One that parsed (whatever its decision) was.
WAS_RECEIVED_QUERY = "SELECT 1 FROM receipts WHERE provider_id = ? AND popup_id = ? AND error IS NULL LIMIT 1"

SELECT_COMPLAINTS = (
    "SELECT c.id, c.at, c.receipt_id, c.provider_id, c.reason, c.text, r.payload "
    "FROM complaints AS c LEFT JOIN receipts AS r ON r.id = c.receipt_id "
    "ORDER BY c.id DESC LIMIT ?"
)

COUNT_DECISIONS = "SELECT decision, count(*) FROM receipts GROUP BY decision"

# What the caps' counts in memory are seeded with (core/journal/counts.py).
SELECT_SHOWN_SINCE = f"SELECT ts, provider_id, kind, topic FROM receipts WHERE {SHOWN} AND ts >= ?"


def count_shown_query(
    *,
    since: datetime,
    provider_id: str | None = None,
    kinds: Collection[str] | None = None,
    topic: str | None = None,
) -> tuple[str, list[Any]]:
    """The SQL and parameters :meth:`Journal.count_shown` runs (public for EXPLAIN)."""
    params: list[Any] = [unix(since)]
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
    terms = [SHOWN, "ts >= ?"]
    if by_provider:
        terms.append("provider_id = ?")
    if by_topic:
        terms.append("topic = ?")
    if kinds is not None:
        terms.append(f"kind IN ({', '.join('?' * kinds)})")
    return "SELECT count(*) FROM receipts WHERE " + " AND ".join(terms)


def history_filter(
    *, provider_id: str | None, decision: str | None, since: datetime | None
) -> tuple[str, list[Any]]:
    """The WHERE clause (with its leading space, or empty) and parameters of a history read."""
    terms: list[str] = []
    params: list[Any] = []
    for term, value in (("provider_id = ?", provider_id), ("decision = ?", decision)):
        if value is not None:
            terms.append(term)
            params.append(value)
    if since is not None:
        terms.append("ts >= ?")
        params.append(unix(since))
    return (" WHERE " + " AND ".join(terms) if terms else ""), params


def fetch_rows(conn: sqlite3.Connection, where: str, params: list[Any], limit: int) -> list[HistoryRow]:
    """Receipts matching ``where``, newest first, and all their events in one more query."""
    chosen = f"FROM receipts{where} ORDER BY id DESC LIMIT ?"
    rows = conn.execute(f"SELECT id, {RECEIPT_COLUMNS} {chosen}", [*params, limit]).fetchall()
    if not rows:
        return []
    events = _events_of(conn, f"SELECT id {chosen}", [*params, limit])
    return [history_row(row, events.get(int(row[0]), [])) for row in rows]


def _events_of(conn: sqlite3.Connection, ids_sql: str, params: list[Any]) -> dict[int, list[Event]]:
    sql = f"SELECT receipt_id, type, at, detail FROM events WHERE receipt_id IN ({ids_sql}) ORDER BY id"
    events: dict[int, list[Event]] = {}
    for receipt_id, kind, at, detail in conn.execute(sql, params):
        events.setdefault(int(receipt_id), []).append(Event(kind, parse_rfc3339(at), json.loads(detail)))
    return events
