"""Receipts held back inside a batch (journal/deferred.py): the same rows, ids and chain, seen by every later read."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.clock import FixedClock
from popup_client.core.digests import BURST, bulk_sha256
from popup_client.core.journal import Journal, JournalError, Receipt
from popup_client.core.journal.journal import FILTER_AFTER
from tests.core.journal.test_journal import T0, receipt
from tests.core.journal.test_sealing import KEY, keyed


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with keyed(tmp_path / "journal.sqlite3", FixedClock(T0)) as j:
        yield j


class Builds:
    """Receipts to hold back, and how many of them were built so far."""

    def __init__(self) -> None:
        self.built: list[str] = []

    def __call__(self, r: Receipt) -> Callable[[], Receipt]:
        def build() -> Receipt:
            self.built.append(r.popup_id or "")
            return r

        return build


def soon(journal: Journal, builds: Builds, r: Receipt) -> int:
    return journal.record_receipt_soon(
        builds(r), received_at=r.received_at, provider_id=r.provider_id or "", popup_id=r.popup_id or "",
        kind=str(r.kind), topic=r.topic, counted=r.decision == "show" and r.counts,
    )  # fmt: skip


def stored(journal: Journal) -> list[tuple[Any, ...]]:
    """Every receipt row as stored, chain columns included."""
    return journal._connection().execute("SELECT * FROM receipts ORDER BY id").fetchall()


def test_held_receipts_are_the_rows_ids_and_chain_record_receipt_writes(tmp_path: Path) -> None:
    receipts = [receipt(popup_id=f"p{n}", received_at=T0 + timedelta(seconds=n)) for n in range(6)]
    with keyed(tmp_path / "now.sqlite3", FixedClock(T0)) as now, keyed(tmp_path / "held.sqlite3", FixedClock(T0)) as held:
        now.record_receipt(receipts[0])
        held.record_receipt(receipts[0])
        with now.batch():
            ids_now = [now.record_receipt(r) for r in receipts[1:]]
        builds = Builds()
        with held.batch():
            ids_held = [soon(held, builds, r) for r in receipts[1:]]
            assert builds.built == []  # nothing asked SQL yet: not even built
        assert builds.built == [r.popup_id for r in receipts[1:]]
        assert ids_held == ids_now == [2, 3, 4, 5, 6]
        assert stored(held) == stored(now)  # the chain's hashes too
        report = held.verify(KEY.public_key())
        assert report.ok and report.count == 6, report.problem


def test_a_burst_is_sealed_with_openssls_sha256_into_the_same_chain(tmp_path: Path) -> None:
    """A batch of BURST receipts or more hashes with OpenSSL (digests.bulk_sha256): the rows and chain one write at a time gives."""
    receipts = [receipt(popup_id=f"b{n}", received_at=T0 + timedelta(seconds=n)) for n in range(BURST + 3)]
    with keyed(tmp_path / "now.sqlite3", FixedClock(T0)) as now, keyed(tmp_path / "held.sqlite3", FixedClock(T0)) as held:
        for r in receipts:
            now.record_receipt(r)  # one at a time: the built-in SHA-256
        builds = Builds()
        with held.batch():
            for r in receipts:
                soon(held, builds, r)
        assert bulk_sha256(burst=False).__module__ == "_hashlib"  # the burst loaded it
        assert stored(held) == stored(now)
        report = held.verify(KEY.public_key())
        assert report.ok and report.count == len(receipts), report.problem


def test_a_read_inside_the_batch_sees_the_held_receipts(journal: Journal) -> None:
    builds = Builds()
    with journal.batch():
        first = soon(journal, builds, receipt(popup_id="a"))
        soon(journal, builds, receipt(popup_id="b"))
        assert journal.get(first) is not None  # SQL asked: written first
        assert builds.built == ["a", "b"]
        assert journal.stats()["show"] == 2


def test_another_write_inside_the_batch_comes_after_them_in_the_chain(journal: Journal) -> None:
    builds = Builds()
    with journal.batch():
        a = soon(journal, builds, receipt(popup_id="a"))
        journal.record_close(a, "button")
        b = soon(journal, builds, receipt(popup_id="b"))
        c = journal.record_receipt(receipt(popup_id="c"))  # at once: after the one held back, with the next id
    assert (a, b, c) == (1, 2, 3)
    chain, _, _ = journal.chain()
    assert [(row["table"], row["id"]) for row in chain] == [("receipts", 1), ("events", 1), ("receipts", 2), ("receipts", 3)]
    assert journal.verify(KEY.public_key()).ok


@pytest.mark.parametrize("filter_seeded", [True, False])
def test_a_popup_id_held_back_is_received_already(journal: Journal, filter_seeded: bool) -> None:
    for n in range(FILTER_AFTER + 2 if filter_seeded else 0):  # lookups until the filter of received ids is seeded
        journal.was_received("com.example.other", f"o{n}")
    builds = Builds()
    with journal.batch():
        soon(journal, builds, receipt(provider_id="com.example.news", popup_id="dup"))
        assert journal.was_received("com.example.news", "dup")
        assert not journal.was_received("com.example.news", "new")
        assert builds.built == []  # the held ones were looked at in memory, SQL asked about the rest
    assert journal.was_received("com.example.news", "dup")
    assert (journal._received is not None and journal._received.valid) is filter_seeded


def test_the_caps_count_a_shown_receipt_held_back(journal: Journal) -> None:
    since = T0 - timedelta(hours=1)
    assert journal.count_shown(since=since) == 0
    builds = Builds()
    with journal.batch():
        soon(journal, builds, receipt(popup_id="a"))
        soon(journal, builds, receipt(popup_id="b", decision="suppress"))
        soon(journal, builds, receipt(popup_id="c", counts=False))
        assert journal.count_shown(since=since) == 1
        assert journal.count_shown(since=since, provider_id="com.example.news", kinds=["news"], topic="typhoon") == 1
        assert builds.built == []  # answered from memory
    assert journal.count_shown(since=since) == 1


def test_a_batch_undone_keeps_none_of_its_held_receipts(journal: Journal) -> None:
    builds = Builds()
    with pytest.raises(RuntimeError), journal.batch():
        soon(journal, builds, receipt(popup_id="a"))
        raise RuntimeError("the transport failed")
    assert builds.built == [] and stored(journal) == []
    assert not journal.was_received("com.example.news", "a")
    assert journal.count_shown(since=T0 - timedelta(hours=1)) == 0
    assert soon(journal, builds, receipt(popup_id="b")) == 1  # outside a batch: at once


def test_a_held_receipt_that_cannot_be_written_fails_the_whole_batch(journal: Journal) -> None:
    journal.record_receipt(receipt(popup_id="kept"))
    builds = Builds()
    journal._connection().execute(
        "CREATE TEMP TRIGGER refuse BEFORE INSERT ON receipts WHEN NEW.popup_id = 'broken' BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    broken = receipt(popup_id="broken")
    with pytest.raises(JournalError, match="cannot record"), journal.batch():
        soon(journal, builds, receipt(popup_id="a"))
        soon(journal, builds, broken)
    assert [row[0] for row in stored(journal)] == [1]  # nothing of the batch
    with pytest.raises(JournalError, match="could not be written"), journal.batch():
        soon(journal, builds, broken)
        with pytest.raises(JournalError, match="cannot read"):  # the flush fails at a read, which the caller catches
            journal.get(1)
        with pytest.raises(JournalError, match="could not be written"):  # the batch's later operations refuse
            journal.record_receipt(receipt(popup_id="later"))
    assert [row[0] for row in stored(journal)] == [1]
    with journal.batch():  # the next batch starts clean
        assert soon(journal, builds, receipt(popup_id="next")) == 2
    assert journal.verify(KEY.public_key()).ok


def test_a_build_that_raises_fails_the_batch_with_its_error(journal: Journal) -> None:
    def build() -> Receipt:
        raise ValueError("no receipt")

    with pytest.raises(ValueError, match="no receipt"), journal.batch():
        journal.record_receipt_soon(build, received_at=T0, provider_id="p", popup_id="x", kind="news", topic=None, counted=True)
    assert stored(journal) == []
    assert journal.count_shown(since=T0 - timedelta(hours=1)) == 0


def test_a_damaged_file_at_the_flush_loses_the_batch_and_starts_afresh(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    import popup_client.core.journal.journal as module

    def damaged(*_: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(module, "sealed_insert_rows", damaged)
    builds = Builds()
    with pytest.raises(JournalError, match="damaged"), journal.batch():
        soon(journal, builds, receipt(popup_id="a"))
    monkeypatch.undo()
    assert journal.record_receipt(receipt(popup_id="b")) == 1  # the fresh file


def test_held_receipts_are_not_written_alone_once_sqlite_ended_the_batch(journal: Journal) -> None:
    builds = Builds()
    with pytest.raises(JournalError, match="ended before its receipts were written"), journal.batch():
        soon(journal, builds, receipt(popup_id="a"))
        journal._connection().execute("ROLLBACK")  # as SQLite does by itself on a full disk or an I/O error
    assert builds.built == [] and stored(journal) == []  # not one row committed on its own
