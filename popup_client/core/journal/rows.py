"""Row mappers: records to statement parameters, rows back to records (texts included)."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from itertools import repeat
from operator import is_
from typing import Any

from popup_client.core.journal.errors import JournalError
from popup_client.core.journal.records import ComplaintRow, Event, HistoryRow, Receipt
from popup_client.core.journal.sealing import HeadCache, sealed_insert
from popup_client.core.journal.sqlite import iso_and_unix, json_object, to_json
from popup_client.core.text import Text
from popup_client.core.timefmt import parse_rfc3339
from popup_client.core.vocabulary import DECISION_OF

logger = logging.getLogger(__name__)


def receipt_params(r: Receipt) -> tuple[Any, ...]:
    """The parameters of :data:`~popup_client.core.journal.schema.INSERT_RECEIPT` for ``r``.

    The decision and the kind as plain ``str`` (the same text): sqlite3 binds a ``str`` subclass, as it binds None,
    only after looking for an adapter, and the chain's JSON of a row of plain values is written at once.
    """
    kind = r.kind
    return (
        *iso_and_unix(r.received_at),
        r.transport,
        to_json(dict(r.sender)),
        r.provider_id,
        r.popup_id,
        kind if kind is None or kind.__class__ is str else str(kind),
        r.topic,
        r.tier,
        int(r.verified),
        r.payload,
        r.error,
        str(r.decision),
        _strings_json(r.rules),
        _strings_json(r.reasons),
        r.news_list_version,
        int(r.counts),
        _reason_texts(r.reasons),
        to_json(_text_json(r.error)) if isinstance(r.error, Text) else None,
        r.policy_version,
        r.payload_exact,
    )


def _strings_json(strings: Sequence[str]) -> str:
    """A list of strings as the journal stores it: a tuple (as a decision gives them) written once and remembered."""
    return _tuple_json(strings) if isinstance(strings, tuple) else to_json(list(strings))


@lru_cache(maxsize=512)  # rule ids and reasons repeat from popup to popup; a Text's JSON here is its English
def _tuple_json(strings: tuple[str, ...]) -> str:
    return to_json(list(strings))


#: The reasons' texts as JSON, by the identity of the reasons (kept alive here, so no other object takes their ids):
#: under load most popups meet the same cap, whose verdict (its Text) the policy gives again (rules/preferences.py).
_REASON_TEXTS: dict[tuple[int, ...], tuple[tuple[str, ...], str]] = {}


def _reason_texts(reasons: Sequence[str]) -> str | None:
    """The JSON of the reasons that are Texts (None where none is): written once for the same Text objects."""
    if not reasons or not any(map(isinstance, reasons, repeat(Text))):  # in C: a popup shown has none
        return None
    key = tuple(map(id, reasons))
    known = _REASON_TEXTS.get(key)
    if known is not None and all(map(is_, known[0], reasons)):  # in C
        return known[1]
    text = to_json([_text_json(x) for x in reasons])
    if len(_REASON_TEXTS) >= 256:
        _REASON_TEXTS.clear()
    _REASON_TEXTS[key] = (tuple(reasons), text)
    return text


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


def history_row(row: Sequence[Any], events: list[Event]) -> HistoryRow:
    """A ``receipts`` row (id first, then the receipt columns) and its events as a record."""
    (id_, received_at, _ts, transport, sender, provider_id, popup_id, kind, topic, tier, verified,
     payload, error, decision, rules, reasons, news_list_version, counts, reason_texts, error_text, policy_version, payload_exact) = row  # fmt: skip
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
        decision=DECISION_OF[decision],
        rules=tuple(json.loads(rules)),
        reasons=_texts(json.loads(reasons), reason_texts),
        news_list_version=news_list_version,
        counts=bool(counts),
        events=tuple(events),
        policy_version=policy_version,
        payload_exact=payload_exact,
    )


def complaint_row(row: Sequence[Any]) -> ComplaintRow:
    """A row of :data:`~popup_client.core.journal.queries.SELECT_COMPLAINTS` as a record."""
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
    data = json_object(payload)
    title = data.get("title") if data is not None else None
    return title if isinstance(title, str) else None


def insert_event(
    conn: sqlite3.Connection, receipt_id: int, kind: str, at: datetime, detail: dict[str, Any], cache: HeadCache | None = None
) -> None:
    """Add one event to a receipt (``cache``: as :func:`~popup_client.core.journal.sealing.sealed_insert` takes it)."""
    text, ts = iso_and_unix(at)
    values = {"receipt_id": receipt_id, "type": kind, "at": text, "ts": ts, "detail": to_json(detail)}
    sealed_insert(conn, "events", values, cache)


def last_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT made."""
    if cursor.lastrowid is None:  # pragma: no cover - an INSERT always sets it
        raise JournalError("SQLite did not report the new row's id")
    return cursor.lastrowid
