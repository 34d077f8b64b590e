"""The filter of received popup ids (core/journal/received.py) against the SQL lookup it stands before."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal, journal as journal_module
from popup_client.core.journal.queries import WAS_RECEIVED_QUERY
from popup_client.core.journal.received import ReceivedIds
from popup_client.core.journal.retention import Forgetter, Retention

from .test_journal import T0, receipt


@pytest.fixture
def filtered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The filter from the first lookup (a long-running app's state) instead of after FILTER_AFTER."""
    monkeypatch.setattr(journal_module, "FILTER_AFTER", 0)


def _sql(journal: Journal, provider_id: str, popup_id: str) -> bool:
    return journal._fetch_one("look up", WAS_RECEIVED_QUERY, (provider_id, popup_id)) is not None  # noqa: SLF001


def _same_as_sql(journal: Journal, pairs: list[tuple[str, str]]) -> None:
    for provider_id, popup_id in pairs:
        assert journal.was_received(provider_id, popup_id) == _sql(journal, provider_id, popup_id), (provider_id, popup_id)


def test_an_id_never_received_is_answered_without_sql(tmp_path: Path, filtered: None) -> None:
    journal = Journal(tmp_path / "j.sqlite3", clock=FixedClock(T0))
    for i in range(50):
        journal.record_receipt(receipt(popup_id=f"n-{i}"))
    statements: list[str] = []
    journal._connection().set_trace_callback(statements.append)  # noqa: SLF001
    with journal.reads_together():
        assert journal.was_received("com.example.news", "n-7")
    statements.clear()
    with journal.reads_together():
        assert not any(journal.was_received("com.example.news", f"new-{i}") for i in range(100))
    assert not [s for s in statements if "popup_id" in s]
    journal.close()


def test_a_receipt_recorded_is_taken_in_as_it_is_written_with_no_read_after(tmp_path: Path, filtered: None) -> None:
    journal = Journal(tmp_path / "j.sqlite3", clock=FixedClock(T0))
    journal.record_receipt(receipt(popup_id="n-0"))
    assert not journal.was_received("com.example.news", "n-1") and journal._received.valid  # noqa: SLF001
    statements: list[str] = []
    journal._connection().set_trace_callback(statements.append)  # noqa: SLF001
    with journal.batch():
        for i in range(1, 6):  # a submit: the id looked up, then its receipt recorded
            assert not journal.was_received("com.example.news", f"n-{i}")
            journal.record_receipt(receipt(popup_id=f"n-{i}"))
            assert journal.was_received("com.example.news", f"n-{i}")  # the filter holds it: SQL confirms
    assert not [s for s in statements if s.startswith("SELECT") and "popup_id FROM receipts WHERE id >" in s]
    assert sum(s.startswith("SELECT 1 FROM receipts WHERE provider_id") for s in statements) == 5  # the five received: SQL confirms
    with pytest.raises(RuntimeError), journal.batch():
        journal.record_receipt(receipt(popup_id="n-9"))
        raise RuntimeError("the transport failed")
    journal.record_receipt(receipt(popup_id="n-10"))  # given the id of n-9's row, rolled back
    assert journal.was_received("com.example.news", "n-10") and not journal.was_received("com.example.news", "n-9")
    journal.close()


def test_a_short_lived_journal_asks_sql_and_reads_no_ids(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.sqlite3", clock=FixedClock(T0))
    journal.record_receipt(receipt())
    assert journal.was_received("com.example.news", "n-1") and not journal.was_received("com.example.news", "n-2")
    assert journal._received is not None and not journal._received.valid  # noqa: SLF001 - a CLI command reads no ids
    journal.close()


def test_was_received_equals_the_sql_through_writes_rollbacks_clearing_and_other_connections(tmp_path: Path, filtered: None) -> None:
    rng = random.Random(3)
    path = tmp_path / "j.sqlite3"
    journal = Journal(path, clock=FixedClock(T0))
    pairs = [(f"com.p{p}", f"id-{i}") for p in range(3) for i in range(40)]

    def record(count: int, into: Journal = journal) -> None:
        for _ in range(count):
            provider_id, popup_id = rng.choice(pairs)
            into.record_receipt(receipt(provider_id=provider_id, popup_id=popup_id, decision="reject"))

    record(20)
    _same_as_sql(journal, pairs)
    record(5)  # taken in by their ids
    _same_as_sql(journal, pairs)
    with pytest.raises(RuntimeError), journal.batch():
        record(5)
        _same_as_sql(journal, pairs)  # the batch sees its own writes
        raise RuntimeError("the transport failed")
    record(5)  # the ids of the rows rolled back are given again
    _same_as_sql(journal, pairs)
    other = Journal(path, clock=FixedClock(T0))
    record(5, other)
    other.close()
    _same_as_sql(journal, pairs)
    Forgetter(journal).clear(retention=Retention())  # every id goes: the next rows are given ids the filter had passed
    _same_as_sql(journal, pairs)
    record(10)
    _same_as_sql(journal, pairs)
    journal.close()


def test_a_filter_dropped_is_seeded_again_after_as_many_lookups_as_half_its_rows(tmp_path: Path, filtered: None) -> None:
    journal = Journal(tmp_path / "j.sqlite3", clock=FixedClock(T0))
    for i in range(100):
        journal.record_receipt(receipt(popup_id=f"n-{i}", decision="reject"))
    assert journal.was_received("com.example.news", "n-1") and journal._received.valid  # noqa: SLF001
    Forgetter(journal).clear(retention=Retention())  # a pruning step every 50 ms must not make each lookup read every id
    answers = [journal.was_received("com.example.news", f"n-{i}") for i in range(50)]
    assert not any(answers) and not journal._received.valid  # noqa: SLF001 - 50 lookups by SQL
    assert not journal.was_received("com.example.news", "n-1") and journal._received.valid  # noqa: SLF001
    journal.close()


def test_the_filter_holds_every_pair_and_few_others() -> None:
    ids = ReceivedIds()
    ids.seed([(f"com.p{i % 7}", f"id-{i}") for i in range(1, 5001)], 5000, 5000)
    ids.extend([(5001, "com.late", "x"), (5002, None, "y")])
    assert ids.upto == 5002
    assert all(ids.may_hold(f"com.p{i % 7}", f"id-{i}") for i in range(1, 5001)) and ids.may_hold("com.late", "x")
    assert sum(ids.may_hold("com.p1", f"other-{i}") for i in range(20000)) < 100  # ~1 in 2 000 at half its room


def test_a_filter_grown_too_full_must_be_seeded_again() -> None:
    ids = ReceivedIds()
    ids.seed([], 0, 0)
    ids.extend((i, "com.p", f"id-{i}") for i in range(1, 4000))  # its least room: 4 096 pairs
    assert ids.valid
    ids.extend((i, "com.p", f"id-{i}") for i in range(4000, 4200))
    assert not ids.valid
