"""Each preference rule suppresses what the user said no to, and nothing else."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from popup_client.core.prefs import Preferences, set_pref
from popup_client.core.rules import PREFERENCE_RULES
from popup_client.core.rules.base import NONE, Rule
from tests.helpers.rules import EXAMPLES_NOW, FakeJournal, context

RULES: dict[str, Rule] = {rule.id: rule for rule in PREFERENCE_RULES}
CST = timezone(timedelta(hours=8))


def fired(rule_id: str, doc: dict[str, Any], **kw: Any) -> int:
    return len(list(RULES[rule_id].check(context(doc, **kw))))


def prefs(**settings: str) -> Preferences:
    value = Preferences()
    for key, raw in settings.items():
        value = set_pref(value, key.replace("__", "."), raw)
    return value


def shown(provider: str, kind: str, n: int, *, ago: timedelta = timedelta(minutes=5), topic: str | None = None) -> list[tuple[str, str, str | None, datetime]]:
    return [(provider, kind, topic, EXAMPLES_NOW - ago)] * n


def test_order_and_ids() -> None:
    assert list(RULES) == ["paused", "opted-out", "quiet-hours", "minor-protection", "topic-cluster", "frequency-cap"]


def test_defaults_suppress_nothing(ad: dict[str, Any]) -> None:
    assert sum(fired(rule_id, ad) for rule_id in RULES) == 0


@pytest.mark.parametrize("fixture", ["ad", "news", "content", "service_popup"])
def test_a_rule_that_finds_nothing_returns_the_shared_empty_tuple(fixture: str, request: pytest.FixtureRequest) -> None:
    ctx = context(request.getfixturevalue(fixture), prefs=prefs(quiet_hours="01:00-02:00"))
    assert [rule.id for rule in PREFERENCE_RULES if rule.check(ctx) is not NONE] == []


def test_paused(ad: dict[str, Any]) -> None:
    assert fired("paused", ad, prefs=prefs(paused_until=(EXAMPLES_NOW + timedelta(hours=1)).isoformat())) == 1
    assert fired("paused", ad, prefs=prefs(paused_until=(EXAMPLES_NOW - timedelta(seconds=1)).isoformat())) == 0


def test_opted_out_by_kind_and_provider(ad: dict[str, Any], content: dict[str, Any]) -> None:
    by_kind = prefs(opt_out__kinds='["ad"]')
    assert (fired("opted-out", ad, prefs=by_kind), fired("opted-out", content, prefs=by_kind)) == (1, 0)
    by_provider = prefs(opt_out__providers='["com.example.travel"]')
    assert (fired("opted-out", ad, prefs=by_provider), fired("opted-out", content, prefs=by_provider)) == (0, 1)


@pytest.mark.parametrize(
    ("window", "local", "quiet"),
    [
        ("22:00-08:00", "23:30", True),
        ("22:00-08:00", "07:59", True),
        ("22:00-08:00", "08:00", False),
        ("22:00-08:00", "21:59", False),
        ("12:00-13:30", "12:45", True),
        ("12:00-13:30", "13:30", False),
    ],
)
def test_quiet_hours_in_local_time(ad: dict[str, Any], window: str, local: str, quiet: bool) -> None:
    hour, minute = map(int, local.split(":"))
    now = datetime(2026, 11, 27, hour, minute, tzinfo=CST).astimezone(timezone.utc)
    assert fired("quiet-hours", ad, prefs=prefs(quiet_hours=window), now=now, tz=CST) == int(quiet)


def test_minor_protection(ad: dict[str, Any], content: dict[str, Any], news: dict[str, Any]) -> None:
    on = prefs(minors_mode="true")
    assert fired("minor-protection", ad, prefs=on) == 2  # an ad, and personalized
    assert fired("minor-protection", content, prefs=on) == 0
    content["audience"] = {"personalized": True}
    assert fired("minor-protection", content, prefs=on) == 1
    assert fired("minor-protection", news, prefs=on) == 0
    news["news"]["source"] = "某某自媒体"
    assert fired("minor-protection", news, prefs=on) == 1
    assert fired("minor-protection", ad) == 0


def test_topic_cluster(news: dict[str, Any]) -> None:
    journal = FakeJournal(shown("com.example.news", "news", 1, topic="typhoon-haiyan"))
    assert fired("topic-cluster", news, journal=journal) == 0
    journal.shown += shown("com.example.news", "news", 1, topic="typhoon-haiyan")
    assert fired("topic-cluster", news, journal=journal) == 1
    assert fired("topic-cluster", news, journal=journal, prefs=prefs(topic_max="3")) == 0
    old = FakeJournal(shown("com.example.news", "news", 5, topic="typhoon-haiyan", ago=timedelta(hours=25)))
    assert fired("topic-cluster", news, journal=old) == 0
    other = FakeJournal(shown("com.other.news", "news", 5, topic="typhoon-haiyan"))
    assert fired("topic-cluster", news, journal=other) == 0


def test_frequency_cap_per_provider_hourly_and_daily(content: dict[str, Any]) -> None:
    provider = "com.example.travel"
    assert fired("frequency-cap", content, journal=FakeJournal(shown(provider, "content", 1))) == 0
    assert fired("frequency-cap", content, journal=FakeJournal(shown(provider, "ad", 2))) == 1
    daily = FakeJournal(shown(provider, "content", 6, ago=timedelta(hours=5)))
    assert fired("frequency-cap", content, journal=daily) == 1
    assert fired("frequency-cap", content, journal=FakeJournal(shown(provider, "content", 6, ago=timedelta(hours=25)))) == 0


def test_frequency_cap_per_provider_override(content: dict[str, Any]) -> None:
    journal = FakeJournal(shown("com.example.travel", "content", 3))
    assert fired("frequency-cap", content, journal=journal) == 1
    generous = prefs(caps__providers__com__example__travel__hourly="5")
    assert generous.provider_caps("com.example.travel") == (5, 6)
    assert fired("frequency-cap", content, journal=journal, prefs=generous) == 0
    strict = prefs(**{"caps__providers__com.example.travel__hourly": "0"})
    assert fired("frequency-cap", content, journal=FakeJournal(), prefs=strict) == 1


def test_frequency_cap_global(content: dict[str, Any]) -> None:
    journal = FakeJournal([(f"com.p{i}.app", "news", None, EXAMPLES_NOW - timedelta(minutes=10)) for i in range(6)])
    assert fired("frequency-cap", content, journal=journal) == 1
    assert fired("frequency-cap", content, journal=journal, prefs=prefs(caps__global_hourly="7")) == 0


def test_service_popups_have_a_flood_guard_not_the_ad_caps(service_popup: dict[str, Any]) -> None:
    provider = "org.example.files"
    assert fired("frequency-cap", service_popup, journal=FakeJournal(shown(provider, "content", 6))) == 0
    assert fired("frequency-cap", service_popup, journal=FakeJournal(shown(provider, "service", 9, ago=timedelta(seconds=30)))) == 0
    assert fired("frequency-cap", service_popup, journal=FakeJournal(shown(provider, "service", 10, ago=timedelta(seconds=30)))) == 1
    assert fired("frequency-cap", service_popup, journal=FakeJournal(shown(provider, "service", 10, ago=timedelta(seconds=61)))) == 0


def test_service_popups_do_not_use_up_the_ad_caps(content: dict[str, Any]) -> None:
    assert fired("frequency-cap", content, journal=FakeJournal(shown("com.example.travel", "service", 20))) == 0


def test_a_preference_in_hours_is_made_a_timedelta_once() -> None:
    from popup_client.core.rules.base import hours

    assert hours(24) == timedelta(hours=24) and hours(24) is hours(24)  # not built again for every popup
