"""Locks can only make the user safer: the vocabulary, what is refused, and what applying them does."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from popup_client.core.trust.locks import LOCKABLE, Lock, apply_locks, cover_span, lock_refusal, parse_locks, parse_span

USER = {
    "caps": {"global_hourly": 10, "provider_hourly": 2, "provider_daily": 6, "providers": {"com.example.news": {"hourly": 5}}},
    "minors_mode": False,
    "opt_out": {"kinds": ["ad"], "providers": ["com.spam.ads"]},
    "quiet_hours": "23:00-06:00",
    "topic_window_hours": 24,
    "unverified_providers": "show",
}


def accepted(raw: dict[str, Any], source: str = "locks.toml") -> list[Lock]:
    locks, problems = parse_locks(raw, source)
    assert problems == []
    return locks


@pytest.mark.parametrize(
    ("key", "spec"),
    [
        ("caps.global_hourly", {"max": 0}),
        ("caps.providers.com.example.news.daily", {"max": 1}),
        ("topic_window_hours", {"min": 48}),
        ("minors_mode", {"force": True}),
        ("unverified_providers", {"force": "reject"}),
        ("opt_out.kinds", {"forbid": ["ad", "content"]}),
        ("opt_out.providers", {"forbid": ["com.spam.ads"]}),
        ("quiet_hours", {"cover": "22:00-07:00"}),
    ],
)
def test_the_vocabulary_accepts_locks_toward_safety(key: str, spec: dict[str, Any]) -> None:
    (lock,) = accepted({key: spec})
    assert (lock.key, lock.op, lock.source) == (key, next(iter(spec)), "locks.toml")


@pytest.mark.parametrize(
    ("key", "spec", "why"),
    [
        ("caps.global_hourly", {"min": 50}, "'min' would not make the user safer; caps.global_hourly can only be locked with { max = <bound> }"),
        ("topic_window_hours", {"max": 1}, "'max' would not make the user safer"),
        ("minors_mode", {"force": False}, "a lock can only force it to true, the safer side"),
        ("minors_mode", {"force": 1}, "can only force it to true"),
        ("unverified_providers", {"force": "show"}, "can only force it to reject"),
        ("opt_out.kinds", {"remove": ["ad"]}, "'remove' would not make the user safer"),
        ("opt_out.kinds", {"forbid": ["popups"]}, "unknown kinds popups"),
        ("opt_out.providers", {"forbid": []}, "non-empty list"),
        ("quiet_hours", {"cover": "07:00-07:00"}, 'span "HH:MM-HH:MM"'),
        ("quiet_hours", {"shorten": "00:00-01:00"}, "would not make the user safer"),
        ("caps.global_hourly", {"max": -1}, "0 or more"),
        ("caps.global_hourly", {"max": True}, "whole number"),
        ("caps.global_hourly", {"max": 3, "min": 1}, "write it as { max = <bound> }"),
        ("caps.global_hourly", 3, "write it as { max = <bound> }"),
        ("language", {"force": "en"}, "it cannot be locked"),
        ("paused_until", {"force": ""}, "it cannot be locked"),
        ("caps.providers.com.example.news.weekly", {"max": 1}, "it cannot be locked"),
    ],
)
def test_locks_that_would_not_make_the_user_safer_are_refused(key: str, spec: Any, why: str) -> None:
    locks, problems = parse_locks({"minors_mode": {"force": True}, key: spec}, "bundle v3")
    assert [lock.key for lock in locks] == (["minors_mode"] if key != "minors_mode" else [])
    (problem,) = problems
    assert problem.startswith(f"lock on {key} refused: ") and why in problem


def test_a_max_lock_lowers_a_cap_and_keeps_a_lower_one() -> None:
    values, (field,) = apply_locks(USER, accepted({"caps.global_hourly": {"max": 4}}))
    assert values["caps"]["global_hourly"] == 4 and (field.before, field.after, field.changed) == (10, 4, True)
    values, (field,) = apply_locks(USER, accepted({"caps.global_hourly": {"max": 20}}))
    assert values["caps"]["global_hourly"] == 10 and not field.changed  # a lock never raises a cap


def test_a_provider_cap_lock_applies_to_the_general_cap_when_the_provider_has_none() -> None:
    values, _ = apply_locks(USER, accepted({"caps.provider_hourly": {"max": 1}, "caps.providers.com.other.app.daily": {"max": 3}}))
    assert values["caps"]["provider_hourly"] == 1
    assert values["caps"]["providers"]["com.other.app"] == {"daily": 3}
    assert values["caps"]["providers"]["com.example.news"] == {"hourly": 5}  # another provider's own cap: untouched
    values, _ = apply_locks(USER, accepted({"caps.providers.com.other.app.hourly": {"max": 9}}))
    assert values["caps"]["providers"]["com.other.app"]["hourly"] == 2  # the general cap, lower than the lock


def test_force_forbid_min_and_cover() -> None:
    locks = accepted(
        {
            "minors_mode": {"force": True},
            "unverified_providers": {"force": "reject"},
            "opt_out.providers": {"forbid": ["com.bad.ads", "com.spam.ads"]},
            "topic_window_hours": {"min": 72},
            "quiet_hours": {"cover": "22:00-07:00"},
        }
    )
    values, report = apply_locks(USER, locks)
    assert values["minors_mode"] is True and values["unverified_providers"] == "reject"
    assert values["opt_out"]["providers"] == ["com.spam.ads", "com.bad.ads"]  # the user's own first, nothing lost
    assert values["topic_window_hours"] == 72 and values["quiet_hours"] == "22:00-07:00"
    assert {f.key: f.changed for f in report} == {
        "minors_mode": True, "unverified_providers": True, "opt_out.providers": True, "topic_window_hours": True, "quiet_hours": True
    }
    assert all(f.set_by == ("locks.toml",) and f.key in LOCKABLE for f in report)
    assert USER["minors_mode"] is False and USER["opt_out"]["providers"] == ["com.spam.ads"]  # the input is not changed


@pytest.mark.parametrize(
    ("mine", "lock", "hull"),
    [
        ("", "22:00-07:00", "22:00-07:00"),
        ("21:00-08:00", "22:00-07:00", "21:00-08:00"),  # already covered: kept
        ("23:00-06:00", "22:00-07:00", "22:00-07:00"),
        ("20:00-23:00", "22:00-07:00", "20:00-07:00"),  # overlapping: joined
        ("12:00-13:00", "22:00-07:00", "22:00-13:00"),  # apart: the shortest span holding both
        ("06:00-08:00", "22:00-07:00", "22:00-08:00"),
        ("07:00-23:00", "22:00-08:00", "07:00-06:59"),  # together the whole day
    ],
)
def test_cover_widens_quiet_hours_never_shortens_them(mine: str, lock: str, hull: str) -> None:
    assert cover_span(mine, lock) == hull


@given(
    st.tuples(st.integers(0, 1439), st.integers(1, 1439)),
    st.tuples(st.integers(0, 1439), st.integers(1, 1439)),
)
def test_the_covering_span_contains_both_spans(mine: tuple[int, int], lock: tuple[int, int]) -> None:
    def text(start: int, length: int) -> str:
        end = (start + length) % 1440
        return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"

    hull = parse_span(cover_span(text(*mine), text(*lock)))
    assert hull is not None
    for start, length in (mine, lock):
        inside = (start - hull[0]) % 1440 + length <= hull[1]
        assert inside or hull[1] == 1439


def test_several_sources_the_strictest_binds_and_all_are_named() -> None:
    locks = accepted({"caps.global_hourly": {"max": 5}}, "/etc/xdg/popup-client/locks.toml")
    locks += accepted({"caps.global_hourly": {"max": 3}}, "policy bundle v7 (ed25519:ab)")
    values, (field,) = apply_locks(USER, locks)
    assert values["caps"]["global_hourly"] == 3 and field.bound == 3
    assert field.set_by == ("/etc/xdg/popup-client/locks.toml", "policy bundle v7 (ed25519:ab)")


def test_a_user_change_against_a_lock_is_refused_naming_who_locked_it() -> None:
    locks = accepted({"caps.global_hourly": {"max": 4}, "minors_mode": {"force": True}}, "policy bundle v7 (ed25519:ab)")
    assert lock_refusal("caps.global_hourly", 10, locks) == (
        "caps.global_hourly is locked (max 4) by policy bundle v7 (ed25519:ab); 10 is not allowed"
    )
    assert lock_refusal("caps.global_hourly", 2, locks) is None
    assert lock_refusal("minors_mode", False, locks) is not None and lock_refusal("minors_mode", True, locks) is None
    assert lock_refusal("topic_max", 99, locks) is None


_CAP = st.integers(0, 1000)


@given(
    user_cap=_CAP,
    lock_cap=_CAP,
    user_minors=st.booleans(),
    user_out=st.lists(st.sampled_from(["ad", "news", "content", "service"]), unique=True),
    lock_out=st.lists(st.sampled_from(["ad", "news", "content", "service"]), min_size=1, unique=True),
)
def test_applying_locks_never_makes_anything_less_safe(
    user_cap: int, lock_cap: int, user_minors: bool, user_out: list[str], lock_out: list[str]
) -> None:
    user = {"caps": {"global_hourly": user_cap}, "minors_mode": user_minors, "opt_out": {"kinds": user_out}}
    locks = accepted({"caps.global_hourly": {"max": lock_cap}, "minors_mode": {"force": True}, "opt_out.kinds": {"forbid": lock_out}})
    values, _ = apply_locks(user, locks)
    assert values["caps"]["global_hourly"] == min(user_cap, lock_cap)
    assert values["minors_mode"] is True
    assert values["opt_out"]["kinds"][: len(user_out)] == user_out and set(lock_out) <= set(values["opt_out"]["kinds"])
