"""The real app and the user's preferences: a change from the command line applies at once and is never undone.

``popup-client run`` runs as a process on a private session bus (so
``popup-client ctl`` reaches it); the user changes preferences with
``popup-client prefs set`` in another process, sends popups with
``popup-client send`` over the socket, and pauses with ``popup-client ctl``.
Before, the app read the preferences only at start, showed the opted-out
provider's popups, and its next save of its own (the pause) wrote its stale
copy back, undoing the opt-out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ROOT, RunningApp, app_env, start_app
from tests.transports.dbus.fixtures import needs_dbus, private_bus

pytestmark = [pytest.mark.e2e, needs_dbus]

SERVICE_EXAMPLE = ROOT / "resources" / "examples" / "valid-service.json"
PROVIDER = "com.example.x"


@pytest.fixture
def app(tmp_path: Path) -> Iterator[RunningApp]:
    bus_dir = tmp_path / "bus"
    bus_dir.mkdir()
    with private_bus(bus_dir) as bus:
        running = start_app(tmp_path, env=app_env(tmp_path, DBUS_SESSION_BUS_ADDRESS=bus.address))
        try:
            yield running
        finally:
            assert running.stop() == 0, running.output()[-3000:]


def send(app: RunningApp, popup_id: str) -> dict[str, Any]:
    """The app's reply to a service popup of ``PROVIDER``, sent over the socket with ``popup-client send``."""
    doc = json.loads(SERVICE_EXAMPLE.read_text(encoding="utf-8"))
    doc["id"] = popup_id
    doc["provider"] = {"id": PROVIDER, "name": "示例"}
    path = app.home / f"{popup_id}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    done = app.cli("send", "--json", str(path))
    assert done.returncode == 0, done.stderr + app.output()[-2000:]
    reply: dict[str, Any] = json.loads(done.stdout)
    return reply


def saved(app: RunningApp) -> dict[str, Any]:
    done = app.cli("prefs", "show", "--json")
    assert done.returncode == 0, done.stderr
    prefs: dict[str, Any] = json.loads(done.stdout)
    return prefs


def cli_ok(app: RunningApp, *args: str) -> None:
    done = app.cli(*args)
    assert done.returncode == 0, (args, done.stderr, app.output()[-2000:])


def test_an_opt_out_from_the_command_line_applies_to_the_very_next_popup(app: RunningApp) -> None:
    assert send(app, "x-1")["decision"] == "show"
    cli_ok(app, "prefs", "set", "opt_out.providers", f'["{PROVIDER}"]')
    reply = send(app, "x-2")  # the very next popup: well within a second of the change
    assert (reply["decision"], reply["rules"]) == ("suppress", ["opted-out"]), reply
    cli_ok(app, "prefs", "set", "opt_out.providers", "[]")
    assert send(app, "x-3")["decision"] == "show", "opting in again applies as quickly"


def test_a_pause_from_ctl_does_not_undo_an_opt_out_from_the_command_line(app: RunningApp) -> None:
    cli_ok(app, "prefs", "set", "opt_out.providers", f'["{PROVIDER}"]')
    cli_ok(app, "ctl", "pause", "1s")  # the app saves a preference of its own
    prefs = saved(app)
    assert prefs["opt_out"]["providers"] == [PROVIDER], "the pause did not write back the app's old copy"
    assert prefs["paused_until"]
    cli_ok(app, "prefs", "set", "caps.global_hourly", "4")
    cli_ok(app, "ctl", "resume")
    prefs = saved(app)
    assert (prefs["opt_out"]["providers"], prefs["caps"]["global_hourly"], prefs["paused_until"]) == ([PROVIDER], 4, "")
    reply = send(app, "x-1")
    assert (reply["decision"], reply["rules"]) == ("suppress", ["opted-out"]), reply
    assert "Traceback" not in app.output()
