"""The keyboard's ``ctl`` commands end to end: the real command line, the private bus, the real stack and windows.

``popup-client ctl focus-newest | close-newest | close-all | report-newest``
as a desktop shortcut runs them: in their own process, over D-Bus, to the
server, the service, the wiring's queued signals, the stack and the
windows; then real key events in the focused popup.
"""

from __future__ import annotations

import json
import sys
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
from popup_client.transports.dbus.server import NotificationServer
from popup_client.transports.socket.server import SocketServer
from popup_client.ui.stack import PopupStack
from popup_client.wiring import connect_stack
from tests.cli.test_ctl import CLI
from tests.helpers.rules import EXAMPLES_NOW
from tests.transports.dbus.fixtures import bus, make_service, needs_dbus, run_client, start_server, wait_names_free
from tests.ui.test_keyboard import editor, focus_to

__all__ = ["bus", "editor"]  # fixtures: the module's private bus, the user's window holding the keyboard

pytestmark = needs_dbus

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
    server: NotificationServer | SocketServer  # the socket's in tests/cli/test_ctl_socket.py
    reports: list[int]

    def show(self, doc: dict[str, Any], n: int) -> int:
        rid = self.service.submit({**doc, "id": f"k-{n}"}, SENDER).receipt_id
        QApplication.processEvents()
        return rid


def stacked(service: PopupService) -> tuple[PopupStack, list[int]]:
    """The real stack wired to ``service``, popups never timing out; the receipts it asks to report."""
    service.set_pref("timeout_seconds.ad", "0")
    service.set_pref("timeout_seconds.content", "0")
    stack = PopupStack(service.prefs, screen=lambda: Screen())  # type: ignore[arg-type, return-value]
    connect_stack(service, stack)
    reports: list[int] = []
    stack.report_requested.connect(reports.append)  # the app opens the report dialog here
    return stack, reports


@pytest.fixture
def app(tmp_path: Path, bus: str, qtbot: Any) -> Iterator[App]:
    service = make_service(tmp_path, FixedClock(EXAMPLES_NOW))
    stack, reports = stacked(service)
    server = start_server(service)
    try:
        yield App(service, stack, server, reports)
    finally:
        stack.close_all()
        server.stop()
        wait_names_free(bus)


def ctl(qtbot: Any, *args: str) -> Any:
    return run_client(qtbot, [sys.executable, "-c", CLI, "ctl", *args])


def test_focus_newest_then_keys_close_it_and_the_keyboard_comes_back(
    app: App, qtbot: Any, editor: QLineEdit, ad: dict[str, Any], content: dict[str, Any]
) -> None:
    older, newest = app.show(ad, 1), app.show(content, 2)
    focus_to(qtbot, editor)  # the user types elsewhere: the popups took nothing
    assert not app.stack.window_of(newest).has_keyboard()
    done = ctl(qtbot, "focus-newest")
    assert done.rc == 0, done.err
    assert done.out.startswith(f"focused #{newest}:")
    window = app.stack.window_of(newest)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.close_button)
    assert QGuiApplication.focusWindow() is window.windowHandle()
    qtbot.keyClick(window.close_button, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert app.stack.visible_receipts() == [older]
    assert [e.type + e.detail.get("how", "") for e in app.service.journal.get(newest).events] == ["display", "closeesc"]  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)


def test_report_newest_close_newest_and_close_all(app: App, qtbot: Any, ad: dict[str, Any], content: dict[str, Any]) -> None:
    first, second, third = app.show(ad, 1), app.show(content, 2), app.show(ad, 3)
    done = ctl(qtbot, "report-newest")
    assert (done.rc, done.out.strip()) == (0, f"reporting #{third}")
    qtbot.waitUntil(lambda: app.reports == [third])
    done = ctl(qtbot, "close-newest")
    assert (done.rc, done.out.strip()) == (0, f"closed #{third}")
    qtbot.waitUntil(lambda: app.stack.visible_receipts() == [first, second])
    listed = json.loads(ctl(qtbot, "list", "--json").out)
    assert [p["id"] for p in listed] == [first, second]
    done = ctl(qtbot, "close-all")
    assert (done.rc, done.out.strip()) == (0, "closed 2 popups")
    qtbot.waitUntil(lambda: app.stack.visible_receipts() == [])


def test_nothing_on_screen(app: App, qtbot: Any) -> None:
    for action in ("focus-newest", "close-newest", "report-newest"):
        done = ctl(qtbot, action)
        assert (done.rc, done.err.strip()) == (1, "popup-client: error: no popup on screen"), action
    done = ctl(qtbot, "close-all")
    assert (done.rc, done.out.strip()) == (0, "closed 0 popups")
