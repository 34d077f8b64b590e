"""Each branch of the platform chooser."""

from __future__ import annotations

from pathlib import Path

import pytest

from popup_client.platform import APP_USER_MODEL_ID, current, for_platform


def test_linux(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    support = for_platform("linux")
    assert (support.name, support.dbus_notifications, support.autostart_dir) == ("linux", True, tmp_path / "autostart")
    assert support.set_app_identity(shell32=object()) is False


def test_macos() -> None:
    support = for_platform("darwin")
    assert support.name == "macos" and not support.dbus_notifications
    assert support.autostart_dir is not None and support.autostart_dir.name == "LaunchAgents"


def test_windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("APPDATA", str(tmp_path))
    support = for_platform("win32")
    assert support.name == "windows" and support.corner == "bottom-right"
    assert support.autostart_dir == tmp_path / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
    calls: list[str] = []

    class Shell32:
        def SetCurrentProcessExplicitAppUserModelID(self, value: str) -> int:  # noqa: N802 - the Win32 name
            calls.append(value)
            return 0

    assert support.set_app_identity(shell32=Shell32()) is True and calls == [APP_USER_MODEL_ID]


def test_other() -> None:
    support = for_platform("sunos5")
    assert support.autostart_dir is None and not support.dbus_notifications


def test_current_matches_this_machine() -> None:
    import sys

    assert current() == for_platform(sys.platform)
