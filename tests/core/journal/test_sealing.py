"""The journal's hash chain (issue 18): every row sealed as written, checkpoints, tampering found."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal
from popup_client.core.journal import schema as journal_schema
from popup_client.core.journal.sealing import seal_existing
from popup_client.core.trust.chain import content_digest, link
from popup_client.core.trust.keys import Ed25519PrivateKey, generate_key
from popup_client.core.vocabulary import CloseHow
from tests.core.journal.test_journal import T0, receipt

KEY = generate_key()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


def keyed(path: Path, clock: FixedClock, key: Ed25519PrivateKey | None = KEY) -> Journal:
    journal = Journal(path, clock=clock)
    journal.checkpoint_key = lambda: key
    return journal


@pytest.fixture
def journal(path: Path, clock: FixedClock) -> Iterator[Journal]:
    with keyed(path, clock) as j:
        yield j


def fill(journal: Journal, clock: FixedClock) -> None:
    """Every kind of write: receipts (one in a batch with a close), events, a parse error, a complaint."""
    first = journal.record_receipt(receipt(policy_version="v3:ed25519:ab"))
    journal.record_display(first)
    clock.advance(timedelta(seconds=5))
    with journal.batch():
        second = journal.record_receipt(receipt(popup_id="n-2"))
        journal.record_close(first, CloseHow.REPLACED)
    journal.record_action(second, "details")
    journal.record_receipt(receipt(decision="reject", rules=["contract"], reasons=["bad"], error="bad", payload="{not json"))
    journal.record_complaint(receipt_id=second, provider_id=None, reason="misleading", text="说是免费")


def raw(path: Path, sql: str, *params: object) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(sql, params)
    conn.close()


def test_every_kind_of_row_is_sealed_in_one_chain_and_verifies(journal: Journal, clock: FixedClock) -> None:
    fill(journal, clock)
    rows, start, heads = journal.chain()
    assert [(r["table"], r["chain_seq"]) for r in rows] == [
        ("receipts", 1), ("events", 2), ("receipts", 3), ("events", 4), ("events", 5), ("receipts", 6),
        ("complaints", 7), ("events", 8),
    ]  # fmt: skip
    assert all(r["chain_prev"] == prev["chain_hash"] for prev, r in zip(rows, rows[1:]))
    assert start is None and [h["checkpoint"]["count"] for h in heads] == [8], "the complaint wrote a head checkpoint"
    report = journal.verify(KEY.public_key())
    assert report.ok and report.count == 8 and report.head == rows[-1]["chain_hash"]


def test_the_policy_version_in_force_is_journaled_with_the_decision(journal: Journal) -> None:
    row = journal.get(journal.record_receipt(receipt(policy_version="v3:ed25519:ab")))
    assert row is not None and row.policy_version == "v3:ed25519:ab"


def test_a_complaint_without_a_provider_takes_the_receipts(journal: Journal) -> None:
    receipt_id = journal.record_receipt(receipt())
    journal.record_complaint(receipt_id=receipt_id, provider_id=None, reason="other", text="")
    assert journal.complaints()[0].provider_id == "com.example.news"


def test_an_edited_row_is_named(journal: Journal, clock: FixedClock, path: Path) -> None:
    fill(journal, clock)
    raw(path, "UPDATE receipts SET payload = replace(payload, '台风', '暴雨') WHERE id = 1")
    report = journal.verify(KEY.public_key())
    assert report.problem is not None and report.problem.kind == "edited" and report.problem.index == 0
    assert report.problem.message == "row 1 was edited: its content no longer gives the hash it was sealed with"


def test_a_decision_changed_with_its_hash_recomputed_breaks_the_next_link(journal: Journal, clock: FixedClock, path: Path) -> None:
    fill(journal, clock)
    rows, _, _ = journal.chain()
    forged = {**rows[2], "decision": "suppress"}
    raw(path, "UPDATE receipts SET decision = 'suppress', chain_hash = ? WHERE id = 2", link(forged["chain_prev"], content_digest(forged)))
    problem = journal.verify(KEY.public_key()).problem
    assert problem is not None and problem.kind == "removed" and "row 4 follows a row that is not there" in problem.message


def test_a_deleted_row_is_found(journal: Journal, clock: FixedClock, path: Path) -> None:
    fill(journal, clock)
    raw(path, "DELETE FROM events WHERE type = 'action'")
    problem = journal.verify(KEY.public_key()).problem
    assert problem is not None and problem.kind == "removed"
    assert problem.message == "rows between row 4 and row 6 were removed: row 6 follows a row that is not there"


def test_rows_cut_off_the_end_are_found_by_the_head_checkpoint(journal: Journal, clock: FixedClock, path: Path) -> None:
    fill(journal, clock)
    raw(path, "DELETE FROM events WHERE type = 'report'")
    raw(path, "DELETE FROM complaints")
    problem = journal.verify(KEY.public_key()).problem
    assert problem is not None and problem.kind == "truncated"
    assert "counted 8 rows, there are 6" in problem.message


def test_a_whole_chain_rewritten_after_an_edit_is_found_by_the_checkpoint(journal: Journal, clock: FixedClock, path: Path) -> None:
    fill(journal, clock)
    raw(path, "UPDATE receipts SET decision = 'suppress' WHERE id = 1")
    with sqlite3.connect(path) as conn:
        for table in ("receipts", "events", "complaints"):
            conn.execute(f"UPDATE {table} SET chain_seq = NULL, chain_prev = NULL, chain_hash = NULL")
        seal_existing(conn)  # what a forger with the file and this code can do
    conn.close()
    problem = journal.verify(KEY.public_key()).problem
    assert problem is not None and problem.kind == "rewritten"


def test_a_row_added_by_hand_is_unsealed(journal: Journal, clock: FixedClock, path: Path) -> None:
    fill(journal, clock)
    raw(path, "INSERT INTO events (receipt_id, type, at, ts, detail) VALUES (1, 'display', 'x', 0, '{}')")
    problem = journal.verify(KEY.public_key()).problem
    assert problem is not None and problem.kind == "unsealed"


def test_an_altered_checkpoint_is_refused(journal: Journal, clock: FixedClock, path: Path) -> None:
    fill(journal, clock)
    with sqlite3.connect(path) as conn:
        data = json.loads(conn.execute("SELECT data FROM checkpoints").fetchone()[0])
        data["checkpoint"]["count"] = 6
        conn.execute("UPDATE checkpoints SET data = ?, count = 6", (json.dumps(data),))
    conn.close()
    problem = journal.verify(KEY.public_key()).problem
    assert problem is not None and problem.kind == "checkpoint" and "was altered" in problem.message
    assert not journal.verify(generate_key().public_key()).ok, "a checkpoint checked with another key is refused"


def test_closing_writes_a_head_checkpoint_only_after_new_rows(path: Path, clock: FixedClock) -> None:
    with keyed(path, clock) as journal:
        journal.record_receipt(receipt())
    with keyed(path, clock) as journal:
        assert [h["checkpoint"]["count"] for h in journal.chain()[2]] == [1]
    with keyed(path, clock) as journal:
        journal.record_display(1)
        assert journal.checkpoint(only_if_new=True) is not None
        assert journal.checkpoint(only_if_new=True) is None
    with keyed(path, clock, key=None) as journal:
        assert len(journal.chain()[2]) == 2 and journal.verify(KEY.public_key()).ok


def test_a_version_2_journal_is_sealed_by_the_migration(path: Path, clock: FixedClock) -> None:
    conn = sqlite3.connect(path)
    for statements in journal_schema.MIGRATIONS[:2]:
        for statement in statements:
            assert isinstance(statement, str)
            conn.execute(statement)
    insert = "INSERT INTO receipts (received_at, ts, transport, sender, verified, decision, rules, reasons, counts) VALUES (?, ?, 'socket', '{}', 1, 'show', '[]', '[]', 1)"
    conn.execute(insert, ("2026-11-27T10:00:00Z", T0.timestamp()))
    conn.execute("INSERT INTO events (receipt_id, type, at, ts, detail) VALUES (1, 'display', '2026-11-27T10:00:05Z', ?, '{}')", (T0.timestamp() + 5,))
    conn.execute(insert, ("2026-11-27T10:00:02Z", T0.timestamp() + 2))
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with keyed(path, clock) as journal:
        rows, _, _ = journal.chain()
        assert [(r["table"], r["id"], r["chain_seq"]) for r in rows] == [("receipts", 1, 1), ("receipts", 2, 2), ("events", 1, 3)]
        journal.record_receipt(receipt())
        assert journal.verify(KEY.public_key()).ok
    raw(path, "UPDATE receipts SET transport = 'dbus' WHERE id = 1")
    with keyed(path, clock) as journal:
        problem = journal.verify(KEY.public_key()).problem
        assert problem is not None and problem.kind == "edited"
