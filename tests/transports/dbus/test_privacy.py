"""End to end: a one-time code sent with ``notify-send`` leaves no trace in the journal's bytes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.clock import FixedClock
from popup_client.core.journal.redaction import text_summary
from tests.helpers.rules import EXAMPLES_NOW
from tests.transports.dbus.fixtures import (
    FakeStack,
    PresentingService,
    bus,
    make_service,
    needs_dbus,
    require_tool,
    run_client,
    start_server,
    wait_names_free,
)

__all__ = ["bus"]  # the module's private bus

pytestmark = needs_dbus

CODE = "839201"


@pytest.fixture
def served(tmp_path: Path, bus: str, qtbot: Any) -> Iterator[PresentingService]:
    service = make_service(tmp_path, FixedClock(EXAMPLES_NOW), journal=tmp_path / "journal.sqlite3")
    FakeStack(service)
    server = start_server(service)
    try:
        yield service
    finally:
        server.stop()
        wait_names_free(bus)
        service.close()


def _journal_bytes(folder: Path) -> bytes:
    files = [folder / f"journal.sqlite3{suffix}" for suffix in ("", "-wal", "-shm")]
    return b"".join(path.read_bytes() for path in files if path.exists())


def _send_code(qtbot: Any) -> None:
    require_tool("notify-send")
    done = run_client(qtbot, ["notify-send", "-a", "Bank", "登录验证码", f"您的验证码是 {CODE}，5 分钟内有效。"])
    assert done.rc == 0, done.err


def test_a_one_time_code_leaves_no_trace_in_the_journal_file_wal_or_shm(served: PresentingService, qtbot: Any, tmp_path: Path) -> None:
    _send_code(qtbot)
    (row,) = served.journal.history()
    assert (row.kind, row.decision, row.provider_id) == ("service", "show", "desktop.bank")
    summary = text_summary(row.payload)
    assert summary is not None and summary["length"] == len(f"登录验证码\n您的验证码是 {CODE}，5 分钟内有效。")
    raw = _journal_bytes(tmp_path)
    assert CODE.encode() not in raw
    assert "验证码".encode() not in raw


def test_the_byte_check_sees_the_code_when_the_user_keeps_service_text(served: PresentingService, qtbot: Any, tmp_path: Path) -> None:
    served.set_pref("privacy.keep_service_text", "true")
    _send_code(qtbot)
    assert CODE.encode() in _journal_bytes(tmp_path)
