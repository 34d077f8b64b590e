"""The journal's indexes as they are now, made at opening whatever version made the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from popup_client.core.clock import FixedClock
from popup_client.core.journal import SCHEMA_VERSION, Journal
from tests.core.journal.test_journal import T0, receipt


def indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        found = {str(name) for (name,) in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'receipts'")}
    conn.close()
    return found


def test_a_new_journal_looks_popup_ids_up_popup_id_first(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    Journal(path, clock=FixedClock(T0)).close()
    assert "receipts_popup_id" in indexes(path) and "receipts_popup" not in indexes(path)


def test_a_journal_with_the_index_before_gets_the_new_one_and_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal(path, clock=FixedClock(T0)) as journal:
        first = journal.record_receipt(receipt(popup_id="n-1"))
    with sqlite3.connect(path) as conn:  # as the code before left it (the same schema version)
        conn.execute("DROP INDEX receipts_popup_id")
        conn.execute("CREATE INDEX receipts_popup ON receipts (provider_id, popup_id, error)")
    conn.close()
    assert "receipts_popup" in indexes(path)
    with Journal(path, clock=FixedClock(T0)) as journal:
        assert "receipts_popup_id" in indexes(path) and "receipts_popup" not in indexes(path)
        assert journal.was_received("com.example.news", "n-1") and not journal.was_received("com.example.news", "n-2")
        assert journal.record_receipt(receipt(popup_id="n-2")) == first + 1
        assert journal.was_received("com.example.news", "n-2")
        assert journal.verify(None).ok and journal.verify(None).count == 2
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3, "the code before still opens it"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
