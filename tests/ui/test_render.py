"""Offscreen rendering to PNG: sizes at each scale, palettes, pixels."""

from __future__ import annotations

import runpy
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from popup_client.ui import theme as T
from popup_client.ui.i18n import remove_translators
from popup_client.ui.popup_window import PopupWindow
from popup_client.ui.render import RenderError, ensure_app, render_popup_png
from tests.helpers.images import gradient, to_bytes
from tests.ui.conftest import make_view, rendered_contrast

ROOT = Path(__file__).resolve().parents[2]


def qrect(r: dict[str, int]) -> QRect:
    return QRect(r["x"], r["y"], r["w"], r["h"])


def test_ensure_app_reuses_the_running_application(qapp: Any) -> None:
    assert ensure_app() is QApplication.instance()


@pytest.mark.parametrize("kind", ["ad", "news", "content", "service"])
def test_scale_two_gives_a_png_twice_as_large(qapp: Any, tmp_path: Path, kind: str) -> None:
    view = make_view(kind, verified=False)
    one = render_popup_png(view, tmp_path / "one.png", scale=1.0, dark=False)
    two = render_popup_png(view, tmp_path / "two.png", scale=2.0, dark=False)
    small, big = QImage(str(tmp_path / "one.png")), QImage(str(tmp_path / "two.png"))
    assert (small.width(), small.height()) == (one["window"]["w"], one["window"]["h"]) == (T.WIDTH, one["window"]["h"])
    assert (big.width(), big.height()) == (2 * small.width(), 2 * small.height())
    assert one["device_pixel_ratio"] == 1.0 and two["device_pixel_ratio"] == 2.0
    for name in ("window", "close_button", "ad_label", "provider_label", "report_button", "details_button"):
        assert one[name] == two[name], f"{name}: geometry is in logical px at every scale"


def test_report_has_the_documented_keys(qapp: Any, tmp_path: Path) -> None:
    report = render_popup_png(make_view("ad"), tmp_path / "ad.png")
    for key in ("window", "close_button", "ad_label", "provider_label", "report_button", "details_button", "device_pixel_ratio"):
        assert key in report
    assert set(report["close_button"]) == {"x", "y", "w", "h"}
    assert report["png"]["w"] == T.WIDTH
    service = render_popup_png(make_view("service"), tmp_path / "s.png")
    assert service["ad_label"] is None and service["details_button"] is None


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
@pytest.mark.parametrize("dark", [False, True])
def test_badge_contrast_in_the_png(qapp: Any, tmp_path: Path, scale: float, dark: bool) -> None:
    out = tmp_path / "ad.png"
    report = render_popup_png(make_view("ad"), out, scale=scale, dark=dark)
    image = QImage(str(out))
    assert rendered_contrast(image, qrect(report["ad_label"]), scale) >= 4.5
    assert rendered_contrast(image, qrect(report["close_button"]), scale) >= 3.0


def test_palettes_differ_and_corners_are_round(qapp: Any, tmp_path: Path) -> None:
    view = make_view("content")
    render_popup_png(view, tmp_path / "light.png", dark=False)
    render_popup_png(view, tmp_path / "dark.png", dark=True)
    light, dark = QImage(str(tmp_path / "light.png")), QImage(str(tmp_path / "dark.png"))
    y = light.height() // 2
    assert light.pixelColor(6, y) == QColor(T.LIGHT.card)
    assert dark.pixelColor(6, y) == QColor(T.DARK.card)
    assert light.pixelColor(0, 0).alpha() == 0, "the card's corners are rounded"


def test_images_are_decoded_for_the_scale(qapp: Any, qtbot: Any) -> None:
    window = PopupWindow()
    qtbot.addWidget(window)
    window.set_render_scale(2.0)
    window.set_view(replace(make_view("content"), image=to_bytes(gradient(640, 360), "PNG")))
    pixmap = window.image_label.pixmap()
    assert pixmap.devicePixelRatio() == 2.0
    assert pixmap.width() == 2 * round(pixmap.deviceIndependentSize().width())


def test_silly_scales_are_refused(qapp: Any, tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="out of range"):
        render_popup_png(make_view("ad"), tmp_path / "x.png", scale=10)


def test_unwritable_output_is_an_error(qapp: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises((RenderError, OSError)):
        render_popup_png(make_view("ad"), blocker / "x.png")


def run_screenshots(monkeypatch: Any, qapp: QApplication, *args: str) -> None:
    """scripts/screenshots in this process; the translator it installs is taken out again."""
    monkeypatch.setattr(sys, "argv", ["screenshots", *args])
    try:
        with pytest.raises(SystemExit) as stop:
            runpy.run_path(str(ROOT / "scripts" / "screenshots"), run_name="__main__")
    finally:
        remove_translators(qapp)
    assert stop.value.code == 0


def test_screenshots_script_renders_every_kind(qapp: Any, tmp_path: Path, monkeypatch: Any) -> None:
    run_screenshots(monkeypatch, qapp, "--out", str(tmp_path), "--scale", "1", "--only", "popups")
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    expected = sorted(f"{k}-{m}.png" for k in ("ad", "news", "content", "service", "unverified") for m in ("light", "dark"))
    assert names == expected
    for name in names:
        image = QImage(str(tmp_path / name))
        assert image.width() == T.WIDTH and 100 <= image.height() <= T.MAX_HEIGHT


@pytest.mark.parametrize(("lang", "short"), [("zh_CN", "zh"), ("en", "en")])
def test_screenshots_script_renders_the_history_and_the_preferences(
    qapp: Any, tmp_path: Path, monkeypatch: Any, lang: str, short: str
) -> None:
    run_screenshots(monkeypatch, qapp, "--out", str(tmp_path), "--only", "windows", "--lang", lang)
    assert sorted(p.name for p in tmp_path.glob("*.png")) == [f"history-{short}.png", f"prefs-{short}.png"]
    history, prefs = QImage(str(tmp_path / f"history-{short}.png")), QImage(str(tmp_path / f"prefs-{short}.png"))
    assert (history.width(), history.height()) == (1180, 700)
    assert prefs.width() >= 500 and prefs.height() > 1500, "the whole form, not the top of it"
