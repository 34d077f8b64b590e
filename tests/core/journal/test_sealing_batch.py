"""The chain's head inside a batch: read once, followed from row to row, read again whenever it may have moved."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal
from popup_client.core.journal.rows import receipt_params
from popup_client.core.journal.schema import RECEIPT_NAMES
from popup_client.core.journal.sealing import COLUMNS, sealed_insert, sealed_insert_row
from popup_client.core.journal.sqlite import iso, unix
from tests.core.journal.test_journal import T0, receipt
from tests.core.journal.test_sealing import KEY, keyed

HEAD_QUERY = "SELECT * FROM (SELECT 0, chain_seq"


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    with keyed(tmp_path / "journal.sqlite3", FixedClock(T0)) as j:
        yield j


def head_reads(journal: Journal) -> list[str]:
    """Every read of the head the journal's connection makes from now on."""
    reads: list[str] = []
    journal._connection().set_trace_callback(lambda sql: reads.append(sql) if sql.startswith(HEAD_QUERY) else None)
    return reads


def assert_chain_whole(journal: Journal, rows: int) -> None:
    chain, _, _ = journal.chain()
    assert [r["chain_seq"] for r in chain] == list(range(1, rows + 1))
    report = journal.verify(KEY.public_key())
    assert report.ok and report.count == rows, report.problem


def test_a_batch_reads_the_head_once_per_table_it_writes(journal: Journal) -> None:
    journal.record_receipt(receipt(popup_id="before"))
    reads = head_reads(journal)
    with journal.batch():
        first = journal.record_receipt(receipt(popup_id="a"))
        journal.record_display(first)  # the events' next id is read with the head once
        for n in range(5):
            receipt_id = journal.record_receipt(receipt(popup_id=f"b{n}"))
            journal.record_close(receipt_id, "button")
    assert len(reads) == 2
    assert receipt_id == 7
    assert_chain_whole(journal, 13)


def test_outside_a_batch_every_write_reads_the_head(journal: Journal) -> None:
    reads = head_reads(journal)
    for n in range(3):
        journal.record_receipt(receipt(popup_id=f"n{n}"))
    assert len(reads) == 3
    assert_chain_whole(journal, 3)


def test_a_row_written_past_the_kept_head_makes_the_next_write_read_it_again(journal: Journal) -> None:
    with journal.batch():
        first = journal.record_receipt(receipt(popup_id="a"))
        values = {"receipt_id": first, "type": "display", "at": iso(T0), "ts": unix(T0), "detail": "{}"}
        sealed_insert(journal._connection(), "events", values)  # knows nothing of the kept head
        journal.record_complaint(receipt_id=first, provider_id=None, reason="other", text="")  # and a checkpoint
        journal.record_receipt(receipt(popup_id="b"))
    assert_chain_whole(journal, 5)


def test_a_row_undone_in_a_batch_is_not_followed(journal: Journal) -> None:
    with journal.batch():
        journal.record_receipt(receipt(popup_id="a"))
        with pytest.raises(RuntimeError), journal._writing("write and fail") as conn:
            sealed_insert(conn, "receipts", {"received_at": iso(T0), "ts": unix(T0), "transport": "socket", "sender": "{}",
                                             "verified": 1, "decision": "show", "rules": "[]", "reasons": "[]", "counts": 1},
                          journal._sealing())  # fmt: skip
            raise RuntimeError("undone by its savepoint")
        assert journal.record_receipt(receipt(popup_id="b")) == 2
    assert_chain_whole(journal, 2)


def test_a_batch_undone_whole_leaves_the_next_batch_sealing_after_the_old_head(journal: Journal) -> None:
    journal.record_receipt(receipt(popup_id="kept"))
    with pytest.raises(RuntimeError), journal.batch():
        journal.record_receipt(receipt(popup_id="lost"))
        raise RuntimeError("the transport broke")
    with journal.batch():
        assert journal.record_receipt(receipt(popup_id="after")) == 2
    assert_chain_whole(journal, 2)


def test_rows_another_connection_wrote_between_batches_are_followed(journal: Journal, tmp_path: Path) -> None:
    with journal.batch():
        journal.record_receipt(receipt(popup_id="a"))
    with Journal(tmp_path / "journal.sqlite3", clock=FixedClock(T0)) as other:
        other.record_receipt(receipt(popup_id="other"))
    with journal.batch():
        assert journal.record_receipt(receipt(popup_id="b")) == 3
    assert_chain_whole(journal, 3)


def test_a_receipt_s_parameters_are_its_sealed_columns_in_order() -> None:
    assert COLUMNS["receipts"] == RECEIPT_NAMES  # record_receipt seals receipt_params() as they come


def test_a_row_given_in_order_is_sealed_as_the_same_row_given_by_name(tmp_path: Path) -> None:
    row = receipt_params(receipt(verified=True))
    by_order, by_name = (Journal(tmp_path / f"{name}.sqlite3", clock=FixedClock(T0)) for name in ("order", "name"))
    with by_order, by_name:
        odd = (row[0], int(row[1]), *row[2:9], True, *row[10:])  # an integer time and a bool: stored as REAL and 1
        for journal, write in ((by_order, lambda conn: sealed_insert_row(conn, "receipts", odd)),
                               (by_name, lambda conn: sealed_insert(conn, "receipts", dict(zip(RECEIPT_NAMES, odd))))):  # fmt: skip
            journal._write_one("write", write)
        assert by_order.chain()[0] == by_name.chain()[0]
        assert by_order.chain()[0][0]["ts"] == float(int(row[1])) and by_order.chain()[0][0]["verified"] == 1
