"""Hostile icon paths against the real app: nothing freezes it, nothing swells it (issue 12, item 2).

``popup-client run`` serves a private session bus. A real ``notify-send``
names a hostile file as its icon, three ways: ``-i PATH`` (``app_icon``),
the ``image-path`` hint, and a ``file://`` URI in the legacy ``image_path``
hint. The files: a FIFO nobody writes, ``/dev/zero``, ``/dev/urandom``, a
40 MB SVG, an SVG entity bomb, an SVG ``<use>`` bomb, a PNG whose header
claims 20000 × 20000, a loop of symbolic links, and two ``/proc`` paths (a
silent pipe of this test process, and ``/proc/self/environ``).

While each is being handled, another client's plain ``Notify`` calls are
answered within 100 ms; the hostile call itself is answered too, its
notification shown without the icon and the reason recorded in the history;
and the app's peak memory (``VmHWM``) stays within :data:`MEMORY_BOUND` of
what it was before the first one. Before the fix, the FIFO and the silent
pipe froze the app for ever (Qt opened them on the UI thread), the 40 MB SVG
froze it for seconds and took hundreds of MB, and the other cases recorded
no reason.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from jeepney import MessageType, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection

from popup_client.transports.dbus.freedesktop import provider_id_for
from tests.e2e.conftest import RunningApp, app_env, start_app
from tests.helpers.images import bomb_png
from tests.transports.dbus.fixtures import NOTIFICATIONS, needs_dbus, notify_msg, private_bus, require_tool, wait_names_free

pytestmark = [pytest.mark.e2e, needs_dbus, pytest.mark.timeout(60)]

#: Every plain Notify of another client is answered within this, whatever the hostile icon.
ANSWER_WITHIN_S = 0.100
#: The hostile call itself is answered within this (it waits, in order, for its icon to be refused).
HOSTILE_ANSWERED_WITHIN_S = 10.0
#: The app's peak resident memory grows by at most this over the whole module.
MEMORY_BOUND = 64 * 1024 * 1024
HUGE_SVG_BYTES = 40 * 1024 * 1024


@dataclass(frozen=True)
class Hostile:
    path: str
    reason: str


def _write_huge_svg(path: Path) -> None:
    line = b'<rect x="1" y="1" width="50" height="50" fill="red"/>\n'
    with path.open("wb") as out:
        out.write(b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">\n')
        block = line * 20_000
        for _ in range(HUGE_SVG_BYTES // len(block) + 1):
            out.write(block)
        out.write(b"</svg>\n")


def _write_billion_laughs(path: Path) -> None:
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE svg [\n' + "\n".join(entities) + "\n]>\n"
        '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><title>&lol9;</title><rect width="64" height="64"/></svg>\n',
        encoding="utf-8",
    )


def _write_use_bomb(path: Path) -> None:
    groups = ['<g id="g0"><rect width="64" height="64" opacity="0.5"/></g>']
    groups += [f'<g id="g{i}">' + f'<use xlink:href="#g{i - 1}"/>' * 10 + "</g>" for i in range(1, 9)]
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64">'
        "<defs>" + "".join(groups) + '</defs><use xlink:href="#g8"/></svg>\n',
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Hostile]]:
    folder = tmp_path_factory.mktemp("hostile")
    os.mkfifo(folder / "fifo.png")
    _write_huge_svg(folder / "huge.svg")
    _write_billion_laughs(folder / "lol.svg")
    _write_use_bomb(folder / "use-bomb.svg")
    (folder / "huge.png").write_bytes(bomb_png(20_000, 20_000))
    (folder / "loop.png").symlink_to(folder / "loop.png")
    silent_read, silent_write = os.pipe()  # the write end stays open and silent: a reader would wait for ever
    try:
        yield {
            "fifo": Hostile(str(folder / "fifo.png"), "is a FIFO, not a regular file"),
            "dev-zero": Hostile("/dev/zero", "is a character device, not a regular file"),
            "dev-urandom": Hostile("/dev/urandom", "is a character device, not a regular file"),
            "huge-svg": Hostile(str(folder / "huge.svg"), "MiB, more than the 8 MiB limit"),
            "svg-entity-bomb": Hostile(str(folder / "lol.svg"), "declares entities"),
            "svg-use-bomb": Hostile(str(folder / "use-bomb.svg"), "draws more than 4000 elements"),
            "png-20000": Hostile(str(folder / "huge.png"), "is 20000 × 20000 px; the limit is 4096 × 4096 px"),
            "link-loop": Hostile(str(folder / "loop.png"), "is a loop of symbolic links"),
            "proc-silent-pipe": Hostile(f"/proc/{os.getpid()}/fd/{silent_read}", "is a FIFO, not a regular file"),
            "proc-file": Hostile("/proc/self/environ", "is on a proc file system"),
        }
    finally:
        os.close(silent_read)
        os.close(silent_write)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    with private_bus(tmp_path_factory.mktemp("bus")) as bus:
        home = tmp_path_factory.mktemp("app")
        running = start_app(home, env=app_env(home, DBUS_SESSION_BUS_ADDRESS=bus.address))
        try:
            yield running
        finally:
            running.stop()
            wait_names_free(bus.address)


@pytest.fixture(scope="module")
def probe(app: RunningApp) -> Iterator[DBusConnection]:
    """Another client on the bus, not subscribed to any signal: it only sends calls and reads their replies."""
    with open_dbus_connection(app.env["DBUS_SESSION_BUS_ADDRESS"]) as conn:
        yield conn


@pytest.fixture(scope="module")
def baseline(app: RunningApp, probe: DBusConnection) -> int:
    """The app's peak memory once it has shown a popup or two (fonts, windows and the journal warmed up)."""
    require_tool("notify-send")
    for i in range(3):
        answer_time(probe, f"Warm{i}")
    return memory(app.process.pid)["VmHWM"]


