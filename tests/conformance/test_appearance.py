"""Every ui-* guarantee holds in the high-contrast themes and at 200 % text: the kit over every kind.

The kit renders our popup with the theme and text size the ``appearance``
preferences choose, its hostile variant too (right-to-left, markup, very
long text), and runs every check, the 1/8-screen bound on the screens
named included.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect

from popup_client.conformance.ours import check_view, new_window
from popup_client.conformance.theme import sample_views
from popup_client.ui import theme as T
from tests.conformance.conftest import GALLERY_SETTLE_MS
from tests.helpers.ahead import Ahead, selected_params

ROOT = Path(__file__).resolve().parents[2]
VIEWS = {view.kind: view for view in sample_views()}
SCREENS = {"1024x768": QRect(0, 0, 1024, 768), "1920x1080": QRect(0, 0, 1920, 1080)}


def failures(result: Any) -> list[str]:
    return [f"{c.rule} {c.name}: {c.measured} ({c.threshold})" for c in result.failures]


@pytest.mark.parametrize("kind", sorted(VIEWS))
@pytest.mark.parametrize("theme", ["high-contrast-light", "high-contrast-dark"])
def test_every_guarantee_holds_in_high_contrast(qapp: Any, kind: str, theme: str) -> None:
    result = check_view(VIEWS[kind], name=f"{kind}-{theme}", dark=theme, settle_ms=GALLERY_SETTLE_MS)
    assert result.passed, failures(result)
    assert {"ui-close", "ui-report", "ui-bounds", "ui-provider"} <= {c.rule for c in result.checks if c.status == "pass"}


@pytest.mark.parametrize("kind", sorted(VIEWS))
@pytest.mark.parametrize("screen", sorted(SCREENS))
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_guarantee_holds_at_200_percent_text(qapp: Any, kind: str, screen: str, dark: bool) -> None:
    available = SCREENS[screen]
    result = check_view(VIEWS[kind], name=f"{kind}-200", dark=dark, available=available, text_scale=2.0,
                        settle_ms=GALLERY_SETTLE_MS)  # fmt: skip
    assert result.passed, failures(result)
    share = next(c for c in result.checks if c.name == "screen-share")
    assert share.status == "pass", share.measured


@pytest.mark.parametrize("kind", sorted(VIEWS))
def test_high_contrast_at_200_percent(qapp: Any, kind: str) -> None:
    result = check_view(VIEWS[kind], name=f"{kind}-hc-200", dark="high-contrast-dark", available=SCREENS["1024x768"],
                        text_scale=2.0, settle_ms=GALLERY_SETTLE_MS)  # fmt: skip
    assert result.passed, failures(result)


def test_200_percent_text_is_twice_as_large_and_within_an_eighth_of_1024x768(qapp: Any) -> None:
    normal, large = new_window(VIEWS["ad"]), new_window(VIEWS["ad"], text_scale=2.0)
    try:
        assert large.ad_label.font().pixelSize() == 2 * normal.ad_label.font().pixelSize() == 2 * T.BADGE_PX
        one_line = [w.title_label.sizeHint().height() / len(w.title_label.displayed_lines()) for w in (normal, large)]
        assert one_line[1] >= 1.9 * one_line[0]
        assert large.width() * large.height() <= 1024 * 768 / 8
        assert large.full_text_button.isVisibleTo(large) and not normal.full_text_button.isVisibleTo(normal)  # 全文
    finally:
        for window in (normal, large):
            window.hide()
            window.deleteLater()


CHECK_ARGS = [["--palette", "high-contrast-dark"], ["--text-size", "200", "--screen", "1024x768"]]


def check_command(tmp_path: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    examples = ROOT / "resources" / "examples"
    now = json.loads((examples / "expected.json").read_text(encoding="utf-8"))["now"]
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
           "POPUP_CLIENT_CONFIG_DIR": str(tmp_path / "c"), "POPUP_CLIENT_DATA_DIR": str(tmp_path / "d")}  # fmt: skip
    exe = Path(sys.executable).with_name("popup-client")
    files = [str(p) for p in sorted(examples.glob("valid-*.json"))]
    return subprocess.run([str(exe), "check", *files, "--now", now, "--json", *args], capture_output=True, text=True,
                          timeout=300, env=env, cwd=ROOT)  # fmt: skip


@pytest.fixture(scope="module")
def check_runs(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ahead[subprocess.CompletedProcess[str]]]:  # fmt: skip
    """The selected ``check`` runs below, started together (each mostly waits on the kit's 2 s watch)."""
    runs: Ahead[subprocess.CompletedProcess[str]] = Ahead()
    for case in selected_params(request, "test_the_check_command_takes_the_palette_and_the_text_size"):
        runs.submit(tuple(case["args"]), check_command, tmp_path_factory.mktemp("check"), case["args"])
    yield runs
    runs.close()


@pytest.mark.slow
@pytest.mark.parametrize("args", CHECK_ARGS)
def test_the_check_command_takes_the_palette_and_the_text_size(check_runs: Ahead[subprocess.CompletedProcess[str]],
                                                               args: list[str]) -> None:  # fmt: skip
    done = check_runs.result(tuple(args))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    report = json.loads(done.stdout)
    assert report["passed"] and len(report["results"]) == 4
    assert report["palette" if args[0] == "--palette" else "text_size"] in ("high-contrast-dark", 200)
