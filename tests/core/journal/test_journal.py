"""Tests of the SQLite journal: round trips, counts, indexes, files, corruption, kills."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.clock import FixedClock
from popup_client.core.errors import CoreError
from popup_client.core.journal import (
    SCHEMA_VERSION,
    WAS_RECEIVED_QUERY,
    CloseHow,
    Event,
    Journal,
    JournalError,
    Receipt,
    count_shown_query,
)

T0 = datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc)
CST = timezone(timedelta(hours=8))
REPO = Path(__file__).resolve().parents[3]
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def receipt(**changes: Any) -> Receipt:
    base = Receipt(
        received_at=T0,
        transport="socket",
        sender={"pid": 123, "exe": "/usr/bin/x"},
        provider_id="com.example.news",
        popup_id="n-1",
        kind="news",
        topic="typhoon",
        tier="member",
        verified=True,
        payload=json.dumps({"id": "n-1", "title": "台风“海燕”将于今夜登陆"}, ensure_ascii=False),
        error=None,
        decision="show",
        rules=[],
        reasons=[],
    )
    return replace(base, **changes)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.sqlite3"


@pytest.fixture
def journal(path: Path, clock: FixedClock) -> Iterator[Journal]:
    with Journal(path, clock=clock) as j:
        yield j


# -- round trips -----------------------------------------------------------


def test_receipt_round_trip(journal: Journal) -> None:
    sent = receipt(
        received_at=datetime(2026, 11, 27, 18, 0, 0, 123456, tzinfo=CST),
        sender={"dbus_name": ":1.42", "pid": 7},
        rules=["frequency-cap", "quiet-hours"],
        reasons=["too many", "too late"],
        decision="suppress",
        news_list_version="2026.11",
        counts=False,
        verified=False,
    )
    rid = journal.record_receipt(sent)
    row = journal.get(rid)
    assert row is not None
    assert row.id == rid
    assert row.received_at == sent.received_at
    assert row.received_at.utcoffset() == timedelta(0)
    assert row.sender == {"dbus_name": ":1.42", "pid": 7}
    assert row.rules == ("frequency-cap", "quiet-hours")
    assert row.reasons == ("too many", "too late")
    assert (row.decision, row.news_list_version, row.counts, row.verified) == ("suppress", "2026.11", False, False)
    assert (row.provider_id, row.popup_id, row.kind, row.topic, row.tier) == (
        "com.example.news", "n-1", "news", "typhoon", "member",
    )  # fmt: skip
    assert row.payload == sent.payload
    assert row.events == ()


def test_parse_error_receipt_round_trip(journal: Journal) -> None:
    sent = receipt(provider_id=None, popup_id=None, kind=None, topic=None, tier=None,
                   payload="{not json", error="line 1: expecting property name", decision="reject",
                   rules=["contract"])  # fmt: skip
    row = journal.get(journal.record_receipt(sent))
    assert row is not None
    assert (row.payload, row.error, row.decision, row.provider_id) == (sent.payload, sent.error, "reject", None)


def test_timestamps_are_stored_as_utc_text_and_unix_time(journal: Journal, path: Path) -> None:
    journal.record_receipt(receipt(received_at=datetime(2026, 11, 27, 18, 0, tzinfo=CST)))
    with sqlite3.connect(path) as other:
        text, ts = other.execute("SELECT received_at, ts FROM receipts").fetchone()
    other.close()
    assert text == "2026-11-27T10:00:00Z"
    assert ts == T0.timestamp()


def test_get_unknown_id_is_none(journal: Journal) -> None:
    assert journal.get(12345) is None


def test_events_round_trip_in_order(journal: Journal, clock: FixedClock) -> None:
    rid = journal.record_receipt(receipt())
    journal.record_display(rid)
    clock.advance(timedelta(seconds=5))
    journal.record_action(rid, "open-link")
    clock.advance(timedelta(seconds=1))
    journal.record_close(rid, CloseHow.ESC)
    row = journal.get(rid)
    assert row is not None
    assert row.events == (
        Event("display", T0, {}),
        Event("action", T0 + timedelta(seconds=5), {"action": "open-link"}),
        Event("close", T0 + timedelta(seconds=6), {"how": "esc"}),
    )


@pytest.mark.parametrize("how", list(CloseHow))
def test_every_close_how_is_recorded(journal: Journal, how: CloseHow) -> None:
    rid = journal.record_receipt(receipt())
    journal.record_close(rid, how)
    row = journal.get(rid)
    assert row is not None and row.events[0].detail == {"how": how.value}


def test_unknown_close_how_is_refused(journal: Journal) -> None:
    rid = journal.record_receipt(receipt())
    with pytest.raises(ValueError):
        journal.record_close(rid, "swipe")  # type: ignore[arg-type]


def test_event_for_unknown_receipt_is_an_error(journal: Journal) -> None:
    with pytest.raises(JournalError, match="display"):
        journal.record_display(999)
    assert journal.stats() == {"show": 0, "suppress": 0, "reject": 0}


def test_complaint_round_trip(journal: Journal, clock: FixedClock) -> None:
    rid = journal.record_receipt(receipt())
    clock.advance(timedelta(minutes=1))
    cid = journal.record_complaint(receipt_id=rid, provider_id=None, reason="广告未标明", text="其实是广告")
    (row,) = journal.complaints()
    assert (row.id, row.receipt_id, row.reason, row.text) == (cid, rid, "广告未标明", "其实是广告")
    assert row.at == T0 + timedelta(minutes=1)
    assert row.provider_id == "com.example.news"  # taken from the receipt
    assert row.title == "台风“海燕”将于今夜登陆"
    history = journal.get(rid)
    assert history is not None
    assert history.events == (Event("report", row.at, {"complaint_id": cid, "reason": "广告未标明"}),)


def test_complaints_without_title_newest_first_and_limited(journal: Journal) -> None:
    broken = journal.record_receipt(receipt(payload="{not json", error="bad"))
    first = journal.record_complaint(receipt_id=None, provider_id="com.example.ads", reason="其他", text="a")
    second = journal.record_complaint(receipt_id=broken, provider_id="com.example.x", reason="其他", text="b")
    rows = journal.complaints()
    assert [r.id for r in rows] == [second, first]
    assert [(r.provider_id, r.title) for r in rows] == [("com.example.x", None), ("com.example.ads", None)]
    assert [r.id for r in journal.complaints(limit=1)] == [second]


def test_stats_counts_rows_per_decision(journal: Journal) -> None:
    for decision in ("show", "show", "reject"):
        journal.record_receipt(receipt(decision=decision))
    assert journal.stats() == {"show": 2, "suppress": 0, "reject": 1}


def test_receipt_validates_time_and_decision() -> None:
    with pytest.raises(ValueError, match="timezone"):
        receipt(received_at=datetime(2026, 11, 27, 10, 0))
    with pytest.raises(ValueError, match="decision"):
        receipt(decision="maybe")


def test_write_is_visible_to_another_connection_at_once(journal: Journal, path: Path, clock: FixedClock) -> None:
    with Journal(path, clock=clock) as other:
        journal.record_receipt(receipt())
        assert other.count_shown(since=T0) == 1
        assert other.was_received("com.example.news", "n-1")


# -- counts ----------------------------------------------------------------


@pytest.fixture
def counted(journal: Journal) -> Journal:
    rows = [
        receipt(received_at=T0 - timedelta(hours=2), kind="ad", topic=None),
        receipt(received_at=T0 - timedelta(hours=1), kind="news", topic="typhoon"),  # exactly at since
        receipt(received_at=T0 - timedelta(minutes=30), kind="news", topic="flood"),
        receipt(received_at=T0 - timedelta(minutes=20), kind="ad", topic="typhoon"),
        receipt(received_at=T0 - timedelta(minutes=10), provider_id="com.other", kind="news", topic="typhoon"),
        receipt(received_at=T0 - timedelta(minutes=5), decision="suppress"),
        receipt(received_at=T0 - timedelta(minutes=4), decision="reject"),
        receipt(received_at=T0 - timedelta(minutes=3), counts=False),
    ]
    for r in rows:
        journal.record_receipt(r)
    return journal


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, 4),
        ({"provider_id": "com.example.news"}, 3),
        ({"provider_id": "com.other"}, 1),
        ({"provider_id": "com.nobody"}, 0),
        ({"kinds": ["ad"]}, 1),
        ({"kinds": {"ad", "news"}}, 4),
        ({"kinds": ["service"]}, 0),
        ({"kinds": []}, 0),
        ({"provider_id": "com.example.news", "kinds": ["news"]}, 2),
        ({"topic": "typhoon"}, 3),
        ({"provider_id": "com.example.news", "topic": "typhoon"}, 2),
        ({"provider_id": "com.example.news", "topic": "flood", "kinds": ["ad"]}, 0),
    ],
)
def test_count_shown_filters(counted: Journal, filters: dict[str, Any], expected: int) -> None:
    assert counted.count_shown(since=T0 - timedelta(hours=1), **filters) == expected


def test_count_shown_since_boundary(counted: Journal) -> None:
    assert counted.count_shown(since=T0 - timedelta(hours=1)) == 4
    assert counted.count_shown(since=T0 - timedelta(hours=1) + timedelta(microseconds=1)) == 3
    assert counted.count_shown(since=(T0 - timedelta(hours=2)).astimezone(CST)) == 5
    assert counted.count_shown(since=T0) == 0


def test_count_shown_needs_an_aware_since(journal: Journal) -> None:
    with pytest.raises(ValueError, match="timezone"):
        journal.count_shown(since=datetime(2026, 11, 27))


def test_was_received(journal: Journal) -> None:
    journal.record_receipt(receipt(popup_id="a-1", decision="reject"))
    assert journal.was_received("com.example.news", "a-1")
    assert not journal.was_received("com.example.news", "a-2")
    assert not journal.was_received("com.other", "a-1")


# -- history ---------------------------------------------------------------


def test_history_newest_first_with_events(journal: Journal) -> None:
    ids = [journal.record_receipt(receipt(popup_id=f"n-{n}", received_at=T0 + timedelta(minutes=n)))
           for n in range(5)]  # fmt: skip
    journal.record_display(ids[1])
    journal.record_close(ids[1], CloseHow.BUTTON)
    journal.record_display(ids[3])
    rows = journal.history()
    assert [r.id for r in rows] == ids[::-1]
    assert [r.popup_id for r in rows] == ["n-4", "n-3", "n-2", "n-1", "n-0"]
    events = {r.id: [e.type for e in r.events] for r in rows}
    assert events == {ids[0]: [], ids[1]: ["display", "close"], ids[2]: [], ids[3]: ["display"], ids[4]: []}
    assert [r.id for r in journal.history(limit=2)] == ids[:2:-1]


def test_history_filters(journal: Journal) -> None:
    a = journal.record_receipt(receipt(received_at=T0 - timedelta(hours=3)))
    b = journal.record_receipt(receipt(received_at=T0 - timedelta(hours=2), provider_id="com.other"))
    c = journal.record_receipt(receipt(received_at=T0 - timedelta(hours=1), decision="suppress"))
    d = journal.record_receipt(receipt(received_at=T0, decision="suppress", provider_id="com.other"))
    for rid in (a, b, c, d):
        journal.record_display(rid)
    assert [r.id for r in journal.history(provider_id="com.other")] == [d, b]
    assert [r.id for r in journal.history(decision="suppress")] == [d, c]
    assert [r.id for r in journal.history(since=T0 - timedelta(hours=2))] == [d, c, b]
    assert [r.id for r in journal.history(provider_id="com.other", decision="show")] == [b]
    assert [r.id for r in journal.history(decision="suppress", limit=1)] == [d]
    assert all(len(r.events) == 1 for r in journal.history(decision="suppress", limit=1))
    assert journal.history(provider_id="com.nobody") == []


# -- indexes ---------------------------------------------------------------


def _plan(journal: Journal, sql: str, params: Any) -> list[str]:
    conn: sqlite3.Connection = journal._conn  # type: ignore[assignment]
    return [str(row[3]) for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]


@pytest.mark.parametrize(
    "filters",
    [{}, {"provider_id": "p"}, {"provider_id": "p", "kinds": ["ad", "news"]}, {"kinds": ["ad"]},
     {"provider_id": "p", "topic": "t"}, {"topic": "t"}],  # fmt: skip
)
def test_count_shown_uses_an_index(journal: Journal, filters: dict[str, Any]) -> None:
    plan = _plan(journal, *count_shown_query(since=T0, **filters))
    assert len(plan) == 1 and plan[0].startswith("SEARCH receipts USING"), plan
    assert "COVERING INDEX receipts_shown (ts>?)" in plan[0]


def test_was_received_uses_an_index(journal: Journal) -> None:
    plan = _plan(journal, WAS_RECEIVED_QUERY, ("p", "n-1"))
    assert plan == ["SEARCH receipts USING COVERING INDEX receipts_popup_id (popup_id=? AND provider_id=? AND error=?)"]


def test_count_shown_is_fast_with_100_000_rows(journal: Journal) -> None:
    conn: sqlite3.Connection = journal._conn  # type: ignore[assignment]
    start = T0.timestamp() - 100_000 * 60
    rows = [(f"t{n}", start + n * 60, "socket", "{}", f"p{n % 50}", f"n-{n}", "news", f"t{n % 7}", 0,
             "show" if n % 4 else "suppress", "[]", "[]", 1) for n in range(100_000)]  # fmt: skip
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO receipts (received_at, ts, transport, sender, provider_id, popup_id, kind, topic, "
        "verified, decision, rules, reasons, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("COMMIT")
    began = time.perf_counter()
    for _ in range(100):
        day = journal.count_shown(since=T0 - timedelta(days=1))
        mine = journal.count_shown(since=T0 - timedelta(days=1), provider_id="p1", kinds=["news"])
        topic = journal.count_shown(since=T0 - timedelta(days=1), provider_id="p1", topic="t1")
    elapsed = time.perf_counter() - began
    assert (day, mine, topic) == (1080, 28, 4)
    assert elapsed < 1.0, f"300 counts took {elapsed:.2f} s"


# -- files -----------------------------------------------------------------


def test_persists_across_reopen(path: Path, clock: FixedClock) -> None:
    with Journal(path, clock=clock) as j:
        rid = j.record_receipt(receipt())
        j.record_display(rid)
        j.record_complaint(receipt_id=rid, provider_id=None, reason="其他", text="x")
    with Journal(path, clock=clock) as j:
        assert j.count_shown(since=T0, provider_id="com.example.news", topic="typhoon") == 1
        assert j.was_received("com.example.news", "n-1")
        assert [e.type for e in j.history()[0].events] == ["display", "report"]
        assert len(j.complaints()) == 1
        assert j.warnings == []
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


def test_memory_journal_works_and_forgets(clock: FixedClock) -> None:
    with Journal(":memory:", clock=clock) as j:
        assert j.path is None
        j.record_receipt(receipt())
        assert j.count_shown(since=T0) == 1
    with Journal(":memory:", clock=clock) as j:
        assert j.count_shown(since=T0) == 0


@posix_only
def test_directory_0700_and_files_0600(journal: Journal, path: Path) -> None:
    journal.record_receipt(receipt())
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        assert stat.S_IMODE(name.stat().st_mode) == 0o600, name


@posix_only
def test_existing_file_mode_is_tightened(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "journal.sqlite3"
    path.touch(mode=0o644)
    os.chmod(path, 0o644)
    with Journal(path, clock=clock):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_closed_journal_refuses_calls(path: Path, clock: FixedClock) -> None:
    j = Journal(path, clock=clock)
    j.close()
    j.close()
    with pytest.raises(JournalError, match="closed"):
        j.record_receipt(receipt())


def test_parent_is_a_file_gives_journal_error(tmp_path: Path, clock: FixedClock) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    target = blocker / "journal.sqlite3"
    with pytest.raises(JournalError, match="not-a-dir") as info:
        Journal(target, clock=clock)
    assert isinstance(info.value, CoreError)
    assert blocker.read_text() == "x"


@posix_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="chmod does not stop root")
def test_read_only_directory_gives_journal_error(tmp_path: Path, clock: FixedClock) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        with pytest.raises(JournalError, match="locked"):
            Journal(locked / "journal.sqlite3", clock=clock)
    finally:
        os.chmod(locked, 0o700)


def test_unopenable_wal_gives_journal_error_and_keeps_the_file(path: Path, clock: FixedClock) -> None:
    with Journal(path, clock=clock) as j:
        j.record_receipt(receipt())
    Path(f"{path}-wal").mkdir()  # SQLite cannot open its WAL: an I/O problem, not corruption
    with pytest.raises(JournalError, match="journal.sqlite3"):
        Journal(path, clock=clock)
    assert _moved_aside(path) == []
    Path(f"{path}-wal").rmdir()
    with Journal(path, clock=clock) as j:
        assert j.count_shown(since=T0) == 1


def test_newer_schema_is_refused_and_left_alone(path: Path, clock: FixedClock) -> None:
    Journal(path, clock=clock).close()
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(JournalError, match="schema version"):
        Journal(path, clock=clock)
    assert _moved_aside(path) == []


# -- corruption ------------------------------------------------------------


def _moved_aside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if ".corrupt-" in p.name)


def test_garbage_file_is_moved_aside(path: Path, clock: FixedClock, caplog: pytest.LogCaptureFixture) -> None:
    path.parent.mkdir(mode=0o700)
    garbage = b"this is not a database\n" * 100
    path.write_bytes(garbage)
    Path(f"{path}-wal").write_bytes(b"stale wal")
    with caplog.at_level(logging.DEBUG, logger="popup_client.core.journal"):
        j = Journal(path, clock=clock)
    with j:
        # SQLite itself may delete an unusable -wal on close; if not, it moves with the file.
        assert _moved_aside(path)[0] == "journal.sqlite3.corrupt-20261127T100000Z"
        assert set(_moved_aside(path)) <= {
            "journal.sqlite3.corrupt-20261127T100000Z",
            "journal.sqlite3.corrupt-20261127T100000Z-wal",
            "journal.sqlite3.corrupt-20261127T100000Z-shm",
        }
        assert not Path(f"{path}-wal").exists() or not Path(f"{path}-wal").read_bytes().startswith(b"stale")
        assert (path.parent / "journal.sqlite3.corrupt-20261127T100000Z").read_bytes() == garbage
        assert len(j.warnings) == 1 and str(path) in j.warnings[0] and "corrupt-20261127T100000Z" in j.warnings[0]
        # The caller shows j.warnings; a WARNING record as well would reach the user twice.
        assert [(r.levelno, r.getMessage()) for r in caplog.records if "moved" in r.getMessage()] == [(logging.DEBUG, j.warnings[0])]
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert j.history() == []
        j.record_receipt(receipt())
        assert j.count_shown(since=T0) == 1


def test_damaged_database_is_moved_aside(path: Path, clock: FixedClock) -> None:
    with Journal(path, clock=clock) as j:
        j.record_receipt(receipt())
    data = bytearray(path.read_bytes())
    data[100:4096] = bytes(range(256)) * 15 + bytes(156)  # wreck page 1 past the header
    path.write_bytes(bytes(data))
    with Journal(path, clock=clock) as j:
        assert len(j.warnings) == 1
        assert j.history() == []
    with Journal(path, clock=clock) as j:  # a second corruption gets its own name
        assert j.warnings == []
    path.write_bytes(b"x" * 4096)
    with Journal(path, clock=clock) as j:
        assert len(j.warnings) == 1
    assert _moved_aside(path) == ["journal.sqlite3.corrupt-20261127T100000Z", "journal.sqlite3.corrupt-20261127T100000Z-1"]


# -- the kill test ---------------------------------------------------------


def test_nothing_committed_is_lost_when_the_writer_is_killed(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "journal.sqlite3"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    writer = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("journal_writer.py")), str(path)],
        stdout=subprocess.PIPE, env=env,
    )  # fmt: skip
    assert writer.stdout is not None
    try:
        printed = [int(writer.stdout.readline()) for _ in range(500)]
        writer.kill()  # SIGKILL on POSIX
        writer.wait(timeout=10)
        printed += [int(line) for line in writer.stdout.read().splitlines(keepends=True) if line.endswith(b"\n")]
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait(timeout=10)
        writer.stdout.close()
    assert writer.returncode != 0
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    raw.close()
    with Journal(path, clock=clock) as j:
        assert j.warnings == []
        assert all(j.get(rid) is not None for rid in printed)
        total = sum(j.stats().values())
        assert total >= len(printed) >= 500


def test_count_shown_many_equals_separate_counts(journal: Journal) -> None:
    from popup_client.core.journal import ShownQuery

    for i, (provider, kind, minutes) in enumerate([("p", "ad", 5), ("p", "news", 90), ("q", "content", 10), ("p", "service", 1)]):
        journal.record_receipt(receipt(popup_id=f"m-{i}", provider_id=provider, kind=kind, received_at=T0 - timedelta(minutes=minutes)))
    queries = [
        ShownQuery(T0 - timedelta(hours=1), "p", ("ad", "news", "content")),
        ShownQuery(T0 - timedelta(days=1), "p", ("ad", "news", "content")),
        ShownQuery(T0 - timedelta(hours=1), None, ("ad", "news", "content")),
        ShownQuery(T0 - timedelta(hours=1), "p", ()),
    ]
    expected = [journal.count_shown(since=q.since, provider_id=q.provider_id, kinds=q.kinds, topic=q.topic) for q in queries]
    assert journal.count_shown_many(queries) == expected == [1, 2, 2, 0]
