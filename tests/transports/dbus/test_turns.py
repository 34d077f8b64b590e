"""The D-Bus server answers a turn's calls in one journal transaction, and replies only after its commit.

A client pipelines its calls in one write, so the server dispatches them in
one turn of the event loop (after it learned who is calling). Each reply
must still mean "recorded": the client reads its receipt from the journal
file, on another connection, the moment the reply arrives.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jeepney import HeaderFields, Message, MessageType, new_method_call
from jeepney.io.blocking import open_dbus_connection

from popup_client.core.clock import FixedClock
from popup_client.core.journal import JournalError
from tests.helpers.rules import EXAMPLES_NOW
from tests.transports.dbus.fixtures import NOTIFICATIONS, FakeStack, bus, make_service, needs_dbus, notify_msg, start_server

__all__ = ["bus"]

pytestmark = needs_dbus

CALLS = 40


def _pipelined(address: str, messages: list[Message], results: dict[str, Any], check: Callable[[Message], Any] | None = None) -> None:
    """Send every message in one write, then read a reply to each (a plain thread, no Qt)."""
    with open_dbus_connection(address) as conn:
        serials = list(range(100, 100 + len(messages)))
        conn.sock.sendall(b"".join(m.serialise(serial=s) for m, s in zip(messages, serials)))
        replies: dict[int, Message] = {}
        seen: list[Any] = []
        signals: list[Message] = []
        while len(replies) < len(messages):
            msg = conn.receive(timeout=20)
            if msg.header.message_type in (MessageType.method_return, MessageType.error):
                replies[msg.header.fields[HeaderFields.reply_serial]] = msg
                if check is not None:
                    seen.append(check(msg))
            elif msg.header.message_type is MessageType.signal:
                signals.append(msg)
        results.update(replies=[replies[s] for s in serials], seen=seen, signals=signals)


def _run(qtbot: Any, address: str, messages: list[Message], check: Callable[[Message], Any] | None = None) -> dict[str, Any]:
    results: dict[str, Any] = {}
    thread = threading.Thread(target=_pipelined, args=(address, messages, results, check))
    thread.start()
    qtbot.waitUntil(lambda: "replies" in results, timeout=30000)
    thread.join(5)
    return results


def test_pipelined_calls_share_a_transaction_and_each_reply_follows_its_commit(tmp_path: Path, bus: str, qtbot: Any) -> None:
    journal = tmp_path / "journal.sqlite"
    service = make_service(tmp_path, FixedClock(EXAMPLES_NOW), journal=journal)
    FakeStack(service)
    turns = []
    batch = service.batch

    def counted_batch() -> Any:
        turns.append(1)
        return batch()

    service.batch = counted_batch  # type: ignore[method-assign]
    server = start_server(service)
    reader = sqlite3.connect(journal, check_same_thread=False)

    def recorded(reply: Message) -> int:
        nid = reply.body[0]
        return reader.execute("SELECT count(*) FROM receipts WHERE json_extract(sender, '$.dbus_id') = ?", (nid,)).fetchone()[0]

    try:
        results = _run(qtbot, bus, [notify_msg(f"消息 {i}", app_name="Pipe") for i in range(CALLS)], recorded)
    finally:
        server.stop()
        reader.close()
    assert [r.header.message_type for r in results["replies"]] == [MessageType.method_return] * CALLS
    assert results["seen"] == [1] * CALLS  # every reply found its receipt committed already
    assert 1 <= len(turns) < CALLS / 2, turns  # calls dispatched together were journaled together
    assert sum(service.journal.stats().values()) == CALLS


def test_a_turn_that_cannot_be_committed_answers_every_call_with_an_error(
    tmp_path: Path, bus: str, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = make_service(tmp_path, FixedClock(EXAMPLES_NOW), journal=tmp_path / "journal.sqlite")
    stack = FakeStack(service)

    def fail(conn: sqlite3.Connection) -> None:  # as a COMMIT that failed: rolled back, then the error
        conn.execute("ROLLBACK")
        raise JournalError("the disk is full")

    server = start_server(service)
    monkeypatch.setattr(service.journal, "_commit_batch", fail)
    try:
        results = _run(qtbot, bus, [notify_msg(f"消息 {i}", app_name="Full") for i in range(5)])
    finally:
        server.stop()
    assert [r.header.message_type for r in results["replies"]] == [MessageType.error] * 5
    assert all("could not journal" in r.body[0] for r in results["replies"])
    assert stack.visible == {} and service.open.receipts() == []


def test_a_popup_closed_in_the_turn_it_arrived_is_never_shown(tmp_path: Path, bus: str, qtbot: Any) -> None:
    service = make_service(tmp_path, FixedClock(EXAMPLES_NOW), journal=tmp_path / "journal.sqlite")
    stack = FakeStack(service)
    server = start_server(service)
    close = new_method_call(NOTIFICATIONS, "CloseNotification", "u", (1,))
    try:
        results = _run(qtbot, bus, [notify_msg("马上关闭", app_name="Quick"), close])
        qtbot.wait(50)
    finally:
        server.stop()
    assert results["replies"][0].body == (1,)
    assert stack.visible == {}
    row = service.journal.history(limit=1)[0]
    assert [(e.type, e.detail) for e in row.events] == [("close", {"how": "api"})]
