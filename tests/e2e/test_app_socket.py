"""The real app, started as a process, fed through the real socket by real client processes.

The two apps started with a theme are started together, ahead of their tests (:data:`THEMED`).
"""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT, RunningApp, start_app
from tests.helpers.ahead import Ahead, selected_params

EXAMPLES = ROOT / "resources" / "examples"


def _history(app: RunningApp) -> list[dict]:  # type: ignore[type-arg]
    result = app.cli("history", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _redated(tmp: Path, name: str, popup_id: str) -> Path:
    """An example with its timestamps moved to now (the app decides at the real time)."""
    from datetime import datetime, timezone

    from popup_client.demo import redate

    doc = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    path = tmp / f"{popup_id}.json"
    path.write_text(json.dumps(redate(doc, datetime.now(timezone.utc), popup_id), ensure_ascii=False), encoding="utf-8")
    return path


def test_send_reaches_the_app_and_the_journal(running_app: RunningApp, tmp_path: Path) -> None:
    shown = running_app.cli("send", "--json", str(_redated(tmp_path, "valid-ad.json", "e2e-ad-1")))
    assert shown.returncode == 0, shown.stderr
    reply = json.loads(shown.stdout)
    assert reply["decision"] == "show" and reply["rules"] == []
    rejected = running_app.cli("send", "--json", str(EXAMPLES / "invalid-link-javascript.json"))
    assert rejected.returncode == 0 and json.loads(rejected.stdout)["rules"] == ["link-scheme"]
    time.sleep(0.3)
    rows = _history(running_app)
    assert [r["decision"] for r in rows] == ["reject", "show"]
    assert [e["type"] for e in rows[1]["events"]] == ["display"]  # it was put on screen
    assert rows[1]["transport"] == "socket"


def test_python_api_from_another_process(running_app: RunningApp, tmp_path: Path) -> None:
    path = _redated(tmp_path, "valid-service.json", "e2e-api-1")
    script = (
        "import json, sys; from popup_client.api import send; "
        f"print(json.dumps(send(json.load(open({str(path)!r}, encoding='utf-8')))))"
    )
    result = subprocess.run([sys.executable, "-c", script], env=running_app.env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["decision"] == "show"


def test_a_second_run_says_which_instance_runs_and_how_to_reach_or_stop_it(running_app: RunningApp) -> None:
    from popup_client.transports.socket.path import socket_address

    second = running_app.cli("run", "--no-dbus", timeout=60)
    assert second.returncode == 0 and "already running" in second.stderr
    address = socket_address(running_app.env["POPUP_CLIENT_SOCKET"])
    assert f"popup-client is already running (pid {running_app.process.pid}, socket {address})" in second.stderr
    assert f"POPUP_CLIENT_SOCKET={address} popup-client send FILE.json" in second.stderr
    assert f"stop it:  kill {running_app.process.pid}" in second.stderr
    assert running_app.process.poll() is None


def test_run_demo_against_a_running_app_sends_it_the_demo(running_app: RunningApp) -> None:
    second = running_app.cli("run", "--no-dbus", "--demo", timeout=60)
    assert second.returncode == 0, second.stderr
    assert "already running" in second.stderr and "sent the demo to it" in second.stderr
    lines = second.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["ad", "news", "content", "service", "service"], second.stdout
    assert all(line.endswith(": show") for line in lines), second.stdout
    rows = _history(running_app)
    assert sorted(r["popup_id"].split("-")[1] for r in rows) == ["ad", "content", "news", "service", "unverified"]
    assert {(r["transport"], r["decision"]) for r in rows} == {("socket", "show")}
    assert running_app.process.poll() is None


def test_sigterm_stops_it_cleanly(tmp_path: Path) -> None:
    app = start_app(tmp_path, "--no-dbus")
    app.process.send_signal(signal.SIGTERM)
    code = app.process.wait(timeout=15)
    app.stop()
    assert code == 0


def test_demo_shows_every_kind(tmp_path: Path) -> None:
    app = start_app(tmp_path, "--no-dbus", "--demo")
    try:
        deadline = time.monotonic() + 20
        rows: list[dict] = []  # type: ignore[type-arg]
        while time.monotonic() < deadline and len(rows) < 5:
            time.sleep(0.5)
            rows = _history(app)
        assert {r["kind"] for r in rows} == {"ad", "news", "content", "service"}
        assert all(r["decision"] == "show" for r in rows), rows
        assert sum(1 for r in rows if any(e["type"] == "display" for e in r["events"])) >= 3
    finally:
        assert app.stop() == 0


def test_caps_survive_a_restart(tmp_path: Path) -> None:
    app = start_app(tmp_path, "--no-dbus")
    decisions = []
    try:
        for i in range(2):
            decisions.append(json.loads(app.cli("send", "--json", str(_redated(tmp_path, "valid-content.json", f"cap-{i}"))).stdout)["decision"])
    finally:
        app.stop()
    app = start_app(tmp_path, "--no-dbus")
    try:
        reply = json.loads(app.cli("send", "--json", str(_redated(tmp_path, "valid-content.json", "cap-2"))).stdout)
    finally:
        app.stop()
    assert decisions == ["show", "show"] and reply["decision"] == "suppress" and "frequency-cap" in reply["rules"]


def _pale_theme(home: Path) -> Path:
    theme = home / "pale.qss"
    theme.write_text("QLabel#ad_label { background: #F4F4F4; color: #C8C8C8; }\n", encoding="utf-8")
    return theme


#: The apps started with a theme, by the test that takes each (test name → the theme, given the app's home). The
#: app checks a theme with the conformance kit before it answers (about ten seconds, mostly waiting), so both
#: apps are started together, ahead of their tests.
THEMED: dict[str, Callable[[Path], Path]] = {
    "test_a_theme_that_breaks_a_guarantee_is_refused_and_the_app_runs": _pale_theme,
    "test_a_good_theme_is_used": lambda _: ROOT / "resources" / "themes" / "example.qss",
}


@pytest.fixture(scope="module")
def themed_apps(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ahead[RunningApp]]:
    apps: Ahead[RunningApp] = Ahead(len(THEMED))
    started = [name for name in THEMED if selected_params(request, name)]
    for name in started:
        home = tmp_path_factory.mktemp("themed")
        apps.submit(name, start_app, home, "--no-dbus", "--theme", str(THEMED[name](home)), ready_timeout=60)
    yield apps
    apps.close()
    for name in started:  # each test stops its app; this only ends one a test did not get to
        with contextlib.suppress(Exception):
            apps.result(name).stop()


def test_a_theme_that_breaks_a_guarantee_is_refused_and_the_app_runs(themed_apps: Ahead[RunningApp]) -> None:
    app = themed_apps.result("test_a_theme_that_breaks_a_guarantee_is_refused_and_the_app_runs")
    try:
        reply = app.cli("send", "--json", str(_redated(app.home, "valid-ad.json", "themed-ad")))
        assert json.loads(reply.stdout)["decision"] == "show"
    finally:
        app.stop()
    output = app.output()
    assert "pale.qss was refused" in output and "ui-ad-label" in output


def test_a_good_theme_is_used(themed_apps: Ahead[RunningApp]) -> None:
    app = themed_apps.result("test_a_good_theme_is_used")
    try:
        assert app.process.poll() is None
    finally:
        app.stop()
    assert "refused" not in app.output()


def test_ctl_reaches_the_app_over_its_socket(running_app: RunningApp, tmp_path: Path) -> None:
    """The app serves no D-Bus (``--no-dbus``, as on Windows and macOS): ``ctl`` finds it at its socket, bus or no bus."""
    shown = running_app.cli("send", "--json", str(_redated(tmp_path, "valid-ad.json", "e2e-ctl-1")))
    receipt = json.loads(shown.stdout)["id"]
    deadline = time.monotonic() + 10
    while (listed := json.loads(running_app.cli("ctl", "list", "--json").stdout)) and not listed[0]["on_screen"]:
        assert time.monotonic() < deadline, listed
        time.sleep(0.05)
    assert [(p["id"], p["transport"]) for p in listed] == [(receipt, "socket")]
    exe = Path(sys.executable).with_name("popup-client")
    no_bus = {**running_app.env, "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'no-bus'}"}
    done = subprocess.run([str(exe), "ctl", "close-newest"], env=no_bus, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, f"closed #{receipt}"), done.stderr
    time.sleep(0.3)
    assert running_app.cli("ctl", "list", "--json").stdout.strip() == "[]"
    assert [(e["type"], e.get("how")) for e in _history(running_app)[0]["events"]] == [("display", None), ("close", "api")]
