"""Dotted keys: set, get and reset one setting, per-provider caps, and errors that say what would work."""

from __future__ import annotations

from typing import Any

import pytest

from popup_client.core.errors import CoreError
from popup_client.core.prefs import PrefError, Preferences, PrefsStore, get_pref, pref_fields, reset_pref, set_pref

FIELDS = pref_fields()


# --- set / get / reset ------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "raw", "expected"),
    [
        ("caps.global_hourly", "10", 10),
        ("timeout_seconds.ad", "0", 0),
        ("minors_mode", "true", True),
        ("opt_out.kinds", '["ad"]', ["ad"]),
        ("opt_out.kinds", "ad, news", ["ad", "news"]),
        ("opt_out.kinds", "ad,ad", ["ad"]),
        ("opt_out.kinds", "", []),
        ("opt_out.providers", "com.example.news", ["com.example.news"]),
        ("quiet_hours", '"22:00-08:00"', "22:00-08:00"),
        ("quiet_hours", "22:00-08:00", "22:00-08:00"),
        ("quiet_hours", "7:05 - 9:00", "07:05-09:00"),
        ("quiet_hours", "", ""),
        ("paused_until", "2026-11-27T18:00:00+08:00", "2026-11-27T18:00:00+08:00"),
        ("paused_until", '"2026-11-27T10:00:00+00:00"', "2026-11-27T10:00:00Z"),
        ("unverified_providers", "reject", "reject"),
        ("news_sources_file", "/tmp/my list.toml", "/tmp/my list.toml"),
        ("news_sources_file", "123", "123"),
        ("caps.providers", '{ "com.example.news" = { hourly = 1 } }', {"com.example.news": {"hourly": 1}}),
    ],
)
def test_set_parses_toml_values_and_bare_text(key: str, raw: str, expected: Any) -> None:
    original = Preferences()
    changed = set_pref(original, key, raw)
    assert get_pref(changed, key) == expected
    assert original == Preferences()


def test_set_and_reset_keep_other_settings() -> None:
    prefs = set_pref(set_pref(Preferences(), "topic_max", "5"), "max_visible", "1")
    prefs = reset_pref(prefs, "max_visible")
    assert (prefs.topic_max, prefs.max_visible) == (5, 3)


def test_reset_a_section() -> None:
    prefs = set_pref(set_pref(Preferences(), "caps.global_hourly", "1"), "caps.providers.a.b.daily", "1")
    prefs = reset_pref(prefs, "caps")
    assert prefs.caps == Preferences().caps


def test_get_a_section() -> None:
    assert get_pref(Preferences(), "timeout_seconds") == {"ad": 8, "news": 10, "content": 8, "service": 6}


@pytest.mark.parametrize(
    ("key", "raw", "fragments"),
    [
        ("caps.global_hourly", "x", ["caps.global_hourly", "whole number, 0 or more", "e.g. caps.global_hourly = 6"]),
        ("caps.global_hourly", '"6"', ["valid integer", "e.g. caps.global_hourly = 6"]),
        ("caps.global_hourly", "-1", ["greater than or equal to 0"]),
        ("caps.global_hourly", "2.5", ["valid integer"]),
        ("max_visible", "11", ["from 1 to 10"]),
        ("max_visible", "0", ["from 1 to 10"]),
        ("minors_mode", "yes", ["true or false"]),
        ("minors_mode", "1", ["valid boolean", "true or false"]),
        ("unverified_providers", "maybe", ["'show' or 'reject'", "one of show, reject"]),
        ("opt_out.kinds", "ad,adverts", ["item 2", "'ad', 'news', 'content' or 'service'"]),
        ("opt_out.providers", "not an id", ["not a provider id", "com.example.news"]),
        ("quiet_hours", "22-08", ['"HH:MM-HH:MM"', "22:00-08:00"]),
        ("quiet_hours", "24:00-08:00", ["impossible time"]),
        ("quiet_hours", "08:00-08:00", ["same time", '""']),
        ("paused_until", "tomorrow", ["RFC 3339", "2026-11-27T18:00:00+08:00"]),
        ("paused_until", "2026-11-27T18:00:00", ["time-zone offset"]),
        ("timeout_seconds.news", "99999", ["less than or equal to 3600"]),
    ],
)
def test_bad_values_say_what_would_work(key: str, raw: str, fragments: list[str]) -> None:
    with pytest.raises(PrefError) as info:
        set_pref(Preferences(), key, raw)
    message = str(info.value)
    assert message.startswith(key)
    for fragment in fragments:
        assert fragment in message


