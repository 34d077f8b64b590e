"""The D-Bus server with its real icon resolver, against hostile icon paths and names (issue 12, item 2).

A FIFO named as an icon (a path, an ``image-path`` hint, a ``file://`` URI)
is never opened by anyone: a writer standing by would notice (before the
fix, Qt opened it on the Qt thread and waited there for a writer). An icon
*name* is looked up in the icon theme's folders on the image worker, and a
huge file planted there is refused by its size, with the reason recorded.
Meanwhile other callers are answered at once. The end-to-end version, with
the real app and ``notify-send``, is ``tests/e2e/test_app_hostile_icons.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.clock import FixedClock
from popup_client.transports.dbus.server import NotificationServer
from tests.helpers.rules import EXAMPLES_NOW
from tests.transports.dbus.fixtures import BusClient, FakeStack, bus, make_service, needs_dbus, notify_msg, wait_names_free, wait_reply

__all__ = ["bus"]  # the module's private bus

pytestmark = [needs_dbus, pytest.mark.timeout(60)]

ANSWER_WITHIN_S = 0.100


#: Stands by at a FIFO (argv[1]) as a writer; says "opened" each time a reader opens it, writes a byte, closes.
WRITER_SCRIPT = """
import errno, os, sys, time
while True:
    try:
        fd = os.open(sys.argv[1], os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno != errno.ENXIO:
            raise
        time.sleep(0.002)  # nobody reads: opening for writing fails at once
        continue
    print("opened", flush=True)
    os.write(fd, b"x")
    os.close(fd)
"""


class FifoWatch:
    """A writer standing by at a FIFO, in a process of its own: it notices whenever anybody opens it for reading.

    Its own process, because a reader that blocks inside Qt holds the GIL:
    no thread of this process could let it go, nor time the test out. The
    writer lets it go, so a regression fails the test instead of hanging it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.opened = 0
        self._proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> FifoWatch:
        self._proc = subprocess.Popen([sys.executable, "-c", WRITER_SCRIPT, str(self.path)], stdout=subprocess.PIPE, text=True)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._proc is not None
        self._proc.terminate()
        out, _ = self._proc.communicate(timeout=10)
        self.opened = out.split().count("opened")


@pytest.fixture
def icon_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty home and data folders: the server's icon theme is this test's alone."""
    home = tmp_path / "home"
    (home / ".local" / "share" / "icons").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_DATA_DIRS", str(tmp_path / "no-system-data"))
    return home / ".local" / "share" / "icons"


@pytest.fixture
def served(tmp_path: Path, bus: str, icon_home: Path, qtbot: Any) -> Iterator[tuple[FakeStack, BusClient, BusClient]]:
    """A server with its real icon resolver, a hostile client and another one."""
    service = make_service(tmp_path, FixedClock(EXAMPLES_NOW))
    stack = FakeStack(service)
    server = NotificationServer(service)
    server.start()
    hostile, other = BusClient(bus), BusClient(bus)
    try:
        yield stack, hostile, other
    finally:
        hostile.close()
        other.close()
        server.stop()
        wait_names_free(bus)


def answered_in(qtbot: Any, client: BusClient, **kw: Any) -> float:
    started = time.perf_counter()
    wait_reply(qtbot, client.call(notify_msg(**kw)), timeout=5)
    return time.perf_counter() - started


def notes_of(stack: FakeStack, title: str) -> list[str]:
    (shown,) = [s for s in stack.visible.values() if s.popup is not None and s.popup.title == title]
    notes: list[str] = shown.sender.details.get("notes", [])
    return notes


@pytest.mark.parametrize("form", ["app_icon", "image-path", "file-uri"])
def test_a_fifo_named_as_an_icon_is_never_opened(served: tuple[FakeStack, BusClient, BusClient], tmp_path: Path, qtbot: Any, form: str) -> None:
    stack, hostile, other = served
    fifo = tmp_path / "icon.png"
    os.mkfifo(fifo)
    kw: dict[str, Any] = {"app_icon": str(fifo)} if form == "app_icon" else {}
    if form == "image-path":
        kw["hints"] = {"image-path": ("s", str(fifo))}
    elif form == "file-uri":
        kw["hints"] = {"image_path": ("s", fifo.as_uri())}
    with FifoWatch(fifo) as watch:
        pending = hostile.call(notify_msg("带图标", app_name="Hostile", **kw))
        times = [answered_in(qtbot, other, summary=f"探针{i}", app_name="Other") for i in range(3)]
        wait_reply(qtbot, pending, timeout=5)
        times.append(answered_in(qtbot, other, summary="探针", app_name="Other"))
    assert watch.opened == 0, f"the FIFO was opened for reading {watch.opened} times"
    assert max(times) <= ANSWER_WITHIN_S, times
    (note,) = notes_of(stack, "带图标")
    assert "is a FIFO, not a regular file" in note


def test_a_huge_file_in_the_icon_theme_is_refused_by_its_size(served: tuple[FakeStack, BusClient, BusClient], icon_home: Path, qtbot: Any) -> None:
    stack, hostile, _ = served
    theme = icon_home / "hicolor"
    (theme / "128x128" / "apps").mkdir(parents=True)
    (theme / "index.theme").write_text("[Icon Theme]\nName=Hicolor\nDirectories=128x128/apps\n\n[128x128/apps]\nSize=128\nType=Threshold\n", encoding="utf-8")
    with (theme / "128x128" / "apps" / "huge-logo.svg").open("wb") as out:
        out.truncate(85 * 1024 * 1024)  # the 85 MB SVG (sparse: it costs the disk nothing)
    wait_reply(qtbot, hostile.call(notify_msg("主题图标", app_name="Hostile", app_icon="huge-logo")), timeout=5)
    (note,) = notes_of(stack, "主题图标")
    assert note.startswith("app_icon 'huge-logo' dropped: is 85 MiB, more than the 8 MiB limit"), note


def test_an_icon_name_that_climbs_out_of_the_icon_folders_names_nothing(served: tuple[FakeStack, BusClient, BusClient], qtbot: Any) -> None:
    stack, hostile, _ = served
    wait_reply(qtbot, hostile.call(notify_msg("爬出", app_name="Hostile", app_icon="../../../../../../dev/zero")), timeout=5)
    (note,) = notes_of(stack, "爬出")
    assert "is neither an absolute path, a file:// URI nor an icon name" in note
