"""A headless desktop session for the tests: a user, its runtime dir and bus, and the programs in it.

:class:`Desktop` runs everything as one unprivileged user (sway refuses
root; as an ordinary user it is oneself), with its own HOME,
XDG_RUNTIME_DIR (0700) and D-Bus session bus, like a login session. A
compositor subclass adds the display, a bar or panel, screenshots and input.
Programs are started in their own process groups and all stopped at the end.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

from PIL import Image

from tests.helpers.unix_user import UnixUser, unprivileged_user

from popup_client.conformance.screen_measure import Box, client_area, popups

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent


D = TypeVar("D", bound="Desktop")


class DesktopError(AssertionError):
    """The session could not be set up or did not behave."""


def wait_for(what: str, check: Callable[[], Any], timeout: float = 20.0, interval: float = 0.1) -> Any:
    """Poll ``check`` until it returns something truthy; fail naming ``what`` after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise DesktopError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(interval)


class Desktop:
    """One session: a user, its directories, its bus and its programs."""

    name = "desktop"
    #: The placement the app should choose here.
    mechanism = ""

    def __init__(self, tmp: Path, user: UnixUser | None = None) -> None:
        self.user = user or unprivileged_user()
        self.tmp = tmp
        tmp.chmod(0o755)
        self.home = self._private_dir(tmp / "home", 0o755)
        self.runtime = self._private_dir(tmp / "runtime", 0o700)
        self.logs = tmp / "logs"
        self.logs.mkdir(exist_ok=True)
        self.env: dict[str, str] = {
            "HOME": str(self.home),
            "XDG_RUNTIME_DIR": str(self.runtime),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "USER": self.user.name,
            "LOGNAME": self.user.name,
        }
        self._processes: list[tuple[str, subprocess.Popen[bytes], IO[bytes]]] = []
        self._start_bus()

    def _private_dir(self, path: Path, mode: int) -> Path:
        path.mkdir(parents=True, exist_ok=True)
        path.chmod(mode)
        self.user.chown(path)
        return path

    def _start_bus(self) -> None:
        address = f"unix:path={self.runtime / 'bus'}"
        self.spawn(["dbus-daemon", "--session", "--nofork", "--nopidfile", f"--address={address}"], name="dbus")
        wait_for("the session bus", lambda: (self.runtime / "bus").exists(), timeout=10)
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address

    # ------------------------------------------------------------ programs

    def spawn(self, argv: list[str], *, name: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        """Start ``argv`` as the session's user; its output goes to logs/<name>.log."""
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop()
        process = subprocess.Popen(
            self.user.as_user(argv),
            env={**self.env, **(env or {})},
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=str(self.home),
            start_new_session=True,
        )
        self._processes.append((name, process, log))
        return process

    def run(self, argv: list[str], *, env: dict[str, str] | None = None, timeout: float = 30) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.user.as_user(argv),
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=str(self.home),
        )

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def stop(self) -> None:
        for name, process, log in reversed(self._processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=10)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    _kill(process)
            log.close()
        self._processes.clear()

    def alive(self, process: subprocess.Popen[bytes]) -> bool:
        return process.poll() is None

    # ------------------------------------------------------------ what a compositor provides

    def start(self) -> None:
        raise NotImplementedError

    def start_input(self, bindings: Path) -> None:
        """A virtual pointer and keyboard (Wayland sessions; X11 ones use XTEST and need none)."""

    def screenshot(self, path: Path) -> Image.Image:
        raise NotImplementedError

    def click(self, x: int, y: int) -> None:
        raise NotImplementedError

    def press_escape(self) -> None:
        raise NotImplementedError

    def keyboard_owner(self) -> str | None:
        """The app id / class of the window the compositor gives the keyboard (None if it cannot say)."""
        return None

    def panel(self) -> Box | None:
        """Where the bar or panel is (logical px)."""
        return None

    def scale(self) -> int:
        return 1


@contextmanager
def running(desktop: D, bindings: Path | None = None) -> Iterator[D]:
    """The session started (with its input device when ``bindings`` are given), and stopped at the end."""
    try:
        desktop.start()
        if bindings is not None:
            desktop.start_input(bindings)
        yield desktop
    finally:
        desktop.stop()


