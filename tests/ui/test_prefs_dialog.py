"""The preferences dialog: generated from the schema, saved at once, minors mode locked by the PIN."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from popup_client.core import guardian
from popup_client.core.guardian import GuardianLock
from popup_client.core.prefs import Preferences, get_pref, pref_fields
from popup_client.core.prefs import PrefsStore
from popup_client.core.prefs.shown import Section
from popup_client.service import PopupService
from popup_client.ui.pref_editors import (
    BoolEditor,
    ChecksEditor,
    ChoiceEditor,
    IntEditor,
    ListEditor,
    ProviderCapsEditor,
    TextEditor,
    toml_string,
)
from popup_client.ui.i18n import install_translator, remove_translators
from popup_client.ui.prefs_dialog import PreferencesDialog, sections
from tests.helpers.memkeyring import MemoryKeyring, memory_keyring, no_keyring
from tests.helpers.service import make_service, prefs_set_elsewhere

PIN = "2468"


@pytest.fixture(autouse=True)
def keyring_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.setattr(guardian, "_LOG2_N", 4)  # cheap scrypt; the hash records its cost
    with memory_keyring() as backend:
        yield backend


@pytest.fixture
def service(tmp_path: Path) -> PopupService:
    return make_service(tmp_path)[0]


def saved(tmp_path: Path) -> Preferences:
    """The preferences as a fresh load from disk sees them."""
    return PrefsStore(tmp_path / "preferences.toml").load()


def open_dialog(qtbot: Any, service: PopupService, **kwargs: Any) -> PreferencesDialog:
    dialog = PreferencesDialog(service, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def editor(dialog: PreferencesDialog, key: str, cls: type[Any]) -> Any:
    widget = dialog.editor(key)
    assert isinstance(widget, cls)
    return widget


def commit_text(qtbot: Any, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.clear()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_every_setting_has_an_editor_with_a_chinese_label(qtbot: Any, qapp: QApplication, service: PopupService) -> None:
    install_translator(qapp, "zh_CN")  # the labels are declared with the fields, in English, translated like every core text
    try:
        dialog = open_dialog(qtbot, service)
    finally:
        remove_translators(qapp)
    expected = {"int": IntEditor, "bool": BoolEditor, "choice": ChoiceEditor, "str": TextEditor, "table": ProviderCapsEditor,
                "time_range": TextEditor, "datetime": TextEditor}  # fmt: skip
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    for field in pref_fields():
        widget = dialog.editor(field.key)
        cls = expected.get(field.type_name) or (ChecksEditor if field.choices else ListEditor)
        assert isinstance(widget, cls), field.key
        assert field.shown is not None and field.shown.section is not Section.OTHER, field.key
        assert not widget.accessibleName().isascii() and widget.accessibleName() in labels, field.key
    assert {"频次上限", "不再接收", "免打扰", "未成年人模式", "新闻", "显示", "位置", "本机接口"} <= labels
    assert "其他" not in labels, "every setting declares its section"


def test_the_sections_and_labels_are_those_the_fields_declare(qtbot: Any, service: PopupService) -> None:
    dialog = open_dialog(qtbot, service)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    titles = [section.value for section, _ in sections(pref_fields())]
    assert titles == list(dict.fromkeys(t for t in labels if t in titles)) and "Other" not in titles
    caps = [f.key for f in dict(sections(pref_fields()))[Section.CAPS]]
    assert caps[-1] == "caps.providers" and caps[:2] == ["caps.global_hourly", "caps.provider_hourly"]
    assert dialog.editor("quiet_hours").accessibleName() == "Quiet hours"  # no translator: the declared English
    assert editor(dialog, "timeout_seconds.ad", IntEditor).spin.specialValueText() == "Until closed"
    assert editor(dialog, "caps.global_hourly", IntEditor).spin.suffix() == " popups"
    combo = editor(dialog, "unverified_providers", ChoiceEditor).combo
    assert [combo.itemText(i) for i in range(combo.count())] == ['Show, marked "Unverified"', "Don't show"]


def test_membership_tier_appears_nowhere(qtbot: Any, service: PopupService) -> None:
    dialog = open_dialog(qtbot, service)
    texts = [w.text() for w in dialog.findChildren(QLabel)] + [w.text() for w in dialog.findChildren(QAbstractButton)]
    texts += [w.toolTip() for w in dialog.findChildren(QWidget)]
    assert texts and not any("tier" in t.lower() or "会员" in t for t in texts)


def test_a_spin_box_saves_at_once_and_persists(qtbot: Any, service: PopupService, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, service)
    spin = editor(dialog, "caps.global_hourly", IntEditor).spin
    assert spin.value() == 6 and spin.minimum() == 0
    with qtbot.waitSignal(dialog.saved) as blocker:
        spin.setValue(3)
    assert blocker.args == ["caps.global_hourly"]
    assert service.prefs.caps.global_hourly == 3
    assert saved(tmp_path).caps.global_hourly == 3
    bounded = editor(dialog, "max_visible", IntEditor).spin
    assert (bounded.minimum(), bounded.maximum()) == (1, 10)
    assert editor(dialog, "timeout_seconds.ad", IntEditor).spin.specialValueText() == "Until closed"


def test_invalid_quiet_hours_show_the_error_and_save_nothing(qtbot: Any, service: PopupService, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, service)
    dialog.show()
    edit = editor(dialog, "quiet_hours", TextEditor).edit
    commit_text(qtbot, edit, "25:00-08:00")
    assert "impossible time" in dialog.error_text("quiet_hours")
    assert service.prefs.quiet_hours is None
    assert not (tmp_path / "preferences.toml").exists()
    assert edit.text() == "25:00-08:00", "the text stays for the user to fix"
    commit_text(qtbot, edit, "22:00 - 8:00")
    assert dialog.error_text("quiet_hours") == ""
    assert str(service.prefs.quiet_hours) == "22:00-08:00" == str(saved(tmp_path).quiet_hours)
    assert edit.text() == "22:00-08:00", "shown as saved"


def test_paused_until_accepts_rfc3339_and_refuses_a_naive_time(qtbot: Any, service: PopupService) -> None:
    dialog = open_dialog(qtbot, service)
    dialog.show()
    edit = editor(dialog, "paused_until", TextEditor).edit
    commit_text(qtbot, edit, "2026-11-28 08:00")
    assert dialog.error_text("paused_until") and service.prefs.paused_until is None
    commit_text(qtbot, edit, "garbage")
    assert "RFC 3339" in dialog.error_text("paused_until") and service.prefs.paused_until is None
    commit_text(qtbot, edit, "2026-11-28T08:00:00+08:00")
    assert get_pref(service.prefs, "paused_until") == "2026-11-28T08:00:00+08:00" and not dialog.error_text("paused_until")


def test_text_is_passed_as_a_string_even_when_it_looks_like_toml(qtbot: Any, service: PopupService) -> None:
    dialog = open_dialog(qtbot, service)
    editor(dialog, "news_sources_file", TextEditor).set_text('["x"] = 1 "quoted"')
    assert service.prefs.news_sources_file == '["x"] = 1 "quoted"'
    assert toml_string("a\x7fb") == '"a\\u007fb"'


def test_kinds_are_check_boxes_in_chinese(qtbot: Any, service: PopupService, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, service)
    kinds = editor(dialog, "opt_out.kinds", ChecksEditor)
    assert [box.text() for box in kinds.boxes.values()] == ["广告", "新闻", "内容", "服务"]
    kinds.boxes["ad"].setChecked(True)
    kinds.boxes["news"].setChecked(True)
    assert saved(tmp_path).opt_out.kinds == ["ad", "news"]
    kinds.boxes["ad"].setChecked(False)
    assert service.prefs.opt_out.kinds == ["news"]


def test_the_provider_list_adds_validates_and_removes(qtbot: Any, service: PopupService, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, service)
    providers = editor(dialog, "opt_out.providers", ListEditor)
    providers.entry.setText("com.example.news")
    providers.add_button.click()
    assert saved(tmp_path).opt_out.providers == ["com.example.news"]
    assert providers.values() == ["com.example.news"] and providers.entry.text() == ""
    providers.entry.setText("not an id!")
    providers.add_button.click()
    assert "provider id" in dialog.error_text("opt_out.providers")
    assert service.prefs.opt_out.providers == ["com.example.news"]
    providers.items.item(0).setSelected(True)
    providers.remove_button.click()
    assert saved(tmp_path).opt_out.providers == [] and dialog.error_text("opt_out.providers") == ""


def test_the_provider_caps_table_sets_and_removes_overrides(qtbot: Any, service: PopupService, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, service)
    caps = editor(dialog, "caps.providers", ProviderCapsEditor)
    caps.set_button.click()
    assert dialog.error_text("caps.providers"), "an id and a cap are needed"
    caps.entry.setText("com.example.news")
    caps.spins["hourly"].setValue(1)
    caps.set_button.click()
    assert saved(tmp_path).provider_caps("com.example.news") == (1, 6)
    assert saved(tmp_path).caps.providers["com.example.news"].daily is None
    assert caps.table.rowCount() == 1 and caps.table.item(0, 2).text() == "默认（6）"
    caps.entry.setText("org.example.files")
    caps.spins["daily"].setValue(20)
    caps.set_button.click()
    assert set(service.prefs.caps.providers) == {"com.example.news", "org.example.files"}
    caps.table.selectRow(0)
    assert caps.entry.text() == "com.example.news" and caps.spins["hourly"].value() == 1
    caps.remove_button.click()
    assert set(saved(tmp_path).caps.providers) == {"org.example.files"}


def test_a_choice_is_a_combo_box(qtbot: Any, service: PopupService) -> None:
    dialog = open_dialog(qtbot, service)
    combo = editor(dialog, "unverified_providers", ChoiceEditor).combo
    assert combo.itemText(0).startswith("Show") and combo.itemData(1) == "reject"
    combo.setCurrentIndex(1)
    assert service.prefs.unverified_providers == "reject"


def test_the_dialog_shows_changes_made_elsewhere_when_shown(qtbot: Any, service: PopupService) -> None:
    dialog = open_dialog(qtbot, service)
    service.set_pref("topic_max", "5")
    saved_keys: list[str] = []
    dialog.saved.connect(saved_keys.append)
    dialog.show()
    assert editor(dialog, "topic_max", IntEditor).spin.value() == 5
    assert saved_keys == [], "loading a value saves nothing"


def elsewhere(tmp_path: Path, key: str, raw: str) -> None:
    """`popup-client prefs set KEY RAW` in another process, while the dialog is open."""
    prefs_set_elsewhere(tmp_path, key, raw)


def test_a_change_in_the_dialog_keeps_another_setting_changed_elsewhere(
    qtbot: Any, service: PopupService, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, service)
    dialog.show()
    elsewhere(tmp_path, "opt_out.providers", '["com.example.news"]')
    editor(dialog, "topic_max", IntEditor).spin.setValue(4)
    assert saved(tmp_path).opt_out.providers == ["com.example.news"] and saved(tmp_path).topic_max == 4
    assert editor(dialog, "opt_out.providers", ListEditor).values() == ["com.example.news"], "and shows it"


def test_a_setting_changed_elsewhere_since_it_was_shown_is_not_overwritten(
    qtbot: Any, service: PopupService, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, service)
    dialog.show()
    providers = editor(dialog, "opt_out.providers", ListEditor)
    elsewhere(tmp_path, "opt_out.providers", '["com.example.news"]')  # the dialog still shows no provider
    providers.entry.setText("com.example.shop")
    providers.add_button.click()  # would save ["com.example.shop"]: the news opt-out would be lost
    assert saved(tmp_path).opt_out.providers == ["com.example.news"]
    assert "已在别处被更改" in dialog.error_text("opt_out.providers")
    assert providers.values() == ["com.example.news"], "the dialog shows the list as saved now"
    providers.entry.setText("com.example.shop")
    providers.add_button.click()  # now the user adds to what they see
    assert saved(tmp_path).opt_out.providers == ["com.example.news", "com.example.shop"]
    assert dialog.error_text("opt_out.providers") == ""


def test_reloading_shows_what_changed_and_leaves_the_rest_as_it_is(qtbot: Any, service: PopupService, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, service)
    dialog.show()
    edit = editor(dialog, "quiet_hours", TextEditor).edit
    edit.setText("22:0")  # being typed
    elsewhere(tmp_path, "topic_max", "7")
    service.refresh_prefs(thorough=True)
    dialog.reload()  # the app calls it when the file changed
    assert editor(dialog, "topic_max", IntEditor).spin.value() == 7
    assert edit.text() == "22:0", "what the user is typing stays"


# --- minors mode and the guardian PIN --------------------------------------------


def minors_on(service: PopupService) -> None:
    service.set_pref("minors_mode", "true")


def test_minors_mode_off_with_a_pin_asks_for_it_and_refuses_a_wrong_one(
    qtbot: Any, service: PopupService, tmp_path: Path
) -> None:
    lock = GuardianLock()
    lock.set_pin(PIN)
    minors_on(service)
    answers = ["1111", None, PIN]
    asked: list[str | None] = []

    def prompt() -> str | None:
        asked.append(answers[len(asked)])
        return asked[-1]

    dialog = open_dialog(qtbot, service, guardian=lock, pin_prompt=prompt)
    box = editor(dialog, "minors_mode", BoolEditor).box
    assert box.isChecked()
    box.setChecked(False)
    assert asked == ["1111"]
    assert service.prefs.minors_mode and saved(tmp_path).minors_mode
    assert box.isChecked(), "the box goes back on"
    assert "PIN 不正确" in dialog.error_text("minors_mode")
    box.setChecked(False)  # cancelled
    assert service.prefs.minors_mode and box.isChecked()
    box.setChecked(False)
    assert asked == ["1111", None, PIN]
    assert not saved(tmp_path).minors_mode and not box.isChecked()
    assert dialog.error_text("minors_mode") == ""


def test_minors_mode_without_a_pin_turns_off_without_asking(qtbot: Any, service: PopupService) -> None:
    minors_on(service)
    dialog = open_dialog(qtbot, service, guardian=GuardianLock(), pin_prompt=lambda: pytest.fail("asked for a PIN"))
    editor(dialog, "minors_mode", BoolEditor).box.setChecked(False)
    assert not service.prefs.minors_mode


def test_setting_the_pin(qtbot: Any, service: PopupService, monkeypatch: pytest.MonkeyPatch) -> None:
    lock = GuardianLock()
    dialog = open_dialog(qtbot, service, guardian=lock)
    button = next(b for b in dialog.findChildren(QAbstractButton) if b.text() == "设置家长 PIN…")
    answers = iter(["2468", "2469", "12", "2468", "2468"])
    monkeypatch.setattr(dialog, "_ask_pin", lambda label: next(answers))
    button.click()
    assert not lock.is_set(), "the two entries differ"
    button.click()
    assert not lock.is_set(), "too short"
    button.click()
    assert lock.verify("2468")
    status = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "已设置家长 PIN" in status
    monkeypatch.setattr(dialog, "_ask_pin", lambda label: "0000")
    button.click()
    assert lock.verify("2468"), "changing it needs the current PIN"


def test_without_a_keyring_the_pin_controls_are_disabled_and_say_why(qtbot: Any, service: PopupService) -> None:
    with no_keyring():
        lock = GuardianLock()
        dialog = open_dialog(qtbot, service, guardian=lock)
        button = next(b for b in dialog.findChildren(QAbstractButton) if b.text() == "设置家长 PIN…")
        assert not button.isEnabled()
        reason = lock.unavailable_reason
        assert reason is not None
        assert any(reason in label.text() for label in dialog.findChildren(QLabel))
        box = editor(dialog, "minors_mode", BoolEditor).box
        box.setChecked(True)
        assert service.prefs.minors_mode, "minors mode itself still works"
