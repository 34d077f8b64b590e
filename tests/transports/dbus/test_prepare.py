"""Notifications with large images are prepared off the Qt thread (:mod:`popup_client.transports.dbus.prepare`).

The server maps a notification's images on a worker thread and has them
scanned for barcodes ahead; meanwhile the event loop keeps turning, and the
caller's later calls wait so that everything takes effect, and is answered,
in the order it was sent.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jeepney import HeaderFields, Message, MessageType, new_method_call
from jeepney.io.blocking import open_dbus_connection
from PIL import Image
from PySide6.QtCore import QTimer

from popup_client.core.clock import FixedClock
from popup_client.core.image_scan import ScanMemo, scan, targets_of
from popup_client.core.journal import HistoryRow
from popup_client.submission import parse_any
from popup_client.transports.dbus import callers
from popup_client.transports.dbus.server import NotificationServer
from popup_client.transports.dbus.freedesktop import NotifyCall, map_notify
from popup_client.transports.dbus.prepare import decodes_images
from tests.helpers.images import embed, png_bytes, qr_image
from tests.helpers.rules import EXAMPLES_NOW
from tests.transports.dbus.fixtures import (
    NOTIFICATIONS,
    BusClient,
    FakeStack,
    Harness,
    Received,
    bus,
    h,
    make_service,
    needs_dbus,
    notify_msg,
    received,
    wait_names_free,
    wait_reply,
    wait_signals,
)

__all__ = ["bus", "h"]  # fixtures: the module's private bus, a server on it

pytestmark = needs_dbus

SIDE = 1024


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Image files a notification may name: slow to scan, slow to map, and one with a QR code."""
    folder = tmp_path_factory.mktemp("images")
    rows = bytes([0, 255] * (SIDE // 2)), bytes([255, 0] * (SIDE // 2))
    checkerboard = Image.frombytes("L", (SIDE, SIDE), (rows[0] + rows[1]) * (SIDE // 2)).convert("1")
    made = {
        # Kept as it is by the mapping (a small PNG of 1024 px), but a long scan: a finder pattern everywhere.
        "checkerboard": checkerboard,
        # Cheap to scan once scaled, but decoding and scaling 4096 × 4096 px is what takes long.
        "large-grey": Image.new("L", (4096, 4096), 200),
        "qr-code": embed(qr_image("https://example.com/win", scale=24), Image.new("L", (2048, 2048), 255), (600, 600)),
    }
    paths = {}
    for name, image in made.items():
        paths[name] = folder / f"{name}.png"
        image.save(paths[name])
    return paths


def image_call(path: Path, **kw: Any) -> Message:
    return notify_msg(hints={"image-path": ("s", str(path))}, **kw)


def pixels_of(side: int, grey: int = 200) -> dict[str, tuple[str, Any]]:
    """An ``image-data`` hint of a plain grey RGB square (2048 px: 12 MiB of pixels on the bus)."""
    pixels = bytes([grey]) * (side * side * 3)
    return {"image-data": ("(iiibiiay)", (side, side, side * 3, False, 8, 3, pixels))}


def title_of(row: HistoryRow) -> str:
    return str(json.loads(row.payload or "{}")["title"])


def stall_of(image: Path | dict[str, tuple[str, Any]]) -> float:
    """What preparing a notification with this image costs on one thread: the mapping, then the scan."""
    hints = image if isinstance(image, dict) else {"image-path": ("s", str(image))}
    best = float("inf")
    for _ in range(2):  # the first run also pays for imports
        started = time.monotonic()
        mapped = map_notify(NotifyCall("Demo", 0, "", "t", "b", [], hints), popup_id="x")
        for target in targets_of(parse_any(mapped.payload)):
            scan(target, ScanMemo())  # not the process-wide memo: the server must scan it again
        best = min(best, time.monotonic() - started)
    return best


@pytest.mark.parametrize("name", ["checkerboard", "large-grey", "image-data"])
def test_a_large_image_is_prepared_off_the_event_loop(h: Harness, qtbot: Any, images: dict[str, Path], name: str) -> None:
    image = pixels_of(2048) if name == "image-data" else images[name]
    msg = notify_msg(hints=image) if isinstance(image, dict) else image_call(image)
    stall = stall_of(image)  # what the event loop would stall for
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(5)
    ticks.append(time.monotonic())  # a stall before the first tick counts too
    try:
        reply = wait_reply(qtbot, h.client.call(msg), timeout=30)
    finally:
        timer.stop()
        ticks.append(time.monotonic())
    (row,) = h.service.journal.history()
    assert (row.decision, row.sender["dbus_id"]) == ("show", reply.body[0])  # replied once it was journaled
    (shown,) = h.stack.visible.values()
    assert shown.popup is not None and shown.popup.image is not None
    gaps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
    assert max(gaps) < max(0.1, stall / 2), (max(gaps), stall)


# ------------------------------------------------------------------ order


@dataclass
class Answer:
    at: float
    reply: Received
    ok: bool


def pipeline(address: str, messages: list[Message], answers: dict[int, Answer], sent: threading.Event) -> None:
    """Send every message on one connection without waiting, then collect the replies (a plain thread, no Qt)."""
    with open_dbus_connection(address) as conn:
        serials = list(range(100, 100 + len(messages)))
        for msg, serial in zip(messages, serials):
            conn.send(msg, serial=serial)
        sent.set()
        while len(answers) < len(messages):
            msg = conn.receive(timeout=30)
            kind = msg.header.message_type
            if kind in (MessageType.method_return, MessageType.error):
                serial = msg.header.fields[HeaderFields.reply_serial]
                answers[serials.index(serial)] = Answer(time.monotonic(), received(msg), kind is MessageType.method_return)


def run_pipeline(qtbot: Any, address: str, messages: list[Message], during: Any = None) -> list[Answer]:
    answers: dict[int, Answer] = {}
    sent = threading.Event()
    thread = threading.Thread(target=pipeline, args=(address, messages, answers, sent), daemon=True)
    thread.start()
    try:
        qtbot.waitUntil(sent.is_set, timeout=10000)
        if during is not None:
            during()
        qtbot.waitUntil(lambda: len(answers) == len(messages), timeout=30000)
    finally:
        thread.join(30)
    return [answers[i] for i in range(len(messages))]


def test_later_calls_wait_behind_a_notification_being_prepared(h: Harness, qtbot: Any, images: dict[str, Path]) -> None:
    first_id = 1  # ids are handed out from 1: the client may close its first notification before the reply comes
    h.set_pref("privacy.keep_service_text", "true")  # the titles tell the notifications apart in the journal
    other: list[float] = []

    def another_client_asks() -> None:
        wait_reply(qtbot, h.client.call(new_method_call(NOTIFICATIONS, "GetServerInformation")))
        other.append(time.monotonic())

    answers = run_pipeline(
        qtbot,
        h.bus,
        [
            image_call(images["checkerboard"], summary="大图"),
            notify_msg(summary="随后"),
            new_method_call(NOTIFICATIONS, "CloseNotification", "u", (first_id,)),
            new_method_call(NOTIFICATIONS, "GetServerInformation"),
        ],
        during=another_client_asks,
    )
    assert all(answer.ok for answer in answers), answers
    assert [answer.reply.body for answer in answers[:3]] == [(first_id,), (2,), ()]
    assert answers[3].reply.signature == "ssss"
    times = [answer.at for answer in answers]
    assert times == sorted(times)  # answered in the order asked
    assert other[0] < times[0]  # another client was not kept waiting behind the image
    second, first = h.service.journal.history()
    assert [(title_of(row), row.sender["dbus_id"]) for row in (first, second)] == [("大图", 1), ("随后", 2)]
    assert [e.detail for e in first.events if e.type == "close"] == [{"how": "api"}]
    assert h.stack.titles() == ["随后"]
    assert wait_signals(qtbot, h.client, 1) == [Received("NotificationClosed", "uu", (first_id, 3))]


def test_a_replacement_waits_for_the_notification_it_replaces(h: Harness, qtbot: Any, images: dict[str, Path]) -> None:
    answers = run_pipeline(qtbot, h.bus, [image_call(images["large-grey"], summary="旧"), notify_msg(summary="新", replaces_id=1)])
    assert [answer.reply.body for answer in answers] == [(1,), (1,)]
    new, old = h.service.journal.history()
    assert [e.detail for e in old.events if e.type == "close"] == [{"how": "replaced"}]
    assert (new.counts, h.stack.titles()) == (False, ["新"])


def test_a_caller_cannot_pile_up_calls_behind_its_notification(
    h: Harness, qtbot: Any, images: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    h.set_pref("privacy.keep_service_text", "true")  # the titles tell the notifications apart in the journal
    plain = [notify_msg(summary=f"第{i}条") for i in range(2)]
    size = Message.from_buffer(plain[0].serialise(serial=1)).header.body_length
    monkeypatch.setattr(callers, "MAX_HELD_BYTES", size * 3 // 2)  # room for one of them
    info = new_method_call(NOTIFICATIONS, "GetServerInformation")
    answers = run_pipeline(qtbot, h.bus, [image_call(images["checkerboard"]), *plain, info])
    assert [(answer.ok, answer.reply.member if not answer.ok else answer.reply.body[:1]) for answer in answers] == [
        (True, (1,)),
        (True, (2,)),
        (False, "org.freedesktop.DBus.Error.LimitsExceeded"),  # refused at once: the others still in order
        (True, ("popup-client",)),
    ]
    assert answers[2].at < answers[0].at < answers[1].at < answers[3].at
    assert [title_of(row) for row in reversed(h.service.journal.history())] == ["标题", "第0条"]


# ------------------------------------------------------------------ the rules still see the image


def test_a_qr_code_in_a_large_image_is_still_rejected(h: Harness, qtbot: Any, images: dict[str, Path]) -> None:
    nid = h.notify(qtbot, hints={"image-path": ("s", str(images["qr-code"]))})
    assert wait_signals(qtbot, h.client, 1) == [Received("NotificationClosed", "uu", (nid, 4))]
    (row,) = h.service.journal.history()
    assert (row.decision, row.rules) == ("reject", ("qr-code",))
    assert h.stack.visible == {}


def test_icon_names_are_looked_up_and_svg_files_rendered_off_the_qt_thread(
    tmp_path: Path, bus: str, qtbot: Any, images: dict[str, Path]
) -> None:
    asked: list[tuple[str, bool]] = []

    def resolve(ref: str) -> bytes:
        asked.append((ref, threading.current_thread() is threading.main_thread()))
        return png_bytes(48, 48)

    drawing = tmp_path / "drawing.svg"
    drawing.write_text("<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'><rect width='8' height='8'/></svg>", encoding="utf-8")
    service = make_service(tmp_path, FixedClock(EXAMPLES_NOW))
    stack = FakeStack(service)
    server = NotificationServer(service, icon_resolver=resolve)
    server.start()
    try:
        client = BusClient(bus)
        try:
            first = client.call(image_call(drawing, app_icon="mail-unread"))
            second = client.call(notify_msg(app_icon="dialog-information"))
            replies = [wait_reply(qtbot, call, timeout=30) for call in (first, second)]
        finally:
            client.close()
    finally:
        server.stop()
        wait_names_free(bus)
    assert [r.body for r in replies] == [(1,), (2,)]
    assert asked == [("mail-unread", False), ("dialog-information", False)]
    shown = [s.popup for s in stack.visible.values()]
    assert all(p is not None and p.provider.icon is not None for p in shown)
    assert shown[0] is not None and shown[0].image is not None


# ------------------------------------------------------------------ stopping


def test_stopping_with_a_notification_being_prepared(h: Harness, qtbot: Any, images: dict[str, Path]) -> None:
    stall = stall_of(images["checkerboard"])
    pending = h.client.call(image_call(images["checkerboard"]))
    qtbot.waitUntil(lambda: h.server._callers._held != {}, timeout=10000)
    h.server.stop()
    qtbot.waitUntil(pending.done, timeout=10000)
    assert pending.result().header.message_type is MessageType.error  # the bus tells the caller we left
    qtbot.wait(int(stall * 1000) + 300)  # the scan ends after the stop: ignored
    assert h.service.journal.history() == [] and h.stack.visible == {}


# ------------------------------------------------------------------ which calls go to the worker


@pytest.mark.parametrize(
    ("app_icon", "hints", "decodes"),
    [
        ("", {}, False),
        ("firefox", {}, True),  # icon names: looked up in the icon theme's folders, on the worker
        ("", {"image-path": ("s", "mail-unread")}, True),
        (" ", {"image-path": ("s", "")}, False),
        ("/usr/share/icons/x.png", {}, True),
        ("", {"image-path": ("s", " file:///tmp/photo.jpg ")}, True),
        ("", {"image_data": ("(iiibiiay)", (1, 1, 3, False, 8, 3, b"\0\0\0"))}, True),
        ("", {"image-path": ("i", 5)}, False),
    ],
)
def test_which_calls_are_mapped_on_the_worker(app_icon: str, hints: dict[str, Any], decodes: bool) -> None:
    assert decodes_images(NotifyCall("Demo", 0, app_icon, "t", "b", [], hints)) is decodes
