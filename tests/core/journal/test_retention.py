"""Retention: what is past its time leaves the journal, a chunk at a time, with a moved clock."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from popup_client.core.journal.retention import Forgetter, Pruned, Retention
from tests.core.journal.privacy_rows import ids, journal_at, record_ago

DAY = timedelta(days=1)
DEFAULT = Retention()


def test_defaults_are_seven_days_of_service_and_ninety_of_pushes() -> None:
    assert (DEFAULT.service, DEFAULT.push, DEFAULT.caps) == (7 * DAY, 90 * DAY, DAY)
    assert Retention.of(service_days=3, push_days=30, topic_window_hours=48).caps == 2 * DAY


def test_service_rows_go_after_seven_days_pushes_after_ninety() -> None:
    journal, clock = journal_at()
    old_service = record_ago(journal, clock, "service", 8 * DAY)
    old_error = record_ago(journal, clock, None, 8 * DAY, n=1)
    young_service = record_ago(journal, clock, "service", 6 * DAY, n=2)
    mid_ad = record_ago(journal, clock, "ad", 30 * DAY, n=3)
    old_news = record_ago(journal, clock, "news", 91 * DAY, n=4)
    journal.record_display(old_service)
    assert Forgetter(journal).prune_all(DEFAULT) == 3
    assert ids(journal) == {young_service, mid_ad}
    clock.advance(61 * DAY)  # the clock moves on: the ad is 91 days old, the service row 67
    assert Forgetter(journal).prune_all(DEFAULT) == 2
    assert ids(journal) == set()
    del old_error, old_news


def test_complaints_and_the_receipts_they_cite_stay() -> None:
    journal, clock = journal_at()
    cited = record_ago(journal, clock, "ad", 400 * DAY)
    journal.record_complaint(receipt_id=cited, provider_id=None, reason="骚扰", text="")
    record_ago(journal, clock, "ad", 400 * DAY, n=1)
    assert Forgetter(journal).prune_all(DEFAULT) == 1
    assert ids(journal) == {cited} and len(journal.complaints()) == 1


def test_what_was_shown_within_the_caps_window_stays_whatever_the_retention() -> None:
    journal, clock = journal_at()
    shown = record_ago(journal, clock, "service", timedelta(hours=30))
    retention = Retention.of(service_days=1, push_days=1, topic_window_hours=48)
    assert Forgetter(journal).prune_all(retention) == 0
    assert ids(journal) == {shown}
    clock.advance(timedelta(hours=19))
    assert Forgetter(journal).prune_all(retention) == 1


def test_a_step_deletes_one_chunk_and_calls_the_checkpoint_hook_inside_its_transaction() -> None:
    journal, clock = journal_at()
    made = [record_ago(journal, clock, "service", 10 * DAY, n=i) for i in range(25)]
    seen: list[tuple[Pruned, bool]] = []

    def hook(conn: sqlite3.Connection, pruned: Pruned) -> None:
        seen.append((pruned, conn.in_transaction))

    forgetter = Forgetter(journal, on_pruned=hook, chunk=10)
    assert [forgetter.prune_step(DEFAULT) for _ in range(4)] == [10, 10, 5, 0]
    assert [p.receipt_ids for p, _ in seen] == [tuple(made[:10]), tuple(made[10:20]), tuple(made[20:])]
    assert all(inside for _, inside in seen) and seen[-1][0].last_removed_id == made[-1]
    assert seen[0][0].reason == "retention"


def test_a_failing_hook_keeps_the_rows() -> None:
    journal, clock = journal_at()
    kept = record_ago(journal, clock, "service", 10 * DAY)

    def hook(conn: sqlite3.Connection, pruned: Pruned) -> None:
        raise RuntimeError("cannot sign")

    try:
        Forgetter(journal, on_pruned=hook).prune_step(DEFAULT)
    except RuntimeError:
        pass
    assert ids(journal) == {kept}


def test_a_row_dated_before_what_was_pruned_goes_within_a_day() -> None:
    """A step looks only past what earlier steps finished; a clock set back is caught at the daily fresh look."""
    journal, clock = journal_at()
    forgetter = Forgetter(journal)
    record_ago(journal, clock, "service", 10 * DAY)
    assert forgetter.prune_all(DEFAULT) == 1
    late = record_ago(journal, clock, "service", 20 * DAY, n=1)  # older than what was pruned
    assert forgetter.prune_all(DEFAULT) == 0 and ids(journal) == {late}
    clock.advance(timedelta(hours=25))
    assert forgetter.prune_all(DEFAULT) == 1 and ids(journal) == set()
