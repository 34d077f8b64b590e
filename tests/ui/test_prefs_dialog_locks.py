"""The preferences dialog under vendor defaults and locks (issue 18): locked editors disabled, saying who; nothing lost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal
from popup_client.core.prefs import LayeredPrefsStore, VendorPolicy
from popup_client.core.trust.layers import read_system_policy
from popup_client.service import PopupService
from popup_client.ui.pref_editors import IntEditor
from popup_client.ui.prefs_dialog import PreferencesDialog
from tests.helpers.rules import EXAMPLES_NOW


def layered_service(tmp_path: Path, locks: str, defaults: str = "") -> PopupService:
    folder = tmp_path / "etc" / "popup-client"
    folder.mkdir(parents=True)
    (folder / "locks.toml").write_text(locks, encoding="utf-8")
    (folder / "defaults.toml").write_text(defaults, encoding="utf-8")
    store = LayeredPrefsStore(tmp_path / "preferences.toml", vendor=VendorPolicy((), read_system_policy([folder])))
    clock = FixedClock(EXAMPLES_NOW)
    return PopupService(Journal(":memory:", clock=clock), store, clock=clock, bundles=[])


def test_a_locked_setting_is_disabled_and_says_who_locked_it_and_the_users_value_is_kept(qtbot: Any, tmp_path: Path) -> None:
    (tmp_path / "preferences.toml").write_text("[caps]\nglobal_hourly = 9\n", encoding="utf-8")
    service = layered_service(tmp_path, '"caps.global_hourly" = { max = 3 }\n')
    dialog = PreferencesDialog(service)
    qtbot.addWidget(dialog)
    locked = dialog.editor("caps.global_hourly")
    assert isinstance(locked, IntEditor) and locked.spin.value() == 3 and not locked.isEnabled()
    tip = locked.toolTip()
    assert str(tmp_path / "etc" / "popup-client" / "locks.toml") in tip and "max 3" in tip and "9" in tip
    assert dialog.editor("caps.provider_hourly").isEnabled()
    free = dialog.editor("max_visible")
    assert isinstance(free, IntEditor)
    with qtbot.waitSignal(dialog.saved):
        free.spin.setValue(2)
    assert "global_hourly = 9" in (tmp_path / "preferences.toml").read_text(encoding="utf-8")


def test_a_vendor_default_is_shown_and_changed_like_any_other(qtbot: Any, tmp_path: Path) -> None:
    service = layered_service(tmp_path, "", defaults="[caps]\nglobal_hourly = 4\n")
    dialog = PreferencesDialog(service)
    qtbot.addWidget(dialog)
    spin = dialog.editor("caps.global_hourly")
    assert isinstance(spin, IntEditor) and spin.spin.value() == 4 and spin.isEnabled()
    with qtbot.waitSignal(dialog.saved):
        spin.spin.setValue(5)
    assert service.prefs.caps.global_hourly == 5 and dialog.error_text("caps.global_hourly") == ""
