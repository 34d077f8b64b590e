"""Faster D-Bus message encoding and decoding for the hot path. No Qt.

jeepney re-parses every signature of every message (the header's variants
included), which is most of the cost of a small message. Here the header is
packed and unpacked by hand (little-endian, the fields D-Bus defines), bodies
made only of ``u``, ``i``, ``b`` and ``s`` (every reply and signal of the
notification server) are packed by hand too, and other bodies use jeepney's
types, built once per signature. The body of ``Notify`` (``susssasa{sv}i``,
every call of a burst) is unpacked by hand when its hints hold only strings
and numbers (:mod:`.notify_body`). The bytes and values are exactly jeepney's
(``tests/transports/dbus/test_codec.py`` compares them); anything unusual
(big-endian, an unknown header field, another kind of hint) falls back to
jeepney itself.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from typing import Any

from jeepney import HeaderFields, Message, Parser
from jeepney.low_level import Endianness, Header, MessageFlag, MessageType, parse_signature

from .notify_body import NOTIFY_SIGNATURE, notify_body

#: D-Bus type of each header field.
_FIELD_TYPES = {1: "o", 2: "s", 3: "s", 4: "s", 5: "u", 6: "s", 7: "s", 8: "g", 9: "u"}
_FIELDS = {int(f): f for f in HeaderFields}
_SIMPLE = frozenset("uibs")
_FIXED = struct.Struct("<cBBBIII")
_U32 = struct.Struct("<I")
_I32 = struct.Struct("<i")


def _pad(length: int, step: int) -> bytes:
    return b"\0" * (-length % step)


@lru_cache(maxsize=128)
def body_type(signature: str) -> Any:
    """jeepney's type for a body signature, built once."""
    return parse_signature(list(f"({signature})"))


# ------------------------------------------------------------------ encoding


def encode(msg: Message, serial: int) -> bytes:
    """The wire bytes of ``msg`` with ``serial`` (what ``msg.serialise(serial=serial)`` gives)."""
    header = msg.header
    signature = header.fields.get(HeaderFields.signature, "")
    if header.endianness is not Endianness.little or any(int(k) not in _FIELD_TYPES for k in header.fields):
        return bytes(msg.serialise(serial=serial))
    if set(signature) <= _SIMPLE:
        body = _simple_body(signature, msg.body)
    else:
        body = body_type(signature).serialise(msg.body, 0, Endianness.little)
    fields = _header_fields(header.fields)
    fixed = _FIXED.pack(b"l", header.message_type.value, int(header.flags), 1, len(body), serial, len(fields))
    return b"".join((fixed, fields, _pad(len(fixed) + len(fields), 8), body))


def encode_reply(call: Message, signature: str | None, body: tuple[Any, ...], serial: int) -> bytes:
    """What ``encode(new_method_return(call, signature, body), serial)`` gives, without building the message."""
    fields: dict[HeaderFields, Any] = {HeaderFields.reply_serial: call.header.serial}
    sender = call.header.fields.get(HeaderFields.sender)
    if sender is not None:
        fields[HeaderFields.destination] = sender
    if signature is not None:
        fields[HeaderFields.signature] = signature
    return _encode(MessageType.method_return.value, _header_fields(fields), signature or "", body, serial)


class SignalEncoder:
    """The bytes of one signal (object path, interface, member, signature), its header fields packed once."""

    def __init__(self, path: str, interface: str, member: str, signature: str) -> None:
        fields = {HeaderFields.path: path, HeaderFields.interface: interface, HeaderFields.member: member}
        self._fields = _header_fields({**fields, HeaderFields.signature: signature} if signature else fields)
        self._signature = signature

    def encode(self, body: tuple[Any, ...], serial: int) -> bytes:
        """What jeepney's ``new_signal`` of this signal with ``body``, serialised with ``serial``, gives."""
        return _encode(MessageType.signal.value, self._fields, self._signature, body, serial)


def _encode(kind: int, fields: bytes, signature: str, body_values: tuple[Any, ...], serial: int) -> bytes:
    if set(signature) <= _SIMPLE:
        body = _simple_body(signature, body_values)
    else:
        body = body_type(signature).serialise(body_values, 0, Endianness.little)
    fixed = _FIXED.pack(b"l", kind, 0, 1, len(body), serial, len(fields))
    return b"".join((fixed, fields, _pad(len(fixed) + len(fields), 8), body))


