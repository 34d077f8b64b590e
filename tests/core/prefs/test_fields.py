"""The field list: every setting with its default, described, with an example, round-tripping through TOML."""

from __future__ import annotations

from typing import Any

import pytest

from popup_client.core.prefs import PrefField, Preferences, PrefsStore, from_toml, get_pref, pref_fields, set_pref, to_toml

# The defaults of docs/rules.md "Preferences" (plus the timeouts of the issue).
RULES_DEFAULTS: dict[str, Any] = {
    "caps.global_hourly": 6,
    "caps.provider_hourly": 2,
    "caps.provider_daily": 6,
    "caps.service_per_minute": 10,
    "caps.providers": {},
    "opt_out.kinds": [],
    "opt_out.providers": [],
    "quiet_hours": "",
    "paused_until": "",
    "minors_mode": False,
    "topic_max": 2,
    "topic_window_hours": 24,
    "news_max_age_hours": 72,
    "news_sources_file": "",
    "unverified_providers": "show",
    "language": "auto",
    "max_visible": 3,
    "timeout_seconds.ad": 8,
    "timeout_seconds.news": 10,
    "timeout_seconds.content": 8,
    "timeout_seconds.service": 6,
    "local_api.idle_timeout_seconds": 60,
    "local_api.max_connections": 256,
    "local_api.max_request_kib": 1088,
    "placement.mechanism": "auto",
    "placement.corner": "auto",
    "placement.margin": 16,
    "placement.margin_unknown_panels": 48,
    "appearance.theme": "auto",
    "appearance.text_size": 100,
    "appearance.reduce_motion": False,
    "privacy.keep_service_text": False,
    "privacy.service_days": 7,
    "privacy.push_days": 90,
}

FIELDS = pref_fields()


def _field_id(field: PrefField) -> str:
    return field.key


def _other_value(field: PrefField) -> str:
    """A valid raw value different from the field's default."""
    if field.type_name == "int":
        upper = field.maximum if field.maximum is not None else field.default + 2
        return str(min(field.default + 1, upper))
    if field.type_name == "bool":
        return "false" if field.default else "true"
    if field.type_name == "choice":
        assert field.choices is not None
        return next(c for c in field.choices if c != field.default)
    return field.example


def test_fields_are_those_of_the_rules_with_their_defaults() -> None:
    assert {f.key: f.default for f in FIELDS} == RULES_DEFAULTS


@pytest.mark.parametrize("field", FIELDS, ids=_field_id)
def test_every_field_is_described_and_has_an_example(field: PrefField) -> None:
    assert field.description.endswith(".") and len(field.description) > 20
    assert field.example
    assert field.expected


@pytest.mark.parametrize("field", FIELDS, ids=_field_id)
def test_every_default_round_trips_through_toml(field: PrefField) -> None:
    loaded = from_toml(to_toml(Preferences()))
    assert get_pref(loaded, field.key) == field.default
    assert loaded == Preferences()


@pytest.mark.parametrize("field", FIELDS, ids=_field_id)
def test_every_field_can_be_set_saved_and_loaded(field: PrefField, store: PrefsStore) -> None:
    changed = set_pref(Preferences(), field.key, _other_value(field))
    assert get_pref(changed, field.key) != field.default
    store.update(lambda _: changed)
    loaded = store.load()
    assert store.warnings == []
    assert loaded == changed
    assert get_pref(loaded, field.key) == get_pref(changed, field.key)


@pytest.mark.parametrize("field", FIELDS, ids=_field_id)
def test_every_example_is_valid(field: PrefField) -> None:
    set_pref(Preferences(), field.key, field.example)


def test_field_metadata_for_the_dialog() -> None:
    by_key = {f.key: f for f in FIELDS}
    assert by_key["max_visible"].type_name == "int"
    assert (by_key["max_visible"].minimum, by_key["max_visible"].maximum) == (1, 10)
    assert by_key["minors_mode"].type_name == "bool"
    assert by_key["unverified_providers"].type_name == "choice"
    assert by_key["unverified_providers"].choices == ("show", "reject")
    assert by_key["language"].type_name == "choice"
    assert by_key["language"].choices == ("auto", "zh_CN", "en")
    assert by_key["opt_out.kinds"].type_name == "list"
    assert by_key["opt_out.kinds"].choices == ("ad", "news", "content", "service")
    assert by_key["opt_out.providers"].choices is None
    assert by_key["caps.providers"].type_name == "table"
    assert by_key["quiet_hours"].type_name == "time_range" and by_key["paused_until"].type_name == "datetime"


def test_field_defaults_are_fresh_copies() -> None:
    next(f for f in pref_fields() if f.key == "opt_out.kinds").default.append("ad")
    assert next(f for f in pref_fields() if f.key == "opt_out.kinds").default == []


def test_model_rejects_unknown_fields_and_is_immutable() -> None:
    prefs = Preferences()
    with pytest.raises(ValueError):
        Preferences.validate({"caps": {"globl_hourly": 3}})
    with pytest.raises(AttributeError):  # frozen: a change goes through changes.py, and is validated there
        prefs.caps.global_hourly = -1  # type: ignore[misc]
    assert prefs.caps.global_hourly == 6
    with pytest.raises(ValueError):
        Preferences.validate({"minors_mode": "yes"})
