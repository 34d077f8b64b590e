"""Vendor defaults and locks over the user's preferences (issue 18): built-in < vendor < user, locks only safer, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from popup_client.core.prefs import LayeredPrefsStore, PrefError, Preferences, VendorPolicy, effective, setting
from popup_client.core.prefs.changes import opt_out_provider
from popup_client.core.trust.bundle import make_bundle, verify_bundle
from popup_client.core.trust.keys import generate_key, key_id
from popup_client.core.trust.layers import Layer, SystemPolicy, read_system_policy

VENDOR = generate_key()


def machine(tmp_path: Path, *, defaults: str = "", locks: str = "") -> Path:
    folder = tmp_path / "etc" / "xdg" / "popup-client"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "defaults.toml").write_text(defaults, encoding="utf-8")
    (folder / "locks.toml").write_text(locks, encoding="utf-8")
    return folder


def store(tmp_path: Path, folder: Path, **bundle_body: object) -> LayeredPrefsStore:
    bundles = ()
    if bundle_body:
        data = make_bundle(VENDOR, {"version": 1, "created": "2026-12-02T09:00:00+08:00", **bundle_body})
        bundles = (verify_bundle(data, {key_id(VENDOR): VENDOR.public_key()}),)
    return LayeredPrefsStore(tmp_path / "config" / "preferences.toml", vendor=VendorPolicy(bundles, read_system_policy([folder])))


def test_vendor_defaults_apply_where_the_user_set_nothing_and_the_user_wins_elsewhere(tmp_path: Path) -> None:
    layered = store(tmp_path, machine(tmp_path, defaults="quiet_hours = '22:30-07:30'\n[caps]\nglobal_hourly = 4\n"))
    assert layered.load().caps.global_hourly == 4 and str(layered.load().quiet_hours) == "22:30-07:30"
    prefs = layered.update(setting("caps.global_hourly", "5"))
    assert prefs.caps.global_hourly == 5 and str(prefs.quiet_hours) == "22:30-07:30"


def test_a_lock_overrides_the_users_value_which_stays_in_the_file_and_returns_when_the_lock_goes(tmp_path: Path) -> None:
    folder = machine(tmp_path)
    layered = store(tmp_path, folder)
    layered.update(setting("caps.global_hourly", "8"))
    layered.update(setting("minors_mode", "false"))
    folder.joinpath("locks.toml").write_text('"caps.global_hourly" = { max = 3 }\nminors_mode = { force = true }\n', encoding="utf-8")
    locked = store(tmp_path, folder)
    prefs = locked.load()
    assert (prefs.caps.global_hourly, prefs.minors_mode) == (3, True)
    lock = locked.lock_of("caps.global_hourly")
    assert lock is not None and lock.set_by == (str(folder / "locks.toml"),) and lock.changed
    assert "global_hourly = 8" in locked.path.read_text(encoding="utf-8"), "the user's own value is kept"
    assert locked.update(setting("max_visible", "2")).caps.global_hourly == 3, "other settings still change"
    assert "global_hourly = 8" in locked.path.read_text(encoding="utf-8")
    folder.joinpath("locks.toml").write_text("", encoding="utf-8")
    assert store(tmp_path, folder).load().caps.global_hourly == 8


def test_setting_a_locked_key_beyond_its_lock_is_refused_naming_who(tmp_path: Path) -> None:
    layered = store(tmp_path, machine(tmp_path), locks={"caps.global_hourly": {"max": 3}}, title="ExampleOS")
    with pytest.raises(PrefError, match=r"caps.global_hourly is locked \(max 3\) by policy bundle v1 \(ed25519:.*\); 10 is not allowed"):
        layered.update(setting("caps.global_hourly", "10"))
    assert not layered.path.exists(), "nothing was saved"
    assert layered.update(setting("caps.global_hourly", "2")).caps.global_hourly == 2, "stricter is allowed"


def test_a_forbidden_opt_out_stays_and_the_user_may_add_more(tmp_path: Path) -> None:
    layered = store(tmp_path, machine(tmp_path, locks='"opt_out.providers" = { forbid = ["com.spam.ads"] }\n'))
    assert "com.spam.ads" in layered.load().opt_out.providers
    prefs = layered.update(opt_out_provider("com.other.news"))
    assert set(prefs.opt_out.providers) == {"com.spam.ads", "com.other.news"}
    assert "com.spam.ads" in layered.update(setting("opt_out.providers", "[]")).opt_out.providers, "the lock holds"
    layered.update(setting("opt_out.providers", '["com.spam.ads", "com.other.news"]'))
    with pytest.raises(PrefError, match=r"opt_out.providers is locked \(forbid com.spam.ads\)"):
        layered.update(setting("opt_out.providers", '["com.other.news"]'))  # once in the user's own list, it cannot be taken out


def test_vendor_defaults_that_do_not_fit_are_ignored_and_the_locks_still_apply(tmp_path: Path) -> None:
    folder = machine(tmp_path, defaults="[caps]\nglobal_hourly = 'many'\n", locks="minors_mode = { force = true }\n")
    prefs, locked = effective(Preferences(), VendorPolicy((), read_system_policy([folder])))
    assert prefs.caps.global_hourly == Preferences().caps.global_hourly and prefs.minors_mode is True
    assert [f.key for f in locked] == ["minors_mode"]


def test_a_reset_is_allowed_under_a_lock_and_the_lock_still_binds(tmp_path: Path) -> None:
    from popup_client.core.prefs import reset_pref

    layered = store(tmp_path, machine(tmp_path, locks='"caps.global_hourly" = { max = 3 }\n'))
    layered.update(setting("caps.global_hourly", "2"))
    assert layered.update(lambda prefs: reset_pref(prefs, "caps.global_hourly")).caps.global_hourly == 3
    assert layered.update(lambda prefs: Preferences()).caps.global_hourly == 3
    assert "global_hourly = 6" in layered.path.read_text(encoding="utf-8")


def _own_preferences() -> list[Preferences]:
    """Preferences a user may have: the defaults, and some of every kind of setting changed (a table of providers too)."""
    changed = Preferences()
    for key, value in [("caps.global_hourly", "2"), ("quiet_hours", "'22:30-07:30'"), ("max_visible", "1"),
                       ("caps.providers.com.example.news.daily", "1"), ("opt_out.providers", '["com.spam.ads"]')]:  # fmt: skip
        changed = setting(key, value)(changed)
    return [Preferences(), changed]


@pytest.mark.parametrize("own", _own_preferences())
def test_without_a_vendor_policy_the_users_own_preferences_are_in_effect_as_they_are(own: Preferences) -> None:
    """What layering gives with nothing to layer (an empty machine-wide defaults file forces it): the user's own, unread."""
    prefs, locked = effective(own, VendorPolicy())
    assert prefs is own and locked == ()
    assert effective(own, VendorPolicy((), SystemPolicy(defaults=(Layer("empty", {}),)))) == (own, ())
