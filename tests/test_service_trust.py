"""The service under installed policy bundles (issue 18): their news-source list, their version journaled."""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal
from popup_client.core.prefs import PrefsStore
from popup_client.core.rules import Sender
from popup_client.core.trust.bundle import PolicyBundle, make_bundle, verify_bundle
from popup_client.core.trust.keys import generate_key, key_id, public_key_pem
from popup_client.core.trust.store import PolicyStore, TrustStore
from popup_client.service import PopupService
from tests.helpers.rules import EXAMPLES_NOW

VENDOR = generate_key()


def bundle(version: int = 1, sources: tuple[str, ...] = ("人民日报",)) -> PolicyBundle:
    news = {"version": f"vendor-{version}", "title": "list", "sources": [{"name": name} for name in sources]}
    data = make_bundle(VENDOR, {"version": version, "created": "2026-12-02T09:00:00+08:00", "news_sources": news})
    return verify_bundle(data, {key_id(VENDOR): VENDOR.public_key()})


def service(tmp_path: Path, bundles: list[PolicyBundle] | None) -> PopupService:
    clock = FixedClock(EXAMPLES_NOW)
    return PopupService(Journal(":memory:", clock=clock), PrefsStore(tmp_path / "preferences.toml"), clock=clock, bundles=bundles)


def test_the_bundles_news_list_replaces_the_shipped_one_and_its_version_is_journaled(tmp_path: Path, news: dict[str, Any]) -> None:
    vendor = bundle()
    svc = service(tmp_path, [vendor])
    submitted = svc.submit(copy.deepcopy(news), Sender("socket"))
    assert submitted.decision.decision == "reject" and "news-source" in submitted.decision.rules, "新华社 is not on the vendor's list"
    row = svc.journal.get(submitted.receipt_id)
    assert row is not None and row.policy_version == vendor.version_id and row.news_list_version == "vendor-1"
    listed = service(tmp_path, [bundle(2, ("新华社",))]).submit(copy.deepcopy(news), Sender("socket"))
    assert listed.decision.decision == "show"


def test_the_users_own_list_still_wins_over_the_bundles(tmp_path: Path, news: dict[str, Any]) -> None:
    (tmp_path / "preferences.toml").write_text('news_sources_file = ""\n', encoding="utf-8")
    svc = service(tmp_path, [bundle()])
    svc.set_pref("news_sources_file", f'"{Path("resources/news/news-sources.toml").resolve()}"')
    assert svc.submit(copy.deepcopy(news), Sender("socket")).decision.decision == "show"


def test_without_bundles_nothing_changes(tmp_path: Path, news: dict[str, Any]) -> None:
    svc = service(tmp_path, [])
    submitted = svc.submit(copy.deepcopy(news), Sender("socket"))
    row = svc.journal.get(submitted.receipt_id)
    assert submitted.decision.decision == "show" and row is not None and row.policy_version is None


def test_the_installed_bundle_is_loaded_at_start_and_a_replaced_one_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, news: dict[str, Any]
) -> None:
    machine = tmp_path / "etc" / "xdg" / "popup-client"
    (machine / "trust").mkdir(parents=True)
    (machine / "trust" / "vendor.pem").write_bytes(public_key_pem(VENDOR))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc" / "xdg"))
    monkeypatch.setenv("POPUP_CLIENT_CONFIG_DIR", str(tmp_path / "config"))
    store = PolicyStore(TrustStore(machine / "trust"), machine / "policy")
    store.install(bundle().data)
    store.install(bundle(2).data)
    svc = service(tmp_path, None)
    assert [b.version for b in svc.settings.policy_in_force.bundles] == [2] and svc.settings.policy_in_force.version == bundle(2).version_id
    (machine / "policy" / "bundle.json").write_bytes(bundle().data)
    svc = service(tmp_path, None)
    assert svc.settings.policy_in_force.bundles == [] and any("it was replaced by hand" in w for w in svc.warnings)


def test_a_bundle_installed_while_the_app_runs_applies_to_the_next_popup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, news: dict[str, Any]
) -> None:
    machine = tmp_path / "etc" / "xdg" / "popup-client"
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc" / "xdg"))
    monkeypatch.setenv("POPUP_CLIENT_CONFIG_DIR", str(tmp_path / "config"))
    svc = service(tmp_path, None)
    assert svc.settings.policy_in_force.bundles == [] and svc.submit(copy.deepcopy(news), Sender("socket")).decision.decision == "show"
    (machine / "trust").mkdir(parents=True)
    (machine / "trust" / "vendor.pem").write_bytes(public_key_pem(VENDOR))
    PolicyStore(TrustStore(machine / "trust"), machine / "policy").install(bundle().data)
    soon = svc.submit({**copy.deepcopy(news), "id": "n-soon"}, Sender("socket"))
    assert soon.decision.decision == "show", "the files are looked at once a second"
    svc.clock.advance(timedelta(seconds=1))  # type: ignore[attr-defined]
    later = svc.submit({**copy.deepcopy(news), "id": "n-later"}, Sender("socket"))
    assert later.decision.decision == "reject" and "news-source" in later.decision.rules
    assert svc.settings.refresh_policy(now=True) is False, "nothing changed since"


def test_a_lock_installed_while_the_app_runs_applies_and_the_users_value_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from popup_client.core.prefs import LayeredPrefsStore

    machine = tmp_path / "etc" / "xdg" / "popup-client"
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc" / "xdg"))
    monkeypatch.setenv("POPUP_CLIENT_CONFIG_DIR", str(tmp_path / "config"))
    clock = FixedClock(EXAMPLES_NOW)
    svc = PopupService(Journal(":memory:", clock=clock), LayeredPrefsStore(tmp_path / "preferences.toml"), clock=clock)
    svc.set_pref("caps.global_hourly", "8")
    seen: list[int] = []
    svc.prefs_listeners.append(lambda prefs: seen.append(prefs.caps.global_hourly))
    machine.mkdir(parents=True)
    (machine / "locks.toml").write_text('"caps.global_hourly" = { max = 2 }\n', encoding="utf-8")
    clock.advance(timedelta(seconds=1))
    assert svc.refresh_prefs() is False and svc.prefs.caps.global_hourly == 2 and seen == [2]
    assert "global_hourly = 8" in (tmp_path / "preferences.toml").read_text(encoding="utf-8")
