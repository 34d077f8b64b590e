"""The command line: lint, decide, prefs, history, complaints — exit codes and JSON."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from popup_client.cli import main
from popup_client.core.clock import SystemClock
from popup_client.core.journal import Journal
from popup_client.core.paths import journal_path, prefs_path
import tomllib

from popup_client.core.prefs import Preferences
from popup_client.core.prefs import PrefsStore
from popup_client.core.rules import Sender
from popup_client.transports.dbus.freedesktop import NotifyCall, map_notify
from tests.helpers.service import make_service

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"
NOW = "2026-11-27T20:00:00+08:00"


@pytest.fixture(autouse=True)
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("POPUP_CLIENT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("POPUP_CLIENT_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_lint_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(EXAMPLES / "valid-ad.json"), str(EXAMPLES / "invalid-news-missing-license.json")]
    code, out, _ = run(capsys, "lint", "--json", "--now", NOW, *files)
    result = json.loads(out)
    assert code == 1
    assert result[0] == {"file": files[0], "valid": True, "errors": []}
    assert result[1]["valid"] is False
    assert result[1]["errors"] == [
        {"path": "news.license", "message": "a news popup must carry the provider's news-service licence number", "rule": "news-license"}
    ]


def test_lint_exit_zero_when_all_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lint", "--now", NOW, *sorted(str(p) for p in EXAMPLES.glob("valid-*.json")))
    assert code == 0 and out.count(": valid") == 4


def test_lint_does_not_apply_preferences(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "prefs", "set", "opt_out.kinds", '["ad"]')[0] == 0
    assert run(capsys, "lint", "--now", NOW, str(EXAMPLES / "valid-ad.json"))[0] == 0


def test_lint_unreadable_file(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    code, out, _ = run(capsys, "lint", "--json", str(state / "missing.json"))
    assert code == 1 and "cannot read" in json.loads(out)[0]["errors"][0]["message"]


def test_lint_bad_now_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "lint", "--now", "yesterday", str(EXAMPLES / "valid-ad.json"))
    assert code == 2 and "--now" in err


def test_decide_uses_preferences_and_records_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "prefs", "set", "opt_out.kinds", '["ad"]')
    code, out, _ = run(capsys, "decide", "--json", "--now", NOW, str(EXAMPLES / "valid-ad.json"), str(EXAMPLES / "invalid-link-javascript.json"))
    results = json.loads(out)
    assert code == 0
    assert results[0] == {"file": str(EXAMPLES / "valid-ad.json"), "decision": "suppress", "rules": ["opted-out"], "reasons": ["the user opted out of all ad popups"]}
    assert results[1]["decision"] == "reject" and results[1]["rules"] == ["link-scheme"]
    assert not journal_path().exists() or Journal(journal_path(), clock=SystemClock()).history() == []


def test_decide_sees_the_journal(capsys: pytest.CaptureFixture[str], tmp_path: Path, content: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path, journal=journal_path())
    for i in range(2):
        service.submit({**content, "id": f"c-{i}"}, Sender("test"))
    service.journal.close()
    code, out, _ = run(capsys, "decide", "--json", "--now", "2026-11-27T20:10:00+08:00", str(EXAMPLES / "valid-content.json"))
    assert json.loads(out)[0]["rules"] == ["topic-cluster", "frequency-cap"]


def test_prefs_set_get_reset(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "prefs", "set", "caps.provider_hourly", "4")[0] == 0
    assert run(capsys, "prefs", "get", "caps.provider_hourly")[1].strip() == "4"
    assert run(capsys, "prefs", "set", "caps.providers.com.example.news.daily", "1")[0] == 0
    assert run(capsys, "prefs", "get", "caps.providers.com.example.news.daily")[1].strip() == "1"
    shown = json.loads(run(capsys, "prefs", "show", "--json")[1])
    assert shown["caps"]["provider_hourly"] == 4
    assert run(capsys, "prefs", "reset", "caps.provider_hourly")[0] == 0
    assert run(capsys, "prefs", "get", "caps.provider_hourly")[1].strip() == "2"
    assert run(capsys, "prefs", "reset")[0] == 0
    assert json.loads(run(capsys, "prefs", "show", "--json")[1])["caps"]["providers"] == {}


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [("caps.bogus", "1", "unknown preference"), ("caps.global_hourly", "lots", "whole number"), ("quiet_hours", "late", "HH:MM")],
)
def test_prefs_errors_are_clear(capsys: pytest.CaptureFixture[str], key: str, value: str, fragment: str) -> None:
    code, _, err = run(capsys, "prefs", "set", key, value)
    assert code == 2 and fragment in err


def test_prefs_set_on_a_file_that_cannot_be_read_saves_nothing(
    capsys: pytest.CaptureFixture[str], state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not the defaults plus the one change: every other setting the user had would be lost."""
    from tests.core.prefs.test_store import refuse_reading

    assert run(capsys, "prefs", "set", "opt_out.providers", '["com.example.news"]')[0] == 0
    path = state / "config" / "preferences.toml"
    before = path.read_bytes()
    refuse_reading(monkeypatch, path)  # chmod 000, as root cannot see it
    code, _, err = run(capsys, "prefs", "set", "topic_max", "3")
    monkeypatch.undo()
    assert code == 2
    assert f"error: cannot read the preferences file {path} (Permission denied); nothing was saved" in err
    assert path.read_bytes() == before


