"""The running app follows preferences.toml: a change made anywhere applies within a second, damage is said once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.prefs import set_pref
from popup_client.core.prefs import PrefsStore
from popup_client.service import PopupService
from popup_client.ui import prefs_watcher
from popup_client.ui.prefs_watcher import PrefsWatcher
from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal
from tests.helpers.service import EXAMPLES_NOW, make_service

WITHIN_A_SECOND = 1000  # ms


@pytest.fixture
def service(tmp_path: Path) -> PopupService:
    return make_service(tmp_path)[0]


@pytest.fixture
def watcher(qtbot: Any, service: PopupService) -> Iterator[PrefsWatcher]:
    service.set_pref("topic_max", "5")  # the file exists
    watching = PrefsWatcher(service)
    watching.start()
    yield watching
    watching.stop()


def elsewhere(service: PopupService, key: str, raw: str) -> None:
    """What `popup-client prefs set` in another process does: a new file renamed over the old one."""
    PrefsStore(service.prefs_store.path).update(lambda prefs: set_pref(prefs, key, raw))


def test_a_change_by_another_process_applies_within_a_second(qtbot: Any, service: PopupService, watcher: PrefsWatcher) -> None:
    with qtbot.waitSignal(watcher.changed, timeout=WITHIN_A_SECOND):
        elsewhere(service, "opt_out.providers", '["com.example.news"]')
    assert service.prefs.opt_out.providers == ["com.example.news"] and service.prefs.topic_max == 5
    with qtbot.waitSignal(watcher.changed, timeout=WITHIN_A_SECOND):
        elsewhere(service, "topic_max", "1")  # the replaced file is watched again
    assert service.prefs.topic_max == 1


def test_an_edit_by_hand_applies_within_a_second(qtbot: Any, service: PopupService, watcher: PrefsWatcher) -> None:
    path = service.prefs_store.path
    with qtbot.waitSignal(watcher.changed, timeout=WITHIN_A_SECOND):
        with open(path, "r+", encoding="utf-8") as handle:  # written in place, as some editors do
            text = handle.read().replace("topic_max = 5", "topic_max = 9")
            handle.seek(0)
            handle.write(text)
    assert service.prefs.topic_max == 9


@pytest.mark.parametrize(
    ("watch_added", "network"),
    [(True, True), (False, False)],
    ids=["network-file-system-written-elsewhere", "watch-refused-no-inotify-watches-left"],
)
def test_the_periodic_check_catches_what_no_notice_announced(
    qtbot: Any, service: PopupService, monkeypatch: pytest.MonkeyPatch, watch_added: bool, network: bool
) -> None:
    monkeypatch.setattr(prefs_watcher.QFileSystemWatcher, "addPath", lambda self, path: watch_added)  # no notice will come
    monkeypatch.setattr(prefs_watcher, "sends_no_events", lambda path: network)
    watching = PrefsWatcher(service)
    watching.start()
    try:
        with qtbot.waitSignal(watching.changed, timeout=WITHIN_A_SECOND):
            elsewhere(service, "max_visible", "5")
        assert service.prefs.max_visible == 5
    finally:
        watching.stop()


def test_on_a_local_disk_nothing_ticks_while_idle(service: PopupService, watcher: PrefsWatcher) -> None:
    """inotify says when the file changes: no periodic check wakes the idle app."""
    assert not prefs_watcher.sends_no_events(service.prefs_store.path.parent)
    assert not watcher._poll.isActive() and not watcher._settle.isActive()


def test_a_folder_made_after_the_start_is_noticed(qtbot: Any, tmp_path: Path) -> None:
    """The first `prefs set` of a new user makes the folder; the app, started before, hears of it without polling."""
    clock = FixedClock(EXAMPLES_NOW)
    path = tmp_path / "config" / "popup-client" / "preferences.toml"  # neither folder exists yet
    service = PopupService(Journal(":memory:", clock=clock), PrefsStore(path), clock=clock)
    watching = PrefsWatcher(service)
    watching.start()
    try:
        assert not watching._poll.isActive()
        with qtbot.waitSignal(watching.changed, timeout=2 * WITHIN_A_SECOND):
            elsewhere(service, "topic_max", "7")
        assert service.prefs.topic_max == 7
        with qtbot.waitSignal(watching.changed, timeout=WITHIN_A_SECOND):
            elsewhere(service, "topic_max", "8")  # now the folder and the file are watched themselves
        assert service.prefs.topic_max == 8
    finally:
        watching.stop()


def test_its_own_changes_are_not_news(qtbot: Any, service: PopupService, watcher: PrefsWatcher) -> None:
    changed: list[None] = []
    watcher.changed.connect(lambda: changed.append(None))
    service.set_pref("max_visible", "4")  # the service told its listeners itself, once
    assert len(changed) == 1
    watcher.check()  # what a notice or the periodic check does: nothing more to hear
    assert len(changed) == 1


def test_damage_is_repaired_and_said_once(qtbot: Any, service: PopupService, watcher: PrefsWatcher) -> None:
    path = service.prefs_store.path
    warnings: list[str] = []
    watcher.warning.connect(warnings.append)
    with qtbot.waitSignal(watcher.warning, timeout=WITHIN_A_SECOND):
        path.write_text('[opt_out]\nproviders = ["com.example.news"]\n[caps]\nglobal_hourly = "many"\n', encoding="utf-8")
    assert service.prefs.opt_out.providers == ["com.example.news"], "the usable settings apply"
    (kept,) = path.parent.glob("preferences.toml.corrupt-*")
    assert warnings == [warnings[0]] and "caps.global_hourly" in warnings[0] and kept.name in warnings[0]
    watcher.check()
    watcher.check()
    assert len(warnings) == 1


def test_a_file_made_unreadable_keeps_the_preferences_and_is_said_once(
    qtbot: Any, service: PopupService, watcher: PrefsWatcher
) -> None:
    path = service.prefs_store.path
    before = service.prefs
    warnings: list[str] = []
    watcher.warning.connect(warnings.append)
    with qtbot.waitSignal(watcher.warning, timeout=WITHIN_A_SECOND):
        os.replace(path, path.with_name("elsewhere.toml"))
        path.mkdir()  # root reads any file: a directory cannot be read by anyone
    assert service.prefs == before
    assert "cannot be read" in warnings[0] and "the preferences read before stay in effect" in warnings[0]
    watcher.check()
    watcher.check()
    assert len(warnings) == 1
