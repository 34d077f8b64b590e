"""The schema's derived helpers: quiet hours, the pause, timeouts per kind."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

import pytest

from popup_client.core.prefs import PrefError, Preferences, from_toml, get_pref, set_pref, to_toml
from popup_client.core.prefs.times import TimeRange


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


def test_quiet_hours_are_a_typed_range_written_as_text() -> None:
    assert Preferences().quiet_hours is None and get_pref(Preferences(), "quiet_hours") == ""
    prefs = set_pref(Preferences(), "quiet_hours", " 7:05 - 22:30 ")
    assert prefs.quiet_hours == TimeRange(time(7, 5), time(22, 30))
    assert get_pref(prefs, "quiet_hours") == "07:05-22:30" and 'quiet_hours = "07:05-22:30"' in to_toml(prefs)
    assert from_toml('quiet_hours = "22:00-08:00"\n').quiet_hours == TimeRange(time(22, 0), time(8, 0))
    assert from_toml('quiet_hours = ""\n').quiet_hours is None  # as files before typed times wrote it


def test_paused_until_is_a_datetime_written_as_rfc3339() -> None:
    assert Preferences().paused_until is None and get_pref(Preferences(), "paused_until") == ""
    prefs = set_pref(Preferences(), "paused_until", "2026-11-27T18:00:00+08:00")
    assert prefs.paused_until == datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc)
    assert get_pref(prefs, "paused_until") == "2026-11-27T18:00:00+08:00"
    assert 'paused_until = "2026-11-27T18:00:00+08:00"' in to_toml(prefs)
    assert from_toml("paused_until = 2026-11-27T18:00:00+08:00\n").paused_until == prefs.paused_until  # TOML date-time
    assert from_toml('paused_until = ""\n').paused_until is None
    assert set_pref(prefs, "paused_until", '""').paused_until is None


@pytest.mark.parametrize("raw", ["garbage", "2026-11-27T18:00:00", "18:00", "5", "true"])
def test_paused_until_refuses_what_is_no_instant(raw: str) -> None:
    with pytest.raises(PrefError, match="paused_until"):
        set_pref(Preferences(), "paused_until", raw)


def test_timeout_for_each_kind() -> None:
    prefs = set_pref(Preferences(), "timeout_seconds.service", "0")
    assert [prefs.timeout_for(k) for k in ("ad", "news", "content", "service")] == [8, 10, 8, 0]
    with pytest.raises(PrefError, match="no timeout for kind 'banner'"):
        prefs.timeout_for("banner")
