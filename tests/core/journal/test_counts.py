"""The caps' counts in memory (core/journal/counts.py) against the SQL they stand for."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal, Receipt, count_shown_query
from popup_client.core.journal.counts import HORIZON_S, ShownCounts
from popup_client.core.journal.shown_query import ShownQuery
from popup_client.core.journal.sqlite import unix

from .test_journal import T0, receipt

PROVIDERS = ("com.a", "com.b", "com.c")
KINDS = ("ad", "news", "content", "service")
TOPICS = (None, "t1", "t2")


def _sql_count(journal: Journal, q: ShownQuery) -> int:
    if q.kinds is not None and not q.kinds:
        return 0
    sql, params = count_shown_query(since=q.since, provider_id=q.provider_id, kinds=q.kinds, topic=q.topic)
    return int(journal._fetch_one("count", sql, params)[0])  # noqa: SLF001 - the SQL the memory stands for


def _random_receipt(rng: random.Random, i: int, clock: FixedClock) -> Receipt:
    return receipt(
        received_at=clock.now() + timedelta(seconds=rng.uniform(-3 * 86400, 60)),
        provider_id=rng.choice(PROVIDERS),
        popup_id=f"p-{i}",
        kind=rng.choice(KINDS),
        topic=rng.choice(TOPICS),
        decision=rng.choice(["show", "show", "suppress", "reject"]),
        counts=rng.random() < 0.8,
    )


def _random_queries(rng: random.Random, clock: FixedClock) -> list[ShownQuery]:
    out = []
    for _ in range(20):
        kinds: Any = rng.choice([None, (), ("service",), ("ad", "news", "content"), ("news",)])
        since = clock.now() - timedelta(seconds=rng.choice([60, 3600, 86400, 2 * 86400, 10 * 86400]))
        out.append(ShownQuery(since, rng.choice((None, *PROVIDERS)), kinds, rng.choice(TOPICS)))
    return out


def test_counts_in_memory_equal_the_sql_for_random_receipts_and_filters(tmp_path: Path) -> None:
    rng = random.Random(5)
    clock = FixedClock(T0)
    journal = Journal(tmp_path / "j.sqlite3", clock=clock)
    for step in range(40):
        for i in range(rng.randrange(1, 15)):
            journal.record_receipt(_random_receipt(rng, step * 100 + i, clock))
        queries = _random_queries(rng, clock)
        assert journal.count_shown_many(queries) == [_sql_count(journal, q) for q in queries]
        for q in queries:
            assert journal.count_shown(since=q.since, provider_id=q.provider_id, kinds=q.kinds, topic=q.topic) == _sql_count(journal, q)
        clock.advance(timedelta(minutes=rng.choice([1, 7, 61, 600])))
    assert journal._shown.valid  # noqa: SLF001 - the counts came from memory
    journal.close()


def test_a_write_by_another_connection_is_counted(tmp_path: Path) -> None:
    clock = FixedClock(T0)
    path = tmp_path / "j.sqlite3"
    journal = Journal(path, clock=clock)
    journal.record_receipt(receipt())
    hour_ago = T0 - timedelta(hours=1)
    assert journal.count_shown(since=hour_ago) == 1
    other = Journal(path, clock=clock)
    other.record_receipt(receipt(popup_id="n-2"))
    other.close()
    assert journal.count_shown(since=hour_ago) == 2
    journal.close()


def test_a_batch_rolled_back_is_not_counted(tmp_path: Path) -> None:
    clock = FixedClock(T0)
    journal = Journal(tmp_path / "j.sqlite3", clock=clock)
    hour_ago = T0 - timedelta(hours=1)
    assert journal.count_shown(since=hour_ago) == 0
    with pytest.raises(RuntimeError), journal.batch():
        journal.record_receipt(receipt())
        assert journal.count_shown(since=hour_ago) == 1  # the batch sees its own write
        raise RuntimeError("the transport failed")
    assert journal.count_shown(since=hour_ago) == 0
    journal.close()


def test_a_count_reaching_back_before_the_horizon_asks_sql(tmp_path: Path) -> None:
    clock = FixedClock(T0)
    journal = Journal(tmp_path / "j.sqlite3", clock=clock)
    old = T0 - timedelta(seconds=HORIZON_S + 3600)
    journal.record_receipt(receipt(received_at=old))
    assert journal.count_shown(since=old - timedelta(minutes=1)) == 1
    assert journal.count_shown(since=T0 - timedelta(days=1)) == 0
    journal.close()


def test_a_replaced_receipt_and_a_suppressed_one_do_not_count(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.sqlite3", clock=FixedClock(T0))
    since = T0 - timedelta(hours=1)
    assert journal.count_shown(since=since) == 0
    journal.record_receipt(receipt(counts=False))
    journal.record_receipt(receipt(popup_id="n-2", decision="suppress"))
    assert journal.count_shown(since=since) == 0
    journal.close()


def test_shown_counts_prune_what_fell_out_of_the_horizon() -> None:
    counts = ShownCounts()
    start = unix(T0)
    counts.seed([], start)
    for i in range(5000):
        counts.add(start + i * 300.0, "com.a", "ad", None)
    now = start + 4999 * 300.0
    assert counts.covers_from > start  # pruned once
    assert counts.count(now - 3600, "com.a", ("ad",), None) == 13
    assert counts.count(start, None, None, None) is None


def test_reads_together_check_the_file_and_the_counts_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from popup_client.core.journal import connection

    journal = Journal(tmp_path / "j.sqlite3", clock=FixedClock(T0))
    journal.record_receipt(receipt())
    checks: list[object] = []
    real = connection.file_state
    monkeypatch.setattr(connection, "file_state", lambda path: checks.append(path) or real(path))
    hour_ago = T0 - timedelta(hours=1)
    with journal.reads_together():
        assert [journal.count_shown(since=hour_ago) for _ in range(3)] == [1, 1, 1]
        assert journal.was_received("com.example.news", "n-1")
    assert len(checks) == 1
    assert journal._shown_fresh is False  # noqa: SLF001 - the next operation checks again
    journal.close()


def test_shown_counts_by_sets_of_kinds_equal_a_plain_count_through_adds_out_of_order_and_prunes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The times merged for a set of kinds once it was asked for stay those of its kinds: added to, in order, and pruned."""
    from popup_client.core.journal import counts as module

    monkeypatch.setattr(module, "_PRUNE_EVERY", 50)
    rng = random.Random(11)
    counts, start = ShownCounts(), unix(T0)
    counts.seed([], start)
    kept: list[tuple[float, str, str, str | None]] = []
    groups: list[Any] = [None, ("ad", "news", "content"), ("service",), ("news", "ad"), ("ad", "ad"), ()]
    for step in range(600):
        now = start + step * 1800.0
        ts = now - rng.choice([0.0, 0.0, 5.0, 900.0])  # now and then one that arrives late
        row = (ts, rng.choice(PROVIDERS), rng.choice(KINDS), rng.choice(TOPICS))
        counts.add(*row)
        kept.append(row)
        for _ in range(3):
            since = now - rng.choice([60.0, 3600.0, 86400.0])
            provider, kinds, topic = rng.choice((None, *PROVIDERS)), rng.choice(groups), rng.choice(TOPICS)
            expected = sum(
                1 for t, p, k, tp in kept
                if t >= since and (provider is None or p == provider) and (topic is None or tp == topic) and (kinds is None or k in kinds)
            )  # fmt: skip
            got = counts.count(since, provider, kinds, topic)
            assert got is None and since < counts.covers_from or got == expected, (step, since, provider, kinds, topic)
    assert counts.covers_from > start  # it pruned, with the sets' times among what it pruned
