"""The schema's derived helpers: quiet hours, the pause, timeouts per kind."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

import pytest

from popup_client.core.prefs import PrefError, Preferences, set_pref


# --- derived helpers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("window", "clock", "inside"),
    [
        ("22:00-08:00", "21:59", False),
        ("22:00-08:00", "22:00", True),
        ("22:00-08:00", "23:59", True),
        ("22:00-08:00", "00:00", True),
        ("22:00-08:00", "07:59", True),
        ("22:00-08:00", "08:00", False),
        ("22:00-08:00", "12:00", False),
        ("12:30-13:30", "12:29", False),
        ("12:30-13:30", "12:30", True),
        ("12:30-13:30", "13:29", True),
        ("12:30-13:30", "13:30", False),
        ("12:30-13:30", "00:00", False),
        ("", "03:00", False),
    ],
)
def test_quiet_hours(window: str, clock: str, inside: bool) -> None:
    prefs = set_pref(Preferences(), "quiet_hours", window)
    local = datetime.combine(datetime(2026, 11, 27).date(), time.fromisoformat(clock), timezone(timedelta(hours=8)))
    assert prefs.in_quiet_hours(local) is inside


def test_quiet_hours_window() -> None:
    assert Preferences().quiet_hours_window() is None
    prefs = set_pref(Preferences(), "quiet_hours", "22:00-08:00")
    assert prefs.quiet_hours_window() == (time(22, 0), time(8, 0))


def test_paused_until_time() -> None:
    assert Preferences().paused_until_time() is None
    prefs = set_pref(Preferences(), "paused_until", "2026-11-27T18:00:00+08:00")
    assert prefs.paused_until_time() == datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc)


def test_timeout_for_each_kind() -> None:
    prefs = set_pref(Preferences(), "timeout_seconds.service", "0")
    assert [prefs.timeout_for(k) for k in ("ad", "news", "content", "service")] == [8, 10, 8, 0]
    with pytest.raises(PrefError, match="no timeout for kind 'banner'"):
        prefs.timeout_for("banner")
