"""``popup-client ctl`` where there is no D-Bus (Windows, macOS): the real command line, over the local socket.

The session bus address points nowhere, so ``ctl`` falls back to the app's
socket (found through ``POPUP_CLIENT_SOCKET`` as ``send`` finds it); the real
socket server, the service, the wiring's queued signals, the stack and its
windows do the rest. The output and the exit codes are those of the D-Bus way.
"""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from popup_client.core.clock import FixedClock
from popup_client.core.rules import Sender
from popup_client.service import PopupService
from popup_client.transports.socket.client import SOCKET_ENV, socket_address
from popup_client.transports.socket.server import SocketServer
from popup_client.ui.stack import PopupStack
from popup_client.wiring import connect_stack
from tests.cli.test_ctl import CLI
from tests.helpers.rules import EXAMPLES_NOW
from tests.helpers.service import make_service
from tests.transports.dbus.fixtures import run_client
from tests.ui.test_keyboard import editor, focus_to

__all__ = ["editor"]  # fixture: the user's window holding the keyboard

SENDER = Sender("test", verified=True)


class Screen:
    def availableGeometry(self) -> QRect:  # noqa: N802 - Qt's name
        return QRect(0, 0, 1920, 1040)

    def geometry(self) -> QRect:
        return QRect(0, 0, 1920, 1080)


@dataclass
class App:
    service: PopupService
    stack: PopupStack
    server: SocketServer
    reports: list[int]

    def show(self, doc: dict[str, Any], n: int) -> int:
        rid = self.service.submit({**doc, "id": f"s-{n}"}, SENDER).receipt_id
        QApplication.processEvents()
        return rid


@pytest.fixture
def no_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """No session bus to be had; the socket's name, this test's own."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    name = f"popup-client-test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv(SOCKET_ENV, name)
    return name


@pytest.fixture
def app(tmp_path: Path, no_bus: str, qtbot: Any) -> Iterator[App]:
    service, _clock = make_service(tmp_path, now=EXAMPLES_NOW)
    service.set_pref("timeout_seconds.ad", "0")
    service.set_pref("timeout_seconds.content", "0")
    stack = PopupStack(service.prefs, screen=lambda: Screen())  # type: ignore[arg-type, return-value]
    connect_stack(service, stack)
    reports: list[int] = []
    stack.report_requested.connect(reports.append)  # the app opens the report dialog here
    server = SocketServer(service, name=no_bus)
    assert server.listen()
    try:
        yield App(service, stack, server, reports)
    finally:
        stack.close_all()
        server.close()


def ctl(qtbot: Any, *args: str) -> Any:
    return run_client(qtbot, [sys.executable, "-c", CLI, "ctl", *args])


def test_focus_newest_then_keys_close_it(app: App, qtbot: Any, editor: QLineEdit, ad: dict[str, Any], content: dict[str, Any]) -> None:
    older, newest = app.show(ad, 1), app.show(content, 2)
    focus_to(qtbot, editor)
    done = ctl(qtbot, "focus-newest")
    assert done.rc == 0, done.err
    assert done.out.startswith(f"focused #{newest}: Tab walks its buttons")
    window = app.stack.window_of(newest)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.close_button)
    assert QGuiApplication.focusWindow() is window.windowHandle()
    qtbot.keyClick(window.close_button, Qt.Key.Key_Escape)
    assert app.stack.visible_receipts() == [older]


def test_report_newest_close_newest_list_and_close_all(app: App, qtbot: Any, ad: dict[str, Any], content: dict[str, Any]) -> None:
    first, second, third = app.show(ad, 1), app.show(content, 2), app.show(ad, 3)
    done = ctl(qtbot, "report-newest")
    assert (done.rc, done.out.strip()) == (0, f"reporting #{third}"), done.err
    qtbot.waitUntil(lambda: app.reports == [third])
    done = ctl(qtbot, "close-newest")
    assert (done.rc, done.out.strip()) == (0, f"closed #{third}")
    qtbot.waitUntil(lambda: app.stack.visible_receipts() == [first, second])
    listed = json.loads(ctl(qtbot, "list", "--json").out)
    assert [(p["id"], p["transport"], p["on_screen"]) for p in listed] == [(first, "test", True), (second, "test", True)]
    assert f"#{first} " in ctl(qtbot, "list").out
    done = ctl(qtbot, "close-all")
    assert (done.rc, done.out.strip()) == (0, "closed 2 popups")
    qtbot.waitUntil(lambda: app.stack.visible_receipts() == [])
    assert [e.type + e.detail.get("how", "") for e in app.service.journal.get(third).events] == ["display", "closeapi"]  # type: ignore[union-attr]


def test_dismiss_pause_resume_history(app: App, qtbot: Any, ad: dict[str, Any]) -> None:
    rid = app.show(ad, 1)
    assert ctl(qtbot, "dismiss", str(rid)).out.strip() == f"dismissed #{rid}"
    again = ctl(qtbot, "dismiss", str(rid))
    assert again.rc == 1 and f"no open popup #{rid}" in again.err
    done = ctl(qtbot, "pause")
    assert (done.rc, done.out.strip()) == (0, "paused until resumed (`popup-client ctl resume`)")
    assert app.service.prefs.paused_until is not None
    assert ctl(qtbot, "resume").out.strip() == "resumed"
    assert app.service.prefs.paused_until is None
    (row,) = json.loads(ctl(qtbot, "history", "--limit", "1", "--json").out)
    assert (row["id"], row["decision"], row["transport"]) == (rid, "show", "test")


def test_nothing_on_screen(app: App, qtbot: Any) -> None:
    for action in ("focus-newest", "close-newest", "report-newest"):
        done = ctl(qtbot, action)
        assert (done.rc, done.err.strip()) == (1, "popup-client: error: no popup on screen"), action
    assert ctl(qtbot, "close-all").out.strip() == "closed 0 popups"


def test_not_running_anywhere_exits_3_naming_the_socket(no_bus: str, qtbot: Any) -> None:
    done = ctl(qtbot, "close-newest")
    assert done.rc == 3
    assert f"popup-client is not running (no socket at {socket_address(no_bus)})" in done.err
