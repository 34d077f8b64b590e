"""The system clock's local zone: what ``datetime.now().astimezone()`` gives, followed when the zone changes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from popup_client.core.clock import SystemClock

posix_only = pytest.mark.skipif(not hasattr(time, "tzset"), reason="time.tzset is POSIX")


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    yield
    monkeypatch.undo()
    time.tzset()  # the process's zone as it was


@posix_only
@pytest.mark.usefixtures("zone")
# POSIX zone strings, which need no zone files: Beijing's, New York's and Lord Howe's (a half-hour DST) rules, India's.
@pytest.mark.parametrize("tz", ["UTC0", "CST-8", "EST5EDT,M3.2.0,M11.1.0", "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", "IST-5:30"])
def test_the_local_zone_is_what_astimezone_gives_and_follows_a_change(monkeypatch: pytest.MonkeyPatch, tz: str) -> None:
    clock = SystemClock()
    clock.local_tz()  # the zone before, remembered
    monkeypatch.setenv("TZ", tz)
    time.tzset()
    expected = datetime.now().astimezone().tzinfo
    for _ in range(2):  # asked again: the same
        zone = clock.local_tz()
        assert zone == expected and zone.tzname(None) == expected.tzname(None)  # type: ignore[union-attr]
    assert zone.utcoffset(None) == timedelta(seconds=time.localtime().tm_gmtoff)


@posix_only
@pytest.mark.usefixtures("zone")
def test_quiet_hours_follow_the_zone_the_user_moves_to(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = SystemClock()
    monkeypatch.setenv("TZ", "CST-8")
    time.tzset()
    assert clock.local_tz().utcoffset(None) == timedelta(hours=8)
    monkeypatch.setenv("TZ", "GMT0BST,M3.5.0/1,M10.5.0")
    time.tzset()
    assert clock.local_tz().utcoffset(None) == timedelta(seconds=time.localtime().tm_gmtoff)
    assert clock.local_tz().tzname(None) in ("GMT", "BST")
