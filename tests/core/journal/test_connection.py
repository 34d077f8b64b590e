"""Journal.batch: many writes, one transaction, one commit; a failing write undone alone."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal, JournalError
from tests.core.journal.test_journal import T0, receipt
from tests.helpers.rules import EXAMPLES_NOW


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def journal(path: Path) -> Iterator[Journal]:
    j = Journal(path, clock=FixedClock(EXAMPLES_NOW))
    yield j
    j.close()


def other_connection_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM receipts").fetchone()[0])
    finally:
        conn.close()


def test_writes_in_a_batch_are_seen_inside_and_committed_together(journal: Journal, path: Path) -> None:
    since = T0 - timedelta(hours=1)
    with journal.batch():
        first = journal.record_receipt(receipt(popup_id="a"))
        journal.record_display(first)
        journal.record_receipt(receipt(popup_id="b"))
        assert journal.count_shown(since=since) == 2  # the caps see the batch's own rows
        assert journal.was_received(receipt().provider_id or "", "b")
        assert other_connection_count(path) == 0  # nothing is durable before the commit
    assert other_connection_count(path) == 2


def test_an_error_inside_the_batch_keeps_nothing(journal: Journal, path: Path) -> None:
    with pytest.raises(RuntimeError), journal.batch():
        journal.record_receipt(receipt(popup_id="a"))
        raise RuntimeError("the transport broke")
    assert other_connection_count(path) == 0
    journal.record_receipt(receipt(popup_id="after"))  # and the journal is usable afterwards
    assert other_connection_count(path) == 1


def test_a_failing_write_is_undone_alone(journal: Journal, path: Path) -> None:
    with journal.batch():
        journal.record_receipt(receipt(popup_id="a"))
        with pytest.raises(JournalError):
            journal.record_display(999_999)  # no such receipt: refused
        journal.record_receipt(receipt(popup_id="b"))
    assert other_connection_count(path) == 2


def test_a_failed_commit_is_a_journal_error_and_keeps_nothing(journal: Journal, path: Path) -> None:
    with pytest.raises(JournalError, match="commit"), journal.batch():
        journal.record_receipt(receipt(popup_id="a"))
        journal._connection().execute("ROLLBACK")  # what SQLite does itself on a full disk or an I/O error
    assert other_connection_count(path) == 0


def test_batches_nest_into_one(journal: Journal, path: Path) -> None:
    with journal.batch():
        with journal.batch():
            journal.record_receipt(receipt(popup_id="a"))
        assert other_connection_count(path) == 0
    assert other_connection_count(path) == 1
