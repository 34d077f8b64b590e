"""The real app as the session's notification server, on a private bus, used by real clients.

``popup-client run`` is started as a process with its state in a temp dir and
``DBUS_SESSION_BUS_ADDRESS`` pointing at a ``dbus-daemon`` of our own. The
clients are programs no one here wrote (notify-send, gdbus) and
:mod:`tests.e2e.dbus_probe`, a jeepney client in its own process that reports
the wire signature of every reply and signal. What happened is read back the
way a user would: ``popup-client history``, ``popup-client ctl``, and the
journal file. The click on an action button runs the app in-process, so a
real Qt click lands on the real button of the real popup window.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.clock import SystemClock
from popup_client.core.journal import HistoryRow, Journal
from tests.e2e.conftest import ROOT, RunningApp, app_env, start_app
from tests.helpers.images import png_bytes
from tests.transports.dbus.fixtures import NAME_OWNER_SCRIPT, needs_dbus, private_bus, require_tool, wait_names_free

pytestmark = [pytest.mark.e2e, needs_dbus]

#: The real command line.
CLI = (
    "import sys; from popup_client.cli import main; sys.exit(main(sys.argv[1:]))"
)


def run(env: dict[str, str], args: list[str], timeout: float = 60, **kw: Any) -> subprocess.CompletedProcess[str]:
    if not os.path.isabs(args[0]):
        require_tool(args[0])
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT, **kw)


def probe(env: dict[str, str], *args: str) -> dict[str, Any]:
    done = run(env, [sys.executable, "-m", "tests.e2e.dbus_probe", *args])
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def ctl(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run(env, [sys.executable, "-c", CLI, "ctl", *args])


def history(app: RunningApp, provider: str) -> list[dict[str, Any]]:
    done = app.cli("history", "--json", "--provider", provider)
    assert done.returncode == 0, done.stderr
    rows: list[dict[str, Any]] = json.loads(done.stdout)
    return rows


def journal_rows(app: RunningApp, provider: str) -> list[HistoryRow]:
    with Journal(app.home / "data" / "journal.sqlite3", clock=SystemClock()) as journal:
        return journal.history(provider_id=provider, limit=2000)


@pytest.fixture(scope="module")
def session_bus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with private_bus(tmp_path_factory.mktemp("bus")) as running:
        yield running.address


def _start(home: Path, bus: str, *args: str, prefs: dict[str, str] | None = None) -> RunningApp:
    env = app_env(home, DBUS_SESSION_BUS_ADDRESS=bus)
    for key, value in (prefs or {}).items():
        done = run(env, [str(Path(sys.executable).with_name("popup-client")), "prefs", "set", key, value])
        assert done.returncode == 0, done.stderr
    return start_app(home, *args, env=env)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, session_bus: str) -> Iterator[RunningApp]:
    """One app for the module; every test uses an app name of its own.

    Service popups stay until closed (``timeout_seconds.service = 0``), so what a
    test reads back never depends on how fast a loaded machine runs it.
    """
    prefs = {"opt_out.providers": '["desktop.blocked"]', "timeout_seconds.service": "0"}
    running = _start(tmp_path_factory.mktemp("app"), session_bus, prefs=prefs)
    yield running
    assert running.stop() == 0, running.output()
    wait_names_free(session_bus)


@pytest.fixture
def lone_bus(tmp_path: Path) -> Iterator[str]:
    """A bus for one test, for tests that need the notification name to themselves."""
    where = tmp_path / "bus"
    where.mkdir()
    with private_bus(where) as running:
        yield running.address


# ------------------------------------------------------------------ notify-send and gdbus


def test_notify_send_shows_a_popup_recorded_in_the_history(app: RunningApp) -> None:
    done = run(app.env, ["notify-send", "-a", "Demo", "你好", "世界"])
    assert done.returncode == 0, done.stderr
    (row,) = history(app, "desktop.demo")
    assert (row["title"], row["decision"], row["kind"], row["transport"], row["verified"]) == (None, "show", "service", "dbus", False)
    assert [e["type"] for e in row["events"]] == ["display"] and row["text_kept"] is False  # docs/privacy.md
    text = app.cli("history", "--provider", "desktop.demo")
    assert "Demo (desktop.demo) service: show" in text.stdout and "    (text not kept)" in text.stdout


def test_a_one_time_code_leaves_no_trace_in_the_running_apps_journal(app: RunningApp) -> None:
    done = run(app.env, ["notify-send", "-a", "Bank", "登录验证码", "您的验证码是 839201，5 分钟内有效"])
    assert done.returncode == 0, done.stderr
    (row,) = history(app, "desktop.bank")
    assert row["decision"] == "show" and row["text_kept"] is False
    files = [app.home / "data" / f"journal.sqlite3{suffix}" for suffix in ("", "-wal", "-shm")]
    assert (app.home / "data" / "journal.sqlite3-wal").exists()  # the app holds it open: the WAL is read as it is
    raw = b"".join(path.read_bytes() for path in files if path.exists())
    assert b"839201" not in raw and "验证码".encode() not in raw


@contextmanager
def service_text_kept(app: RunningApp) -> Iterator[None]:
    """The user keeps the text of service popups (the app reads the change at the next popup)."""
    assert app.cli("prefs", "set", "privacy.keep_service_text", "true").returncode == 0
    try:
        yield
    finally:
        assert app.cli("prefs", "reset", "privacy.keep_service_text").returncode == 0


def test_notify_send_app_name_icon_urgency_and_category(app: RunningApp, tmp_path: Path) -> None:
    icon = tmp_path / "mail.png"
    icon.write_bytes(png_bytes(64, 64, (20, 90, 200)))
    with service_text_kept(app):
        done = run(app.env, ["notify-send", "-p", "-a", "Mailer", "-i", str(icon), "-u", "critical", "-c", "email.arrived", "新邮件", "来自 <b>张三</b>"])
    assert done.returncode == 0, done.stderr
    nid = int(done.stdout)
    (row,) = history(app, "desktop.mailer")
    sender = row["sender"]
    assert sender["dbus_id"] == nid and sender["dbus_name"].startswith(":")
    assert isinstance(sender["pid"], int) and sender["exe"].endswith("/notify-send")
    assert (sender["app_name"], sender["urgency"], sender["category"]) == ("Mailer", "critical", "email.arrived")
    (journaled,) = journal_rows(app, "desktop.mailer")
    payload = json.loads(journaled.payload or "{}")
    assert payload["body"] == "来自 张三"
    assert payload["provider"]["icon"].startswith("<image sha256:")


def test_gdbus_image_data(app: RunningApp) -> None:
    pixels = ", ".join(str(v) for _ in range(4) for v in (200, 30, 30, 255))
    with service_text_kept(app):
        done = run(
            app.env,
            ["gdbus", "call", "--session", "--dest", "org.freedesktop.Notifications", "--object-path", "/org/freedesktop/Notifications",
             "--method", "org.freedesktop.Notifications.Notify", "--", "Painter", "0", "", "图", "", "[]",
             f"{{'image-data': <(2, 2, 8, true, 8, 4, [byte {pixels}])>}}", "-1"],
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("(uint32 ")
    (row,) = journal_rows(app, "desktop.painter")
    assert row.decision == "show"
    assert json.loads(row.payload or "{}")["image"].startswith("<image sha256:")


def test_notify_send_replaces_in_place(app: RunningApp) -> None:
    first = run(app.env, ["notify-send", "-p", "-a", "Progress", "下载中", "10%"])
    nid = first.stdout.strip()
    second = run(app.env, ["notify-send", "-p", "-a", "Progress", "-r", nid, "下载中", "90%"])
    assert second.returncode == 0 and second.stdout.strip() == nid
    new, old = history(app, "desktop.progress")
    assert old["events"][-1]["how"] == "replaced"  # on screen or still queued, replaced where it was
    assert all(e["type"] != "close" for e in new["events"])
    listed = json.loads(ctl(app.env, "list", "--json").stdout)
    assert [(p["dbus_id"], p["provider_id"]) for p in listed if p["provider_id"] == "desktop.progress"] == [(int(nid), "desktop.progress")]


# ------------------------------------------------------------------ the wire, seen by a Python client


def test_server_information_and_capabilities_signatures(app: RunningApp) -> None:
    result = probe(app.env, "info")
    assert result["info"]["signature"] == "ssss"
    assert result["info"]["body"][0] == "popup-client" and result["info"]["body"][3] == "1.3"
    assert result["capabilities"]["signature"] == "as"
    assert "body-markup" not in result["capabilities"]["body"][0] and "actions" in result["capabilities"]["body"][0]


def test_close_notification(app: RunningApp) -> None:
    result = probe(app.env, "notify", "--app", "Closer", "--close")
    assert result["reply"]["signature"] == "u"
    nid = result["reply"]["body"][0]
    assert result["close_reply"] == {"type": "method_return", "member": None, "signature": "", "body": []}
    assert result["signals"] == [{"type": "signal", "member": "NotificationClosed", "signature": "uu", "body": [nid, 3]}]
    (row,) = history(app, "desktop.closer")
    assert row["events"][-1] == {**row["events"][-1], "type": "close", "how": "api"}


def test_expiry(app: RunningApp) -> None:
    assert ctl(app.env, "dismiss", "--all").returncode == 0  # so it is not queued behind earlier popups
    result = probe(app.env, "notify", "--app", "Brief", "--expire", "300", "--wait", "10")
    nid = result["reply"]["body"][0]
    assert result["signals"] == [{"type": "signal", "member": "NotificationClosed", "signature": "uu", "body": [nid, 1]}]
    assert history(app, "desktop.brief")[0]["events"][-1]["how"] == "timeout"


def test_opted_out_notifications_close_at_once_with_reason_4(app: RunningApp) -> None:
    result = probe(app.env, "notify", "--app", "Blocked")
    nid = result["reply"]["body"][0]
    assert result["reply"]["signature"] == "u" and nid > 0
    assert result["signals"] == [{"type": "signal", "member": "NotificationClosed", "signature": "uu", "body": [nid, 4]}]
    (row,) = history(app, "desktop.blocked")
    assert (row["decision"], row["rules"], row["events"]) == ("suppress", ["opted-out"], [])


def test_ctl_against_the_running_app(app: RunningApp) -> None:
    run(app.env, ["notify-send", "-a", "Ctl", "控制"])
    listed = json.loads(ctl(app.env, "list", "--json").stdout)
    (mine,) = [p for p in listed if p["provider_id"] == "desktop.ctl"]
    assert ctl(app.env, "dismiss", str(mine["id"])).returncode == 0
    assert history(app, "desktop.ctl")[0]["events"][-1]["how"] == "api"
    paused = ctl(app.env, "pause", "1h")
    assert paused.returncode == 0 and paused.stdout.startswith("paused until ")
    result = probe(app.env, "notify", "--app", "Ctl")
    assert result["signals"][0]["body"][1] == 4
    assert ctl(app.env, "resume").returncode == 0
    assert history(app, "desktop.ctl")[0]["rules"] == ["paused"]
    rows = json.loads(ctl(app.env, "history", "--limit", "2", "--json").stdout)
    assert rows[0]["provider_id"] == "desktop.ctl" and rows[0]["sender"]["dbus_name"].startswith(":")


# ------------------------------------------------------------------ a flood


def test_a_flood_of_1000_calls_from_one_sender(tmp_path: Path, lone_bus: str) -> None:
    flood_app = _start(tmp_path, lone_bus)
    try:
        result = probe(flood_app.env, "flood", "1000", "--app", "Flood", "--expect-closed", "990", "--wait", "20")
        assert result["answered"] == 1000 and result["refused"] == []
        assert result["reply_signatures"] == ["u"] and result["unique_ids"] == 1000
        assert result["next_call_ms"] < 200 and result["next_call_signature"] == "ssss"
        assert result["closed_signatures"] == ["uu"] and {r for _, r in result["closed"]} == {4}
        assert len(result["closed"]) == 990
        rows = journal_rows(flood_app, "desktop.flood")
        assert len(rows) == 1000
        shown = [r for r in rows if r.decision == "show"]
        assert len(shown) == 10 and {r.rules for r in rows if r.decision == "suppress"} == {("frequency-cap",)}
        listed = json.loads(ctl(flood_app.env, "list", "--json").stdout)
        assert len(listed) == 10 and sum(p["on_screen"] for p in listed) == 3  # max_visible; the rest wait
    finally:
        assert flood_app.stop() == 0, flood_app.output()


# ------------------------------------------------------------------ owning the name


def _owner(bus: str, flags: int) -> subprocess.Popen[str]:
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": bus}
    proc = subprocess.Popen([sys.executable, "-c", NAME_OWNER_SCRIPT, "org.freedesktop.Notifications", str(flags)], env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "owned"
    return proc


def test_a_taken_name_is_left_to_its_owner_and_the_control_name_is_served(tmp_path: Path, lone_bus: str) -> None:
    """Without --replace the app goes on without the notification name; `popup-client ctl` reaches it."""
    owner = _owner(lone_bus, 0)
    try:
        app = _start(tmp_path, lone_bus)
        try:
            assert f"pid {owner.pid}" in app.output() and os.path.realpath(sys.executable) in app.output()
            assert ctl(app.env, "pause", "10m").returncode == 0
            sent = app.cli("send", "--json", str(ROOT / "resources" / "examples" / "valid-service.json"))
            assert sent.returncode == 0 and json.loads(sent.stdout)["rules"] == ["paused"], sent.stdout + sent.stderr
        finally:
            assert app.stop() == 0, app.output()
        assert owner.poll() is None, "the owner never lost its name"
    finally:
        owner.kill()
        owner.communicate()


def test_replace_takes_the_name_over(tmp_path: Path, lone_bus: str) -> None:
    owner = _owner(lone_bus, 1)  # ALLOW_REPLACEMENT
    try:
        taken = _start(tmp_path, lone_bus, "--replace")
        try:
            assert owner.stdout is not None and owner.stdout.readline().strip() == "lost"
            assert probe(taken.env, "info")["info"]["body"][0] == "popup-client"
        finally:
            assert taken.stop() == 0, taken.output()
    finally:
        owner.kill()
        owner.communicate()


# ------------------------------------------------------------------ a click on an action button


def test_a_click_on_an_action_button_reaches_notify_send(tmp_path: Path, lone_bus: str, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from popup_client.app import Application, RunOptions

    env = app_env(tmp_path, DBUS_SESSION_BUS_ADDRESS=lone_bus)
    for key in ("DBUS_SESSION_BUS_ADDRESS", "POPUP_CLIENT_CONFIG_DIR", "POPUP_CLIENT_DATA_DIR", "POPUP_CLIENT_SOCKET"):
        monkeypatch.setenv(key, env[key])
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    application = Application(qapp, RunOptions())
    application.start()
    require_tool("notify-send")
    sender = subprocess.Popen(
        ["notify-send", "-a", "Chat", "-A", "reply=回复", "-A", "later=稍后", "新消息", "晚上一起吃饭？"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        qtbot.waitUntil(lambda: len(application.stack.visible_receipts()) == 1, timeout=15000)
        (receipt,) = application.stack.visible_receipts()
        window = application.stack.window_of(receipt)
        assert window is not None
        buttons = {b.text(): b for b in window.action_buttons if b.isVisible()}
        assert set(buttons) == {"回复", "稍后"}
        qtbot.mouseClick(buttons["回复"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: sender.poll() is not None, timeout=15000)
        out, err = sender.communicate()
        assert sender.returncode == 0, err
        assert out.strip() == "reply"
        assert application.stack.visible_receipts() == []
        row = application.service.journal.get(receipt)
        assert row is not None and [(e.type, e.detail) for e in row.events][1:] == [("action", {"action": "reply"}), ("close", {"how": "button"})]
    finally:
        if sender.poll() is None:
            sender.kill()
            sender.communicate()
        application.stop()
