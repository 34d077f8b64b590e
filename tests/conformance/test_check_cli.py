"""``popup-client check``: exit status, JSON, the HTML report and the theme refusal, run as a user runs them.

The slow tests' runs are independent and mostly wait on the kit's watch, so they are started together when
the first of them runs (:data:`SLOW_RUNS`); each test makes its assertions on its own run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.ahead import Ahead, selected_params

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"
VALID = sorted(EXAMPLES.glob("valid-*.json"))
NOW = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))["now"]
TINY_CLOSE = "#close_button { min-width: 0; max-width: 16px; min-height: 0; max-height: 16px; }\n"


def check(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("popup-client")
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
           "POPUP_CLIENT_CONFIG_DIR": str(tmp_path / "c"), "POPUP_CLIENT_DATA_DIR": str(tmp_path / "d")}  # fmt: skip
    return subprocess.run([str(exe), "check", *args], capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)


def tiny_close_theme(tmp_path: Path) -> Path:
    theme = tmp_path / "tiny.qss"
    theme.write_text(TINY_CLOSE, encoding="utf-8")
    return theme


#: The slow tests' ``check`` runs (test name → the arguments, given the run's temp dir). Each mostly waits on the
#: kit's 2 s watch and shares nothing with the others, so they are started together, ahead of their tests.
SLOW_RUNS: dict[str, Callable[[Path], list[str]]] = {
    "test_valid_examples_pass_with_a_report": lambda tmp: [*map(str, VALID), "--now", NOW, "--report",
                                                           str(tmp / "report"), "--json"],
    "test_scale_2_renders_twice_as_large": lambda tmp: [str(EXAMPLES / "valid-ad.json"), "--now", NOW, "--scale",
                                                        "2", "--report", str(tmp / "r")],
    "test_an_invalid_example_fails": lambda tmp: [str(EXAMPLES / "invalid-ad-missing-advertiser.json"), "--now", NOW],
    "test_a_theme_with_a_tiny_close_button_is_refused": lambda tmp: [str(EXAMPLES / "valid-service.json"), "--now",
                                                                     NOW, "--theme", str(tiny_close_theme(tmp))],
}  # fmt: skip
Ran = tuple[subprocess.CompletedProcess[str], Path]


def check_in(tmp_path: Path, args_of: Callable[[Path], list[str]]) -> Ran:
    return check(tmp_path, *args_of(tmp_path)), tmp_path


@pytest.fixture(scope="module")
def slow_runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ahead[Ran]]:
    """The ``check`` run of each selected slow test, started ahead: (its result, its temp dir)."""
    runs: Ahead[Ran] = Ahead(len(SLOW_RUNS))
    for name, args_of in SLOW_RUNS.items():
        if selected_params(request, name):
            runs.submit(name, check_in, tmp_path_factory.mktemp("check"), args_of)
    yield runs
    runs.close()


@pytest.mark.slow
def test_valid_examples_pass_with_a_report(slow_runs: Ahead[Ran]) -> None:
    result, tmp_path = slow_runs.result("test_valid_examples_pass_with_a_report")
    out = tmp_path / "report"
    assert result.returncode == 0, result.stdout + result.stderr
    printed: dict[str, Any] = json.loads(result.stdout)
    saved: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert printed["results"] == [{k: v for k, v in r.items() if k not in ("screenshot", "annotated")}
                                  for r in saved["results"]]  # fmt: skip
    assert saved["passed"] is True and len(saved["results"]) == len(VALID)
    for item in saved["results"]:
        assert item["passed"] and item["problems"] == []
        statuses = {c["status"] for c in item["checks"]}
        assert statuses <= {"pass", "n/a"} and "pass" in statuses
        measured = {c["rule"] for c in item["checks"] if c["status"] == "pass"}
        assert {"ui-provider", "ui-close", "ui-one-click", "ui-report", "ui-bounds"} <= measured
        assert (out / item["screenshot"]).stat().st_size > 1000
        assert (out / item["annotated"]).stat().st_size > 1000
    kinds = {item["kind"] for item in saved["results"]}
    assert kinds == {"ad", "news", "content", "service"}
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.count("<section") == len(VALID) and "close-hit-area" in page and "4 of 4 conform" in page


@pytest.mark.slow
def test_scale_2_renders_twice_as_large(slow_runs: Ahead[Ran]) -> None:
    result, tmp_path = slow_runs.result("test_scale_2_renders_twice_as_large")
    out = tmp_path / "r"
    assert result.returncode == 0, result.stdout + result.stderr
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))["results"][0]
    from PIL import Image

    with Image.open(out / saved["screenshot"]) as image:
        assert image.size == (saved["size"][0] * 2, saved["size"][1] * 2)
    assert "PASS" in result.stdout and "1 of 1 popups conform" in result.stdout


@pytest.mark.slow
def test_an_invalid_example_fails(slow_runs: Ahead[Ran]) -> None:
    result, _ = slow_runs.result("test_an_invalid_example_fails")
    assert result.returncode == 1
    assert "LINT ad-review ad.advertiser" in result.stdout
    assert "advertiser-named" in result.stdout, "the rendering names no advertiser either"
    assert "0 of 1 popups conform" in result.stdout


@pytest.mark.slow
def test_a_theme_with_a_tiny_close_button_is_refused(slow_runs: Ahead[Ran]) -> None:
    result, tmp_path = slow_runs.result("test_a_theme_with_a_tiny_close_button_is_refused")
    theme = tmp_path / "tiny.qss"
    assert result.returncode == 1
    assert f"the theme {theme} was refused: it breaks ui-close" in result.stdout
    assert "close-hit-area: 16×16 (≥ 32×32)" in result.stdout


def test_unreadable_files_are_usage_errors(tmp_path: Path) -> None:
    result = check(tmp_path, str(tmp_path / "missing.json"))
    assert result.returncode == 2 and "cannot read" in result.stderr
    result = check(tmp_path, str(VALID[0]), "--theme", str(tmp_path / "missing.qss"))
    assert result.returncode == 2 and "cannot read the theme" in result.stderr


def test_check_is_registered() -> None:
    from popup_client.cli import build_parser

    assert "check" in build_parser().format_help()
