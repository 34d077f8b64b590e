"""A journal damaged while open: moved aside as at opening, a fresh one started, the listeners told once."""

from __future__ import annotations

import logging
import os
import random
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal, JournalError
from tests.core.journal.test_journal import T0, receipt

ASIDE = "journal.sqlite3.corrupt-20261127T100000Z"
SINCE = T0 - timedelta(hours=1)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.sqlite3"


@pytest.fixture
def told() -> list[str]:
    return []


@pytest.fixture
def journal(path: Path, told: list[str]) -> Iterator[Journal]:
    j = Journal(path, clock=FixedClock(T0))
    j.warning_listeners.append(told.append)
    yield j
    j.close()


def moved_aside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if ".corrupt-" in p.name)


def checkpoint(journal: Journal) -> None:
    """Everything into the main file, through the journal's own connection.

    So SQLite itself has no reason to read the file again: only the journal
    noticing the outside write makes the damage found.
    """
    journal._connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")


def overwrite(path: Path, *, start: int = 0) -> bytes:
    """Another program writes garbage over the file from ``start`` on, keeping its length; returns the file."""
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(start)
        f.write(random.Random(size).randbytes(size - start))
    return path.read_bytes()


def fill(journal: Journal, n: int, *, payload: str = "{}") -> None:
    with journal.batch():
        for i in range(n):
            journal.record_receipt(receipt(popup_id=f"before-{i}", payload=payload))


def assert_replaced(journal: Journal, path: Path, told: list[str], garbage: bytes) -> None:
    """Moved aside holding the garbage, said once with both names, and the fresh file works."""
    assert moved_aside(path)[0] == ASIDE
    assert set(moved_aside(path)) <= {ASIDE, f"{ASIDE}-wal", f"{ASIDE}-shm"}
    assert (path.parent / ASIDE).read_bytes() == garbage
    assert len(told) == 1, told
    assert str(path) in told[0] and str(path.parent / ASIDE) in told[0], told[0]
    assert "a new, empty journal was started" in told[0] and "Frequency caps count afresh" in told[0]
    assert journal.warnings == told
    assert journal.path == path
    rid = journal.record_receipt(receipt(popup_id="after"))
    assert rid == 1, "a new journal was started"
    assert [(row.id, row.popup_id) for row in journal.history()] == [(1, "after")]
    assert journal.count_shown(since=SINCE) == 1
    with sqlite3.connect(path) as other:  # it is a real file, not memory
        assert other.execute("SELECT popup_id FROM receipts").fetchall() == [("after",)]
    other.close()


@pytest.mark.parametrize("first", ["count", "insert"])
def test_a_file_overwritten_while_open_is_moved_aside_and_a_new_one_started(
    journal: Journal, path: Path, told: list[str], first: str, caplog: pytest.LogCaptureFixture
) -> None:
    for i in range(3):
        journal.record_receipt(receipt(popup_id=f"before-{i}"))
    checkpoint(journal)
    garbage = overwrite(path)
    with caplog.at_level(logging.DEBUG, logger="popup_client.core.journal"), pytest.raises(JournalError) as raised:
        if first == "count":
            journal.count_shown(since=SINCE)
        else:
            journal.record_receipt(receipt(popup_id="lost"))
    assert "not a database" in str(raised.value) and "a new, empty journal was started" in str(raised.value)
    assert str(path.parent / ASIDE) not in str(raised.value), "the error names the damage; the warning says where it went"
    # The listener shows it; a WARNING record as well would reach the user twice.
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert_replaced(journal, path, told, garbage)


def test_an_idle_journal_overwritten_in_place_is_noticed(journal: Journal, path: Path, told: list[str]) -> None:
    """Same size, same inode: only the file's times tell."""
    for i in range(3):
        journal.record_receipt(receipt(popup_id=f"before-{i}"))
    checkpoint(journal)
    assert journal.count_shown(since=SINCE) == 3  # the journal has seen the file as it is now
    before = path.stat()
    garbage = overwrite(path)
    # File times tick coarsely (a few ms): move them on as a write a moment later would.
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    with pytest.raises(JournalError, match="not a database"):
        journal.was_received("com.example.news", "before-0")
    assert_replaced(journal, path, told, garbage)


