"""The service applies the retention the preferences set, and clears on request."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from popup_client.core.journal.retention import ClearPlan, Retention
from popup_client.core.rules import Sender
from popup_client.service_history import PRUNE_BUSY_S, PRUNE_IDLE_S
from tests.core.journal.privacy_rows import receipt
from tests.helpers.service import make_service

DAY = timedelta(days=1)


def test_retention_follows_the_preferences(tmp_path: Path) -> None:
    service, _ = make_service(tmp_path)
    assert service.history.retention() == Retention()
    service.set_pref("privacy.service_days", "2")
    service.set_pref("privacy.push_days", "30")
    service.set_pref("topic_window_hours", "36")
    assert service.history.retention() == Retention(2 * DAY, 30 * DAY, timedelta(hours=36))


def test_prune_steps_come_quickly_while_work_is_due_then_rarely(tmp_path: Path) -> None:
    service, clock = make_service(tmp_path)
    service.history.forgetter._chunk = 3
    for n in range(5):
        service.journal.record_receipt(receipt("service", clock.now() - 3 * DAY, n=n))
    assert [service.history.prune_step() for _ in range(3)] == [PRUNE_IDLE_S] * 3  # 3 days: kept
    clock.advance(5 * DAY)
    assert [service.history.prune_step() for _ in range(3)] == [PRUNE_BUSY_S, PRUNE_BUSY_S, PRUNE_IDLE_S]
    assert service.journal.history() == []


def test_clearing_through_the_service_uses_the_caps_window(tmp_path: Path, content: dict[str, Any]) -> None:
    service, clock = make_service(tmp_path)
    service.submit(content, Sender("test", verified=True))
    clock.advance(timedelta(hours=30))
    assert service.plan_clear() == ClearPlan(deleted=1, kept_for_caps=0, complaints=0, cited=0)
    service.set_pref("topic_window_hours", "48")  # the topic window still counts it
    assert service.plan_clear() == ClearPlan(deleted=0, kept_for_caps=1, complaints=0, cited=0)
    assert service.clear_history().kept_for_caps == 1


def test_the_space_is_given_back_a_chunk_a_step(tmp_path: Path) -> None:
    from popup_client.service_history import VACUUM_PAGES

    service, clock = make_service(tmp_path, journal=tmp_path / "journal.sqlite3")
    with service.journal.batch():
        for n in range(3000):
            service.journal.record_receipt(receipt("service", clock.now() - 10 * DAY, n=n, text="长" * 400))
    conn = service.journal._connection()
    delays, freed = [], []
    while not delays or delays[-1] != PRUNE_IDLE_S:
        delays.append(service.history.prune_step())
        freed.append(int(conn.execute("PRAGMA freelist_count").fetchone()[0]))
    deleting = 3000 // service.history.forgetter._chunk
    assert delays[:deleting] == [PRUNE_BUSY_S] * deleting
    vacuuming = freed[deleting - 1 :]
    assert vacuuming[0] > 2 * VACUUM_PAGES and vacuuming[-1] == 0  # pages freed by the deletions, then given back
    assert all(a - b <= VACUUM_PAGES for a, b in zip(vacuuming, vacuuming[1:]))  # never more than a chunk a step
    assert len(vacuuming) > 3
