"""The receipts table as a new journal makes it: a receipt's insert checks its decision without building a table."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal
from popup_client.core.journal.sealing import _INSERT
from tests.core.journal.test_journal import T0, receipt


def test_a_receipts_insert_builds_no_table_for_its_check(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    Journal(path, clock=FixedClock(T0)).close()
    with sqlite3.connect(path) as conn:
        program = conn.execute("EXPLAIN " + _INSERT["receipts"], [None] * _INSERT["receipts"].count("?")).fetchall()
    conn.close()
    assert "OpenEphemeral" not in {row[1] for row in program}  # an IN list's table, built afresh for every row


def test_a_decision_the_journal_does_not_know_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal(path, clock=FixedClock(T0)) as journal:
        journal.record_receipt(receipt(popup_id="n-1"))
    with sqlite3.connect(path) as conn:
        for decision in ("show", "suppress", "reject"):
            conn.execute("UPDATE receipts SET decision = ?", (decision,))
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            conn.execute("UPDATE receipts SET decision = 'shown'")
    conn.close()
