"""The real app with something broken around it: one clear message, and it does what it still can.

Each test breaks one thing before ``popup-client run`` starts (a corrupt
preferences file, a corrupt or damaged journal, a data folder that cannot be
one, an unusable news-source list, no keyring, no system tray, the
notification name taken on D-Bus, a session bus that cannot be reached) and
checks that the app says so once, in words (one line: not a warning and a log
record of the same), keeps every file the user had (moved aside, not
deleted), and still takes popups over its socket.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from popup_client.transports.socket.client import socket_address
from tests.e2e.conftest import ROOT, RunningApp, app_env, start_app
from tests.faults.flood import Client, flood_lines, run_clients
from tests.transports.dbus.fixtures import NAME_OWNER_SCRIPT, needs_dbus, private_bus

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


def said_once(output: str, text: str) -> str:
    """The one line of the output that says ``text``: one of the app's own warnings; no warning is said twice.

    A log record of the same warning (``popup-client: WARNING: logger: …``)
    would be a second line saying it, and fails.
    """
    saying = [line for line in output.splitlines() if text in line]
    assert len(saying) == 1 and WARNING in saying[0], output
    warnings = [line for line in output.splitlines() if WARNING in line]
    assert len(warnings) == len(set(warnings)), output
    return saying[0]


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


# ------------------------------------------------------------------ an unusable news-source list


def test_an_unusable_news_source_list_keeps_the_preferences_and_is_said_once(tmp_path: Path) -> None:
    """Valid preferences naming a list that cannot be read: the preferences stay as they are."""
    config = tmp_path / "config"
    config.mkdir()
    missing = tmp_path / "no-such-list.toml"
    prefs = f'news_sources_file = "{missing.as_posix()}"\n\n[caps]\nglobal_hourly = 4\n'
    (config / "preferences.toml").write_text(prefs, encoding="utf-8")
    app = start_app(tmp_path, "--no-dbus")
    try:
        still_works(app)
        line = said_once(app.output(), "cannot read the news-source list")
        assert missing.name in line and "no news source is accepted until it is fixed" in line, line
        assert (config / "preferences.toml").read_text(encoding="utf-8") == prefs, "nothing the user set is touched"
        assert not list(config.glob("preferences.toml.corrupt-*"))
    finally:
        assert app.stop() == 0


# ------------------------------------------------------------------ the keyring


def test_without_a_keyring_providers_register_and_a_keyring_era_registration_is_unverified(tmp_path: Path) -> None:
    """A plain server session: no Secret Service. Registering needs none; a token an older version kept in a
    keyring cannot be checked (said once, never logged) until the provider registers again."""
    config = tmp_path / "config"
    config.mkdir()
    registered = '[providers."org.example.files"]\nname = "文件同步"\nadded_at = "2026-11-01T00:00:00Z"\n'
    (config / "providers.toml").write_text(registered, encoding="utf-8")  # registered when there was a keyring
    env = app_env(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    app = start_app(tmp_path, "--no-dbus", env=env)
    try:
        for _ in range(3):
            reply = still_works(app, "--token", "a-token-that-cannot-be-checked")
        added = cli(env, "provider", "add", "org.example.files", "--name", "文件同步")
        assert added.returncode == 0 and "Traceback" not in added.stderr, added.stderr
        verified = still_works(app, "--token", added.stdout.strip())
        history = json.loads(app.cli("history", "--json").stdout)
        assert [row["verified"] for row in history] == [True, False, False, False]
        output = app.output()
        assert output.count("unverified until registered again") == 1, output
        assert "a-token-that-cannot-be-checked" not in output and added.stdout.strip() not in output, "tokens are never logged"
        assert reply["decision"] == verified["decision"] == "show"
    finally:
        assert app.stop() == 0


# ------------------------------------------------------------------ no system tray


def test_without_a_system_tray_it_says_so_once_and_works(tmp_path: Path) -> None:
    app = start_app(tmp_path, "--no-dbus", env=app_env(tmp_path, QT_QPA_PLATFORM="offscreen"))
    try:
        still_works(app)
        still_works(app)
        said_once(app.output(), "no system tray is available")
    finally:
        assert app.stop() == 0


# ------------------------------------------------------------------ the notification name taken on D-Bus

CONTROL_NAME = "org.popupclient.Daemon"


@pytest.fixture
def bus_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The app's environment, on a private session bus of the test's own."""
    bus_dir = tmp_path / "bus"
    bus_dir.mkdir()
    with private_bus(bus_dir) as bus:
        yield app_env(tmp_path, DBUS_SESSION_BUS_ADDRESS=bus.address)


