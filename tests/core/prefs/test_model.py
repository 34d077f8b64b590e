"""The schema on msgspec (core/prefs/model.py): every problem at once, in the schema's order; strict; frozen; dumped back."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import msgspec
import pytest

from popup_client.core.prefs import InvalidPrefs, Preferences, ProviderCaps, dump, error_text
from popup_client.core.prefs.times import TimeRange
from popup_client.core.vocabulary import Kind

ROOT = Path(__file__).resolve().parents[3]


def _problems(data: object) -> list[str]:
    with pytest.raises(InvalidPrefs) as caught:
        Preferences.validate(data)
    return [error_text(e, show_input=True) for e in caught.value.errors()]


def test_every_problem_is_listed_fields_in_order_a_sections_in_place_unknown_keys_last() -> None:
    data = {"zzz": 1, "caps": {"qq": 2, "global_hourly": -1, "provider_daily": "x"}, "minors_mode": 1, "appearance": 5}
    assert _problems(data) == [
        "caps.global_hourly: input should be greater than or equal to 0 (found -1)",
        "caps.provider_daily: input should be a valid integer (found 'x')",
        "caps.qq: is not a known setting",
        "minors_mode: input should be a valid boolean (found 1)",
        "appearance: input should be a valid dictionary or instance of Appearance (found 5)",
        "zzz: is not a known setting",
    ]


def test_a_tables_key_is_checked_before_its_value_and_a_lists_items_each() -> None:
    data = {"caps": {"providers": {"bad id!": {"hourly": -1}}}, "opt_out": {"kinds": ["ad", "foo"], "providers": "x"}}
    assert _problems(data) == [
        "caps.providers.bad id!: 'bad id!' is not a provider id; provider ids look like com.example.news (found 'bad id!')",
        "caps.providers.bad id!.hourly: input should be greater than or equal to 0 (found -1)",
        "opt_out.kinds.item 2: input should be 'ad', 'news', 'content' or 'service' (found 'foo')",
        "opt_out.providers: input should be a valid list (found 'x')",
    ]


@pytest.mark.parametrize(
    ("data", "found"),
    [({"topic_max": True}, "True"), ({"topic_max": 2.0}, "2.0"), ({"minors_mode": "true"}, "'true'"), ({"opt_out": {"kinds": ("ad",)}}, "('ad',)")],
)
def test_types_are_strict(data: dict[str, object], found: str) -> None:
    assert _problems(data)[0].endswith(f"(found {found})")


def test_values_are_made_plain_lists_without_repeats_and_times_typed() -> None:
    prefs = Preferences.validate(
        {"opt_out": {"kinds": [Kind.AD, "news", "ad"]}, "quiet_hours": "22:00-08:00", "paused_until": "2026-11-27T18:00:00+08:00"}
    )
    assert prefs.opt_out.kinds == ["ad", "news"] and all(type(kind) is str for kind in prefs.opt_out.kinds)
    assert prefs.quiet_hours == TimeRange.parse("22:00-08:00")
    assert prefs.paused_until == datetime(2026, 11, 27, 18, tzinfo=timezone(timedelta(hours=8)))
    assert dump(prefs)["quiet_hours"] == "22:00-08:00" and dump(prefs)["paused_until"] == "2026-11-27T18:00:00+08:00"
    assert dump(Preferences())["quiet_hours"] == "" and Preferences.validate(dump(prefs)) == prefs


def test_an_instance_made_around_validation_is_checked_again() -> None:
    sneaky = msgspec.structs.replace(Preferences(), caps=msgspec.structs.replace(Preferences().caps, providers={"com.a.b": ProviderCaps(hourly=-1)}))
    assert _problems(sneaky) == ["caps.providers.com.a.b.hourly: input should be greater than or equal to 0 (found -1)"]


def test_preferences_are_frozen_and_equal_by_value() -> None:
    prefs = Preferences()
    with pytest.raises(AttributeError):
        prefs.minors_mode = True  # type: ignore[misc]
    assert Preferences.validate({"minors_mode": True}) == Preferences.validate({"minors_mode": True}) != prefs


def test_importing_the_preferences_loads_no_pydantic() -> None:
    code = "import sys, popup_client.core.prefs; print(sorted(m for m in sys.modules if m.startswith('pydantic')))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == "[]"
