"""``popup-client ctl`` where there is no D-Bus (Windows, macOS): the real command line, over the local socket.

The session bus address points nowhere, so ``ctl`` falls back to the app's
socket (found through ``POPUP_CLIENT_SOCKET`` as ``send`` finds it); the real
socket server, the service, the wiring's queued signals, the stack and its
windows do the rest. The output and the exit codes are those of the D-Bus way.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from popup_client.transports.socket.client import SOCKET_ENV, socket_address
from popup_client.transports.socket.server import SocketServer
from tests.cli.test_ctl import CLI
from tests.cli.test_ctl_keyboard import (
    App,
    stacked,
    test_focus_newest_then_keys_close_it_and_the_keyboard_comes_back,
    test_nothing_on_screen,
    test_report_newest_close_newest_and_close_all,
)
from tests.helpers.rules import EXAMPLES_NOW
from tests.helpers.service import make_service
from tests.transports.dbus.fixtures import bus, needs_dbus, run_client
from tests.ui.test_keyboard import editor

__all__ = [  # the keyboard's tests of the D-Bus way, run here over the socket with this module's ``app``
    "bus",
    "editor",
    "test_focus_newest_then_keys_close_it_and_the_keyboard_comes_back",
    "test_nothing_on_screen",
    "test_report_newest_close_newest_and_close_all",
]


@pytest.fixture
def no_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """No session bus to be had; the socket's name, this test's own."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    name = f"popup-client-test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv(SOCKET_ENV, name)
    return name


@pytest.fixture
def app(tmp_path: Path, no_bus: str, qtbot: Any) -> Iterator[App]:
    service, _clock = make_service(tmp_path, now=EXAMPLES_NOW)
    stack, reports = stacked(service)
    server = SocketServer(service, name=no_bus)
    assert server.listen()
    try:
        yield App(service, stack, server, reports)
    finally:
        stack.close_all()
        server.close()


def ctl(qtbot: Any, *args: str) -> Any:
    return run_client(qtbot, [sys.executable, "-c", CLI, "ctl", *args])


def test_list_and_close_all_journal_the_closes(app: App, qtbot: Any, ad: dict[str, Any], content: dict[str, Any]) -> None:
    first, second = app.show(ad, 1), app.show(content, 2)
    listed = json.loads(ctl(qtbot, "list", "--json").out)
    assert [(p["id"], p["transport"], p["on_screen"]) for p in listed] == [(first, "test", True), (second, "test", True)]
    assert f"#{first} " in ctl(qtbot, "list").out
    assert ctl(qtbot, "close-all").out.strip() == "closed 2 popups"
    qtbot.waitUntil(lambda: app.stack.visible_receipts() == [])
    events = [e.type + e.detail.get("how", "") for e in app.service.journal.get(second).events]  # type: ignore[union-attr]
    assert events == ["display", "closeapi"]


def test_dismiss_pause_resume_history(app: App, qtbot: Any, ad: dict[str, Any]) -> None:
    rid = app.show(ad, 1)
    assert ctl(qtbot, "dismiss", str(rid)).out.strip() == f"dismissed #{rid}"
    again = ctl(qtbot, "dismiss", str(rid))
    assert again.rc == 1 and f"no open popup #{rid}" in again.err
    done = ctl(qtbot, "pause")
    assert (done.rc, done.out.strip()) == (0, "paused until resumed (`popup-client ctl resume`)")
    assert app.service.prefs.paused_until is not None
    assert ctl(qtbot, "resume").out.strip() == "resumed"
    assert app.service.prefs.paused_until is None
    (row,) = json.loads(ctl(qtbot, "history", "--limit", "1", "--json").out)
    assert (row["id"], row["decision"], row["transport"]) == (rid, "show", "test")


def test_not_running_anywhere_exits_3_naming_the_socket(no_bus: str, qtbot: Any) -> None:
    done = ctl(qtbot, "close-newest")
    assert done.rc == 3
    assert f"popup-client is not running (no socket at {socket_address(no_bus)})" in done.err


#: Owns the control interface's bus name and answers nothing (a stale or impostor daemon).
SQUATTER = textwrap.dedent(
    """
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection
    conn = open_dbus_connection("SESSION")
    conn.send_and_get_reply(message_bus.RequestName("org.popupclient.Daemon"))
    print("owned", flush=True)
    input()
    """
)


@needs_dbus
def test_the_socket_comes_first_whoever_holds_the_control_name(
    app: App, bus: str, qtbot: Any, monkeypatch: pytest.MonkeyPatch, ad: dict[str, Any]
) -> None:
    """With a session bus whose control name another program holds, ``ctl`` still reaches the app at its socket."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus)
    squatter = subprocess.Popen([sys.executable, "-c", SQUATTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert squatter.stdout is not None and squatter.stdout.readline().strip() == "owned"
        rid = app.show(ad, 1)
        done = ctl(qtbot, "close-newest")
        assert (done.rc, done.out.strip()) == (0, f"closed #{rid}"), done.err
        qtbot.waitUntil(lambda: app.stack.visible_receipts() == [])
    finally:
        squatter.communicate("\n")
