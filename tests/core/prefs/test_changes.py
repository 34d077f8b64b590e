"""The named changes, and the one check every change passes before it is saved (schema again, then the guardian)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from msgspec.structs import replace

from popup_client.core import guardian
from popup_client.core.guardian import GuardianError, GuardianLock
from popup_client.core.prefs import (
    Preferences,
    PrefError,
    PrefsStore,
    fewer_like_this,
    minors_mode,
    opt_out_provider,
    pause_until,
    set_pref,
    setting,
    validated,
)
from popup_client.core.prefs.schema import ProviderCaps
from tests.helpers.memkeyring import memory_keyring

UNTIL = datetime(2026, 11, 27, 18, 0, tzinfo=timezone.utc)


@pytest.fixture
def locked(monkeypatch: pytest.MonkeyPatch) -> Iterator[GuardianLock]:
    monkeypatch.setattr(guardian, "_LOG2_N", 4)  # cheap scrypt
    with memory_keyring():
        lock = GuardianLock()
        lock.set_pin("2468")
        yield lock


# --- around the schema: refused where it is saved ----------------------------------------------------------


@pytest.mark.parametrize(
    "side_door",
    [
        lambda p: replace(p, paused_until="garbage"),
        lambda p: replace(p, quiet_hours="late"),
        lambda p: replace(p, caps=replace(p.caps, global_hourly=-1)),
        lambda p: replace(p, opt_out=replace(p.opt_out, providers=["not an id"])),
    ],
    ids=["paused_until", "quiet_hours", "nested-cap", "nested-opt-out"],
)
def test_a_change_made_around_validation_is_refused_and_nothing_saved(store: PrefsStore, side_door: object) -> None:
    store.update(setting("topic_max", "4"))
    before = store.path.read_bytes()
    with pytest.raises(PrefError):
        store.update(side_door)  # type: ignore[arg-type]
    assert store.path.read_bytes() == before and store.load().paused_until is None


def test_validated_names_the_setting_and_what_was_found() -> None:
    with pytest.raises(PrefError, match=r"paused_until: .*RFC 3339.*'garbage'"):
        validated(replace(Preferences(), paused_until="garbage"))
    prefs = set_pref(Preferences(), "topic_max", "5")
    assert validated(prefs) == prefs


# --- the named changes ---------------------------------------------------------------------------------------


def test_pause_until_sets_a_time_and_none_resumes(store: PrefsStore) -> None:
    assert store.update(pause_until(UNTIL)).paused_until == UNTIL
    assert store.load().paused_until == UNTIL
    assert store.update(pause_until(None)).paused_until is None


def test_pause_until_refuses_a_time_without_a_zone(store: PrefsStore) -> None:
    with pytest.raises(PrefError, match="offset"):
        store.update(pause_until(datetime(2026, 11, 27, 18, 0)))
    assert store.load().paused_until is None


def test_opting_out_of_a_provider_adds_it_once_and_opting_in_removes_it() -> None:
    prefs = opt_out_provider("com.example.news")(Preferences())
    assert prefs.opt_out.providers == ["com.example.news"]
    assert opt_out_provider("com.example.news")(prefs) is prefs  # already there: unchanged
    assert opt_out_provider("com.example.news", False)(prefs).opt_out.providers == []


def test_opting_out_of_an_invalid_provider_id_is_refused() -> None:
    with pytest.raises(PrefError, match="not a provider id"):
        opt_out_provider("not an id")(Preferences())


@pytest.mark.parametrize(
    ("caps", "expected"),
    [(None, (1, 3)), (ProviderCaps(hourly=0, daily=9), (0, 4)), (ProviderCaps(daily=1), (1, 1)), (ProviderCaps(daily=0), (1, 0))],
)
def test_fewer_like_this_halves_the_daily_cap_and_allows_one_an_hour(
    caps: ProviderCaps | None, expected: tuple[int, int]
) -> None:
    prefs = Preferences()
    if caps is not None:
        prefs = validated(replace(prefs, caps=replace(prefs.caps, providers={"com.example.a": caps})))
    after = fewer_like_this("com.example.a")(prefs)
    assert after.provider_caps("com.example.a") == expected
    assert after.provider_caps("com.example.b") == (2, 6)  # only that provider


# --- the guardian, on the same path ---------------------------------------------------------------------------


def test_turning_minors_mode_off_needs_the_pin_whatever_the_change(tmp_path: Path, locked: GuardianLock) -> None:
    store = PrefsStore(tmp_path / "preferences.toml", guardian=locked)
    store.update(minors_mode(True))
    for change in (minors_mode(False), setting("minors_mode", "false"), lambda p: Preferences()):
        with pytest.raises(GuardianError):
            store.update(change)
        assert store.load().minors_mode
    with pytest.raises(GuardianError, match="Wrong"):
        store.update(minors_mode(False), pin="0000")
    assert not store.update(minors_mode(False), pin="2468").minors_mode


def test_other_changes_need_no_pin_while_minors_mode_is_on(tmp_path: Path, locked: GuardianLock) -> None:
    store = PrefsStore(tmp_path / "preferences.toml", guardian=locked)
    store.update(minors_mode(True))
    assert store.update(pause_until(UNTIL)).minors_mode
