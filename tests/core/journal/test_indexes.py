"""The journal's indexes as they are now, made at opening whatever version made the file."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from popup_client.core.clock import FixedClock
from popup_client.core.journal import SCHEMA_VERSION, Journal
from popup_client.core.journal.schema import SHOWN
from tests.core.journal.test_journal import T0, receipt


def indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        found = {str(name) for (name,) in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'receipts'")}
    conn.close()
    return found


NOW = {"receipts_ts", "receipts_popup_id", "receipts_shown", "receipts_chain", "receipts_cleared"}
#: The shown receipts' three indexes before (by time, by provider, by provider and topic), as the code before made them.
SHOWN_BEFORE = {
    "receipts_shown_ts": "(ts, kind, decision, counts)",
    "receipts_shown_provider": "(provider_id, ts, kind, decision, counts)",
    "receipts_shown_topic": "(provider_id, topic, ts, kind, decision, counts)",
}


def test_a_new_journal_looks_popup_ids_up_popup_id_first_and_shown_receipts_by_time(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    Journal(path, clock=FixedClock(T0)).close()
    assert indexes(path) == NOW


def test_a_journal_with_the_shown_indexes_before_gets_the_one_by_time_and_counts_the_same(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal(path, clock=FixedClock(T0)) as journal:
        for n, (provider, topic) in enumerate([("a", "t1"), ("a", "t2"), ("b", "t1"), ("a", "t1")]):
            journal.record_receipt(receipt(provider_id=provider, popup_id=f"n-{n}", topic=topic))
    with sqlite3.connect(path) as conn:  # as the code before left it (the same schema version)
        conn.execute("DROP INDEX receipts_shown")
        for name, columns in SHOWN_BEFORE.items():
            conn.execute(f"CREATE INDEX {name} ON receipts {columns} WHERE {SHOWN}")
    conn.close()
    assert set(SHOWN_BEFORE) <= indexes(path)
    with Journal(path, clock=FixedClock(T0)) as journal:
        assert indexes(path) == NOW
        since = T0 - timedelta(days=30)  # past the counts in memory: SQL counts it, by the index
        filters = [("a", "t1"), ("a", None), ("b", "t1"), (None, "t1"), (None, None)]
        assert [journal.count_shown(since=since, provider_id=p, topic=t) for p, t in filters] == [2, 3, 1, 3, 4]
        assert journal.verify(None).ok and journal.verify(None).count == 4


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
