#!/usr/bin/env python3
"""The journal's size over two simulated years of a busy desktop, and what pruning costs.

Feeds ``--per-day`` notifications a day (default 2 000: nine in ten
``service`` — chat, mail, system — stored without their text as the
service stores them, one in ten an ad, news or content push stored whole)
through a real on-disk journal (WAL, incremental auto-vacuum, secure
delete) with a moved clock (:class:`FixedClock`), spread over the waking
hours. Each shown popup gets its ``display`` and ``close`` events. Every
simulated hour the app's retention runs as the running app runs it
(:meth:`PopupService.prune_step`: chunks until nothing is due, then the
space given back), with the default retention (service 7 days, pushes 90).

Prints one JSON object: the file's size (database + WAL + shm) at chosen
days, its largest size, and the cost of pruning: milliseconds per prune
step (median, 99th percentile, largest) and receipts deleted per second.

    .venv/bin/python benchmarks/journal_retention.py [--days 60] [--per-day 2000]

The default run (60 days) takes about half a minute; ``--days 730`` (the
README's figures) takes several minutes.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from popup_client.core.clock import FixedClock  # noqa: E402
from popup_client.core.journal import Journal, Receipt  # noqa: E402
from popup_client.core.journal.redaction import for_journal, text_key  # noqa: E402
from popup_client.core.journal.retention import file_bytes  # noqa: E402
from popup_client.core.journal.rows import receipt_params  # noqa: E402
from popup_client.core.journal.schema import INSERT_EVENT, INSERT_RECEIPT  # noqa: E402
from popup_client.core.journal.sqlite import iso, unix  # noqa: E402
from popup_client.core.prefs import PrefsStore  # noqa: E402
from popup_client.core.timefmt import parse_rfc3339  # noqa: E402
from popup_client.core.vocabulary import CloseHow, DecisionKind  # noqa: E402
from popup_client.service import PopupService  # noqa: E402

START = parse_rfc3339("2026-01-01T00:00:00+08:00")
PUSHES = ("ad", "news", "content")
BODY = "今晚八点，项目例会改到三号会议室，请带上上周的测试报告和下周的排期。" * 3
WAKING_HOURS = range(8, 24)
REPORT_DAYS = (1, 7, 30, 90, 91, 180, 365, 547, 730)


def receipt(rng: random.Random, at: object, n: int) -> Receipt:
    push = rng.random() < 0.1
    kind = rng.choice(PUSHES) if push else "service"
    provider = f"com.example.p{rng.randrange(40)}" if push else f"desktop.app{rng.randrange(25)}"
    payload = json.dumps(
        {"version": 1, "id": f"n{n}", "provider": {"id": provider, "name": provider[-5:]}, "kind": kind,
         "title": f"第 {n} 条消息", "body": BODY[: rng.randrange(20, len(BODY))]},
        ensure_ascii=False,
    )  # fmt: skip
    shown = rng.random() < (0.3 if push else 0.95)
    return Receipt(
        received_at=at, transport="socket" if push else "dbus", sender={"dbus_name": ":1.42", "pid": 4242, "app_name": provider},  # type: ignore[arg-type]
        provider_id=provider, popup_id=f"n{n}", kind=kind, topic=None, tier=None, verified=push, payload=payload,
        error=None, decision=DecisionKind.SHOW if shown else DecisionKind.SUPPRESS,
        rules=[] if shown else ["frequency-cap"], reasons=[] if shown else ["the hourly cap of 2 is reached"],
    )  # fmt: skip


POOL = 997  # distinct notifications, recycled with fresh times and ids (making each one anew costs more than storing it)
_DETAIL_DISPLAY, _DETAIL_CLOSE = "{}", json.dumps({"how": CloseHow.TIMEOUT.value})


def stored(r: Receipt, key: bytes) -> tuple[list[object], bool]:
    """The INSERT parameters of what the service stores of ``r`` (a service popup without its text), and whether shown."""
    return list(receipt_params(for_journal(r, key, keep_service_text=False))), r.decision is DecisionKind.SHOW


def feed(journal: Journal, pool: list[tuple[list[object], bool]], hour_start: object, count: int, n: int) -> int:
    """One waking hour's notifications, written as the app writes them (one transaction here, to run fast)."""
    conn = journal._connection()  # noqa: SLF001 - bulk load: the rows the service would write, without its per-call overhead
    conn.execute("BEGIN IMMEDIATE")
    for i in range(count):
        params, shown = pool[(n + i) % len(pool)]
        at = hour_start + timedelta(seconds=i * 3600 // count)  # type: ignore[operator]
        params[0], params[1], params[5] = iso(at), unix(at), f"n{n + i}"
        rid = conn.execute(INSERT_RECEIPT, params).lastrowid
        if shown:
            conn.executemany(INSERT_EVENT, [(rid, "display", iso(at), unix(at), _DETAIL_DISPLAY),
                                            (rid, "close", iso(at), unix(at), _DETAIL_CLOSE)])  # fmt: skip
    conn.execute("COMMIT")
    return n + count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=60, help="simulated days (default 60, about 30 s; 730 for two years, several minutes)")
    parser.add_argument("--per-day", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    clock = FixedClock(START)
    with tempfile.TemporaryDirectory() as tmp:
        journal = Journal(Path(tmp) / "journal.sqlite3", clock=clock)
        service = PopupService(journal, PrefsStore(Path(tmp) / "preferences.toml"), clock=clock)
        key = text_key(journal)
        pool = [stored(receipt(rng, START, i), key) for i in range(POOL)]
        per_hour = args.per_day // len(WAKING_HOURS)
        steps: list[float] = []
        vacuums: list[float] = []
        prune_s, n = 0.0, 0
        sizes: dict[int, int] = {}
        largest = 0
        began = time.perf_counter()
        for day in range(1, args.days + 1):
            for hour in range(24):
                clock.set(START + timedelta(days=day - 1, hours=hour))
                if hour in WAKING_HOURS:
                    n = feed(journal, pool, clock.now(), per_hour, n)
                while True:  # the app's timer: a step, again soon while work is due
                    before = journal._connection().total_changes  # noqa: SLF001 - counts what a step changed
                    t0 = time.perf_counter()
                    service.prune_step()
                    spent = time.perf_counter() - t0
                    changed = journal._connection().total_changes - before  # noqa: SLF001
                    if not changed:  # nothing was due: this step gave the space back, if any was freed
                        vacuums.append(spent * 1000)
                        break
                    steps.append(spent * 1000)
                    prune_s += spent
                largest = max(largest, file_bytes(journal))
            if day in REPORT_DAYS or day == args.days:
                sizes[day] = file_bytes(journal)
                print(f"day {day}: {sizes[day]} bytes, {time.perf_counter() - began:.0f} s", file=sys.stderr)
        kept = service.history.forgetter.kept()
        total_s = time.perf_counter() - began
        removed = n - kept.service - kept.push - kept.cleared
        steps.sort()
        result = {
            "days": args.days,
            "notifications": n,
            "kept_at_end": {"service": kept.service, "push": kept.push},
            "file_bytes_by_day": sizes,
            "largest_file_bytes": largest,
            "prune_steps": len(steps),
            "prune_ms_median": round(statistics.median(steps), 2) if steps else 0,
            "prune_ms_p99": round(steps[int(len(steps) * 0.99)], 2) if steps else 0,
            "prune_ms_max": round(steps[-1], 2) if steps else 0,
            "idle_or_vacuum_step_ms_max": round(max(vacuums), 2) if vacuums else 0,
            "receipts_removed": removed,
            "receipts_removed_per_s": round(removed / prune_s) if prune_s else 0,
            "run_s": round(total_s, 1),
        }
        service.close()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
