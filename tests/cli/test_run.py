"""`popup-client run`'s start-up choices before Qt loads (popup_client.cli.run)."""

from __future__ import annotations

import pytest

from popup_client import cli
from popup_client.cli import output
from popup_client.cli import run as app_commands
from popup_client import instance


@pytest.fixture
def not_running(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(instance, "running_instance", lambda *a, **k: None)


def test_without_a_session_bus_run_goes_on_unless_the_bus_is_required(
    not_running: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import popup_client.platform as platform

    monkeypatch.setattr(platform, "session_bus_available", lambda: False)
    assert app_commands._claim_bus_names(False) == (None, True)  # the app says so itself, later
    assert app_commands._claim_bus_names(False, require=True) == output.EXIT_FAIL
    assert "no D-Bus session bus, and --require-dbus was given" in capsys.readouterr().err


def test_require_dbus_and_no_dbus_contradict(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["run", "--require-dbus", "--no-dbus"]) == output.EXIT_USAGE
    assert "contradict" in capsys.readouterr().err


def test_run_help_names_the_bus_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["run", "--help"])
    out = capsys.readouterr().out
    assert "--require-dbus" in out and "--no-dbus" in out and "--replace" in out