def own(env: dict[str, str], name: str) -> subprocess.Popen[str]:
    """Another process owning ``name`` (not allowing replacement); it prints "lost" if it loses it."""
    owner = subprocess.Popen([sys.executable, "-c", NAME_OWNER_SCRIPT, name, "0"], env=env, stdout=subprocess.PIPE, text=True)
    assert owner.stdout is not None and owner.stdout.readline().strip() == "owned"
    return owner


@needs_dbus
@pytest.mark.parametrize("control_taken", [False, True], ids=["notifications-taken", "both-names-taken"])
def test_a_taken_notification_name_is_named_once_and_the_rest_works(tmp_path: Path, bus_env: dict[str, str], control_taken: bool) -> None:
    env = bus_env
    assert cli(env, "prefs", "set", "timeout_seconds.service", "0").returncode == 0  # popups stay until closed
    prefs_before = (tmp_path / "config" / "preferences.toml").read_bytes()
    owners = [own(env, "org.freedesktop.Notifications")] + ([own(env, CONTROL_NAME)] if control_taken else [])
    try:
        app = start_app(tmp_path, env=env)  # no --no-dbus: it finds the name taken and goes on
        try:
            still_works(app)
            still_works(app)
            output = app.output()
            line = said_once(output, "another notification server owns org.freedesktop.Notifications")
            assert f"pid {owners[0].pid}" in line and os.path.realpath(sys.executable) in line, line
            assert "desktop notifications (notify-send) keep going to it" in line and "--replace" in line, line
            assert ("`popup-client ctl` work" in line) is not control_taken, line
            assert "error:" not in output and "Traceback" not in output, output
            if not control_taken:  # the control name is free: this instance serves it
                listed = app.cli("ctl", "list", "--json")
                assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 2, listed.stderr
            again = app.cli("run", timeout=60)
            assert again.returncode == 0 and "already running" in again.stderr, again.stderr
            assert "another notification server" not in again.stderr
        finally:
            assert app.stop() == 0, app.output()
        for owner in owners:
            assert owner.poll() is None, "the other server kept its name"
        assert (tmp_path / "config" / "preferences.toml").read_bytes() == prefs_before
    finally:
        for owner in owners:
            owner.kill()
            owner.communicate()


@needs_dbus
def test_with_require_dbus_a_taken_name_is_an_error_at_once(tmp_path: Path, bus_env: dict[str, str]) -> None:
    owner = own(bus_env, "org.freedesktop.Notifications")
    try:
        done = cli(bus_env, "run", "--require-dbus")
        assert done.returncode == 1, done.stderr
        assert "error:" in done.stderr and f"pid {owner.pid}" in done.stderr, done.stderr
        assert owner.poll() is None  # the other server keeps its name
    finally:
        owner.kill()
        owner.communicate()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the session bus is a Linux thing")
def test_a_session_bus_that_cannot_be_reached_is_said_once_and_the_rest_works(tmp_path: Path) -> None:
    env = app_env(tmp_path, DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus-here'}")
    app = start_app(tmp_path, env=env)
    try:
        still_works(app)
        line = said_once(app.output(), "cannot connect to the D-Bus session bus")
        assert "no-bus-here" in line and "desktop notifications (notify-send) are not received" in line, line
    finally:
        assert app.stop() == 0
