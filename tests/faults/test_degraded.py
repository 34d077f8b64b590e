"""The real app with something broken around it: one clear message, and it does what it still can.

Each test breaks one thing before ``popup-client run`` starts (a corrupt
preferences file, a corrupt or damaged journal, a data folder that cannot be
one, no keyring, no system tray, the notification name taken on D-Bus) and
checks that the app says so once, in words, keeps every file the user had
(moved aside, not deleted), and still takes popups over its socket.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from popup_client.transports.socket_client import socket_address
from tests.e2e.conftest import ROOT, RunningApp, app_env, start_app
from tests.faults.flood import Client, flood_lines, run_clients

pytestmark = pytest.mark.e2e

SERVICE_EXAMPLE = ROOT / "resources" / "examples" / "valid-service.json"
WARNING = "popup-client: warning:"
_IDS = itertools.count(1)


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("popup-client")
    return subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, timeout=60)


def send(app: RunningApp, popup_id: str, *extra: str) -> dict[str, object]:
    """The app's reply to the service example, sent with ``popup-client send`` under ``popup_id``."""
    doc = json.loads(SERVICE_EXAMPLE.read_text(encoding="utf-8"))
    doc["id"] = popup_id
    path = app.home / f"{popup_id}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    done = app.cli("send", "--json", *extra, str(path))
    assert done.returncode == 0, done.stderr + app.output()[-2000:]
    reply: dict[str, object] = json.loads(done.stdout)
    return reply


def still_works(app: RunningApp, *extra: str) -> dict[str, object]:
    """A new popup gets shown."""
    reply = send(app, f"degraded-{next(_IDS)}", *extra)
    assert reply["decision"] == "show", reply
    return reply


def said_once(output: str, text: str) -> None:
    """``text`` is in exactly one of the app's own warnings, and the app warned nothing else twice."""
    warnings = [line for line in output.splitlines() if line.startswith(WARNING)]
    assert sum(text in line for line in warnings) == 1, output
    assert len(warnings) == len(set(warnings)), output


def aside(folder: Path, name: str) -> Path:
    (kept,) = folder.glob(f"{name}.corrupt-*")
    return kept


# ------------------------------------------------------------------ preferences


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe not UTF-8 \x00", b"caps = = [", b"[caps]\nglobal_hourly = -5\n", b'quiet_hours = "tea time"\n'],
    ids=["not-utf8", "not-toml", "bad-value", "bad-quiet-hours"],
)
def test_a_corrupt_preferences_file_is_kept_aside(tmp_path: Path, content: bytes) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "preferences.toml").write_bytes(content)
    app = start_app(tmp_path, "--no-dbus")
    try:
        still_works(app)
        kept = aside(config, "preferences.toml")
        assert kept.read_bytes() == content, "what the user had is kept, byte for byte"
        said_once(app.output(), f"It was moved to {kept.name}. The default preferences are in effect.")
        done = app.cli("prefs", "set", "caps.global_hourly", "3")  # the user can set preferences again
        assert done.returncode == 0, done.stderr
        assert app.cli("prefs", "get", "caps.global_hourly").stdout.strip() == "3"
    finally:
        assert app.stop() == 0


# ------------------------------------------------------------------ the journal


def _damaged_journal(home: Path) -> bytes:
    """A real journal with a few hundred rows, then one of its index pages overwritten."""
    app = start_app(home, "--no-dbus")
    try:
        client = Client("before", flood_lines(1, 300, prefix="before")[0], 300)
        run_clients(socket_address(app.env["POPUP_CLIENT_SOCKET"]), [client])
    finally:
        assert app.stop() == 0
    journal = home / "data" / "journal.sqlite3"
    data = bytearray(journal.read_bytes())
    page = 4 * 4096  # an index page: only a query through that index would have found it
    data[page + 8 : page + 4000] = bytes(range(256)) * 15 + bytes(range(32))
    journal.write_bytes(bytes(data))
    return bytes(data)


@pytest.mark.parametrize(
    "damage",
    [
        "not-a-database",
        pytest.param("damaged-page", marks=pytest.mark.skipif(sys.platform == "win32", reason="filled through a Unix socket")),
    ],
)
def test_a_corrupt_journal_is_kept_aside(tmp_path: Path, damage: str) -> None:
    data_dir = tmp_path / "data"
    if damage == "not-a-database":
        data_dir.mkdir()
        content = b"this is not an SQLite database " * 200
        (data_dir / "journal.sqlite3").write_bytes(content)
    else:
        content = _damaged_journal(tmp_path)
    app = start_app(tmp_path, "--no-dbus")
    try:
        reply = still_works(app)
        assert reply["id"] == 1, "a new journal was started"
        kept = aside(data_dir, "journal.sqlite3")
        assert kept.read_bytes() == content
        said_once(app.output(), f"it was moved to {kept} and a new, empty journal was started")
        history = json.loads(app.cli("history", "--json").stdout)
        assert [row["id"] for row in history] == [1]
    finally:
        assert app.stop() == 0


