"""The hand-written D-Bus codec gives exactly jeepney's bytes and messages."""

from __future__ import annotations

from typing import Any

import pytest
from jeepney import DBusAddress, HeaderFields, Message, new_error, new_method_call, new_method_return, new_signal
from jeepney.bus_messages import MatchRule, message_bus

from popup_client.transports.dbus.codec import FastParser, SignalEncoder, decode, encode, encode_reply

NOTIFICATIONS = DBusAddress("/org/freedesktop/Notifications", "org.freedesktop.Notifications", "org.freedesktop.Notifications")
HINTS = {"urgency": ("y", 2), "image-data": ("(iiibiiay)", (1, 1, 4, True, 8, 4, b"\x01\x02\x03\x04")), "x": ("as", ["a"])}


def _call(sender: str = ":1.42") -> Message:
    msg = new_method_call(NOTIFICATIONS, "Notify", "susssasa{sv}i", ("应用", 7, "", "标题", "正文", ["default", ""], HINTS, -1))
    msg.header.fields[HeaderFields.sender] = sender
    msg.header.serial = 33  # as received: the replies below answer serial 33
    return msg


def _messages() -> list[Message]:
    call = _call()
    emitter = DBusAddress("/org/freedesktop/Notifications", interface="org.freedesktop.Notifications")
    return [
        call,
        new_method_return(call, "u", (4_294_967_295,)),
        new_method_return(call, "ssss", ("popup-client", "popup-client", "0.1.0", "1.3")),
        new_method_return(call),
        new_method_return(call, "as", (["body", "actions"],)),
        new_method_return(call, "aa{sv}", ([{"id": ("u", 3), "ok": ("b", True)}],)),
        new_method_return(call, "b", (True,)),
        new_signal(emitter, "NotificationClosed", "uu", (12, 4)),
        new_signal(emitter, "ActionInvoked", "us", (12, "回复")),
        new_error(call, "org.freedesktop.DBus.Error.InvalidArgs", "s", ("Notify takes (susssasa{sv}i)",)),
        message_bus.Hello(),
        message_bus.AddMatch(MatchRule(type="signal", interface="org.freedesktop.Notifications")),
        message_bus.RequestName("org.freedesktop.Notifications", 5),
        new_method_call(NOTIFICATIONS, "GetServerInformation"),
    ]


@pytest.mark.parametrize("msg", _messages(), ids=lambda m: str(m.header.fields.get(HeaderFields.member) or m.header.message_type.name))
def test_encode_is_byte_for_byte_jeepney(msg: Message) -> None:
    assert encode(msg, 77) == msg.serialise(serial=77)


def _same(a: Message, b: Message) -> None:
    assert (a.header.message_type, a.header.flags, a.header.serial, a.header.body_length) == (
        b.header.message_type, b.header.flags, b.header.serial, b.header.body_length,
    )  # fmt: skip
    assert a.header.fields == b.header.fields
    assert a.body == b.body


@pytest.mark.parametrize("msg", _messages(), ids=lambda m: str(m.header.fields.get(HeaderFields.member) or m.header.message_type.name))
def test_decode_is_jeepney(msg: Message) -> None:
    raw = msg.serialise(serial=5)
    _same(decode(raw), Message.from_buffer(raw))


def test_big_endian_falls_back_to_jeepney() -> None:
    from jeepney.low_level import Endianness

    msg = _call()
    msg.header.endianness = Endianness.big
    raw = msg.serialise(serial=9)
    assert raw[:1] == b"B"
    assert encode(msg, 9) == raw
    _same(decode(raw), Message.from_buffer(raw))


def test_the_stream_parser_splits_and_joins_messages() -> None:
    stream = b"".join(m.serialise(serial=i + 1) for i, m in enumerate(_messages()))
    parser = FastParser()
    got: list[Any] = []
    for i in range(0, len(stream), 7):  # dribbled in small pieces
        parser.add_data(stream[i : i + 7])
        got.extend(iter(parser.get_next_message, None))
    assert [m.header.serial for m in got] == list(range(1, len(_messages()) + 1))
    assert got[0].body[6]["image-data"] == HINTS["image-data"]


_REPLIES = [("u", (4_294_967_295,)), ("ssss", ("popup-client", "popup-client", "0.1.0", "1.3")), (None, ()),
            ("as", (["body", "actions"],)), ("aa{sv}", ([{"id": ("u", 3), "ok": ("b", True)}],)), ("b", (True,))]  # fmt: skip


@pytest.mark.parametrize("sender", [":1.42", None])
@pytest.mark.parametrize(("signature", "body"), _REPLIES)
def test_a_reply_packed_directly_is_jeepneys_reply(sender: str | None, signature: str | None, body: tuple[Any, ...]) -> None:
    call = _call()
    if sender is None:
        del call.header.fields[HeaderFields.sender]
    expected = bytes(new_method_return(call, signature, body).serialise(serial=901))
    assert encode_reply(call, signature, body, 901) == expected


@pytest.mark.parametrize(("member", "signature", "body"), [("NotificationClosed", "uu", (12, 4)), ("ActionInvoked", "us", (12, "回复")),
                                                           ("ActivationToken", "us", (7, "x11:1")), ("Changed", "", ())])  # fmt: skip
def test_a_signal_packed_from_its_template_is_jeepneys_signal(member: str, signature: str, body: tuple[Any, ...]) -> None:
    emitter = DBusAddress("/org/freedesktop/Notifications", interface="org.freedesktop.Notifications")
    expected = bytes(new_signal(emitter, member, signature or None, body).serialise(serial=77))
    template = SignalEncoder("/org/freedesktop/Notifications", "org.freedesktop.Notifications", member, signature)
    assert template.encode(body, 77) == expected and template.encode(body, 78) != expected
