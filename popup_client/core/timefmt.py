"""RFC 3339 timestamps: parsed strictly (offset required), written with offset."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any

from .text import QT_TRANSLATE_NOOP

_RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:([Zz])|([+-])(\d{2}):(\d{2}))$",
    re.ASCII,  # ASCII digits only: int() would also read full-width and other Unicode digits
)
# The usual form, ``2026-11-27T18:00:00+08:00`` (``.f`` to ``.ffffff``, or ``Z``), a possible offset: what
# ``datetime.fromisoformat`` reads (in C) as the strict parser below would. Any other text goes the strict way,
# and so does one fromisoformat refuses (hour 24, second 60, 30 February…), for the strict way's own words.
_USUAL = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)", re.ASCII)
_fromisoformat = datetime.fromisoformat
_NO_OFFSET = QT_TRANSLATE_NOOP("core", "is a timestamp without a time-zone offset; add one, e.g. +08:00")


def parse_rfc3339(value: Any) -> datetime:
    """Parse an RFC 3339 string with an explicit offset; pass datetimes through."""
    if isinstance(value, str) and _USUAL.fullmatch(value):
        try:
            return _fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(_NO_OFFSET)
        return value
    if not isinstance(value, str):
        raise ValueError(QT_TRANSLATE_NOOP("core", "must be an RFC 3339 timestamp string, e.g. 2026-11-27T18:00:00+08:00"))
    match = _RFC3339.match(value.strip())
    if not match:
        if re.match(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?$", value.strip()):
            raise ValueError(_NO_OFFSET)
        raise ValueError(QT_TRANSLATE_NOOP("core", "must be an RFC 3339 timestamp with an offset, e.g. 2026-11-27T18:00:00+08:00"))
    year, month, day, hour, minute, second, fraction, utc, sign, hours, minutes = match.groups()
    micro = int(fraction[1:7].ljust(6, "0")) if fraction else 0
    tz = timezone.utc if utc else _ZONES.get((sign, hours, minutes)) or _zone(sign, hours, minutes)
    try:
        return datetime(int(year), int(month), int(day), int(hour), int(minute), min(int(second), 59), micro, tzinfo=tz)
    except ValueError:
        raise ValueError(QT_TRANSLATE_NOOP("core", "is not a real date and time")) from None


#: The time zones of the offsets seen so far, by their text (at most 2 × 24 × 60 of them).
_ZONES: dict[tuple[str, str, str], timezone] = {}


def _zone(sign: str, hours: str, minutes: str) -> timezone:
    """The time zone of an offset such as ``+08:00``; ValueError if no such offset can be."""
    if int(hours) > 23 or int(minutes) > 59:
        raise ValueError(QT_TRANSLATE_NOOP("core", "has an impossible time-zone offset"))
    delta = timedelta(hours=int(hours), minutes=int(minutes))
    zone = _ZONES[(sign, hours, minutes)] = timezone(-delta if sign == "-" else delta)
    return zone


def format_rfc3339(value: datetime) -> str:
    """Write an aware datetime as RFC 3339 (seconds, or microseconds if any)."""
    spec = "seconds" if value.microsecond == 0 else "microseconds"
    text = value.isoformat(timespec=spec)
    return text[:-6] + "Z" if text.endswith("+00:00") else text
