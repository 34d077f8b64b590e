"""Docks the X work area does not account for: found on a real X server (Xvfb + trayer, as scripts/run starts them),
taken off the area the x11 placer gives the stack, which lays out again when they change."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from popup_client.core.journal import CloseHow
from popup_client.core.rules import Sender
from popup_client.ui.placement.geometry import Rect
from popup_client.ui.placement.placers import QtPlacer
from popup_client.ui.placement.x11_docks import CACHE_SECONDS, DockFinder
from popup_client.ui.stack import PopupStack
from popup_client.wiring import connect_stack
from tests.helpers.service import make_service
from tests.helpers.xvfb import xvfb


class FakeDocks(DockFinder):
    def __init__(self, *docks: Rect) -> None:
        super().__init__()
        self.found = list(docks)
        self.asked = 0

    def docks(self) -> list[Rect]:
        self.asked += 1
        return list(self.found)


def test_the_x11_placer_keeps_the_area_clear_of_docks_and_says_when_they_change(qapp: Any, qtbot: Any) -> None:
    screen = qapp.primaryScreen().availableGeometry()
    right = screen.x() + screen.width()
    tray = FakeDocks(Rect(right - 2, screen.y(), 2, 26))  # trayer before any icon docked
    placer = QtPlacer("x11", docks=tray)
    assert placer.area() == Rect(screen.x(), screen.y() + 26, screen.width(), screen.height() - 26)
    assert placer.area_is_exposed(), "the docks say where the panel is: the usual margin"
    placer._check_docks()
    tray.found = [Rect(right - 24, screen.y(), 24, 64)]  # an icon docked; a taller tray
    with qtbot.waitSignal(placer.area_changed, timeout=1000):
        placer._check_docks()
    assert placer.area().y == screen.y() + 64
    with qtbot.assertNotEmitted(placer.area_changed):
        placer._check_docks()
    placer.close()


def test_docks_are_watched_only_while_popups_are_on_screen(qtbot: Any, tmp_path: Path, service_popup: dict[str, Any]) -> None:
    """An idle app neither polls the X server every DOCK_POLL_MS nor connects to it (python-xlib: ~5 MiB)."""
    service, _ = make_service(tmp_path)
    tray = FakeDocks()
    placer = QtPlacer("x11", docks=tray)
    stack = PopupStack(service.prefs, placer=placer)
    connect_stack(service, stack)
    QCoreApplication.processEvents()
    assert tray.asked == 0 and not placer._dock_timer.isActive(), "nothing on screen: the docks are not asked"
    receipt = service.submit({**service_popup, "id": "dock-1"}, Sender("test", verified=True)).receipt_id
    qtbot.waitUntil(lambda: bool(stack.visible_receipts()))
    assert tray.asked == 1 and placer._dock_timer.isActive(), "a popup is placed clear of the docks, and they are watched"
    more = [service.submit({**service_popup, "id": f"dock-{n}"}, Sender("test", verified=True)).receipt_id for n in (2, 3)]
    qtbot.waitUntil(lambda: len(stack.visible_receipts()) == 3)
    assert tray.asked == 1, "popups placed meanwhile use the docks known: no X round trips on their way to the screen"
    placer._check_docks()  # what the timer does every DOCK_POLL_MS
    assert tray.asked == 2
    for rid in (receipt, *more):
        stack.close_receipt(rid, CloseHow.BUTTON)
    qtbot.waitUntil(lambda: not stack.visible_receipts())
    assert not placer._dock_timer.isActive(), "the stack emptied: no more polling"
    stack.close_all()
    placer.close()


def test_other_mechanisms_do_not_look_for_docks(qapp: Any) -> None:
    assert QtPlacer("window")._docks is None and QtPlacer("xwayland")._docks is None


def test_without_a_display_there_are_no_docks() -> None:
    finder = DockFinder("no display here")
    assert finder.docks() == [] and finder.docks() == []
    finder.close()


needs_x = pytest.mark.skipif(
    shutil.which("Xvfb") is None or shutil.which("trayer") is None, reason="needs Xvfb and trayer (scripts/test installs them)"
)


@pytest.fixture
def xserver() -> Iterator[str]:
    with xvfb() as name:
        yield name


@needs_x
def test_trayer_on_xvfb_is_found_where_it_is(xserver: str) -> None:
    tray = subprocess.Popen(
        ["trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel", "--width", "120", "--heighttype", "pixel", "--height", "40"],
        env={"DISPLAY": xserver, "PATH": "/usr/bin:/bin"},
        stderr=subprocess.DEVNULL,
    )
    finder = DockFinder(xserver)
    try:
        deadline = time.monotonic() + 10
        while not (docks := finder.docks()):
            assert time.monotonic() < deadline, "trayer's window was not found"
            time.sleep(CACHE_SECONDS)
        assert docks == [Rect(1160, 0, 120, 40)]
    finally:
        finder.close()
        tray.terminate()
        tray.wait(timeout=10)