def test_a_data_folder_that_cannot_be_one_gives_an_in_memory_journal(tmp_path: Path) -> None:
    """As root, permissions do not stop writes; a regular file where the folder should be does."""
    (tmp_path / "data").write_text("a file, not a folder", encoding="utf-8")
    app = start_app(tmp_path, "--no-dbus")
    try:
        assert send(app, "in-memory-1")["decision"] == "show"
        again = send(app, "in-memory-1")  # the in-memory journal still remembers
        assert again["decision"] == "reject" and again["rules"] == ["duplicate"], again
        said_once(app.output(), "this session's history will not be kept")
        history = app.cli("history")
        assert history.returncode == 2 and "cannot" in history.stderr and "journal" in history.stderr, history.stderr
        assert (tmp_path / "data").read_text(encoding="utf-8") == "a file, not a folder"
    finally:
        assert app.stop() == 0


# ------------------------------------------------------------------ the keyring


def test_without_a_keyring_providers_cannot_register_and_popups_arrive_unverified(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    registered = '[providers."org.example.files"]\nname = "文件同步"\nadded_at = "2026-11-01T00:00:00Z"\n'
    (config / "providers.toml").write_text(registered, encoding="utf-8")  # registered when there was a keyring
    env = app_env(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    app = start_app(tmp_path, "--no-dbus", env=env)
    try:
        added = cli(env, "provider", "add", "com.example.new", "--name", "新来源")
        assert added.returncode != 0 and "no usable system keyring" in added.stderr, added.stderr
        assert "Traceback" not in added.stderr
        assert (config / "providers.toml").read_text(encoding="utf-8") == registered, "nothing half-registered"
        for _ in range(3):
            reply = still_works(app, "--token", "a-token-that-cannot-be-checked")
        history = json.loads(app.cli("history", "--json").stdout)
        assert [row["verified"] for row in history] == [False, False, False]
        output = app.output()
        assert output.count("provider tokens cannot be checked") == 1, output
        assert "a-token-that-cannot-be-checked" not in output, "tokens are never logged"
        assert reply["decision"] == "show"
    finally:
        assert app.stop() == 0


# ------------------------------------------------------------------ no system tray


def test_without_a_system_tray_it_says_so_once_and_works(tmp_path: Path) -> None:
    app = start_app(tmp_path, "--no-dbus", env=app_env(tmp_path, QT_QPA_PLATFORM="offscreen"))
    try:
        still_works(app)
        still_works(app)
        assert app.output().count("no system tray is available") == 1
    finally:
        assert app.stop() == 0


# ------------------------------------------------------------------ the notification name taken on D-Bus

OWNER = """
import sys
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection
conn = open_dbus_connection("SESSION")
code = conn.send_and_get_reply(message_bus.RequestName("org.freedesktop.Notifications", 0)).body[0]
print("owned" if code == 1 else f"code {code}", flush=True)
sys.stdin.read()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the session bus is a Linux thing")
def test_a_taken_notification_name_is_named_and_nothing_is_lost(tmp_path: Path) -> None:
    from tests.transports.dbus_fixtures import private_bus

    bus_dir = tmp_path / "bus"
    bus_dir.mkdir()
    with private_bus(bus_dir) as bus:
        env = app_env(tmp_path, DBUS_SESSION_BUS_ADDRESS=bus.address)
        assert cli(env, "prefs", "set", "caps.global_hourly", "4").returncode == 0
        prefs_before = (tmp_path / "config" / "preferences.toml").read_bytes()
        owner = subprocess.Popen([sys.executable, "-c", OWNER], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert owner.stdout is not None and owner.stdout.readline().strip() == "owned"
            done = cli(env, "run")
            errors = [line for line in done.stderr.splitlines() if "error:" in line]
            assert len(errors) == 1 and "org.freedesktop.Notifications" in errors[0] and f"pid {owner.pid}" in errors[0], done.stderr
            assert done.returncode == 1 and "--replace" in errors[0] and "Traceback" not in done.stderr
            assert (tmp_path / "config" / "preferences.toml").read_bytes() == prefs_before
            assert not os.path.exists(socket_address(env["POPUP_CLIENT_SOCKET"])), "no stale socket is left behind"
            app = start_app(tmp_path, "--no-dbus", env=env)  # without D-Bus, everything else still works
            try:
                still_works(app)
            finally:
                assert app.stop() == 0
        finally:
            owner.kill()
            owner.communicate()
