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

A burst comes from one caller: its calls' header fields differ only in the
serial (which is not one of them), so they are read once and remembered by
their bytes (a few dozen headers at most); a reply's header fields after the
serial it answers are packed once per caller. :class:`FastParser` splits the
stream without copying what is still buffered for every message it takes.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from collections.abc import Sequence
from typing import Any

from jeepney import HeaderFields, Message
from jeepney.low_level import Endianness, Header, MessageFlag, MessageType, parse_signature

from .notify_body import NOTIFY_SIGNATURE, notify_body

#: D-Bus type of each header field.
_FIELD_TYPES = {1: "o", 2: "s", 3: "s", 4: "s", 5: "u", 6: "s", 7: "s", 8: "g", 9: "u"}
_FIELDS = {int(f): f for f in HeaderFields}
_SIMPLE = frozenset("uibs")
_FIXED = struct.Struct("<cBBBIII")
_U32 = struct.Struct("<I")
#: Body length, serial and header fields' length (bytes 4 to 16 of a message).
_SIZES, _SIZES_BIG = struct.Struct("<III"), struct.Struct(">III")
_I32 = struct.Struct("<i")
#: A reply's first header field, the serial it answers (code 5, signature ``u``), before its value.
_REPLY_SERIAL = bytes((5, 1, ord("u"), 0))
_METHOD_RETURN = MessageType.method_return.value


#: Headers read already, by their bytes (type, flags, version, fields): at most this many, each this long.
_Known = tuple[MessageType, MessageFlag, int, dict[HeaderFields, Any]]
_KNOWN: dict[bytes, _Known] = {}
_MAX_KNOWN, _MAX_KNOWN_HEADER = 64, 1024


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
    fields = _REPLY_SERIAL + _U32.pack(call.header.serial) + _reply_fields(call.header.fields.get(HeaderFields.sender), signature)
    return _encode(_METHOD_RETURN, fields, signature or "", body, serial)


@lru_cache(maxsize=64)
def _reply_fields(destination: str | None, signature: str | None) -> bytes:
    """A reply's header fields after its reply serial (the first field, 8 bytes long): packed once per caller."""
    fields: dict[HeaderFields, Any] = {HeaderFields.reply_serial: 0}
    if destination is not None:
        fields[HeaderFields.destination] = destination
    if signature is not None:
        fields[HeaderFields.signature] = signature
    return _header_fields(fields)[len(_REPLY_SERIAL) + 4 :]


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
    fixed_body = _fixed_body(signature)
    body = _packed(fixed_body, body_values) if fixed_body is not None else None
    if body is None:
        if set(signature) <= _SIMPLE:
            body = _simple_body(signature, body_values)
        else:
            body = body_type(signature).serialise(body_values, 0, Endianness.little)
    fixed = _FIXED.pack(b"l", kind, 0, 1, len(body), serial, len(fields))
    return b"".join((fixed, fields, _pad(len(fixed) + len(fields), 8), body))


def _packed(layout: struct.Struct, values: tuple[Any, ...]) -> bytes | None:
    """``values`` packed with ``layout``; None for what only ``int()`` takes (a float), packed as before."""
    try:
        return layout.pack(*values)
    except struct.error:
        return None


@lru_cache(maxsize=32)
def _fixed_body(signature: str) -> struct.Struct | None:
    """The layout of a body of 32-bit numbers only (``u``, ``uu``: an id, a reason), or None."""
    if not signature or set(signature) - set("uib"):
        return None
    return struct.Struct("<" + signature.replace("u", "I").replace("b", "I"))


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
    body_length, serial, fields_length = _SIZES.unpack_from(buf, 4)
    start = 16 + fields_length
    known = _header_of(buf, start)
    if known is None:
        return Message.from_buffer(buf)
    kind, flags, version, fields = known
    header = Header(Endianness.little, kind, flags, version, body_length, serial, dict(fields))
    signature = fields.get(HeaderFields.signature)
    start += -start % 8
    body = (signature == NOTIFY_SIGNATURE and notify_body(buf, start)) or _parse_body(signature, buf, start)
    return Message(header, body)


def _header_of(buf: bytes, end: int) -> _Known | None:
    """The header's type, flags, version and fields (None: a field jeepney must read), remembered by their bytes.

    A caller's calls carry the same header but for the serial (its sender,
    path, member and signature), so a burst reads its fields once.
    """
    key = buf[1:4] + buf[16:end] if end <= _MAX_KNOWN_HEADER else None
    known = _KNOWN.get(key) if key is not None else None
    if known is None:
        fields = _read_fields(buf, 16, end)
        if fields is None:
            return None
        known = (MessageType(buf[1]), MessageFlag(buf[2]), buf[3], fields)
        if key is not None:
            if len(_KNOWN) >= _MAX_KNOWN:
                _KNOWN.clear()  # many distinct headers (many callers or members): start afresh
            _KNOWN[key] = known
    return known


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


class FastParser:
    """Splits a byte stream into messages, each decoded with :func:`decode`.

    jeepney's ``Parser`` copies what is still buffered for every message it
    takes off the front; here the messages are cut from one buffer by
    position, and the pieces read meanwhile are joined to it only once they
    complete a message (so a big message arriving in many pieces is joined
    once, not once a piece).
    """

    def __init__(self) -> None:
        self._buf = b""
        self._pos = 0
        self._pieces: list[bytes] = []
        self._pieces_size = 0
        self.fds: list[Any] = []

    def add_data(self, data: bytes, fds: Sequence[Any] = ()) -> None:
        """Provide newly received bytes."""
        self._pieces.append(data)
        self._pieces_size += len(data)
        self.fds.extend(fds)

    def get_next_message(self) -> Message | None:
        """The next whole message, or None until more bytes arrive."""
        buf, pos = self._buf, self._pos
        if len(buf) - pos < 16:
            if len(buf) - pos + self._pieces_size < 16:
                return None
            buf, pos = self._join()
        end = pos + _message_size(buf, pos)
        if len(buf) < end:
            if len(buf) + self._pieces_size < end:
                return None
            buf, pos = self._join()
            end = _message_size(buf, 0)
        self._pos = end
        raw = buf[pos:end]
        if self.fds:  # file descriptors are never negotiated; keep jeepney's handling anyway
            return Message.from_buffer(raw, fds=self.fds)
        return decode(raw)

    def _join(self) -> tuple[bytes, int]:
        self._buf = b"".join([self._buf[self._pos :], *self._pieces])
        self._pos, self._pieces, self._pieces_size = 0, [], 0
        return self._buf, 0


def _message_size(buf: bytes, pos: int) -> int:
    sizes = _SIZES if buf[pos : pos + 1] == b"l" else _SIZES_BIG
    body_length, _, fields_length = sizes.unpack_from(buf, pos + 4)
    header_length = 16 + fields_length
    return header_length + (-header_length % 8) + body_length  # type: ignore[no-any-return]
