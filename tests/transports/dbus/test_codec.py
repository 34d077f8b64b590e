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


# ------------------------------------------------------------------ what a burst costs


def test_a_callers_calls_have_their_header_read_once_and_each_message_its_own_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    from popup_client.transports.dbus import codec

    readings: list[int] = []
    read_fields = codec._read_fields
    monkeypatch.setattr(codec, "_read_fields", lambda *a: readings.append(1) or read_fields(*a))
    codec._KNOWN.clear()
    raws = [bytes(_call(":1.77").serialise(serial=serial)) for serial in range(1, 6)]
    got = [decode(raw) for raw in raws]
    assert len(readings) == 1  # the other four share the first one's fields (only the serial differs)
    for raw, msg in zip(raws, got):
        _same(msg, Message.from_buffer(raw))
    got[0].header.fields[HeaderFields.member] = "CloseNotification"
    assert decode(raws[1]).header.fields[HeaderFields.member] == got[1].header.fields[HeaderFields.member] == "Notify"
    assert decode(bytes(_call(":1.78").serialise(serial=6))).header.fields[HeaderFields.sender] == ":1.78"
    assert len(readings) == 2


def test_the_headers_remembered_stay_few_and_short() -> None:
    from popup_client.transports.dbus import codec

    codec._KNOWN.clear()
    for n in range(3 * codec._MAX_KNOWN):  # a caller per call, as a hostile flood of fresh connections could be
        msg = decode(bytes(_call(f":1.{n}").serialise(serial=n + 1)))
        assert msg.header.fields[HeaderFields.sender] == f":1.{n}"
    assert 0 < len(codec._KNOWN) <= codec._MAX_KNOWN
    codec._KNOWN.clear()
    long_name = ":1." + "9" * codec._MAX_KNOWN_HEADER
    assert decode(bytes(_call(long_name).serialise(serial=1))).header.fields[HeaderFields.sender] == long_name
    assert not codec._KNOWN


def test_a_callers_reply_header_is_packed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from popup_client.transports.dbus import codec

    packed: list[int] = []
    header_fields = codec._header_fields
    monkeypatch.setattr(codec, "_header_fields", lambda fields: packed.append(1) or header_fields(fields))
    codec._reply_fields.cache_clear()
    call = _call(":1.90")
    for serial in range(100, 105):
        call.header.serial = serial
        assert encode_reply(call, "u", (serial,), serial + 1) == bytes(new_method_return(call, "u", (serial,)).serialise(serial=serial + 1))
    assert len(packed) == 1


def test_a_big_read_is_split_into_every_message_in_order() -> None:
    calls = [_call() for _ in range(300)]
    stream = b"".join(bytes(m.serialise(serial=i + 1)) for i, m in enumerate(calls))
    parser = FastParser()
    cut = len(stream) - 100  # the last message arrives in two reads
    parser.add_data(stream[:cut])
    got = list(iter(parser.get_next_message, None))
    assert [m.header.serial for m in got] == list(range(1, 300))
    parser.add_data(stream[cut:])
    last = parser.get_next_message()
    assert last is not None and last.header.serial == 300 and parser.get_next_message() is None
    _same(last, Message.from_buffer(stream[-len(bytes(calls[-1].serialise(serial=300))) :]))


def test_numbers_of_other_types_are_packed_as_their_int() -> None:
    import enum

    class Reason(enum.IntEnum):
        UNDEFINED = 4

    emitter = DBusAddress("/org/freedesktop/Notifications", interface="org.freedesktop.Notifications")
    expected = bytes(new_signal(emitter, "NotificationClosed", "uu", (12, 4)).serialise(serial=5))
    template = SignalEncoder("/org/freedesktop/Notifications", "org.freedesktop.Notifications", "NotificationClosed", "uu")
    assert template.encode((12, Reason.UNDEFINED), 5) == template.encode((12.0, 4), 5) == template.encode((12, 4), 5) == expected


def test_a_big_message_arriving_in_many_pieces_is_joined_once() -> None:
    import time

    big = new_method_call(NOTIFICATIONS, "Notify", "susssasa{sv}i", ("应用", 0, "", "标题", "x" * (32 << 20), [], {}, -1))
    stream = bytes(big.serialise(serial=1)) + bytes(_call().serialise(serial=2))
    parser = FastParser()
    started = time.process_time()
    for i in range(0, len(stream), 64 * 1024):  # as the socket hands it over
        parser.add_data(stream[i : i + 64 * 1024])
        got = list(iter(parser.get_next_message, None))
        if got:
            break
    assert time.process_time() - started < 1.0  # joining the pieces at each read would copy gigabytes
    got += list(iter(parser.get_next_message, None))
    assert [m.header.serial for m in got] == [1, 2] and len(got[0].body[4]) == 32 << 20
