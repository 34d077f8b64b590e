"""``kill -9`` in the middle of a flood, then a restart: nothing committed is lost, nothing is shown twice.

The journal commits each receipt before the reply is written, so every reply
a client received names a row that survived the kill. After the kill the
SQLite file passes ``PRAGMA integrity_check``, its rows are whole and
numbered without gaps, and it is used as is (not moved aside). After the
restart the caps still count what was shown before the crash, and sending
everything again shows nothing a second time (rule ``duplicate``).
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pytest

from popup_client.transports.socket.client import socket_address
from tests.e2e.conftest import start_app
from tests.faults.flood import Client, flood_lines, flood_popup, request_line, run_clients

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(sys.platform == "win32", reason="the flood client speaks to a Unix socket")]

CLIENTS, PER_CLIENT, KILL_AFTER = 4, 2000, 1500


def _lines_sent(client: Client) -> list[bytes]:
    """The request lines the client wrote completely before the connection died."""
    return [line + b"\n" for line in client.data[: client.sent].split(b"\n")[:-1]]


@pytest.mark.slow
def test_kill_9_during_a_flood_then_restart(tmp_path: Path) -> None:
    app = start_app(tmp_path, "--no-dbus")
    where = socket_address(app.env["POPUP_CLIENT_SOCKET"])
    now = datetime.now(timezone.utc)
    clients = [Client(f"c{i}", data, PER_CLIENT) for i, data in enumerate(flood_lines(CLIENTS, PER_CLIENT, now=now, prefix="crash"))]

    def kill_midway(running: list[Client]) -> bool:
        if sum(len(c.replies) for c in running) < KILL_AFTER:
            return False
        app.process.kill()  # SIGKILL: no clean-up of any kind
        return True

    run = run_clients(where, clients, stop=kill_midway, timeout=120)
    app.process.wait(timeout=10)
    app.stop()
    assert run.stopped_early and all(c.broken for c in clients), [c.broken for c in clients]
    replies = [r for c in clients for r in c.replies]
    assert KILL_AFTER <= len(replies) < CLIENTS * PER_CLIENT

    journal = tmp_path / "data" / "journal.sqlite3"
    shown_before = _check_journal_after_the_kill(journal, replies)

    restarted = start_app(tmp_path, "--no-dbus")  # the stale socket file is cleaned up
    try:
        output = restarted.output()
        assert "damaged" not in output and "corrupt" not in output, output
        assert not list((tmp_path / "data").glob("*.corrupt-*")), "the journal was used as is"
        _check_caps_remember(restarted.env["POPUP_CLIENT_SOCKET"], shown_before, now)
        _check_nothing_shown_twice(restarted.env["POPUP_CLIENT_SOCKET"], clients, journal)
    finally:
        assert restarted.stop() == 0, restarted.output()[-3000:]


def _check_journal_after_the_kill(journal: Path, replies: list[dict[str, object]]) -> Counter[tuple[str, str]]:
    """Integrity, whole rows, no gaps, every reply's row; returns shown counts per (provider, kind)."""
    with sqlite3.connect(journal) as db:  # opening recovers the write-ahead log, as the app will
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = db.execute("SELECT id, provider_id, popup_id, kind, decision, rules, reasons, payload, error FROM receipts ORDER BY id").fetchall()
    ids = [row[0] for row in rows]
    assert ids == list(range(1, len(ids) + 1)), "rows are numbered without gaps: no half-written row"
    for _id, _provider, _popup, _kind, decision, rules, reasons, payload, error in rows:
        assert decision in ("show", "suppress", "reject")
        assert isinstance(json.loads(rules), list) and isinstance(json.loads(reasons), list)
        assert error is not None or json.loads(payload)["id"] == _popup
    by_id = {row[0]: row for row in rows}
    for reply in replies:
        row = by_id.get(int(str(reply["id"])))
        assert row is not None, f"receipt {reply['id']} was answered but is not in the journal"
        assert row[4] == reply["decision"]
    assert len(rows) >= len(replies)
    return Counter((row[1], row[3]) for row in rows if row[4] == "show")


def _send(socket_name: str, lines: list[bytes]) -> list[dict[str, object]]:
    client = Client("after", b"".join(lines), expect=len(lines))
    run_clients(socket_address(socket_name), [client], timeout=120)
    assert client.broken is None and len(client.replies) == len(lines)
    return client.replies


def _check_caps_remember(socket_name: str, shown_before: Counter[tuple[str, str]], now: datetime) -> None:
    content_shown = sum(n for (provider, kind), n in shown_before.items() if kind == "content")
    service_shown = {provider: n for (provider, kind), n in shown_before.items() if kind == "service"}
    assert content_shown == 6, shown_before  # the global hourly cap (default 6) was reached before the kill
    fresh_content = flood_popup(0, 1, now=now, prefix="fresh")  # index 1: content, from a provider never seen
    (reply,) = _send(socket_name, [request_line(fresh_content)])
    assert reply["decision"] == "suppress" and reply["rules"] == ["frequency-cap"], reply
    busy = max(service_shown, key=lambda p: service_shown[p])
    assert service_shown[busy] == 10  # the service flood guard (10 a minute) was reached before the kill
    client = int(busy.rsplit(".c", 1)[1])
    service = flood_popup(client, 10_000, now=now, prefix="crash")  # an even index: service
    (reply,) = _send(socket_name, [request_line(service)])
    assert reply["decision"] == "suppress" and "frequency-cap" in reply["rules"], reply


def _check_nothing_shown_twice(socket_name: str, clients: list[Client], journal: Path) -> None:
    with sqlite3.connect(journal) as db:
        journaled = {(p, i) for p, i in db.execute("SELECT provider_id, popup_id FROM receipts WHERE error IS NULL")}
    lines = [line for client in clients for line in _lines_sent(client)]
    replies = _send(socket_name, lines)
    for line, reply in zip(lines, replies):
        popup = json.loads(line)["popup"]
        if (popup["provider"]["id"], popup["id"]) in journaled:
            assert reply["decision"] == "reject" and "duplicate" in reply["rules"], (popup["id"], reply)
    time.sleep(0.3)
    with sqlite3.connect(journal) as db:
        twice = db.execute(
            "SELECT provider_id, popup_id, count(*) FROM receipts WHERE decision = 'show' GROUP BY provider_id, popup_id HAVING count(*) > 1"
        ).fetchall()
        displayed = db.execute(
            "SELECT r.provider_id, r.popup_id, count(*) FROM events AS e JOIN receipts AS r ON r.id = e.receipt_id"
            " WHERE e.type = 'display' GROUP BY r.provider_id, r.popup_id HAVING count(*) > 1"
        ).fetchall()
    assert twice == [] and displayed == []
