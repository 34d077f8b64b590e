"""``popup-client check``: exit status, JSON, the HTML report and the theme refusal, run as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

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


@pytest.mark.slow
def test_valid_examples_pass_with_a_report(tmp_path: Path) -> None:
    out = tmp_path / "report"
    result = check(tmp_path, *map(str, VALID), "--now", NOW, "--report", str(out), "--json")
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
def test_scale_2_renders_twice_as_large(tmp_path: Path) -> None:
    out = tmp_path / "r"
    result = check(tmp_path, str(EXAMPLES / "valid-ad.json"), "--now", NOW, "--scale", "2", "--report", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))["results"][0]
    from PIL import Image

    with Image.open(out / saved["screenshot"]) as image:
        assert image.size == (saved["size"][0] * 2, saved["size"][1] * 2)
    assert "PASS" in result.stdout and "1 of 1 popups conform" in result.stdout


@pytest.mark.slow
def test_an_invalid_example_fails(tmp_path: Path) -> None:
    result = check(tmp_path, str(EXAMPLES / "invalid-ad-missing-advertiser.json"), "--now", NOW)
    assert result.returncode == 1
    assert "LINT ad-review ad.advertiser" in result.stdout
    assert "advertiser-named" in result.stdout, "the rendering names no advertiser either"
    assert "0 of 1 popups conform" in result.stdout


@pytest.mark.slow
def test_a_theme_with_a_tiny_close_button_is_refused(tmp_path: Path) -> None:
    theme = tmp_path / "tiny.qss"
    theme.write_text(TINY_CLOSE, encoding="utf-8")
    result = check(tmp_path, str(EXAMPLES / "valid-service.json"), "--now", NOW, "--theme", str(theme))
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
