"""`scripts/run` on a machine with no desktop session: a virtual display, a tray and a private D-Bus bus.

The script prints one line to paste into another terminal; with it,
``notify-send`` reaches the app. Stopping the script stops the app and
everything it started. A second ``scripts/run --demo`` sends the demo to the
running app instead of starting another.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT, app_env

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("Xvfb", "dbus-daemon", "notify-send", "dbus-send")),
    reason="needs Xvfb, dbus-daemon, notify-send and dbus-send (scripts/test installs them on Debian)",
)

SESSION_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "DBUS_SESSION_BUS_ADDRESS", "POPUP_CLIENT_TEST_BUS")


def headless_env(home: Path, runtime: str) -> dict[str, str]:
    """The app's state in ``home``, and no display, no bus: a server reached over ssh."""
    env = app_env(home, XDG_RUNTIME_DIR=runtime)
    for name in SESSION_VARIABLES:
        env.pop(name, None)
    return env


def _wait_for(what: str, check: Callable[[], bool], timeout: float = 60, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        said = log.read_text(encoding="utf-8", errors="replace") if log is not None and log.exists() else ""
        assert time.monotonic() < deadline, f"timed out waiting for {what}\n{said}"
        time.sleep(0.2)


def _export_line(log: Path) -> str | None:
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return next((line for line in text.splitlines() if line.startswith("export ")), None)


def _pasted(line: str) -> dict[str, str]:
    """What the pasted ``export A=… B=…`` line sets, as the shell reads it."""
    words = shlex.split(line)
    assert words[0] == "export"
    return dict(word.split("=", 1) for word in words[1:])


def _running(env: dict[str, str]) -> bool:
    probe = "import sys; from popup_client.transports.socket.client import is_running; sys.exit(0 if is_running() else 1)"
    return subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-c", probe], env=env, timeout=30).returncode == 0


@pytest.fixture
def script(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], dict[str, str], Path]]:
    runtime = tempfile.mkdtemp(prefix="pc-run-")  # short: a socket's path is at most 107 bytes
    env = headless_env(tmp_path, runtime)
    log = tmp_path / "run.log"
    with log.open("wb") as out:
        process = subprocess.Popen([str(ROOT / "scripts" / "run")], env=env, stdout=out, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        yield process, env, log
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        shutil.rmtree(runtime, ignore_errors=True)


def test_headless_run_starts_a_bus_notify_send_reaches_and_stopping_ends_it_all(
    script: tuple[subprocess.Popen[bytes], dict[str, str], Path],
) -> None:
    process, env, log = script
    _wait_for("the export line", lambda: _export_line(log) is not None or process.poll() is not None or _running(env))
    line = _export_line(log)
    assert line is not None, log.read_text(encoding="utf-8", errors="replace")
    pasted = _pasted(line)
    assert pasted["DBUS_SESSION_BUS_ADDRESS"].startswith("unix:") and pasted["DISPLAY"].startswith(":"), line
    _wait_for("the app", lambda: _running(env) or process.poll() is not None, log=log)
    assert process.poll() is None, log.read_text(encoding="utf-8", errors="replace")

    other_terminal = {**{k: v for k, v in os.environ.items() if k not in SESSION_VARIABLES}, **pasted}
    sent = subprocess.run(["notify-send", "-a", "示例应用", "你好", "世界"], env=other_terminal, capture_output=True, text=True, timeout=30)
    assert sent.returncode == 0, sent.stderr
    cli = [str(ROOT / ".venv" / "bin" / "popup-client"), "history", "--json"]
    rows = json.loads(subprocess.run(cli, env=env, capture_output=True, text=True, timeout=60, check=True).stdout)
    assert [(r["transport"], r["provider_name"], r["text_kept"]) for r in rows] == [("dbus", "示例应用", False)]  # docs/privacy.md

    again = subprocess.run([str(ROOT / "scripts" / "run"), "--demo"], env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "already running" in again.stderr and "sent the demo to it" in again.stderr, again.stderr
    assert "no display" not in again.stderr, "a second run starts nothing of its own"

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    display = Path(f"/tmp/.X11-unix/X{pasted['DISPLAY'].lstrip(':')}")
    bus = ["dbus-send", f"--bus={pasted['DBUS_SESSION_BUS_ADDRESS']}", "--dest=org.freedesktop.DBus", "/", "org.freedesktop.DBus.Peer.Ping"]
    _wait_for("the display and the bus to go", lambda: not display.exists() and subprocess.run(bus, capture_output=True, timeout=10).returncode != 0, 10)
