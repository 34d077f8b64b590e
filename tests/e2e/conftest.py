"""Start the real app as a separate process, with all its state in a temp dir."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class RunningApp:
    process: subprocess.Popen[str]
    env: dict[str, str]
    home: Path
    log: IO[str]

    def cli(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        exe = Path(sys.executable).with_name("popup-client")
        return subprocess.run([str(exe), *args], env=self.env, capture_output=True, text=True, timeout=timeout)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        return self.process.returncode

    def output(self) -> str:
        if not self.log.closed:
            self.log.flush()
        return (self.home / "app.log").read_text(encoding="utf-8", errors="replace")


def app_env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        POPUP_CLIENT_CONFIG_DIR=str(home / "config"),
        POPUP_CLIENT_DATA_DIR=str(home / "data"),
        POPUP_CLIENT_SOCKET=f"popup-client-test-{os.getpid()}-{home.name}",
        QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"),
        PYTHONPATH=str(ROOT),
        PYTHON_KEYRING_BACKEND="tests.helpers.memkeyring.MemoryKeyring",
    )
    env.update(extra)
    return env


def start_app(home: Path, *args: str, env: dict[str, str] | None = None, ready_timeout: float = 30) -> RunningApp:
    """Start ``popup-client run ARGS`` and wait until its socket answers."""
    env = env or app_env(home)
    exe = Path(sys.executable).with_name("popup-client")
    log = open(home / "app.log", "w")  # noqa: SIM115 - kept open for the process's life
    process = subprocess.Popen([str(exe), "-v", "run", *args], env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    app = RunningApp(process, env, home, log)
    probe = [sys.executable, "-c", "from popup_client.transports.socket.client import is_running; import sys; sys.exit(0 if is_running() else 1)"]
    deadline = time.monotonic() + ready_timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            app.stop()
            raise AssertionError(f"the app exited with {process.returncode}:\n{app.output()}")
        if subprocess.run(probe, env=env, timeout=30).returncode == 0:
            return app
        time.sleep(0.1)
    app.stop()
    raise AssertionError(f"the app did not start:\n{app.output()}")


@pytest.fixture
def running_app(tmp_path: Path) -> Iterator[RunningApp]:
    app = start_app(tmp_path, "--no-dbus")
    yield app
    app.stop()
