"""Retention and clearing leave the hash chain verifiable (issues 18 and 19): each run removed is on signed record."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal
from popup_client.core.journal.retention import Forgetter, Retention
from popup_client.core.trust.chain import chain_proof, verify_proof
from popup_client.core.trust.keys import Ed25519PrivateKey, generate_key
from tests.core.journal.privacy_rows import ids, journal_at, record_ago

KEY = generate_key()
DAY, HOUR = timedelta(days=1), timedelta(hours=1)
DEFAULT = Retention()


def keyed(path: Path, key: Ed25519PrivateKey | None = KEY) -> tuple[Journal, FixedClock]:
    journal, clock = journal_at(path)
    journal.checkpoint_key = lambda: key
    return journal, clock


def interleaved(journal: Journal, clock: FixedClock, days: int = 20) -> dict[str, list[int]]:
    """A service notification and an ad a day, oldest first; a complaint about the first ad."""
    made: dict[str, list[int]] = {"service": [], "ad": []}
    for day in range(days, 0, -1):
        made["service"].append(record_ago(journal, clock, "service", day * DAY, n=2 * day))
        made["ad"].append(record_ago(journal, clock, "ad", day * DAY - HOUR, n=2 * day + 1))
    journal.record_complaint(receipt_id=made["ad"][0], provider_id=None, reason="骚扰", text="")
    return made


def gap_rows(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM checkpoints WHERE kind = 'gap'").fetchone()[0])


def test_retention_in_the_middle_of_the_chain_keeps_it_verifiable(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    journal, clock = keyed(path)
    made = interleaved(journal, clock)
    journal.checkpoint()
    written = journal.verify(KEY.public_key()).count
    assert Forgetter(journal).prune_all(DEFAULT) == 13  # the services older than 7 days; the ads stay 90
    report = journal.verify(KEY.public_key())
    assert report.ok, report.problem
    assert report.count == written, "the count runs over the rows removed"
    assert gap_rows(path) == 13  # one run between each two ads kept; each record signed
    clock.advance(100 * DAY)
    Forgetter(journal).prune_all(DEFAULT)  # every ad but the one a complaint cites, and the rest
    assert ids(journal) == {made["ad"][0]}
    assert journal.verify(KEY.public_key()).ok
    assert gap_rows(path) <= 2, "runs next to each other are merged into one record"


def test_clearing_strips_in_place_and_the_chain_still_verifies(tmp_path: Path) -> None:
    journal, clock = keyed(tmp_path / "j.sqlite3")
    old = record_ago(journal, clock, "ad", 3 * DAY)
    recent = record_ago(journal, clock, "ad", 2 * HOUR, n=1, text="秘密")
    newest = record_ago(journal, clock, "news", HOUR, n=2, shown=False)
    journal.checkpoint()
    Forgetter(journal).clear(retention=DEFAULT)
    assert ids(journal) == {recent}, "the stripped receipt keeps its id"
    assert journal.verify(KEY.public_key()).ok, "a head checkpoint over rows since removed still holds"
    record_ago(journal, clock, "ad", timedelta(0), n=3)  # sealed after the rows removed at the end
    assert journal.verify(KEY.public_key()).ok
    del old, newest


@pytest.mark.parametrize("tamper", ["row deleted beside a gap", "gap record deleted", "gap record stretched"])
def test_removing_rows_behind_the_records_back_is_found(tmp_path: Path, tamper: str) -> None:
    path = tmp_path / "j.sqlite3"
    journal, clock = keyed(path)
    made = interleaved(journal, clock, days=12)
    Forgetter(journal).prune_all(DEFAULT)
    assert journal.verify(KEY.public_key()).ok
    with sqlite3.connect(path) as conn:
        if tamper == "row deleted beside a gap":
            conn.execute("DELETE FROM receipts WHERE id = ?", (made["ad"][3],))
        elif tamper == "gap record deleted":
            conn.execute("DELETE FROM checkpoints WHERE id = (SELECT min(id) FROM checkpoints WHERE kind = 'gap')")
        else:
            row_id, data = conn.execute("SELECT id, data FROM checkpoints WHERE kind = 'gap' LIMIT 1").fetchone()
            record = json.loads(data)
            record["checkpoint"]["count"] += 1  # claims one more row removed, to cover a deletion
            conn.execute("UPDATE checkpoints SET data = ? WHERE id = ?", (json.dumps(record), row_id))
    report = journal.verify(KEY.public_key())
    assert not report.ok and report.problem is not None
    assert report.problem.kind in {"removed", "checkpoint"}, report.problem


def test_a_record_signed_with_another_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    journal, clock = keyed(path, generate_key())
    interleaved(journal, clock, days=10)
    Forgetter(journal).prune_all(DEFAULT)
    report = journal.verify(KEY.public_key())
    assert report.problem is not None and "not with the journal's key" in report.problem.message


def test_a_chain_proof_steps_over_rows_removed_after_the_row(tmp_path: Path) -> None:
    journal, clock = keyed(tmp_path / "j.sqlite3")
    made = interleaved(journal, clock, days=12)
    Forgetter(journal).prune_all(DEFAULT)
    rows, removed = journal.chain()[0], journal.removed()
    index = next(i for i, r in enumerate(rows) if r["table"] == "receipts" and r["id"] == made["ad"][0])
    proof = chain_proof(rows, index, removed)
    assert any(isinstance(step, dict) for step in proof["following"])
    assert verify_proof(proof, KEY.public_key()) is None
    assert verify_proof(proof, generate_key().public_key()) is not None, "its records must carry the journal's key"
    gap = next(step for step in proof["following"] if isinstance(step, dict))
    gap["gap"]["checkpoint"]["hash"] = "0" * 64
    assert verify_proof(proof, KEY.public_key()) is not None


def test_without_a_key_records_are_kept_unsigned_and_the_chain_still_links(tmp_path: Path) -> None:
    journal, clock = keyed(tmp_path / "j.sqlite3", None)
    interleaved(journal, clock, days=10)
    Forgetter(journal).prune_all(DEFAULT)
    assert journal.verify(None).ok
