"""The application object in-process: wiring, pause and resume, demo payloads, dialogs open."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from popup_client.app import Application, RunOptions
from popup_client.demo import demo_payloads
from popup_client.core.rules import Sender
from popup_client.service import PopupService


@pytest.fixture
def application(qtbot: QtBot, qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("POPUP_CLIENT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("POPUP_CLIENT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("POPUP_CLIENT_SOCKET", f"popup-client-apptest-{tmp_path.name}")
    app = Application(qapp, RunOptions(dbus=False))
    app.start()
    yield app
    app.stop()


def test_demo_payloads_are_all_accepted_now(tmp_path: Path) -> None:
    from tests.helpers.service import make_service

    now = datetime.now(timezone.utc)
    service, _ = make_service(tmp_path, now=now)
    payloads = demo_payloads(now)
    assert {p["kind"] for p in payloads} == {"ad", "news", "content", "service"}
    for payload in payloads:
        assert service.lint(payload) == [], payload["id"]


def test_submissions_reach_the_stack(application: Application, qtbot: QtBot) -> None:
    payload = demo_payloads(application.service.now())[3]
    rid = application.service.submit(payload, Sender("test", verified=True)).receipt_id
    assert application.stack.visible_receipts() == [], "queued: the caller is answered first"
    qtbot.waitUntil(lambda: application.stack.visible_receipts() == [rid], timeout=2000)
    open_popup = application.service.open.get(rid)
    assert open_popup is not None and open_popup.on_screen, "the stack said so through its signal"
    application.service.request_close(rid)
    qtbot.waitUntil(lambda: rid not in application.service.open, timeout=2000)
    assert application.stack.visible_receipts() == []


def test_popups_still_queued_when_the_app_stops_are_closed(qapp, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("POPUP_CLIENT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("POPUP_CLIENT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("POPUP_CLIENT_SOCKET", f"popup-client-apptest-{tmp_path.name}")
    app = Application(qapp, RunOptions(dbus=False))
    app.start()
    rid = app.service.submit(demo_payloads(app.service.now())[3], Sender("test", verified=True)).receipt_id
    app.stop()  # before the event loop delivered the show
    from popup_client.core.clock import SystemClock
    from popup_client.core.journal import Journal
    from popup_client.core.paths import journal_path

    journal = Journal(journal_path(), clock=SystemClock())
    row = journal.get(rid)
    journal.close()
    qtbot.wait(50)  # the show still queued reaches the stack, closed, and is dropped
    assert rid not in app.service.open and app.stack.visible_receipts() == []
    assert row is not None and [(e.type, e.detail.get("how")) for e in row.events] == [("close", "api")]


def test_pause_and_resume(application: Application) -> None:
    service: PopupService = application.service
    application.pause(timedelta(hours=1))
    assert application.is_paused()
    until = service.prefs.paused_until
    assert until is not None and timedelta(minutes=59) < until - service.now() <= timedelta(hours=1)
    payload = demo_payloads(service.now())[0]
    assert service.decide(payload, Sender("test")).rules == ("paused",)
    application.resume()
    assert not application.is_paused() and service.decide(payload, Sender("test")).decision == "show"
    application.pause_until_tomorrow()
    local = service.prefs.paused_until.astimezone()  # type: ignore[union-attr]
    assert (local.hour, local.minute) == (8, 0) and local.date() == (service.now().astimezone() + timedelta(days=1)).date()


def test_a_second_instance_cannot_listen(application: Application, qapp) -> None:  # type: ignore[no-untyped-def]
    from popup_client.app import StartupError

    second = Application(qapp, RunOptions(dbus=False))
    with pytest.raises(StartupError, match="already running"):
        second.start()
    second.stop()


def test_local_api_limits_come_from_the_preferences(qtbot: QtBot, qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("POPUP_CLIENT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("POPUP_CLIENT_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "preferences.toml").write_text(
        "[local_api]\nidle_timeout_seconds = 5\nmax_connections = 7\nmax_request_kib = 2048\n", encoding="utf-8"
    )
    app = Application(qapp, RunOptions(dbus=False))
    try:
        assert (app.socket.idle_timeout, app.socket.max_connections, app.socket.max_line_bytes) == (5.0, 7, 2048 * 1024)
    finally:
        app.stop()


def test_full_text_opens_the_history_on_that_popup_and_reduce_motion_applies(application: Application, qtbot: QtBot) -> None:
    """Large text's 「全文」 on a popup: the history window, that popup selected; appearance.reduce_motion turns Qt's effects off."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    application.service.set_pref("appearance.text_size", "200")
    payload = demo_payloads(application.service.now())[1]
    rid = application.service.submit(payload, Sender("test", verified=True)).receipt_id
    qtbot.waitUntil(lambda: application.stack.visible_receipts() == [rid], timeout=2000)
    window = application.stack.window_of(rid)
    assert window is not None and window.text_scale() == 2.0
    window.full_text_button.click()
    history = application._dialogs["history"]
    qtbot.waitUntil(history.isVisible, timeout=2000)
    assert history.selected_row() is not None and history.selected_row().id == rid  # type: ignore[union-attr]
    QApplication.setEffectEnabled(Qt.UIEffect.UI_General, True)
    application.service.set_pref("appearance.reduce_motion", "true")
    assert not QApplication.isEffectEnabled(Qt.UIEffect.UI_General)
    application.service.set_pref("appearance.reduce_motion", "false")


def test_the_running_app_prunes_a_chunk_per_turn_of_the_loop(application: Application, qtbot: QtBot) -> None:
    from popup_client.app import PRUNE_FIRST_MS
    from popup_client.core.journal.retention import CHUNK
    from popup_client.service_history import PRUNE_IDLE_S
    from tests.core.journal.privacy_rows import receipt

    journal = application.service.journal
    old = application.service.now() - timedelta(days=8)
    with journal.batch():
        for n in range(CHUNK + 5):
            journal.record_receipt(receipt("service", old, n=n))
    assert application.pruning.isActive() and application.pruning.interval() == PRUNE_FIRST_MS
    application.pruning.start(0)
    qtbot.waitUntil(lambda: journal.history(limit=1) == [], timeout=5000)
    qtbot.waitUntil(lambda: application.pruning.interval() == int(1000 * PRUNE_IDLE_S), timeout=5000)