def _header_fields(fields: dict[HeaderFields, Any]) -> bytes:
    out = bytearray()
    for code in sorted(int(k) for k in fields):
        out += _pad(16 + len(out), 8)
        kind = _FIELD_TYPES[code]
        value = fields[_FIELDS[code]]
        out += bytes((code, 1, ord(kind), 0))
        if kind == "u":
            out += _U32.pack(value)
        elif kind == "g":
            data = value.encode("ascii")
            out += bytes((len(data),)) + data + b"\0"
        else:
            data = value.encode("utf-8")
            out += _U32.pack(len(data)) + data + b"\0"
    return bytes(out)


def _simple_body(signature: str, values: tuple[Any, ...]) -> bytes:
    out = bytearray()
    for kind, value in zip(signature, values, strict=True):
        out += _pad(len(out), 4)
        if kind == "s":
            data = value.encode("utf-8")
            out += _U32.pack(len(data)) + data + b"\0"
        elif kind == "i":
            out += _I32.pack(value)
        else:  # u, b
            out += _U32.pack(int(value))
    return bytes(out)


# ------------------------------------------------------------------ decoding


def decode(buf: bytes) -> Message:
    """The message in ``buf`` (one whole message), as ``Message.from_buffer`` would give it."""
    if buf[:1] != b"l":
        return Message.from_buffer(buf)
    _, kind, flags, version, body_length, serial, fields_length = _FIXED.unpack_from(buf)
    fields = _read_fields(buf, 16, 16 + fields_length)
    if fields is None:
        return Message.from_buffer(buf)
    header = Header(Endianness.little, MessageType(kind), MessageFlag(flags), version, body_length, serial, fields)
    signature = fields.get(HeaderFields.signature)
    start = 16 + fields_length
    start += -start % 8
    body = (signature == NOTIFY_SIGNATURE and notify_body(buf, start)) or _parse_body(signature, buf, start)
    return Message(header, body)


def _parse_body(signature: str | None, buf: bytes, start: int) -> tuple[Any, ...]:
    return body_type(signature).parse_data(buf, start, Endianness.little)[0] if signature else ()  # type: ignore[no-any-return]


def _read_fields(buf: bytes, pos: int, end: int) -> dict[HeaderFields, Any] | None:
    fields: dict[HeaderFields, Any] = {}
    while pos < end:
        pos += -pos % 8
        code, sig_length = buf[pos], buf[pos + 1]
        kind = buf[pos + 2 : pos + 2 + sig_length].decode("ascii")
        pos += 3 + sig_length
        if code not in _FIELDS or kind != _FIELD_TYPES.get(code):
            return None  # unknown field: let jeepney have it
        if kind == "g":
            length = buf[pos]
            fields[_FIELDS[code]] = buf[pos + 1 : pos + 1 + length].decode("ascii")
            pos += length + 2
            continue
        pos += -pos % 4
        (number,) = _U32.unpack_from(buf, pos)
        if kind == "u":
            fields[_FIELDS[code]] = number
            pos += 4
        else:
            fields[_FIELDS[code]] = buf[pos + 4 : pos + 4 + number].decode("utf-8")
            pos += number + 5
    return fields


class FastParser(Parser):  # type: ignore[misc]
    """jeepney's stream parser, decoding each complete message with :func:`decode`."""

    def get_next_message(self) -> Message | None:
        if self.next_msg_size is None and self.buf.bytes_buffered >= 16:
            self.next_msg_size = _message_size(self.buf.peek(16))
        size = self.next_msg_size
        if size is None or self.buf.bytes_buffered < size:
            return None
        raw = self.buf.read(size)
        self.next_msg_size = None
        if self.fds:  # file descriptors are never negotiated; keep jeepney's handling anyway
            return Message.from_buffer(raw, fds=self.fds)
        return decode(raw)


def _message_size(head: bytes) -> int:
    fmt = "<" if head[:1] == b"l" else ">"
    body_length, fields_length = struct.unpack(f"{fmt}I", head[4:8])[0], struct.unpack(f"{fmt}I", head[12:16])[0]
    header_length = 16 + fields_length
    return header_length + (-header_length % 8) + body_length
