"""Every broken popup of the gallery is caught by exactly the guarantees it breaks; the good ones by none."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect

from popup_client.conformance.model import RULES
from popup_client.conformance.runner import DEFAULT_SETTLE_MS, check_popup

from .conftest import GALLERY_SETTLE_MS
from .gallery import AVAILABLE, BROKEN, GOOD, Exhibit, VendorPopup, payload_json, vendor
from .gallery_adversarial import ADVERSARIAL
from .gallery_checks import CHECKS, PROVEN_ELSEWHERE

ROOT = Path(__file__).resolve().parents[2]
ALL_BROKEN = BROKEN + ADVERSARIAL + CHECKS


def exhibit(name: str) -> Exhibit:
    return next(item for item in GOOD + ALL_BROKEN if item.name == name)


def run(item: Exhibit, **kw: Any) -> Any:
    watch = item.watch_ms if item.watch_ms is not None else DEFAULT_SETTLE_MS
    return check_popup(item.subject(), kind=item.kind, available=AVAILABLE, settle_ms=watch, **kw)


@pytest.mark.parametrize("name", [e.name for e in GOOD])
def test_good_popups_pass(exhibits: list[Exhibit], name: str) -> None:
    result = run(exhibit(name))
    assert result.passed, result.report_text()
    assert set(result.rules_checked()) == set(RULES), "every guarantee is measured"


@pytest.mark.parametrize("name", [e.name for e in ALL_BROKEN])
def test_broken_popups_fail_exactly_the_expected_checks(exhibits: list[Exhibit], name: str) -> None:
    item = exhibit(name)
    result = run(item)
    assert result.failed_rules == item.broken, result.report_text()
    assert item.measurements <= result.failed_names, result.report_text()
    with pytest.raises(AssertionError) as caught:
        result.assert_ok()
    for rule in item.broken:
        assert rule in str(caught.value)


def test_every_guarantee_is_proven_able_to_fail() -> None:
    caught = set().union(*(e.broken for e in ALL_BROKEN))
    assert caught == set(RULES)


def test_every_measurement_is_proven_able_to_fail(exhibits: list[Exhibit]) -> None:
    """Each measurement the kit makes on good popups is among the expected failures of some broken popup."""
    made = set()
    for name in ("ours-ad", "ours-news", "ours-unverified-ad"):
        made |= {c.name for c in run(exhibit(name)).checks}
    proven = set().union(*(e.measurements for e in ALL_BROKEN)) | set(PROVEN_ELSEWHERE)
    assert made - proven == set()


@pytest.mark.parametrize("name", ["ours-ad", "badge-low-contrast", "close-too-small"])
def test_results_hold_at_2x(exhibits: list[Exhibit], name: str) -> None:
    item = exhibit(name)
    result = run(item, scale=2.0)
    assert result.failed_rules == item.broken, result.report_text()
    assert result.scale == 2.0 and result.screenshot_png is not None


def test_measurements_carry_values_and_thresholds(exhibits: list[Exhibit]) -> None:
    result = run(exhibit("close-too-small"))
    area = result.check("close-hit-area")
    assert (area.rule, area.article, area.measured, area.threshold) == ("ui-close", "5(7), 5(9)", "20×20", "≥ 32×32")
    assert area.line().startswith("FAIL ui-close [5(7), 5(9)] close-hit-area: 20×20 (≥ 32×32)")
    contrast = run(exhibit("badge-low-contrast")).check("badge-contrast")
    ratio = float(contrast.measured.split(":")[0])
    assert 1.0 < ratio < 2.0 and contrast.threshold == "≥ 4.5:1"
    assert "#FFFFFF on #F6D5D3" in contrast.detail
    good = run(exhibit("ours-ad")).check("badge-contrast")
    assert float(good.measured.split(":")[0]) >= 6.0


def test_vendor_popup_is_found_by_accessible_name_and_text(exhibits: list[Exhibit]) -> None:
    result = run(exhibit("vendor-ad"))
    assert result.check("close-shown").detail == "QToolButton 「×」"
    assert result.check("badge-shown").detail == "QLabel 「广告」"
    assert result.check("report-shown").measured == "「举报」"


def test_a_widget_alone_is_checked_by_showing_it_again(qapp: Any) -> None:
    popup = vendor("ad")()
    try:
        result = check_popup(popup, available=AVAILABLE, settle_ms=GALLERY_SETTLE_MS)
        assert result.kind == "ad", "read from the popup_kind property"
        assert result.passed, result.report_text()
        assert any("shown again" in note for note in result.notes)
        assert popup.isVisible(), "left shown, as it was given"
    finally:
        popup.deleteLater()


def test_static_only_sends_no_input(qapp: Any) -> None:
    popup = VendorPopup("ad")
    popup.show()
    try:
        result = check_popup(popup, available=AVAILABLE, behaviour=False)
        assert "one-click-closes" not in {c.name for c in result.checks}
        assert popup.isVisible() and result.passed
    finally:
        popup.deleteLater()


def test_unknown_kind_skips_kind_checks_and_says_so(qapp: Any) -> None:
    popup = VendorPopup("ad")
    popup.setProperty("popup_kind", None)
    popup.show()
    try:
        result = check_popup(popup, available=AVAILABLE, behaviour=False)
        assert result.check("badge-shown").status == "n/a"
        assert any("kind is unknown" in note for note in result.notes)
    finally:
        popup.deleteLater()


def test_bounds_follow_the_area_given(exhibits: list[Exhibit]) -> None:
    item = exhibit("ours-content")
    small = check_popup(item.subject(), kind="content", available=QRect(0, 0, 640, 480), behaviour=False)
    assert small.failed_names == {"inside-screen", "screen-share"}, small.report_text()


FOCUS_SCRIPT = """
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
app = QApplication([])
from popup_client.conformance.runner import check_popup
from tests.conformance.gallery import AVAILABLE, VendorPopup

def on_screen(**kw):
    def make():
        popup = VendorPopup("ad", **kw)
        popup.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, False)
        popup.move(900, 16)
        return popup
    return make

for kw in ({}, {"focus": True}):
    result = check_popup(on_screen(**kw), kind="ad", available=AVAILABLE, settle_ms=150)
    print(result.check("focus-kept").status, sorted(result.failed_rules))
"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run for a real X server")
def test_focus_is_measured_under_a_real_window_system(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "xcb"}
    run = subprocess.run(["xvfb-run", "-a", sys.executable, "-c", FOCUS_SCRIPT], capture_output=True, text=True,
                         timeout=120, env=env, cwd=ROOT)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["pass []", "fail ['ui-no-focus-steal']"]


def test_plugin_fixtures_in_process(render_popup: Any, popup_conformance: Any) -> None:
    popup = render_popup({**json.loads(payload_json("news")), "title": "<b>大字</b>"}, scale=2)
    result = popup_conformance(popup, behaviour=False)
    assert result.kind == "news" and result.scale == 2.0
    assert result.passed, result.report_text()
    assert result.check("source-named").measured == "「来源：新华社」"