def _kill(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    process.wait(timeout=10)


# ---------------------------------------------------------------- the client and the app


def start_client(desktop: Desktop, env: dict[str, str] | None = None) -> Path:
    """The magenta client window; waits until it has the keyboard. Returns its focus log."""
    log = desktop.home / "client-focus.log"
    log.touch()
    desktop.user.chown(log)
    desktop.spawn([str(VENV_BIN / "python"), str(HERE / "focus_client.py"), str(log)], name="client", env=env)
    wait_for("the client window to get the keyboard", lambda: "focus in" in log.read_text(), timeout=30)
    return log


def client_lost_focus(log: Path, since: float = 0.0) -> list[str]:
    """The focus-out lines of the client's log after ``since``."""
    lines = log.read_text().splitlines()
    return [line for line in lines if line.endswith("focus out") and float(line.split()[0]) >= since]


def client_has_focus(log: Path) -> bool:
    focus = [line for line in log.read_text().splitlines() if " focus " in line]
    return bool(focus) and focus[-1].endswith("focus in")


PREFS = """\
max_visible = 3

[timeout_seconds]
ad = 0
news = 0
content = 0
service = 0
"""


def app_env(desktop: Desktop) -> dict[str, str]:
    """The app's own state in the session's home, and a socket name of this test run."""
    return {
        "POPUP_CLIENT_CONFIG_DIR": str(desktop.home / "popup-config"),
        "POPUP_CLIENT_DATA_DIR": str(desktop.home / "popup-data"),
        "POPUP_CLIENT_SOCKET": f"pc-{os.getpid()}-{desktop.name}",
        "PYTHONPATH": str(ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHON_KEYRING_BACKEND": "tests.helpers.memkeyring.MemoryKeyring",
    }


def start_app(desktop: Desktop, *args: str, prefs: str = PREFS, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """``popup-client run ARGS`` as users start it: the session's environment, no QT_QPA_PLATFORM.

    ``prefs``: the preferences file it starts with (by default popups stay until closed, three at a time).
    """
    extra = env or {}
    env = {**app_env(desktop), **extra}
    config = desktop._private_dir(Path(env["POPUP_CLIENT_CONFIG_DIR"]), 0o700)
    desktop._private_dir(Path(env["POPUP_CLIENT_DATA_DIR"]), 0o700)
    (config / "preferences.toml").write_text(prefs, encoding="utf-8")
    desktop.user.chown(config / "preferences.toml")
    assert "QT_QPA_PLATFORM" not in desktop.env
    return desktop.spawn([str(VENV_BIN / "popup-client"), "run", *args], name="app", env=env)


def app_cli(desktop: Desktop, *args: str) -> subprocess.CompletedProcess[str]:
    """``popup-client ARGS`` against the running app's state."""
    return desktop.run([str(VENV_BIN / "popup-client"), *args], env=app_env(desktop))


def shot(desktop: Desktop, name: str) -> tuple[Image.Image, Box, list[Box]]:
    """A screenshot, the client's area on it, and the popups over that area."""
    path = desktop.tmp / f"{name}.png"
    image = desktop.screenshot(path)
    area = client_area(image)
    if area is None:
        raise DesktopError(f"the client window is not on the screenshot {path}")
    return image, area, popups(image, area)


def wait_for_popups(desktop: Desktop, count: int, name: str = "popups", timeout: float = 30) -> tuple[Image.Image, Box, list[Box]]:
    """Screenshots until ``count`` popups are on screen (and drawn: same boxes twice in a row)."""
    last: list[Box] = []
    missing = ""

    def check() -> tuple[Image.Image, Box, list[Box]] | None:
        nonlocal last, missing
        try:
            image, area, boxes = shot(desktop, name)
        except DesktopError as exc:  # the client window not drawn yet (a loaded machine): look again, until the timeout
            last, missing = [], f" ({exc})"
            return None
        missing = ""
        stable = len(boxes) >= count and boxes == last
        last = boxes
        return (image, area, boxes) if stable else None

    try:
        return wait_for(f"{count} popups on screen", check, timeout=timeout, interval=0.3)
    except DesktopError as exc:
        raise DesktopError(f"{exc}; last seen {last}{missing}; app log:\n{desktop.log('app')}") from exc