def memory(pid: int) -> dict[str, int]:
    """``VmRSS`` and ``VmHWM`` (the peak) of a process, in bytes."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) * 1024
    return fields


def answer_time(conn: DBusConnection, app_name: str) -> float:
    """Seconds until a plain Notify is answered (an error reply or none within a second fails the test)."""
    started = time.perf_counter()
    try:
        reply = conn.send_and_get_reply(notify_msg("探针", app_name=app_name), timeout=1.0)
    except TimeoutError:
        return float("inf")
    assert reply.header.message_type is MessageType.method_return, reply.body
    return time.perf_counter() - started


def hostile_command(form: str, path: str, app_name: str) -> list[str]:
    if form == "app_icon":
        return ["notify-send", "-a", app_name, "-i", path, "带图标", "正文"]
    if form == "image-path":
        return ["notify-send", "-a", app_name, "-h", f"string:image-path:{path}", "带图片", "正文"]
    return ["notify-send", "-a", app_name, "-h", f"string:image_path:{Path(path).as_uri()}", "带图片", "正文"]


FORMS = {"app_icon": "app_icon", "image-path": "image-path", "file-uri": "image_path"}


@pytest.mark.parametrize("form", list(FORMS))
@pytest.mark.parametrize(
    "kind",
    ["fifo", "dev-zero", "dev-urandom", "huge-svg", "svg-entity-bomb", "svg-use-bomb", "png-20000", "link-loop", "proc-silent-pipe", "proc-file"],
)
def test_a_hostile_icon_neither_freezes_nor_swells_the_app(
    app: RunningApp, probe: DBusConnection, baseline: int, hostile: dict[str, Hostile], kind: str, form: str
) -> None:
    target = hostile[kind]
    app_name = f"Hostile {kind} {form}"
    sender = subprocess.Popen(hostile_command(form, target.path, app_name), env=app.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        answers = _probe_while(sender, probe, f"Probe {kind} {form}")
        assert max(answers) <= ANSWER_WITHIN_S, f"another client waited {max(answers):.3f} s for an answer ({len(answers)} calls)"
        _, err = sender.communicate(timeout=HOSTILE_ANSWERED_WITHIN_S)
    finally:
        if sender.poll() is None:
            sender.kill()
            sender.communicate()
    assert sender.returncode == 0, err
    assert app.process.poll() is None, app.output()
    (note,) = _notes(app, str(provider_id_for(app_name)))
    assert note.startswith(f"{FORMS[form]} ") and target.reason in note, note
    peak = memory(app.process.pid)["VmHWM"]
    assert peak - baseline <= MEMORY_BOUND, f"the app's peak memory grew by {(peak - baseline) >> 20} MiB"


def _probe_while(sender: subprocess.Popen[str], conn: DBusConnection, app_name: str) -> list[float]:
    """Answer times of plain Notify calls sent while the hostile sender runs (at least three, one after it ends)."""
    answers: list[float] = []
    deadline = time.monotonic() + HOSTILE_ANSWERED_WITHIN_S
    while (sender.poll() is None or len(answers) < 3) and time.monotonic() < deadline:
        answers.append(answer_time(conn, app_name))
        if answers[-1] == float("inf"):
            break  # frozen: no need to wait out the deadline
    answers.append(answer_time(conn, app_name))
    return answers


def _notes(app: RunningApp, provider: str) -> list[str]:
    done = app.cli("history", "--json", "--provider", provider, timeout=30)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) == 1, rows
    assert rows[0]["decision"] == "show"
    notes: list[str] = rows[0]["sender"].get("notes", [])
    return notes



def _capabilities_time(conn: DBusConnection) -> float:
    """Seconds until GetCapabilities is answered (by the same thread that draws the popups)."""
    started = time.perf_counter()
    try:
        reply = conn.send_and_get_reply(new_method_call(NOTIFICATIONS, "GetCapabilities"), timeout=1.0)
    except TimeoutError:
        return float("inf")
    assert reply.header.message_type is MessageType.method_return, reply.body
    return time.perf_counter() - started


def _large_png() -> bytes:
    """A real 4096 × 4096 PNG in under 512 KiB: within docs/payload.md's limits, a fifth of a second to decode."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (4096, 4096), (40, 90, 160))
    draw = ImageDraw.Draw(image)
    for y in range(0, 4096, 64):
        draw.line((0, y, 4096, 4096 - y), fill=(200, 200, 80), width=3)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def test_a_payload_image_of_4096_px_is_decoded_off_the_thread_that_answers(app: RunningApp, probe: DBusConnection, tmp_path: Path) -> None:
    """A socket payload's own image (a data: URI within the limits) is decoded before its popup is shown, on a
    worker: meanwhile D-Bus calls are answered within 100 ms. Decoded on the UI thread, it held them ~200 ms."""
    import base64

    done = app.cli("ctl", "dismiss", "--all", timeout=30)  # room on screen: the popup is shown at once
    assert done.returncode == 0, done.stderr
    payload = {
        "version": 1, "id": f"big-image-{time.time_ns()}", "provider": {"id": "org.example.photos", "name": "相册"},
        "kind": "service", "title": "大图", "image": "data:image/png;base64," + base64.b64encode(_large_png()).decode(),
    }  # fmt: skip
    (tmp_path / "big.json").write_text(json.dumps(payload), encoding="utf-8")
    exe = Path(sys.executable).with_name("popup-client")
    sender = subprocess.Popen([str(exe), "send", str(tmp_path / "big.json")], env=app.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    answers: list[float] = []
    until = time.monotonic() + 3.0  # the scan, the decode and the show all fall in this window
    try:
        while time.monotonic() < until or sender.poll() is None:
            answers.append(_capabilities_time(probe))  # not Notify: its popups would queue the big one
            if answers[-1] == float("inf"):
                break
        out, err = sender.communicate(timeout=HOSTILE_ANSWERED_WITHIN_S)
    finally:
        if sender.poll() is None:
            sender.kill()
            sender.communicate()
    assert sender.returncode == 0 and "show" in out, out + err
    assert max(answers) <= ANSWER_WITHIN_S, f"another client waited {max(answers):.3f} s for an answer ({len(answers)} calls)"
    listed = app.cli("ctl", "list", "--json", timeout=30)
    assert "大图" in listed.stdout, "the popup with the large image was shown"
