"""The notification servers the benchmarks measure side by side: popup-client and dunst, each on a private bus.

- ``start_bus``: a private session bus (a dbus-daemon with no service
  directories, so nothing is D-Bus-activated behind a benchmark's back);
- ``prepare("popup-client", ...).start()``: ``popup-client run`` with its
  preferences, data and socket in a temp home;
- ``prepare("dunst", ...).start()``: ``dunst -config HOME/dunstrc`` with a
  fresh ``HOME`` and fresh XDG directories under the temp home. The
  benchmark writes that dunstrc itself: with ``-config`` dunst reads that file
  only (no ``~/.config/dunst/dunstrc``, no drop-ins). By default
  (``DUNST_CONFIG = "system"``) the file is a copy of the distribution's
  ``/etc/xdg/dunst/dunstrc``: dunst as a new user runs it (icons looked up in
  the Adwaita theme, Pango markup, 10 s timeouts), which is also how the
  issue measured it. ``"builtin"`` writes a file that sets nothing: dunst's
  built-in defaults (no icon theme lookup, no rules). Its log goes to
  HOME/dunst.log.

Linux only, like the benchmarks that use it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

#: The checkout these benchmarks belong to: the app measured is its code, whatever checkout the venv was installed from.
ROOT = Path(__file__).resolve().parents[1]
NAME = "org.freedesktop.Notifications"
SERVERS = ("popup-client", "dunst")
BUS_CONFIG = """<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
  <limit name="max_incoming_bytes">1000000000</limit>
  <limit name="max_outgoing_bytes">1000000000</limit>
  <limit name="max_message_size">1000000000</limit>
  <limit name="max_replies_per_connection">50000</limit>
</busconfig>
"""
#: Which dunstrc dunst gets: "system" (a copy of SYSTEM_DUNSTRC, as a new user runs dunst) or "builtin" (DUNSTRC).
DUNST_CONFIGS = ("system", "builtin")
DUNST_CONFIG = "system"
SYSTEM_DUNSTRC = Path("/etc/xdg/dunst/dunstrc")
#: The benchmark's own dunstrc for "builtin": dunst's built-in defaults, whatever the user's or the system's dunstrc says.
DUNSTRC = """\
# Written by popup-client's benchmarks (benchmarks/notification_servers.py).
# dunst is started with -config pointing here, so it reads no other dunstrc
# and no drop-ins. Nothing is set: dunst's built-in defaults (no rules, no
# notification limit, timeouts 10 s low/normal, none critical).
"""


def start_bus(where: Path) -> tuple[subprocess.Popen[str], str]:
    """A private session bus listening in ``where``: the process and its address."""
    config = where / "bus.conf"
    config.write_text(BUS_CONFIG.format(dir=where), encoding="utf-8")
    bus = subprocess.Popen(["dbus-daemon", "--nofork", f"--config-file={config}", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    assert bus.stdout is not None
    return bus, bus.stdout.readline().strip()


def app_env(home: Path, disp: str, bus: str) -> dict[str, str]:
    """popup-client's environment: this checkout's code (:data:`ROOT`), its config, data and socket in ``home``."""
    (home / "config").mkdir(parents=True, exist_ok=True)
    return dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        DISPLAY=disp,
        QT_QPA_PLATFORM="xcb",
        DBUS_SESSION_BUS_ADDRESS=bus,
        POPUP_CLIENT_CONFIG_DIR=str(home / "config"),
        POPUP_CLIENT_DATA_DIR=str(home / "data"),
        POPUP_CLIENT_SOCKET=f"popup-bench-dbus-{os.getpid()}-{home.name}",
    )


def dunst_env(home: Path, disp: str, bus: str) -> dict[str, str]:
    """dunst's environment: a fresh HOME and XDG directories in ``home``, X only (no Wayland)."""
    env = dict(os.environ, DISPLAY=disp, DBUS_SESSION_BUS_ADDRESS=bus, HOME=str(home))
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_CONFIG_DIRS", "etc-xdg"), ("XDG_DATA_HOME", "data"),
                     ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):  # fmt: skip
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / sub)
    env.pop("WAYLAND_DISPLAY", None)  # dunst 1.9 would pick its Wayland output
    return env


def dunstrc_text() -> str:
    """The dunstrc of :data:`DUNST_CONFIG` (the built-in defaults where the system has no dunstrc)."""
    if DUNST_CONFIG == "system" and SYSTEM_DUNSTRC.is_file():
        return SYSTEM_DUNSTRC.read_text(encoding="utf-8")
    return DUNSTRC


def dunstrc_description() -> str:
    if DUNST_CONFIG == "system" and SYSTEM_DUNSTRC.is_file():
        return f"a copy of {SYSTEM_DUNSTRC}: dunst as a new user runs it (benchmarks/notification_servers.py)"
    return "the benchmark's own, setting nothing: dunst's built-in defaults (benchmarks/notification_servers.py)"


def write_dunstrc(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "dunstrc"
    path.write_text(dunstrc_text(), encoding="utf-8")
    return path


def dunst_command(home: Path) -> list[str]:
    """The dunst command line: the dunstrc the benchmark wrote, and no other."""
    exe = shutil.which("dunst")
    if exe is None:
        raise FileNotFoundError("dunst is not installed (not on PATH)")
    return [exe, "-config", str(write_dunstrc(home))]


@dataclass
class Launch:
    """A server's command line and environment, ready to start (built before any timing starts)."""

    argv: list[str]
    env: dict[str, str]
    log: Path | None = None

    def start(self) -> subprocess.Popen[bytes]:
        if self.log is None:
            return subprocess.Popen(self.argv, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with self.log.open("ab") as log:
            return subprocess.Popen(self.argv, env=self.env, stdout=log, stderr=subprocess.STDOUT)


def prepare(server: str, home: Path, disp: str, bus: str) -> Launch:
    """How to start ``server`` (one of SERVERS) on display ``disp`` and bus ``bus``, its state in ``home``."""
    if server == "popup-client":
        exe = Path(sys.executable).with_name("popup-client")
        return Launch([str(exe), "run"], app_env(home, disp, bus))
    if server == "dunst":
        return Launch(dunst_command(home), dunst_env(home, disp, bus), home / "dunst.log")
    raise ValueError(f"unknown server {server!r}: one of {', '.join(SERVERS)}")


def spawn_server(server: str, home: Path, disp: str, bus: str) -> subprocess.Popen[bytes]:
    return prepare(server, home, disp, bus).start()


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def wait_for_name(bus: str, timeout: float = 30) -> None:
    """Return once something owns org.freedesktop.Notifications on ``bus``."""
    conn = open_dbus_connection(bus)
    try:
        deadline = time.monotonic() + timeout
        while not conn.send_and_get_reply(message_bus.NameHasOwner(NAME), timeout=10).body[0]:
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing owned {NAME} within {timeout} s")
            time.sleep(0.05)
    finally:
        conn.close()


def dunst_version() -> str | None:
    """``dunst --version``'s first line, or None when dunst is not installed."""
    exe = shutil.which("dunst")
    if exe is None:
        return None
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=10, check=False).stdout
    return out.strip().splitlines()[0] if out.strip() else None