def test_damage_found_inside_a_batch_ends_the_batch_cleanly(journal: Journal, path: Path, told: list[str]) -> None:
    # More than SQLite's page cache holds (2 MB by default), so a full scan reads pages from the file.
    fill(journal, 1500, payload="x" * 2000)
    checkpoint(journal)
    committing = pytest.raises(JournalError, match="cannot commit a batch of writes: .*nothing of the batch was kept")
    with committing, journal.batch():
        journal.record_receipt(receipt(popup_id="in-the-batch"))
        garbage = overwrite(path, start=8192)  # the pages past the first two (page 1 stays cached)
        with pytest.raises(JournalError, match="malformed"):
            journal.stats()  # reads every page of the receipts
        with pytest.raises(JournalError, match="nothing of the batch was kept"):
            journal.record_receipt(receipt(popup_id="also-in-the-batch"))  # refused, not written to the new file
        with pytest.raises(JournalError, match="nothing of the batch was kept"):
            journal.count_shown(since=SINCE)
    assert not journal._batching and not journal._batch_lost
    assert journal.stats()["show"] == 0, "nothing of the lost batch reached the new journal"
    assert_replaced(journal, path, told, garbage)
    with journal.batch():  # and batches work again, on the new file
        journal.record_receipt(receipt(popup_id="next-batch"))
    assert journal.count_shown(since=SINCE) == 2


def test_damage_found_as_a_batch_begins_raises_at_once(journal: Journal, path: Path, told: list[str]) -> None:
    fill(journal, 3)
    checkpoint(journal)
    garbage = overwrite(path)
    entered = False
    with pytest.raises(JournalError, match="cannot start a batch of writes"), journal.batch():
        entered = True
    assert not entered and not journal._batching
    assert_replaced(journal, path, told, garbage)


def test_other_errors_do_not_replace_the_file(journal: Journal, path: Path, told: list[str]) -> None:
    rid = journal.record_receipt(receipt())
    with pytest.raises(JournalError, match="FOREIGN KEY"):
        journal.record_display(999_999)  # no such receipt: a constraint, not damage
    with journal.batch():
        with pytest.raises(JournalError, match="FOREIGN KEY"):
            journal.record_display(999_998)
        journal.record_display(rid)
    assert moved_aside(path) == [] and told == [] and journal.warnings == []
    row = journal.get(rid)
    assert row is not None and [e.type for e in row.events] == ["display"]


def test_a_checkpoint_by_another_connection_is_not_damage(journal: Journal, path: Path, told: list[str]) -> None:
    fill(journal, 3)
    with sqlite3.connect(path) as other:
        other.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        other.execute("INSERT INTO complaints (at, ts, reason, text) VALUES ('2026-11-27T10:00:00Z', 0, 'spam', '')")
    other.close()
    assert journal.count_shown(since=SINCE) == 3
    assert len(journal.complaints()) == 1
    assert moved_aside(path) == [] and told == []


def test_without_a_listener_the_message_is_logged_once(path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with Journal(path, clock=FixedClock(T0)) as journal:
        journal.record_receipt(receipt())
        checkpoint(journal)
        overwrite(path)
        with caplog.at_level(logging.WARNING, logger="popup_client.core.journal"), pytest.raises(JournalError):
            journal.count_shown(since=SINCE)
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(said) == 1 and ASIDE in said[0] and said == journal.warnings


def test_when_it_cannot_be_moved_aside_the_journal_goes_on_in_memory(
    journal: Journal, path: Path, told: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    journal.record_receipt(receipt(popup_id="before"))
    checkpoint(journal)
    garbage = overwrite(path)

    def refuse(source: object, target: object) -> None:
        raise PermissionError(13, "Permission denied", str(source))

    monkeypatch.setattr("popup_client.core.journal.recovery.os.replace", refuse)
    with pytest.raises(JournalError, match="an in-memory journal was started"):
        journal.record_receipt(receipt(popup_id="lost"))
    assert len(told) == 1 and "moving it aside failed" in told[0] and "history will not be kept" in told[0], told
    assert journal.path is None
    assert path.read_bytes() == garbage and moved_aside(path) == [], "the damaged file is left as it was"
    rid = journal.record_receipt(receipt(popup_id="after"))
    assert [(row.id, row.popup_id) for row in journal.history()] == [(rid, "after")]
    assert journal.was_received("com.example.news", "after")
    assert len(told) == 1


def test_a_broken_listener_does_not_stop_the_others(journal: Journal, path: Path, told: list[str]) -> None:
    def broken(message: str) -> None:
        raise RuntimeError("the tray is gone")

    journal.warning_listeners.insert(0, broken)
    journal.record_receipt(receipt())
    checkpoint(journal)
    overwrite(path)
    with pytest.raises(JournalError, match="a new, empty journal was started"):
        journal.count_shown(since=SINCE)
    assert len(told) == 1
    assert journal.record_receipt(receipt(popup_id="after")) == 1
