"""The real app under a flood on its socket, with hostile clients alongside.

One app process (``popup-client run``, state in a temp dir, measuring its
event-loop lag into a file) takes, all at once: ten clients sending 1 000
requests each as fast as it reads them, a client mixing malformed lines with
good ones, a client that sends 3 MiB without ever ending the line, one that
hangs up in the middle of a line, and 200 idle connections opened in a
burst. Afterwards: every well-formed request got its reply, in order, and its
journal row; every malformed line got an error and no row; the caps held; the
idle connections still work; the event loop stayed responsive and memory
bounded. The whole hostile corpus also goes through the socket.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.prefs import Preferences
from popup_client.transports.socket.client import Connection, socket_address
from popup_client.ui.lag import percentile, read_lag_file
from tests.e2e.conftest import RunningApp, app_env, start_app
from tests.faults.flood import Client, flood_lines, flood_popup, open_journal, provider_of, request_line, rss_mb, run_clients, shown_within

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads the app's memory from /proc")]

CLIENTS, PER_CLIENT, IDLE = 10, 1000, 200
#: Event-loop lag p99 during the flood (the benchmark's target is 50 ms; CI machines get some slack).
LAG_P99_MS = 100
RSS_GROWTH_MB = 50
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    home = tmp_path_factory.mktemp("load")
    running = start_app(home, "--no-dbus", env=app_env(home, POPUP_CLIENT_LAG_FILE=str(home / "lag.txt")))
    yield running
    assert running.stop() == 0, running.output()[-3000:]


def address(app: RunningApp) -> str:
    return socket_address(app.env["POPUP_CLIENT_SOCKET"])


def journal_path(app: RunningApp) -> Path:
    return app.home / "data" / "journal.sqlite3"


# ------------------------------------------------------------------ the flood


MALFORMED = [
    b"not json at all",
    b"[1, 2, 3]",
    b'{"popup": "a string"}',
    b'{"token": "x"}',
    b'{"popup": {}, "priority": "high"}',
    b'{"popup": {}, "popup": {}}',
    b"\xff\xfe\x00 invalid utf-8",
    b"",
    b'{"popup": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    b'{"token": 42, "popup": {}}',
]


def _malformed_client(now: datetime) -> tuple[Client, list[str]]:
    """Malformed lines, each followed by a good request: (client, the kind of reply each line must get)."""
    data, kinds = b"", []
    for index, line in enumerate(MALFORMED):
        data += line + b"\n" + request_line(flood_popup(99, index, now=now, prefix="mixed"))
        kinds += ["error", "decision"]
    return Client("malformed", data, len(kinds)), kinds


@pytest.mark.slow
def test_a_flood_with_hostile_clients(app: RunningApp) -> None:
    pid, where = app.process.pid, address(app)
    name = app.env["POPUP_CLIENT_SOCKET"]
    idle = [Connection(name, timeout=10) for _ in range(IDLE)]  # a burst: clients retry while the accept queue is full
    time.sleep(0.5)
    rss_before = rss_mb(pid)
    now = datetime.now(timezone.utc)
    flood = [Client(f"flood-{i}", data, PER_CLIENT) for i, data in enumerate(flood_lines(CLIENTS, PER_CLIENT, now=now))]
    malformed, kinds = _malformed_client(now)
    never_newline = Client("never-newline", b"x" * (3 * 1024 * 1024), expect=1, keep_open=True)
    half = request_line(flood_popup(98, 0, now=now, prefix="midline"))
    mid_line = Client("mid-line", half[: len(half) // 2], expect=0, close_after_send=True)

    run = run_clients(where, [*flood, malformed, never_newline, mid_line], pid=pid, timeout=180)

    # every well-formed request got one reply, in order, with a receipt
    for client in flood:
        assert client.broken is None, client.broken
        assert len(client.replies) == PER_CLIENT
        assert all("id" in r and r["decision"] in ("show", "suppress", "reject") for r in client.replies), client.replies[:3]
        assert [r["id"] for r in client.replies] == sorted(r["id"] for r in client.replies), "replies come in request order"
    replies = [r for c in flood for r in c.replies]
    assert len({r["id"] for r in replies}) == CLIENTS * PER_CLIENT
    got = ["error" if "error" in r else "decision" for r in malformed.replies]
    assert got == kinds, malformed.replies
    assert len(never_newline.replies) == 1 and "line too long" in never_newline.replies[0]["error"]
    assert mid_line.replies == [] and mid_line.broken == "closed by the client"

    _check_journal(app, replies, malformed)
    _check_idle_connections_still_work(idle, now)
    assert never_newline.sock is not None
    never_newline.sock.close()

    messages_per_s = CLIENTS * PER_CLIENT / run.seconds
    time.sleep(1.2)  # the lag file is written once a second
    lags = read_lag_file(app.home / "lag.txt", since=run.started, until=run.ended)
    growth = run.peak_rss_mb - rss_before
    summary = f"{messages_per_s:.0f} msg/s, lag p99 {percentile(lags, 99):.1f} ms over {len(lags)} ticks, RSS +{growth:.1f} MiB"
    print(summary)
    assert len(lags) >= run.seconds * 5, f"the event loop hardly ticked: {summary}"
    assert percentile(lags, 99) <= LAG_P99_MS, summary
    assert growth <= RSS_GROWTH_MB, summary
    assert app.process.poll() is None, "the app survived"


def _check_journal(app: RunningApp, replies: list[dict[str, Any]], malformed: Client) -> None:
    with open_journal(journal_path(app)) as db:
        rows = {row["id"]: row for row in db.execute("SELECT id, provider_id, popup_id, kind, decision, rules, ts, error FROM receipts")}
        for reply in replies:
            row = rows[reply["id"]]
            assert row["decision"] == reply["decision"] and json.loads(row["rules"]) == reply["rules"]
        per_provider = Counter(row["provider_id"] for row in rows.values())
        for client in range(CLIENTS):
            assert per_provider[provider_of(client)] == PER_CLIENT, "every request is journaled once"
        assert per_provider["com.mixed.c99"] == len(MALFORMED), "malformed lines are not journaled, good lines are"
        assert per_provider["com.midline.c98"] == 0, "half a line is never handled"
        decisions = Counter(row["decision"] for row in rows.values() if row["provider_id"].startswith("com.load."))
        assert decisions["reject"] == CLIENTS * PER_CLIENT // 50, decisions
        assert decisions["suppress"] > decisions["show"] > 0, decisions
        _check_caps(list(rows.values()))


def _check_caps(rows: list[Any]) -> None:
    """No window of time saw more shown popups than the caps allow (the default preferences)."""
    caps = Preferences().caps
    shown = [r for r in rows if r["decision"] == "show"]
    capped = [r for r in shown if r["kind"] in ("ad", "news", "content")]
    assert shown_within([r["ts"] for r in capped], 3600) <= caps.global_hourly
    for provider in {r["provider_id"] for r in shown}:
        mine = [r for r in shown if r["provider_id"] == provider]
        assert shown_within([r["ts"] for r in mine if r["kind"] != "service"], 3600) <= caps.provider_hourly, provider
        assert shown_within([r["ts"] for r in mine if r["kind"] == "service"], 60) <= caps.service_per_minute, provider


def _check_idle_connections_still_work(idle: list[Connection], now: datetime) -> None:
    for index, connection in enumerate(idle):
        if index % 40 == 0:
            connection.write(request_line(flood_popup(97, index, now=now, prefix="idle")))
            reply = json.loads(connection.read_line(timeout=10))
            assert reply["decision"] in ("show", "suppress"), reply
        connection.close()


# ------------------------------------------------------------------ the corpus, through the socket


def test_the_hostile_corpus_through_the_socket(app: RunningApp) -> None:
    """Each corpus file, as the popup of a request: one reply each, a receipt for each decision, the app alive."""
    expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))["cases"]
    lines = []
    for case in expected.values():
        data = (CORPUS / case["file"]).read_bytes().replace(b"\n", b" ")
        lines.append(b'{"popup": ' + data + b"}\n")
    client = Client("corpus", b"".join(lines), expect=len(lines))
    run_clients(address(app), [client], pid=app.process.pid, timeout=120)
    assert client.broken is None and len(client.replies) == len(lines)
    with open_journal(journal_path(app)) as db:
        for case, reply in zip(expected.values(), client.replies):
            if "error" in reply:  # the line is not a request: not an object, not UTF-8, nested too deeply…
                assert case["decision"] == "reject" and "contract" in case["rules"], (case["file"], reply)
                continue
            row = db.execute("SELECT decision FROM receipts WHERE id = ?", (reply["id"],)).fetchone()
            assert row is not None and row["decision"] == reply["decision"], case["file"]
            if case["decision"] == "reject" and case["category"] not in ("time", "spoofing", "duplicate"):
                assert reply["decision"] == "reject", (case["file"], reply)
    assert app.process.poll() is None
