"""Typed times of the preferences: a daily span of wall-clock time, and an instant.

In memory ``quiet_hours`` is a :class:`TimeRange` (or None) and
``paused_until`` an aware ``datetime`` (or None), parsed once when the file
is read or a value is set, never again on each popup. In the file, on the
CLI and in JSON they stay the words people write and older files hold:
``"22:00-08:00"`` and ``"2026-11-27T18:00:00+08:00"`` (a TOML offset
date-time is read too), ``""`` for none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from typing import Annotated, Any

from popup_client.core.prefs.model import Plain
from popup_client.core.text import QT_TRANSLATE_NOOP
from popup_client.core.timefmt import format_rfc3339, parse_rfc3339

_RANGE_RE = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$", re.ASCII)
_RANGE_FORM = QT_TRANSLATE_NOOP("core", 'must be "HH:MM-HH:MM" in local time, e.g. "22:00-08:00", or "" for none')


@dataclass(frozen=True)
class TimeRange:
    """From ``start`` up to (not including) ``end`` every day, local time; crosses midnight when end < start."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start == self.end:
            raise ValueError(QT_TRANSLATE_NOOP("core", 'starts and ends at the same time; use "" for no quiet hours'))

    @classmethod
    def parse(cls, text: str) -> TimeRange | None:
        """``"22:00-08:00"`` as a range, ``""`` as None; ValueError (a translatable Text) says what is wrong."""
        text = text.strip()
        if not text:
            return None
        match = _RANGE_RE.match(text)
        if not match:
            raise ValueError(_RANGE_FORM)
        start_h, start_m, end_h, end_m = (int(g) for g in match.groups())
        if max(start_h, end_h) > 23 or max(start_m, end_m) > 59:
            raise ValueError(QT_TRANSLATE_NOOP("core", "has an impossible time; hours go from 00 to 23 and minutes from 00 to 59"))
        return cls(time(start_h, start_m), time(end_h, end_m))

    def contains(self, wall: time) -> bool:
        """Whether the wall-clock time ``wall`` falls inside the range."""
        if self.start < self.end:
            return self.start <= wall < self.end
        return wall >= self.start or wall < self.end

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


def _time_range(value: Any) -> TimeRange | None:
    if value is None or isinstance(value, TimeRange):
        return value
    if isinstance(value, str):
        return TimeRange.parse(value)
    raise ValueError(_RANGE_FORM)


def _instant(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return parse_rfc3339(value)  # a datetime must be aware; a str RFC 3339 with an offset


def _range_text(value: TimeRange | None) -> str:
    return "" if value is None else str(value)


def _instant_text(value: datetime | None) -> str:
    return "" if value is None else format_rfc3339(value)


#: A daily span of local time, or None; ``"HH:MM-HH:MM"`` / ``""`` outside.
OptionalTimeRange = Annotated[TimeRange | None, Plain(_time_range, _range_text)]
#: An aware instant, or None; RFC 3339 with an offset / ``""`` outside.
OptionalInstant = Annotated[datetime | None, Plain(_instant, _instant_text)]
