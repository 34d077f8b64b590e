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
_NO_OFFSET = QT_TRANSLATE_NOOP("core", "is a timestamp without a time-zone offset; add one, e.g. +08:00")


def parse_rfc3339(value: Any) -> datetime:
    """Parse an RFC 3339 string with an explicit offset; pass datetimes through."""
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
    year, month, day, hour, minute, second = map(int, match.group(1, 2, 3, 4, 5, 6))
    micro = int(match[7][1:7].ljust(6, "0")) if match[7] else 0
    if match[8]:
        tz = timezone.utc
    else:
        hours, minutes = int(match[10]), int(match[11])
        if hours > 23 or minutes > 59:
            raise ValueError(QT_TRANSLATE_NOOP("core", "has an impossible time-zone offset"))
        delta = timedelta(hours=hours, minutes=minutes)
        tz = timezone(-delta if match[9] == "-" else delta)
    try:
        return datetime(year, month, day, hour, minute, min(second, 59), micro, tzinfo=tz)
    except ValueError:
        raise ValueError(QT_TRANSLATE_NOOP("core", "is not a real date and time")) from None


def format_rfc3339(value: datetime) -> str:
    """Write an aware datetime as RFC 3339 (seconds, or microseconds if any)."""
    spec = "seconds" if value.microsecond == 0 else "microseconds"
    text = value.isoformat(timespec=spec)
    return text[:-6] + "Z" if text.endswith("+00:00") else text