def test_pref_error_is_a_core_error() -> None:
    assert issubclass(PrefError, CoreError)


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [
        ("caps.global_hourli", "caps.global_hourly"),
        ("max_visibel", "max_visible"),
        ("timeout_seconds.ads", "timeout_seconds.ad"),
    ],
)
def test_unknown_key_suggests_close_keys(key: str, suggestion: str) -> None:
    with pytest.raises(PrefError, match="unknown preference") as info:
        get_pref(Preferences(), key)
    assert f"did you mean {suggestion}" in str(info.value)


def test_unknown_key_lists_valid_keys() -> None:
    with pytest.raises(PrefError) as info:
        set_pref(Preferences(), "zzz", "1")
    message = str(info.value)
    assert "did you mean" not in message
    assert all(f.key in message for f in FIELDS)
    assert "caps.providers.<provider id>.hourly|daily" in message


@pytest.mark.parametrize("key", ["", "caps.", "caps.providers.", "minors_mode.x"])
def test_malformed_keys_are_unknown(key: str) -> None:
    with pytest.raises(PrefError, match="unknown preference"):
        set_pref(Preferences(), key, "1")


def test_a_section_cannot_be_set_as_a_whole() -> None:
    with pytest.raises(PrefError, match="is a section") as info:
        set_pref(Preferences(), "timeout_seconds", "5")
    assert "timeout_seconds.ad" in str(info.value)


# --- per-provider caps ------------------------------------------------------------------


def test_provider_override_with_a_dotted_id() -> None:
    prefs = set_pref(Preferences(), "caps.providers.com.example.news.hourly", "1")
    prefs = set_pref(prefs, "caps.providers.com.example.news.daily", "20")
    assert prefs.provider_caps("com.example.news") == (1, 20)
    assert prefs.provider_caps("com.example.shop") == (2, 6)
    assert get_pref(prefs, "caps.providers.com.example.news.hourly") == 1
    assert get_pref(prefs, "caps.providers.com.example.news") == {"hourly": 1, "daily": 20}
    assert get_pref(prefs, "caps.providers") == {"com.example.news": {"hourly": 1, "daily": 20}}


def test_provider_override_of_one_cap_keeps_the_general_other() -> None:
    prefs = set_pref(Preferences(), "caps.providers.com.example.news.daily", "1")
    prefs = set_pref(prefs, "caps.provider_hourly", "4")
    assert prefs.provider_caps("com.example.news") == (4, 1)


def test_unset_provider_overrides_read_as_none_and_empty() -> None:
    prefs = Preferences()
    assert get_pref(prefs, "caps.providers.com.example.news.hourly") is None
    assert get_pref(prefs, "caps.providers.com.example.news") == {}


def test_provider_override_reset_removes_it() -> None:
    prefs = set_pref(Preferences(), "caps.providers.com.example.news.hourly", "1")
    prefs = set_pref(prefs, "caps.providers.com.example.news.daily", "2")
    prefs = reset_pref(prefs, "caps.providers.com.example.news.hourly")
    assert get_pref(prefs, "caps.providers") == {"com.example.news": {"daily": 2}}
    prefs = reset_pref(prefs, "caps.providers.com.example.news.daily")
    assert prefs.caps.providers == {}


def test_provider_override_round_trips_through_the_file(store: PrefsStore) -> None:
    prefs = set_pref(Preferences(), "caps.providers.desktop.org.gnome.Nautilus.hourly", "0")
    store.update(lambda _: prefs)
    assert '[caps.providers."desktop.org.gnome.Nautilus"]' in store.path.read_text(encoding="utf-8")
    assert store.load().provider_caps("desktop.org.gnome.Nautilus") == (0, 6)


def test_provider_cap_typo_is_caught() -> None:
    with pytest.raises(PrefError, match=r"\.hourly and \.daily"):
        set_pref(Preferences(), "caps.providers.com.example.news.hourli", "1")


def test_provider_entry_set_to_a_number_explains_the_key_form() -> None:
    with pytest.raises(PrefError, match=r"caps\.providers\.<provider id>\.hourly or \.daily"):
        set_pref(Preferences(), "caps.providers.com.example.news", "3")


def test_provider_override_rejects_bad_ids_and_values() -> None:
    with pytest.raises(PrefError, match="not a provider id"):
        set_pref(Preferences(), "caps.providers.bad id!.hourly", "1")
    with pytest.raises(PrefError, match="greater than or equal to 0"):
        set_pref(Preferences(), "caps.providers.com.example.news.hourly", "-3")
