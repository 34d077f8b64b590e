"""The guardian PIN: hashing, the keyring, and when minors mode may be turned off."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from popup_client.core import guardian
from popup_client.core.errors import CoreError
from popup_client.core.guardian import (
    GuardianError,
    GuardianLock,
    change_minors_mode,
    check_pin,
    guard_change,
    hash_pin,
)
from popup_client.core.prefs import Preferences, reset_pref, set_pref
from tests.helpers.memkeyring import BrokenKeyring, MemoryKeyring, memory_keyring, no_keyring, use_keyring

REAL_LOG2_N = guardian._LOG2_N
PIN = "2468"
ENTRY = ("popup-client", "guardian-pin")


@pytest.fixture(autouse=True)
def cheap_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep scrypt cheap in tests; the stored hash records its own cost."""
    monkeypatch.setattr(guardian, "_LOG2_N", 4)


@pytest.fixture
def keyring_store() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend


@pytest.fixture
def lock(keyring_store: MemoryKeyring) -> GuardianLock:
    return GuardianLock()


@pytest.fixture
def locked(lock: GuardianLock) -> GuardianLock:
    lock.set_pin(PIN)
    return lock


def minors_on() -> Preferences:
    return set_pref(Preferences(), "minors_mode", "true")


# --- hashing -----------------------------------------------------------------


def test_hash_uses_real_scrypt_cost_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guardian, "_LOG2_N", REAL_LOG2_N)
    assert REAL_LOG2_N >= 14
    stored = hash_pin(PIN)
    assert stored.startswith(f"scrypt${REAL_LOG2_N}$8$1$")
    assert check_pin(PIN, stored)


def test_hash_is_salted_and_checks() -> None:
    first, second = hash_pin(PIN), hash_pin(PIN)
    assert first != second
    assert first.split("$")[4] != second.split("$")[4]  # the salts differ
    assert check_pin(PIN, first) and check_pin(PIN, second)
    assert not check_pin("2469", first)
    assert not check_pin("24680", first)


@pytest.mark.parametrize(
    "stored", ["", "garbage", "md5$1$2$3$4$5", "scrypt$4$8$1$not base64!$AAAA", "scrypt$x$8$1$AAAA$AAAA"]
)
def test_unusable_stored_hash_never_matches(stored: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="popup_client.core.guardian"):
        assert not check_pin(PIN, stored)
    assert "not usable" in caplog.text


@pytest.mark.parametrize("pin", ["123", "1234567890123", "12a4", "", " 1234", "１２３４", "١٢٣٤"])
def test_pin_must_be_4_to_12_ascii_digits(lock: GuardianLock, pin: str) -> None:
    with pytest.raises(GuardianError, match="4 to 12 digits"):
        lock.set_pin(pin)
    assert not lock.is_set()


@pytest.mark.parametrize("pin", ["0000", "123456789012"])
def test_pin_length_limits_are_inclusive(lock: GuardianLock, pin: str) -> None:
    lock.set_pin(pin)
    assert lock.verify(pin)


# --- the lock with a keyring ------------------------------------------------------


def test_lock_stores_only_a_hash(keyring_store: MemoryKeyring, lock: GuardianLock) -> None:
    assert lock.available() and lock.unavailable_reason is None
    assert not lock.is_set()
    lock.set_pin(PIN)
    assert lock.is_set()
    stored = keyring_store.entries()[ENTRY]
    assert stored.startswith("scrypt$") and len(stored.split("$")) == 6
    assert check_pin(PIN, stored)
    assert lock.verify(PIN)
    assert not lock.verify("1357")
    assert not lock.verify("not a pin")


def test_verify_without_a_pin_is_false(lock: GuardianLock) -> None:
    assert not lock.verify(PIN)


def test_changing_the_pin_needs_the_old_one(locked: GuardianLock) -> None:
    with pytest.raises(GuardianError, match="Enter the current PIN"):
        locked.set_pin("1357")
    with pytest.raises(GuardianError, match="current PIN is wrong"):
        locked.set_pin("1357", old_pin="0000")
    assert locked.verify(PIN)
    locked.set_pin("1357", old_pin=PIN)
    assert locked.verify("1357") and not locked.verify(PIN)


