"""The journal keeps reasons and errors as translatable text (schema 2), and reads older rows as their English."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import pytest

from popup_client.core.journal import rows
from popup_client.core.journal import schema as journal_schema
from popup_client.core.clock import FixedClock
from popup_client.core.errors import PayloadError, Problem
from popup_client.core.journal import SCHEMA_VERSION, Journal, Receipt
from popup_client.core.text import AT_PATH, QT_TRANSLATE_NOOP, Text
from tests.core.journal.test_journal import T0, receipt

STALE = QT_TRANSLATE_NOOP("core", "the story is {hours} h old; news older than {limit} h is not pushed")
REASON = AT_PATH.format(path="news.published_at", message=STALE.format(hours=80, limit=72))
ENGLISH = "news.published_at: the story is 80 h old; news older than 72 h is not pushed"


def rejected(**changes: object) -> Receipt:
    return receipt(decision="reject", rules=["stale-news", "x"], reasons=[REASON, "plain words"], **changes)


def stored(path: Path, column: str) -> object:
    with sqlite3.connect(path) as raw:
        value = raw.execute(f"SELECT {column} FROM receipts").fetchone()[0]
    raw.close()
    return value


def test_texts_come_back_as_texts_and_plain_reasons_as_plain(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    error = str(PayloadError([Problem("title", QT_TRANSLATE_NOOP("core", "is required"))]))
    with Journal(path, clock=FixedClock(T0)) as journal:
        row = journal.get(journal.record_receipt(rejected(error=error)))
    assert row is not None
    assert row.reasons == (ENGLISH, "plain words")
    first, second = row.reasons
    assert isinstance(first, Text) and first.template == REASON.template
    assert isinstance(first.args["message"], Text) and dict(first.args["message"].args) == {"hours": 80, "limit": 72}
    assert type(second) is str
    assert isinstance(row.error, Text) and row.error == error and row.error.template == "invalid payload:\n  {problems}"
    assert json.loads(str(stored(path, "reasons"))) == [ENGLISH, "plain words"], "the English is stored as before"
    assert json.loads(str(stored(path, "reason_texts")))[1] is None


def test_rows_without_any_text_store_null(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    with Journal(path, clock=FixedClock(T0)) as journal:
        row = journal.get(journal.record_receipt(receipt(decision="reject", rules=["x"], reasons=["plain"], error="plain")))
    assert row is not None and row.reasons == ("plain",) and row.error == "plain"
    assert not isinstance(row.reasons[0], Text) and not isinstance(row.error, Text)
    assert stored(path, "reason_texts") is None and stored(path, "error_text") is None


def test_a_version_1_journal_is_migrated_and_its_rows_read_as_english(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    raw = sqlite3.connect(path)
    for statement in journal_schema.MIGRATIONS[0]:
        raw.execute(statement)
    raw.execute(
        "INSERT INTO receipts (received_at, ts, transport, sender, verified, error, decision, rules, reasons, counts) "
        "VALUES ('2026-11-27T10:00:00Z', ?, 'socket', '{}', 0, 'invalid payload', 'reject', '[\"x\"]', ?, 1)",
        (T0.timestamp(), json.dumps([ENGLISH])),
    )
    raw.execute("PRAGMA user_version = 1")
    raw.commit()
    raw.close()
    with Journal(path, clock=FixedClock(T0)) as journal:
        old = journal.history()[0]
        assert old.reasons == (ENGLISH,) and not isinstance(old.reasons[0], Text)
        assert old.error == "invalid payload" and not isinstance(old.error, Text)
        new = journal.get(journal.record_receipt(rejected()))
        assert new is not None and isinstance(new.reasons[0], Text)
        assert journal.warnings == []
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    raw.close()


@pytest.mark.parametrize(
    ("damage", "warned"),
    [
        ("UPDATE receipts SET reason_texts = 'not json'", True),
        ("UPDATE receipts SET reason_texts = '[null]'", False),  # one entry for two reasons
        ("UPDATE receipts SET reason_texts = '[{\"template\": \"x {a}\", \"args\": {}}, null]'", False),  # other English
        ("UPDATE receipts SET reason_texts = '[{\"template\": 3}, null]'", True),
    ],
)
def test_damaged_texts_fall_back_to_the_english(
    tmp_path: Path, damage: str, warned: bool, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "j.sqlite3"
    with Journal(path, clock=FixedClock(T0)) as journal:
        journal.record_receipt(rejected())
    with sqlite3.connect(path) as raw:
        raw.execute(damage)
    raw.close()
    with caplog.at_level(logging.WARNING, logger="popup_client.core.journal"), Journal(path, clock=FixedClock(T0)) as journal:
        row = journal.history()[0]
    assert row.reasons == (ENGLISH, "plain words")
    assert not any(isinstance(reason, Text) for reason in row.reasons)
    assert ("showing its English" in caplog.text) is warned


def test_the_same_reason_texts_are_written_once_and_others_with_the_same_english_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    capped = STALE.format(hours=80, limit=72)
    twin = STALE.format(hours="80", limit=72)  # the same English
    assert capped == twin and capped.to_json() != twin.to_json()
    written: list[object] = []
    text_json = rows._text_json
    monkeypatch.setattr(rows, "_text_json", lambda value: written.append(value) or text_json(value))
    first = rows.receipt_params(receipt(reasons=(capped, "plain")))
    again = rows.receipt_params(receipt(reasons=(capped, "plain")))
    assert first == again and written == [capped, "plain"], "the second popup with the same verdict wrote nothing again"
    other = rows.receipt_params(receipt(reasons=(twin, "plain")))
    assert len(written) == 4
    names = journal_schema.RECEIPT_NAMES
    texts = [json.loads(params[names.index("reason_texts")]) for params in (first, other)]
    assert texts == [[capped.to_json(), None], [twin.to_json(), None]]


def test_a_receipts_decision_and_kind_are_bound_as_plain_text() -> None:
    from popup_client.core.vocabulary import DecisionKind, Kind

    params = rows.receipt_params(receipt(kind=Kind.NEWS, decision=DecisionKind.SUPPRESS))
    names = journal_schema.RECEIPT_NAMES
    kind, decision = params[names.index("kind")], params[names.index("decision")]
    assert (kind, decision) == ("news", "suppress")
    assert type(kind) is str and type(decision) is str  # a str subclass is bound after a search for its adapter
