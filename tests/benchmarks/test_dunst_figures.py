"""The benchmarks' dunst side (benchmarks/notification_servers.py, dbus_figures.py, issue16.py), without running them.

dunst is started on the benchmark's own dunstrc and a fresh HOME, whatever the
user's; a figure dunst did not give is null with a reason, never a number
taken another way; the issue-16 table shows dunst's column only where a figure exists.
"""

from __future__ import annotations

import importlib
from argparse import Namespace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.syspath_prepend(str(BENCHMARKS))

    def load(name: str) -> ModuleType:
        return importlib.import_module(name)

    return load


def test_by_default_dunst_runs_on_a_copy_of_the_systems_dunstrc(bench: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new user runs dunst (and as the issue measured it): the distribution's dunstrc, no user's."""
    servers = bench("notification_servers")
    system = tmp_path / "etc-dunstrc"
    system.write_text("[global]\n    icon_theme = Adwaita\n", encoding="utf-8")
    monkeypatch.setattr(servers, "SYSTEM_DUNSTRC", system)
    monkeypatch.setattr(servers.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert servers.DUNST_CONFIG == "system"
    launch = servers.prepare("dunst", tmp_path / "home", ":99", "unix:path=/tmp/bus")
    assert launch.argv[1:] == ["-config", str(tmp_path / "home" / "dunstrc")]
    assert (tmp_path / "home" / "dunstrc").read_text(encoding="utf-8") == system.read_text(encoding="utf-8")


def test_dunst_reads_only_the_benchmarks_dunstrc_in_a_fresh_home(bench: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    servers = bench("notification_servers")
    monkeypatch.setattr(servers.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setenv("XDG_CONFIG_HOME", "/home/someone/.config")

    monkeypatch.setattr(servers, "DUNST_CONFIG", "builtin")

    launch = servers.prepare("dunst", tmp_path / "home", ":99", "unix:path=/tmp/bus")

    assert launch.argv == ["/usr/bin/dunst", "-config", str(tmp_path / "home" / "dunstrc")]
    settings = [line for line in (tmp_path / "home" / "dunstrc").read_text().splitlines() if line.strip() and not line.startswith("#")]
    assert settings == []  # dunst's built-in defaults
    assert launch.env["HOME"] == str(tmp_path / "home")
    for var in ("XDG_CONFIG_HOME", "XDG_CONFIG_DIRS", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        assert Path(launch.env[var]).is_relative_to(tmp_path / "home"), var
    assert "WAYLAND_DISPLAY" not in launch.env
    assert (launch.env["DISPLAY"], launch.env["DBUS_SESSION_BUS_ADDRESS"]) == (":99", "unix:path=/tmp/bus")


def _raw(answered: int, elapsed: float) -> dict[str, Any]:
    burst = {"elapsed_s": elapsed, "answered": answered, "refused": 0, "next_call_ms": None, "mapped": 1,
             "peak_rss_mb": 70.0, "peak_rss_reset": True, "app_cpu_s": 40.0}  # fmt: skip
    return {"starts": [30.0, 20.0, 40.0], "idle": 9.9, "latencies": [2.5, 3.0], "missed": 0, "unmapped": 2, "burst": burst}


def test_a_dunst_burst_cut_short_has_no_total_and_says_why(bench: Any) -> None:
    figures = bench("dbus_figures")
    args = Namespace(count=2, burst=1000, burst_timeout=120.0)

    result = figures.dunst_result(_raw(600, 120.0), args, "dunst 1.9.0")

    assert result["burst"]["total_s"] is None
    assert result["burst"]["timed_out"] is True
    assert result["burst"]["calls_per_s"] == 5  # 600 answered in 120 s
    assert "600 of 1000" in result["not_measured"]["burst.total_s"]
    assert result["burst"]["next_call_ms"] is None and "burst.next_call_ms" in result["not_measured"]
    assert result["burst"]["popups_mapped"] is None and "burst.popups_mapped" in result["not_measured"]
    assert result["burst"]["journaled"] is None and "burst.journaled" in result["not_measured"]
    assert result["start_to_name_median_ms"] == 30.0
    assert result["notify_to_mapped"]["unmapped_between"] == 2


def test_a_whole_dunst_burst_has_its_total(bench: Any) -> None:
    figures = bench("dbus_figures")
    result = figures.dunst_result(_raw(1000, 80.0), Namespace(count=2, burst=1000, burst_timeout=120.0), None)

    assert (result["burst"]["total_s"], result["burst"]["timed_out"]) == (80.0, False)
    assert "burst.total_s" not in result["not_measured"]


def test_also_dunst_goes_with_the_app_only(bench: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    dbus_server = bench("dbus_server")
    monkeypatch.setattr("sys.argv", ["dbus_server.py", "--server", "dunst", "--also-dunst"])
    monkeypatch.setattr(dbus_server, "measure", lambda *a: pytest.fail("measured despite bad options"))

    with pytest.raises(SystemExit) as exit_:
        dbus_server.main()
    assert exit_.value.code == 2


def test_the_issue16_table_has_dunst_only_where_it_gave_a_figure(bench: Any) -> None:
    issue16 = bench("issue16")
    dunst = {"start_to_name_median_ms": 30.0, "notify_to_mapped": {"median_ms": 2.5}, "not_measured": {},
             "burst": {"timed_out": False, "total_s": 80.0, "app_cpu_s": 45.0}}  # fmt: skip
    whole = {"dbus": {"start_to_name_median_ms": 60.0, "burst": {"total_s": 0.4}, "dunst": dunst}, "memory": {"app": 86.5, "dunst": 9.9}}
    cut = {"dbus": {"start_to_name_median_ms": 62.0, "burst": {"total_s": 0.5},
                    "dunst": {**dunst, "burst": {"timed_out": True, "total_s": None, "app_cpu_s": 90.0},
                              "not_measured": {"burst.total_s": "600 of 1000 answered", "burst.journaled": "no journal"}}},
           "memory": {"app": 86.7, "dunst": 10.1}}  # fmt: skip

    text, rows = issue16.table([whole, cut])

    lines = {line.split(" | ")[0].lstrip("| "): line.split(" | ") for line in text.splitlines()}
    assert lines["1 000-call D-Bus burst answered"][2] == "80 s (1 of 2 rounds)"
    assert lines["… the app's CPU for it"][2] == "45 s (1 of 2 rounds)"  # not the cut-short burst's 90 s
    assert lines["idle RSS of the app"][2] == "10 [9.9–10.1] MiB"
    assert lines["`popup-client --version`"][2] == "—"
    assert rows[0]["values"] == [60.0, 62.0] and rows[0]["dunst"] == [30.0, 30.0]
    assert issue16.dunst_notes([whole, cut]) == ["round 2, dunst burst.total_s: 600 of 1000 answered"]
