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


def receipts_sql(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        (sql,) = conn.execute("SELECT sql FROM sqlite_schema WHERE name = 'receipts'").fetchone()
    conn.close()
    return str(sql)


def test_a_journal_made_with_the_in_list_gets_the_comparisons_and_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal(path, clock=FixedClock(T0)) as journal:
        journal.record_receipt(receipt(popup_id="n-1"))
    with sqlite3.connect(path) as conn:  # the table as the code before made it
        version = conn.execute("PRAGMA schema_version").fetchone()[0]
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE name = 'receipts'", (
            "CHECK (decision = 'show' OR decision = 'suppress' OR decision = 'reject')", "CHECK (decision IN ('show', 'suppress', 'reject'))"))  # fmt: skip
        conn.execute(f"PRAGMA schema_version = {version + 1}")
    conn.close()
    assert "decision IN ('show', 'suppress', 'reject')" in receipts_sql(path)
    with Journal(path, clock=FixedClock(T0)) as journal:
        journal.record_receipt(receipt(popup_id="n-2"))
        assert [row.popup_id for row in journal.history()] == ["n-2", "n-1"]
        assert journal.verify(None).ok and journal.verify(None).count == 2
    assert "decision IN" not in receipts_sql(path) and "decision = 'show' OR decision = 'suppress'" in receipts_sql(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
