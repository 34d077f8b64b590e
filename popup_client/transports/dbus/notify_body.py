"""The body of a ``Notify`` call (``susssasa{sv}i``) unpacked by hand: most of a burst's decoding. No Qt.

jeepney walks the signature for every value, which for ``Notify`` costs two
to four times what reading the fields straight does. :func:`notify_body`
reads a little-endian body whose hints hold only strings, object paths and
fixed-size numbers (what notify-send, libnotify and GLib send: ``urgency``,
``sender-pid``, ``desktop-entry``, ``category``, ``transient``…) and gives
exactly what jeepney gives: the same tuple, hints as ``{name: (signature,
value)}``. Anything else — another kind of hint (``image-data``, arrays,
structs), a string not ending in NUL, lengths that do not add up — gives
None, and the caller lets jeepney parse it (and raise what it raises).
"""

from __future__ import annotations

import struct
from typing import Any

NOTIFY_SIGNATURE = "susssasa{sv}i"

_U32 = struct.Struct("<I")
_I32 = struct.Struct("<i")
#: Fixed-size variant types: (size = alignment, layout).
_FIXED = {
    b"y": (1, struct.Struct("<B")),
    b"b": (4, _U32),
    b"n": (2, struct.Struct("<h")),
    b"q": (2, struct.Struct("<H")),
    b"i": (4, _I32),
    b"u": (4, _U32),
    b"x": (8, struct.Struct("<q")),
    b"t": (8, struct.Struct("<Q")),
    b"d": (8, struct.Struct("<d")),
}


class _Unusual(Exception):
    """Not a body this reader takes: jeepney parses it."""


def notify_body(buf: bytes, pos: int) -> tuple[Any, ...] | None:
    """The ``Notify`` arguments of the body at ``pos`` of ``buf``, or None to let jeepney parse it."""
    try:
        app_name, pos = _string(buf, pos)
        pos += -pos % 4
        (replaces_id,) = _U32.unpack_from(buf, pos)
        icon, pos = _string(buf, pos + 4)
        summary, pos = _string(buf, pos)
        body, pos = _string(buf, pos)
        actions, pos = _strings(buf, pos)
        hints, pos = _hints(buf, pos)
        pos += -pos % 4
        (timeout,) = _I32.unpack_from(buf, pos)
    except (_Unusual, struct.error, UnicodeDecodeError, IndexError):
        return None
    return (app_name, replaces_id, icon, summary, body, actions, hints, timeout)


def _string(buf: bytes, pos: int) -> tuple[str, int]:
    pos += -pos % 4
    (length,) = _U32.unpack_from(buf, pos)
    start = pos + 4
    stop = start + length
    if stop >= len(buf) or buf[stop] != 0:
        raise _Unusual
    return buf[start:stop].decode("utf-8"), stop + 1


def _strings(buf: bytes, pos: int) -> tuple[list[str], int]:
    pos += -pos % 4
    (length,) = _U32.unpack_from(buf, pos)
    pos += 4
    stop = pos + length
    values = []
    while pos < stop:
        value, pos = _string(buf, pos)
        values.append(value)
    if pos != stop:
        raise _Unusual
    return values, pos


def _hints(buf: bytes, pos: int) -> tuple[dict[str, tuple[str, Any]], int]:
    pos += -pos % 4
    (length,) = _U32.unpack_from(buf, pos)
    pos += 4
    pos += -pos % 8
    stop = pos + length
    hints: dict[str, tuple[str, Any]] = {}
    while pos < stop:
        pos += -pos % 8
        key, pos = _string(buf, pos)
        sig_length = buf[pos]
        signature = bytes(buf[pos + 1 : pos + 1 + sig_length])
        if buf[pos + 1 + sig_length] != 0:
            raise _Unusual
        pos += sig_length + 2
        value: Any
        if signature in (b"s", b"o"):
            value, pos = _string(buf, pos)
        else:
            size, layout = _FIXED.get(signature) or _unusual()
            pos += -pos % size
            (value,) = layout.unpack_from(buf, pos)
            pos += size
            if signature == b"b":
                value = bool(value)
        hints[key] = (signature.decode("ascii"), value)
    if pos != stop:
        raise _Unusual
    return hints, pos


def _unusual() -> Any:
    raise _Unusual
