"""The running app and preferences.toml: it follows the file, never writes back a stale copy, says what is wrong once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from popup_client.app import Application
from popup_client.cli import main
from popup_client.core.prefs import PrefsStore
from tests.test_app import application  # noqa: F401  (the app in-process, state in tmp_path)
from tests.test_app_journal_damage import FakeTray

WITHIN_A_SECOND = 1000  # ms


class Tray(FakeTray):
    """The tray as far as the preferences reach it: messages, and refreshes of the pause state."""

    def __init__(self) -> None:
        super().__init__()
        self.refreshes = 0

    def refresh(self) -> None:
        self.refreshes += 1


def prefs_set(key: str, value: str) -> None:
    """`popup-client prefs set KEY VALUE`, as another process runs it (its own store, the same file)."""
    assert main(["prefs", "set", key, value]) == 0


def saved(tmp_path: Path) -> PrefsStore:
    return PrefsStore(tmp_path / "config" / "preferences.toml")


def test_a_pause_set_from_the_command_line_shows_in_the_tray_within_a_second(
    application: Application, qtbot: QtBot
) -> None:
    tray = Tray()
    application.tray = tray  # type: ignore[assignment]  # offscreen Qt has no system tray
    assert not application.is_paused()
    prefs_set("paused_until", "9999-12-31T23:59:59Z")
    qtbot.waitUntil(application.is_paused, timeout=WITHIN_A_SECOND)
    assert tray.refreshes, "the tray shows it paused"


def test_the_trays_pause_and_resume_keep_an_opt_out_set_from_the_command_line(
    application: Application, tmp_path: Path
) -> None:
    prefs_set("opt_out.providers", '["com.example.x"]')
    application.pause(timedelta(hours=1))  # at once: before the app noticed the change
    paused = saved(tmp_path).load()
    assert paused.opt_out.providers == ["com.example.x"], "the user's opt-out was not undone"
    assert paused.paused_until
    prefs_set("caps.global_hourly", "3")
    application.resume()
    resumed = saved(tmp_path).load()
    assert (resumed.opt_out.providers, resumed.caps.global_hourly, resumed.paused_until) == (["com.example.x"], 3, None)


def test_a_file_damaged_while_running_is_repaired_and_said_once_in_the_tray(
    application: Application, qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tray = Tray()
    application.tray = tray  # type: ignore[assignment]
    path = tmp_path / "config" / "preferences.toml"
    capsys.readouterr()
    path.parent.mkdir()  # the app started without one: the folder appears too
    path.write_text('[opt_out]\nproviders = ["com.example.x"]\n\n[caps]\nglobal_hourly = -1\n', encoding="utf-8")
    qtbot.waitUntil(lambda: bool(tray.messages), timeout=WITHIN_A_SECOND)
    assert application.service.prefs.opt_out.providers == ["com.example.x"], "the usable settings apply"
    (kept,) = path.parent.glob("preferences.toml.corrupt-*")
    said = [line for line in capsys.readouterr().err.splitlines() if kept.name in line]
    assert len(said) == 1 and said[0].startswith(f"popup-client: warning: The preferences file {path} has settings")
    assert "caps.global_hourly: input should be greater than or equal to 0 (found -1)" in said[0]
    application.prefs_watcher.check()
    assert tray.messages == [("popup-client", said[0].removeprefix("popup-client: warning: "))], "once"


def test_a_pause_on_a_file_that_cannot_be_read_saves_nothing_and_says_why(
    application: Application, qtbot: QtBot, tmp_path: Path
) -> None:
    tray = Tray()
    application.tray = tray  # type: ignore[assignment]
    path = tmp_path / "config" / "preferences.toml"
    prefs_set("opt_out.providers", '["com.example.x"]')
    qtbot.waitUntil(lambda: application.service.prefs.opt_out.providers == ["com.example.x"], timeout=WITHIN_A_SECOND)
    path.rename(path.with_name("moved.toml"))
    path.mkdir()  # unreadable, even for root
    application.pause(timedelta(hours=1))
    assert path.is_dir() and not application.is_paused()
    assert any("nothing was saved" in message for _, message in tray.messages)
    assert application.service.prefs.opt_out.providers == ["com.example.x"], "the preferences read before stay"