def test_clearing_needs_the_pin(keyring_store: MemoryKeyring, locked: GuardianLock) -> None:
    with pytest.raises(GuardianError, match="Wrong guardian PIN"):
        locked.clear("0000")
    assert locked.is_set()
    locked.clear(PIN)
    assert not locked.is_set()
    assert ENTRY not in keyring_store.entries()
    locked.clear(PIN)  # nothing set: nothing to do


def test_a_custom_service_is_separate(keyring_store: MemoryKeyring, locked: GuardianLock) -> None:
    other = GuardianLock(service="popup-client-test")
    assert not other.is_set()
    other.set_pin("1357")
    assert ("popup-client-test", "guardian-pin") in keyring_store.entries()
    assert locked.verify(PIN)


# --- without a usable keyring ------------------------------------------------------


@pytest.fixture(params=["fail", "broken"])
def unusable_lock(request: pytest.FixtureRequest) -> Iterator[GuardianLock]:
    if request.param == "fail":
        with no_keyring():
            yield GuardianLock()
    else:
        with use_keyring(BrokenKeyring()):
            yield GuardianLock()


def test_without_keyring_the_lock_is_unavailable(unusable_lock: GuardianLock) -> None:
    assert not unusable_lock.available()
    reason = unusable_lock.unavailable_reason
    assert reason is not None
    assert "system keyring" in reason and "Minors mode still works" in reason
    assert not unusable_lock.is_set()
    assert not unusable_lock.verify(PIN)
    with pytest.raises(GuardianError) as info:
        unusable_lock.set_pin(PIN)
    assert str(info.value) == reason
    with pytest.raises(GuardianError):
        unusable_lock.clear(PIN)


def test_without_keyring_minors_mode_still_works(unusable_lock: GuardianLock) -> None:
    prefs = change_minors_mode(Preferences(), True, unusable_lock, None)
    assert prefs.minors_mode
    assert not change_minors_mode(prefs, False, unusable_lock, None).minors_mode


def test_keyring_failing_after_the_probe_makes_the_lock_unavailable(lock: GuardianLock) -> None:
    assert lock.available()
    with use_keyring(BrokenKeyring()):
        assert not lock.is_set()
        assert not lock.available()
        assert "the keyring is locked" in (lock.unavailable_reason or "")


def test_guardian_error_is_a_core_error() -> None:
    assert issubclass(GuardianError, CoreError)


# --- minors mode ----------------------------------------------------------------------


def test_turning_minors_mode_on_never_needs_a_pin(locked: GuardianLock) -> None:
    assert change_minors_mode(Preferences(), True, locked, None).minors_mode
    assert change_minors_mode(Preferences(), True, locked, "0000").minors_mode


def test_turning_it_off_without_a_pin_set_is_free(lock: GuardianLock) -> None:
    assert not change_minors_mode(minors_on(), False, lock, None).minors_mode


@pytest.mark.parametrize(
    ("pin", "message"),
    [(None, "enter the PIN to turn it off"), ("", "enter the PIN to turn it off"), ("0000", "Wrong guardian PIN")],
)
def test_turning_it_off_when_locked_needs_the_pin(locked: GuardianLock, pin: str | None, message: str) -> None:
    prefs = minors_on()
    with pytest.raises(GuardianError, match=message):
        change_minors_mode(prefs, False, locked, pin)
    assert prefs.minors_mode


def test_turning_it_off_with_the_right_pin(locked: GuardianLock) -> None:
    prefs = set_pref(minors_on(), "topic_max", "5")
    after = change_minors_mode(prefs, False, locked, PIN)
    assert not after.minors_mode and after.topic_max == 5
    assert prefs.minors_mode


def test_turning_it_off_when_already_off_needs_nothing(locked: GuardianLock) -> None:
    assert not change_minors_mode(Preferences(), False, locked, None).minors_mode


def test_guard_change_catches_every_path_that_turns_it_off(locked: GuardianLock) -> None:
    before = minors_on()
    for after in (reset_pref(before, "minors_mode"), set_pref(before, "minors_mode", "false"), Preferences()):
        with pytest.raises(GuardianError):
            guard_change(before, after, locked, None)
        assert guard_change(before, after, locked, PIN) is after
    other_change = set_pref(before, "max_visible", "1")
    assert guard_change(before, other_change, locked, None) is other_change
