"""Clearing the history on request: what goes, what stays for the caps, and for how long."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from popup_client.core.journal.redaction import text_summary
from popup_client.core.journal.retention import ClearPlan, Forgetter, Pruned, Retention
from popup_client.core.rules import Sender
from tests.core.journal.privacy_rows import ids, journal_at, record_ago
from tests.helpers.service import make_service

DAY, HOUR = timedelta(days=1), timedelta(hours=1)
DEFAULT = Retention()


def test_clearing_everything_deletes_old_rows_and_strips_those_the_caps_still_count() -> None:
    journal, clock = journal_at()
    old = record_ago(journal, clock, "ad", 3 * DAY)
    recent = record_ago(journal, clock, "ad", 2 * HOUR, n=1, text="秘密")
    suppressed = record_ago(journal, clock, "ad", HOUR, n=2, shown=False)
    journal.record_display(recent)
    forgetter = Forgetter(journal)
    assert forgetter.plan(retention=DEFAULT) == ClearPlan(deleted=2, kept_for_caps=1, complaints=0, cited=0)
    assert forgetter.clear(retention=DEFAULT).kept_for_caps == 1
    assert ids(journal) == {recent}
    row = journal.get(recent)
    assert row is not None and row.events == () and row.sender == {} and row.popup_id is None
    assert text_summary(row.payload) == {"kept": False, "cleared": True} and "秘密" not in (row.payload or "")
    assert (row.provider_id, row.kind, row.topic, row.decision) == ("com.example.a", "ad", "t", "show")
    assert journal.count_shown(since=clock.now() - DAY, provider_id="com.example.a") == 1
    assert forgetter.plan(retention=DEFAULT) == ClearPlan(0, 0, 0, 0)  # a stripped row is not cleared twice
    clock.advance(23 * HOUR)
    assert forgetter.prune_all(DEFAULT) == 1  # past the caps' day, retention removes it
    assert ids(journal) == set()
    del old, suppressed


def test_clearing_one_provider_before_a_date() -> None:
    journal, clock = journal_at()
    a_old = record_ago(journal, clock, "news", 10 * DAY, provider="com.example.a")
    a_new = record_ago(journal, clock, "news", 2 * DAY, provider="com.example.a", n=1)
    b_old = record_ago(journal, clock, "news", 10 * DAY, provider="com.example.b", n=2)
    Forgetter(journal).clear(retention=DEFAULT, provider_id="com.example.a", before=clock.now() - 5 * DAY)
    assert ids(journal) == {a_new, b_old}
    del a_old


def test_complaints_in_scope_go_and_a_receipt_cited_from_outside_stays() -> None:
    journal, clock = journal_at()
    cited = record_ago(journal, clock, "ad", 10 * DAY)
    inside = record_ago(journal, clock, "ad", 10 * DAY, n=1)
    clock.advance(-8 * DAY)
    journal.record_complaint(receipt_id=inside, provider_id=None, reason="骚扰", text="")
    clock.advance(8 * DAY)
    journal.record_complaint(receipt_id=cited, provider_id=None, reason="虚假", text="")  # made now: outside the scope
    before = clock.now() - 3 * DAY
    forgetter = Forgetter(journal)
    assert forgetter.plan(retention=DEFAULT, before=before) == ClearPlan(deleted=1, kept_for_caps=0, complaints=1, cited=1)
    forgetter.clear(retention=DEFAULT, before=before)
    assert ids(journal) == {cited} and [c.reason for c in journal.complaints()] == ["虚假"]


def test_clearing_reports_each_transaction_to_the_checkpoint_hook() -> None:
    journal, clock = journal_at()
    old = record_ago(journal, clock, "ad", 3 * DAY)
    recent = record_ago(journal, clock, "ad", HOUR, n=1)
    seen: list[Pruned] = []
    Forgetter(journal, on_pruned=lambda conn, pruned: seen.append(pruned)).clear(retention=DEFAULT)
    assert [(p.reason, p.receipt_ids, p.stripped_ids) for p in seen] == [("clear", (old,), (recent,))]
    assert seen[0].last_removed_id == recent


def test_caps_stay_right_after_clearing(tmp_path: Path, content: dict[str, Any]) -> None:
    service, clock = make_service(tmp_path)
    sender = Sender("test", verified=True)
    assert [service.submit({**content, "id": f"c{i}"}, sender).decision.decision for i in range(2)] == ["show", "show"]
    Forgetter(service.journal).clear(retention=DEFAULT)
    clock.advance(timedelta(minutes=5))
    third = service.submit({**content, "id": "c2"}, sender).decision
    assert third.decision == "suppress" and "frequency-cap" in third.rules  # the hourly cap of 2 still counts them
    clock.advance(DAY)
    assert Forgetter(service.journal).prune_all(DEFAULT) == 2  # a day on, the stripped rows go
    assert service.submit({**content, "id": "c3"}, sender).decision.decision == "show"