def test_prefs_set_on_a_damaged_file_keeps_its_other_settings(capsys: pytest.CaptureFixture[str], state: Path) -> None:
    path = state / "config" / "preferences.toml"
    path.parent.mkdir()
    damaged = b'caps = "lots"\n[opt_out]\nproviders = ["com.example.news"]\n# \xff\n'
    path.write_bytes(damaged)
    code, _, err = run(capsys, "prefs", "set", "topic_max", "3")
    assert code == 0
    (warning,) = [line for line in err.splitlines() if line.startswith("popup-client: warning:")]
    assert "has settings that cannot be used" in warning and "caps: input should be a valid dictionary" in warning
    assert json.loads(run(capsys, "prefs", "get", "opt_out.providers", "--json")[1]) == ["com.example.news"]
    assert run(capsys, "prefs", "get", "topic_max")[1].strip() == "3"
    (kept,) = path.parent.glob("preferences.toml.corrupt-*")
    assert kept.read_bytes() == damaged


def test_minors_mode_pin(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.helpers.memkeyring import MemoryKeyring

    MemoryKeyring.reset()
    assert run(capsys, "prefs", "set", "minors_mode", "true")[0] == 0
    assert run(capsys, "prefs", "pin", "set", "2468")[0] == 0
    code, _, err = run(capsys, "prefs", "set", "minors_mode", "false")
    assert code == 2 and "PIN" in err
    assert run(capsys, "prefs", "set", "minors_mode", "false", "--pin", "1111")[0] == 2
    assert run(capsys, "prefs", "reset")[0] == 2
    assert run(capsys, "prefs", "set", "minors_mode", "false", "--pin", "2468")[0] == 0
    assert run(capsys, "prefs", "get", "minors_mode")[1].strip() == "false"
    MemoryKeyring.reset()


def test_history_and_complaints(capsys: pytest.CaptureFixture[str], tmp_path: Path, ad: dict[str, Any], service_popup: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path, journal=journal_path())
    shown = service.submit(ad, Sender("socket"))
    service.displayed(shown.receipt_id)
    service.report(receipt_id=shown.receipt_id, provider_id=None, reason="广告未标明", text="太多了")
    service.submit({**service_popup, "link": "javascript:x"}, Sender("dbus"))
    service.journal.close()

    rows = json.loads(run(capsys, "history", "--json")[1])
    assert [r["decision"] for r in rows] == ["reject", "show"]
    assert rows[1]["title"] == ad["title"] and [e["type"] for e in rows[1]["events"]] == ["display", "report"]
    assert [r["id"] for r in json.loads(run(capsys, "history", "--json", "--decision", "show")[1])] == [shown.receipt_id]
    assert json.loads(run(capsys, "history", "--json", "--provider", "nobody.example")[1]) == []
    assert "link-scheme" in run(capsys, "history")[1]

    complaints = json.loads(run(capsys, "complaints", "--json")[1])
    assert complaints[0]["reason"] == "广告未标明" and complaints[0]["provider_id"] == "com.example.shop"
    export = tmp_path / "complaints.csv"
    assert run(capsys, "complaints", "--export", str(export))[0] == 0
    assert "广告未标明" in export.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("command", ["history", "complaints", "prefs show"])
def test_a_damaged_file_is_said_once_and_kept_aside(state: Path, command: str) -> None:
    """The warning is printed once (not also as a log record), even where the command reads nothing else."""
    (state / "data").mkdir()
    (state / "config").mkdir()
    damaged = state / "config" / "preferences.toml" if command.startswith("prefs") else state / "data" / "journal.sqlite3"
    damaged.write_bytes(b"neither TOML nor SQLite = = " * 100)
    exe = Path(sys.executable).with_name("popup-client")
    done = subprocess.run([str(exe), *command.split()], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    (kept,) = damaged.parent.glob(f"{damaged.name}.corrupt-*")
    assert [line for line in done.stderr.splitlines() if kept.name in line] == [
        line for line in done.stderr.splitlines() if line.startswith("popup-client: warning:")
    ], done.stderr
    assert done.stderr.count(kept.name) == 1, done.stderr


def test_config_and_data_dir_options(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    assert run(capsys, "--config-dir", str(other), "prefs", "set", "topic_max", "5")[0] == 0
    assert (other / "preferences.toml").exists()


def test_console_script_help_and_version() -> None:
    exe = Path(sys.executable).with_name("popup-client")
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=60, check=True).stdout
    for command in ("lint", "decide", "prefs", "history", "complaints"):
        assert command in out
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60, check=True).stdout
    assert version.startswith("popup-client ")


@pytest.mark.parametrize("value", ["garbage", "2026-11-27T18:00:00", "tomorrow"])
def test_prefs_set_refuses_a_pause_that_is_no_instant(capsys: pytest.CaptureFixture[str], state: Path, value: str) -> None:
    assert run(capsys, "prefs", "set", "topic_max", "4")[0] == 0
    before = (state / "config" / "preferences.toml").read_bytes()
    code, _, err = run(capsys, "prefs", "set", "paused_until", value)
    assert code == 2 and "paused_until" in err and "RFC 3339" in err
    assert (state / "config" / "preferences.toml").read_bytes() == before
def test_history_names_a_desktop_app_as_people_read_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``notify-send -a 示例应用``: the id stays the safe punycode form, the history shows the name."""
    mapped = map_notify(NotifyCall("示例应用", 0, "", "你好", "世界"), popup_id="n-1")
    service, _ = make_service(tmp_path, journal=journal_path())
    service.submit(mapped.payload, Sender("dbus"))
    service.journal.close()
    (row,) = json.loads(run(capsys, "history", "--json")[1])
    assert (row["provider_id"], row["provider_name"]) == ("desktop.xn--fsq797ap5q9wd", "示例应用")
    assert "示例应用 (desktop.xn--fsq797ap5q9wd) service: show" in run(capsys, "history")[1]
    assert json.loads(run(capsys, "history", "--json", "--provider", "desktop.xn--fsq797ap5q9wd")[1])[0]["id"] == row["id"]


# ------------------------------------------------------------------ prefs show is TOML that loads back

_PROVIDER_IDS = st.from_regex(r"\A[a-z0-9][a-z0-9._:-]{0,12}[a-z0-9]\Z")
_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
_PREFS_STATES = st.fixed_dictionaries(
    {},
    optional={
        "quiet_hours": st.sampled_from(["", "22:00-08:00", "0:00-23:59"]),
        "paused_until": st.sampled_from(["", "2026-11-27T18:00:00+08:00", "2027-01-01T00:00:00Z"]),
        "minors_mode": st.booleans(),
        "topic_max": st.integers(0, 50),
        "news_sources_file": _TEXT,
        "unverified_providers": st.sampled_from(["show", "reject"]),
        "language": st.sampled_from(["auto", "zh_CN", "en"]),
        "opt_out": st.fixed_dictionaries(
            {"kinds": st.lists(st.sampled_from(["ad", "news", "content", "service"]), unique=True), "providers": st.lists(_PROVIDER_IDS, unique=True)}
        ),
        "caps": st.fixed_dictionaries(
            {
                "global_hourly": st.integers(0, 100),
                "providers": st.dictionaries(
                    _PROVIDER_IDS, st.fixed_dictionaries({}, optional={"hourly": st.integers(0, 9), "daily": st.integers(0, 99)}), max_size=3
                ),
            }
        ),
        "placement": st.fixed_dictionaries({"corner": st.sampled_from(["auto", "top-left", "bottom-right"]), "margin": st.integers(0, 400)}),
    },
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(state_doc=_PREFS_STATES)
def test_prefs_show_prints_toml_that_loads_back_as_the_same_preferences(state_doc: dict[str, Any]) -> None:
    prefs = Preferences.validate(state_doc)
    PrefsStore(prefs_path()).update(lambda _old: prefs)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["prefs", "show"]) == 0
    assert Preferences.validate(tomllib.loads(out.getvalue())) == prefs


def test_prefs_show_of_empty_values_is_valid_toml(capsys: pytest.CaptureFixture[str]) -> None:
    shown = tomllib.loads(run(capsys, "prefs", "show")[1])
    assert shown["quiet_hours"] == "" and shown["language"] == "auto" and shown["caps"]["providers"] == {}
