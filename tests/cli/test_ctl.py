"""``popup-client ctl``: the real command line, in its own process, against a served bus."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.journal import CloseHow
from popup_client.cli.ctl import parse_duration
from popup_client.transports.dbus.interface import plain
from popup_client.transports.socket.client import SOCKET_ENV, socket_address
from tests.transports.dbus.fixtures import Harness, bus, h, needs_dbus, run_client

__all__ = ["bus", "h"]  # fixtures: the module's private bus, a server on it

pytestmark = needs_dbus

#: The real command line.
CLI = (
    "import sys; from popup_client.cli import main; sys.exit(main(sys.argv[1:]))"
)


@pytest.fixture(autouse=True)
def own_socket(monkeypatch: pytest.MonkeyPatch) -> str:
    """``ctl`` falls back to the socket when D-Bus has no app: never a real app's socket here."""
    name = f"popup-client-test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv(SOCKET_ENV, name)
    return name


def ctl(qtbot: Any, *args: str) -> Any:
    return run_client(qtbot, [sys.executable, "-c", CLI, "ctl", *args])


@pytest.mark.parametrize(("text", "seconds"), [("30m", 1800), ("2h", 7200), ("1d", 86400), ("1h30m", 5400), ("45S", 45)])
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["30", "m", "1w", "-5m", "0m", "1.5h", ""])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError, match="duration|no time"):
        parse_duration(text)


def test_plain_unwraps_variants() -> None:
    assert plain([{"id": ("u", 3), "rules": ("as", ["a"]), "sender": ("a{ss}", {"k": "v"})}]) == [
        {"id": 3, "rules": ["a"], "sender": {"k": "v"}}
    ]


def test_list_dismiss_and_history(h: Harness, qtbot: Any) -> None:
    first, second = h.notify(qtbot, summary="一"), h.notify(qtbot, summary="二")
    done = ctl(qtbot, "list", "--json")
    assert done.rc == 0, done.err
    items = json.loads(done.out)
    assert [(i["dbus_id"], i["title"]) for i in items] == [(first, "一"), (second, "二")]
    text = ctl(qtbot, "list")
    assert f"#{items[0]['id']} [D-Bus {first}] Demo (desktop.demo) service: 一" in text.out
    done = ctl(qtbot, "dismiss", str(items[0]["id"]))
    assert (done.rc, done.out.strip()) == (0, f"dismissed #{items[0]['id']}")
    assert items[0]["id"] not in h.stack.visible
    again = ctl(qtbot, "dismiss", str(items[0]["id"]))
    assert again.rc == 1 and "no open popup" in again.err
    assert ctl(qtbot, "dismiss", "--all").out.strip() == "dismissed 1 popup"
    assert h.stack.visible == {}
    history = ctl(qtbot, "history", "--limit", "1", "--json")
    (row,) = json.loads(history.out)
    assert (row["title"], row["text_kept"], row["decision"], row["events"]) == ("", False, "show", ["display", "close(api)"])
    assert row["sender"]["exe"] == "" or row["sender"]["dbus_name"].startswith(":")
    text = ctl(qtbot, "history")
    assert "Demo (desktop.demo) service: show via dbus" in text.out and "    (text not kept)" in text.out


def test_history_names_a_desktop_app_by_the_name_people_read(h: Harness, qtbot: Any) -> None:
    """``notify-send -a 示例应用``: the id stays ``desktop.xn--fsq797ap5q9wd``; ctl history shows the name with it."""
    h.notify(qtbot, app_name="示例应用", summary="你好")
    (row,) = json.loads(ctl(qtbot, "history", "--limit", "1", "--json").out)
    assert (row["provider_id"], row["provider_name"]) == ("desktop.xn--fsq797ap5q9wd", "示例应用")
    assert "示例应用 (desktop.xn--fsq797ap5q9wd) service: show via dbus" in ctl(qtbot, "history").out


def test_pause_and_resume(h: Harness, qtbot: Any) -> None:
    done = ctl(qtbot, "pause", "30m")
    assert done.rc == 0 and done.out.startswith("paused until 2026-11-27")
    assert h.service.prefs.paused_until == datetime(2026, 11, 27, 12, 30, tzinfo=timezone.utc)
    assert ctl(qtbot, "pause").out.strip() == "paused until resumed (`popup-client ctl resume`)"
    assert ctl(qtbot, "resume").out.strip() == "resumed"
    assert h.service.prefs.paused_until is None


@pytest.mark.parametrize(("args", "message"), [(("dismiss",), "an ID or --all"), (("dismiss", "3", "--all"), "an ID or --all"), (("pause", "soon"), "not a duration"), (("pause", "garbage"), "not a duration")])
def test_usage_errors(h: Harness, qtbot: Any, args: tuple[str, ...], message: str) -> None:
    done = ctl(qtbot, *args)
    assert done.rc == 2 and message in done.err
    assert h.service.prefs.paused_until is None, "nothing was paused"


def test_not_running(bus: str, qtbot: Any, own_socket: str) -> None:
    done = ctl(qtbot, "list")
    assert done.rc == 3
    assert f"popup-client is not running on this session bus, nor at its socket {socket_address(own_socket)}; start it" in done.err


def test_not_running_names_the_other_notifier(bus: str, qtbot: Any) -> None:
    owner = textwrap.dedent(
        """
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection
        conn = open_dbus_connection("SESSION")
        conn.send_and_get_reply(message_bus.RequestName("org.freedesktop.Notifications"))
        print("owned", flush=True)
        input()
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", owner], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "owned"
        done = ctl(qtbot, "resume")
        assert done.rc == 3
        assert "the notification server is :" in done.err and f"pid {proc.pid}" in done.err
    finally:
        proc.communicate("\n")


def test_no_session_bus(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own_socket: str) -> None:
    """Without a bus (Windows, macOS) ``ctl`` looks for the app at its socket (tests/cli/test_ctl_socket.py when it is there)."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    done = ctl(qtbot, "list")
    assert done.rc == 3 and f"popup-client is not running (no socket at {socket_address(own_socket)})" in done.err


def test_a_popup_closed_by_the_user_leaves_the_list(h: Harness, qtbot: Any) -> None:
    nid = h.notify(qtbot)
    h.stack.close(h.receipt_of(nid), CloseHow.BUTTON)
    assert json.loads(ctl(qtbot, "list", "--json").out) == []
