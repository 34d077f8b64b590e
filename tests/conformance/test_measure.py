"""The kit's instruments: WCAG contrast on pixels, tofu, painted text, locating controls, the result model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from popup_client.conformance import locate as L
from popup_client.conformance.model import CheckResult, Result, not_applicable
from popup_client.conformance.paint import record_text, visible_chars
from popup_client.conformance.pixels import contrast_ratio, covered_pixels, measure_contrast, missing_glyphs
from popup_client.conformance.report import annotate, write_report
from popup_client.ui.fonts import BUNDLED_FAMILY, load_bundled_font


def image(width: int, height: int, fill: str) -> QImage:
    img = QImage(width, height, QImage.Format.Format_RGBA8888)
    img.fill(QColor(fill))
    return img


# ------------------------------------------------------------------ contrast


@pytest.mark.parametrize("a, b, ratio", [((0, 0, 0), (255, 255, 255), 21.0), ((255, 255, 255), (255, 255, 255), 1.0),
                                         ((0x77, 0x77, 0x77), (255, 255, 255), 4.48)])  # fmt: skip
def test_wcag_contrast(a: Any, b: Any, ratio: float) -> None:
    assert contrast_ratio(a, b) == pytest.approx(ratio, abs=0.01)
    assert contrast_ratio(b, a) == pytest.approx(ratio, abs=0.01)


def test_contrast_is_background_against_the_main_foreground_colour() -> None:
    img = image(40, 20, "#B3261E")
    painter = QPainter(img)
    painter.fillRect(QRect(5, 5, 20, 4), QColor("#FFFFFF"))  # the "text"
    painter.fillRect(QRect(30, 5, 1, 1), QColor("#000000"))  # one stray pixel: an anti-aliasing fringe
    painter.end()
    found = measure_contrast(img, QRect(0, 0, 40, 20), 1.0)
    assert found is not None
    assert (found.background, found.foreground) == ((0xB3, 0x26, 0x1E), (255, 255, 255))
    assert found.ratio == pytest.approx(6.55, abs=0.05)


def test_contrast_at_2x_reads_the_scaled_rectangle() -> None:
    img = image(80, 40, "#FFFFFF")
    painter = QPainter(img)
    painter.fillRect(QRect(40, 0, 40, 40), QColor("#777777"))
    painter.end()
    left = measure_contrast(img, QRect(0, 0, 20, 20), 2.0)
    assert left is not None and left.foreground is None and left.ratio == 1.0, "only a background"
    both = measure_contrast(img, QRect(10, 0, 30, 20), 2.0)
    assert both is not None and both.ratio == pytest.approx(4.48, abs=0.01)


def test_focus_keeps_rounded_corners_out() -> None:
    img = image(40, 20, "#FFFFFF")  # the card, showing in the corners
    painter = QPainter(img)
    painter.fillRect(QRect(3, 0, 34, 20), QColor("#F6D5D3"))
    painter.fillRect(QRect(10, 6, 20, 8), QColor("#FFFFFF"))
    painter.end()
    found = measure_contrast(img, QRect(0, 0, 40, 20), 1.0, focus=QRectF(8, 4, 24, 12))
    assert found is not None and found.ratio < 1.5


def test_covered_pixels_compare_only_what_the_control_paints() -> None:
    alone = image(10, 10, "#00000000")
    painter = QPainter(alone)
    painter.fillRect(QRect(2, 2, 4, 4), QColor("#FF0000"))
    painter.end()
    popup = image(10, 10, "#FFFFFF")
    painter = QPainter(popup)
    painter.fillRect(QRect(2, 2, 4, 4), QColor("#FF0000"))
    painter.end()
    assert covered_pixels(alone, popup) == (0, 16), "the transparent rest may show anything"
    painter = QPainter(popup)
    painter.fillRect(QRect(0, 0, 4, 10), QColor("#0000FF"))
    painter.end()
    assert covered_pixels(alone, popup) == (8, 16)
    with pytest.raises(ValueError):
        covered_pixels(alone, image(5, 5, "#FFFFFF"))


# ------------------------------------------------------------------ glyphs and painted text


def test_tofu_is_found_in_the_font_really_used(qapp: Any) -> None:
    latin = QFont()
    latin.setFamilies(["DejaVu Sans"])
    latin.setPixelSize(13)
    latin.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    assert missing_glyphs("广告 A", latin) == ["广", "告"]
    bundled = QFont()
    bundled.setFamilies([load_bundled_font()])
    bundled.setPixelSize(13)
    assert missing_glyphs("广告", bundled) == []
    assert missing_glyphs("鑫", bundled) == [], "fallback to a system CJK font is not tofu"


def test_painted_text_is_recorded_with_its_font_place_and_clipping(qapp: Any) -> None:
    popup = QWidget()
    popup.resize(200, 60)
    label = QLabel("示例来源名称很长很长", popup)
    font = QFont()
    font.setFamilies([BUNDLED_FAMILY, "WenQuanYi Micro Hei"])
    font.setPointSizeF(9.0)
    label.setFont(font)
    label.setGeometry(10, 10, 40, 20)
    button = QPushButton("举报", popup)
    button.setGeometry(100, 10, 60, 28)
    popup.show()
    record = record_text(popup)
    assert record.text_of(label) == "示例来源名称很长很长", "painted whole, clipped by the widget"
    shown = record.visible_text_of(label, QRectF(L.visible_rect(popup, label)))
    assert 1 <= len(shown) <= 4 and "示例来源名称很长很长".startswith(shown)
    run = record.of(label)[0]
    assert run.pixel_size == pytest.approx(9.0 * popup.logicalDpiY() / 72)
    assert run.rect.left() == pytest.approx(10, abs=1) and 10 <= run.rect.top() <= 20
    assert record.text_of(button) == "举报"
    assert visible_chars("示例…") == 2 and visible_chars(" a b ") == 2
    popup.deleteLater()


# ------------------------------------------------------------------ locating


def test_controls_are_found_by_object_name_then_accessible_name_then_text(qapp: Any) -> None:
    popup = QWidget()
    by_text = QLabel("举报", popup)
    by_accessible = QPushButton("×", popup)
    by_accessible.setAccessibleName("举报")
    assert L.find(popup, "report") is by_accessible
    by_name = QPushButton("Report", popup)
    by_name.setObjectName("report_button")
    assert L.find(popup, "report") is by_name
    by_name.hide()
    popup.show()
    assert L.find(popup, "report") is by_name, "a hidden match is still found by name (and reported hidden)"
    assert not L.is_shown(popup, by_name) and L.is_shown(popup, by_text)
    assert L.find(popup, "source") is None
    QLabel("来源：新华社", popup).show()
    assert L.find(popup, "source") is not None
    popup.deleteLater()


def test_interactive_widgets(qapp: Any) -> None:
    popup = QWidget()
    plain, pointing, focusable = QLabel("a", popup), QLabel("b", popup), QLabel("c", popup)
    pointing.setCursor(Qt.CursorShape.PointingHandCursor)
    focusable.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    assert [L.is_interactive(w) for w in (plain, pointing, focusable, QPushButton(popup))] == [False, True, True, True]
    assert L.gap(QRect(0, 0, 10, 10), QRect(18, 0, 5, 5)) == 8
    assert L.gap(QRect(0, 0, 10, 10), QRect(5, 5, 10, 10)) == 0
    child = QWidget(popup)
    child.setGeometry(10, 20, 30, 40)
    assert L.rect_in(popup, child) == QRect(10, 20, 30, 40)
    assert L.hit(popup, QPoint(15, 25)) is child and L.hits(popup, QPoint(15, 25), child)
    popup.deleteLater()


# ------------------------------------------------------------------ the model and the report


def test_results() -> None:
    with pytest.raises(ValueError, match="unknown guarantee"):
        CheckResult("ui-nope", "x", True, "", "")
    ok = CheckResult("ui-close", "close-hit-area", True, "36×36", "≥ 32×32")
    skipped = not_applicable("ui-ad-label", "badge-shown", "not an ad")
    result = Result("p", kind="news", checks=[])
    result.add([skipped, ok])
    assert [c.rule for c in result.checks] == ["ui-ad-label", "ui-close"], "in RULES.md order"
    assert result.passed and skipped.status == "n/a" and not skipped.failed
    result.problems.append({"path": "ad", "message": "m", "rule": "ad-review"})
    assert not result.passed and "LINT ad-review ad: m" in result.report_text()
    data = json.loads(json.dumps(result.as_dict(), ensure_ascii=False))
    assert data["checks"][1] == {**ok.as_dict(), "article": "5(7), 5(9)", "status": "pass"}
    with pytest.raises(KeyError, match="no measurement"):
        result.check("nope")


def test_report_files_and_escaping(tmp_path: Path, qapp: Any) -> None:
    shot = image(100, 50, "#FFFFFF")
    from popup_client.conformance.runner import png_bytes

    failed = CheckResult("ui-close", "close-hit-area", False, "20×20", "≥ 32×32", "<b>bold</b>")
    result = Result("<script>x</script>", kind="ad", checks=[failed], boxes={"close": (70, 4, 20, 20)},
                    size=(100, 50), screenshot_png=png_bytes(shot))  # fmt: skip
    marked = annotate(result)
    assert marked is not None and marked.width() == (100 + 2 * 44) * 2
    box_edge = marked.pixelColor(round((44 + 70 - 1) * 2), round((44 + 14) * 2))
    assert box_edge.red() > 150 and box_edge.green() < 100, "a failed guarantee's box is red"
    page = write_report([result], tmp_path / "r")
    html = page.read_text(encoding="utf-8")
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;bold" in html
    data = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    assert data["passed"] is False and data["results"][0]["annotated"].endswith("-annotated.png")
    assert (tmp_path / "r" / data["results"][0]["screenshot"]).is_file()
