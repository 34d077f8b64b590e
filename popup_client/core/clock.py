"""Injected time: every rule and the journal ask a :class:`Clock`, never ``datetime.now``."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Protocol


class Clock(Protocol):
    """Something that tells the current time, timezone-aware."""

    def now(self) -> datetime:
        """The current time as an aware datetime."""
        ...

    def local_tz(self) -> tzinfo:
        """The user's local time zone (quiet hours are in local time)."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    def local_tz(self) -> tzinfo:
        """The zone ``datetime.now().astimezone()`` gives (its offset now, its name), one object for each."""
        local = time.localtime()
        key = (local.tm_gmtoff, local.tm_zone)
        zone = _ZONES.get(key)
        if zone is None:
            zone = datetime.now().astimezone().tzinfo or timezone.utc
            if zone.utcoffset(None) == timedelta(seconds=local.tm_gmtoff):  # (not when the zone moved in between)
                _ZONES[key] = zone
        return zone


_ZONES: dict[tuple[int, str], tzinfo] = {}  # the local zones met, by offset and name: every popup asks


class FixedClock:
    """A clock for tests: stands still until advanced."""

    def __init__(self, now: datetime, tz: tzinfo = timezone.utc) -> None:
        if now.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = now
        self._tz = tz

    def now(self) -> datetime:
        return self._now

    def local_tz(self) -> tzinfo:
        return self._tz

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def set(self, now: datetime) -> None:
        self._now = now
