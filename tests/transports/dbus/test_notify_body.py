"""Notify's body unpacked by hand is exactly jeepney's; anything else is left to jeepney (and fails as it fails)."""

from __future__ import annotations

import random
import struct
from typing import Any

import pytest
from jeepney import DBusAddress, HeaderFields, Message, new_method_call
from jeepney.low_level import Endianness

from popup_client.transports.dbus.codec import body_type, decode
from popup_client.transports.dbus.notify_body import NOTIFY_SIGNATURE, notify_body

NOTIFICATIONS = DBusAddress("/org/freedesktop/Notifications", "org.freedesktop.Notifications", "org.freedesktop.Notifications")
SIMPLE_HINTS: list[dict[str, tuple[str, Any]]] = [
    {},
    {"urgency": ("y", 2), "sender-pid": ("x", 4242)},
    {"urgency": ("y", 0), "transient": ("b", True), "resident": ("b", False), "desktop-entry": ("s", "org.gnome.Evolution"),
     "category": ("s", "email.arrived"), "x": ("i", -7), "y": ("i", 900), "value": ("u", 55), "big": ("t", 2**63),
     "n": ("n", -3), "q": ("q", 65535), "d": ("d", 0.25), "path": ("o", "/a/b"), "image-path": ("s", "file:///图片.png")},
    {"": ("s", ""), "键": ("s", "值\u200b")},
]  # fmt: skip
UNUSUAL_HINTS: list[dict[str, tuple[str, Any]]] = [
    {"image-data": ("(iiibiiay)", (1, 1, 4, True, 8, 4, b"\x01\x02\x03\x04"))},
    {"urgency": ("y", 1), "list": ("as", ["a", "b"])},
    {"nested": ("v", ("s", "x"))},
    {"raw": ("ay", b"\x00\x01")},
]


def _raw(hints: dict[str, tuple[str, Any]], actions: list[str] | None = None, summary: str = "标题") -> bytes:
    body = ("应用", 7, "dialog-information", summary, "正文 <b>粗</b>", ["default", "打开"] if actions is None else actions, hints, -1)
    msg = new_method_call(NOTIFICATIONS, "Notify", NOTIFY_SIGNATURE, body)
    msg.header.fields[HeaderFields.sender] = ":1.9"
    return bytes(msg.serialise(serial=3))


def _body_start(raw: bytes) -> int:
    start = 16 + struct.unpack_from("<I", raw, 12)[0]
    return start + (-start % 8)


def _jeepney(raw: bytes) -> tuple[Any, ...]:
    return body_type(NOTIFY_SIGNATURE).parse_data(raw, _body_start(raw), Endianness.little)[0]  # type: ignore[no-any-return]


@pytest.mark.parametrize("hints", SIMPLE_HINTS)
@pytest.mark.parametrize("actions", [[], ["default", "打开"], ["a", "", "b", "c"]])
def test_a_body_with_simple_hints_is_read_by_hand_as_jeepney_reads_it(hints: dict[str, tuple[str, Any]], actions: list[str]) -> None:
    raw = _raw(hints, actions)
    fast = notify_body(raw, _body_start(raw))
    assert fast is not None and fast == _jeepney(raw)
    assert decode(raw).body == Message.from_buffer(raw).body == fast


@pytest.mark.parametrize("hints", UNUSUAL_HINTS)
def test_other_hints_are_left_to_jeepney(hints: dict[str, tuple[str, Any]]) -> None:
    raw = _raw(hints)
    assert notify_body(raw, _body_start(raw)) is None
    assert decode(raw).body == Message.from_buffer(raw).body


def _outcome(parse: Any, raw: bytes) -> Any:
    try:
        return ("ok", parse(raw).body)
    except Exception as exc:  # noqa: BLE001 - the kind of failure is what is compared
        return ("error", type(exc))


def test_damaged_bodies_decode_or_fail_exactly_as_jeepney() -> None:
    """Every byte of a body flipped, and the body cut at every length: the same values, or the same error."""
    rng = random.Random(16)
    raw = _raw(SIMPLE_HINTS[2])
    start = _body_start(raw)
    damaged = []
    for pos in range(start, len(raw)):
        for value in (0, 0xFF, rng.randrange(256)):
            damaged.append(raw[:pos] + bytes((value,)) + raw[pos + 1 :])
    for cut in range(start, len(raw)):
        body_length = cut - start
        damaged.append(raw[:4] + struct.pack("<I", body_length) + raw[8:cut])
    compared = 0
    for data in damaged:
        assert _outcome(decode, data) == _outcome(Message.from_buffer, data)
        compared += 1
    assert compared > 1000
