"""The popup window against docs/rules.md "What every rendered popup guarantees"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QEnterEvent, QFontMetricsF, QRawFont
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from popup_client.ui import theme as T
from popup_client.ui.fonts import BUNDLED_FAMILY, fonts_dir
from popup_client.ui.labels import ElidedLabel, WrappedLabel
from popup_client.ui.popup_window import S_AD, S_CLOSE, S_REPORT, UI_STRINGS, PopupWindow
from popup_client.ui.view import PopupView
from tests.helpers.images import bomb_png, png_bytes, png_header_only, random_bytes, to_bytes, gradient
from tests.ui.conftest import KINDS, contrast, hostile, make_view, rendered_contrast

SIGNALS = (
    "closed", "details_requested", "report_requested", "block_provider_requested",
    "fewer_like_this_requested", "action_invoked", "activated",
)  # fmt: skip
Show = Callable[[PopupView], PopupWindow]


def record(window: PopupWindow) -> list[tuple[str, tuple[Any, ...]]]:
    """Every signal the window emits (but hovered), in order."""
    seen: list[tuple[str, tuple[Any, ...]]] = []
    for name in SIGNALS:
        getattr(window, name).connect(lambda *args, n=name: seen.append((n, args)))
    return seen


def qrect(r: dict[str, int]) -> QRect:
    return QRect(r["x"], r["y"], r["w"], r["h"])


def gap(a: QRect, b: QRect) -> int:
    """The larger of the horizontal and vertical gaps between two rectangles (0 if they touch)."""
    dx = max(0, b.left() - (a.left() + a.width()), a.left() - (b.left() + b.width()))
    dy = max(0, b.top() - (a.top() + a.height()), a.top() - (b.top() + b.height()))
    return max(dx, dy)


def click(qtbot: Any, window: PopupWindow, widget: QWidget, pos: QPoint | None = None) -> None:
    """A real click: hit-test the window at the point, send the click to what is there."""
    point = widget.mapTo(window, pos if pos is not None else widget.rect().center())
    target = window.childAt(point) or window
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, point))


def image_view(kind: str, **kw: Any) -> PopupView:
    return replace(make_view(kind, **kw), image=to_bytes(gradient(640, 360), "JPEG"))


def all_views() -> list[PopupView]:
    views = []
    for kind in KINDS:
        base = make_view(kind, verified=False)
        views += [base, image_view(kind, verified=False), hostile(image_view(kind, verified=False))]
    views.append(replace(make_view("service"), actions=(("default", "打开"), ("a", "回复"), ("b", "稍后"), ("c", "忽略"))))
    return views


# ------------------------------------------------------------------ the window itself


def test_window_is_a_frameless_tool_that_never_takes_focus(window: PopupWindow) -> None:
    flags = window.windowFlags()
    for flag in (
        Qt.WindowType.Tool,
        Qt.WindowType.FramelessWindowHint,
        Qt.WindowType.WindowStaysOnTopHint,
        Qt.WindowType.WindowDoesNotAcceptFocus,
    ):
        assert flags & flag == flag, flag
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert window.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    focusable = [w for w in window.findChildren(QWidget) if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
    assert all(isinstance(w, QAbstractButton) and w.focusPolicy() == Qt.FocusPolicy.TabFocus for w in focusable), \
        "only the buttons, by Tab alone, once the user gives the window the keyboard"


def test_showing_never_asks_for_activation_or_focus(window: PopupWindow, qtbot: Any, monkeypatch: Any) -> None:
    # Offscreen Qt focuses every shown window whatever its flags, so the calls that would steal focus are watched.
    calls: list[str] = []
    for name in ("activateWindow", "raise_", "setFocus"):
        monkeypatch.setattr(window, name, lambda *a, n=name: calls.append(n))
    window.show_view(make_view("ad"))
    window.close_button.click()
    window.show_view(make_view("service"))
    assert calls == []
    assert window.windowHandle().flags() & Qt.WindowType.WindowDoesNotAcceptFocus


def test_window_has_fixed_width_and_bounded_height(window: PopupWindow) -> None:
    for view in all_views():
        window.show_view(view)
        assert window.width() == T.WIDTH
        assert 100 <= window.height() <= T.MAX_HEIGHT, (view.kind, window.height())
        assert window.height() >= window.layout().sizeHint().height(), "nothing is squeezed"


# ------------------------------------------------------------------ what each kind shows


def test_every_kind_has_its_named_widgets(window: PopupWindow, shown: Show, kind: str) -> None:
    shown(make_view(kind))
    close = window.findChild(QAbstractButton, "close_button")
    assert close is not None and close.accessibleName() == S_CLOSE and close.isVisible() and close.isEnabled()
    report = window.findChild(QAbstractButton, "report_button")
    assert report is not None and report.accessibleName() == S_REPORT and report.isVisible()
    provider = window.findChild(QLabel, "provider_label")
    assert provider is not None and provider.isVisible() and provider.text() == f"示例{kind}"
    badge = window.findChild(QLabel, "ad_label")
    assert badge is not None and badge.isVisible() == (kind == "ad")
    assert badge.accessibleName() == S_AD and badge.text() == S_AD
    source = window.findChild(QLabel, "source_label")
    assert source is not None and source.isVisible() == (kind == "news")
    advertiser = window.findChild(QLabel, "advertiser_label")
    assert advertiser is not None and advertiser.isVisible() == (kind == "ad")
    why = window.findChild(QAbstractButton, "why_ad_button")
    assert why is not None and why.isVisible() == (kind == "ad")
    details = window.findChild(QAbstractButton, "details_button")
    assert details is not None and details.isVisible() == (kind != "service")  # only those carry a link here
    assert window.findChild(QLabel, "unverified_label").isVisible() is False


def test_news_names_its_source_and_ad_its_advertiser(window: PopupWindow, shown: Show) -> None:
    shown(make_view("news"))
    assert window.source_label.text() == "来源：新华社"
    assert window.source_label.displayed_text() == "来源：新华社"
    shown(make_view("ad"))
    assert window.advertiser_label.text() == "广告主：示例广告主"


def test_unverified_provider_is_marked(window: PopupWindow, shown: Show, kind: str) -> None:
    shown(make_view(kind, verified=False))
    mark = window.findChild(QLabel, "unverified_label")
    assert mark.isVisible() and mark.text() == "未验证"
    assert mark.font().pixelSize() >= 12


def test_details_only_with_a_link(window: PopupWindow, shown: Show) -> None:
    view = make_view("content")
    shown(replace(view, link=None))
    assert not window.details_button.isVisible()
    shown(view)
    assert window.details_button.isVisible()
    report = window.geometry_report()
    area = report["details_button"]["w"] * report["details_button"]["h"]
    assert area < report["window"]["w"] * report["window"]["h"] / 4


# ------------------------------------------------------------------ close


@pytest.mark.parametrize("view", all_views(), ids=lambda v: f"{v.kind}-{len(v.title)}-{bool(v.image)}-{len(v.actions)}")
def test_close_is_big_top_right_and_alone(window: PopupWindow, shown: Show, view: PopupView) -> None:
    shown(view)
    report = window.geometry_report()
    close = qrect(report["close_button"])
    assert close.width() >= 32 and close.height() >= 32
    assert close.top() <= 8 and close.left() + close.width() >= T.WIDTH - 8, "at the top-right corner"
    assert window.childAt(close.center()) is window.close_button, "its centre hit-tests to it"
    others = [r for r in report["interactive"] if r["name"] != "close_button"]
    assert others, "the report lists the other interactive widgets"
    for other in others:
        assert gap(close, qrect(other)) >= 8, other
    for widget in window.interactive_widgets():
        if widget is not window.close_button:
            assert gap(close, QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())) >= 8, widget.objectName()


def test_close_is_enabled_from_the_first_frame(window: PopupWindow) -> None:
    window.set_view(make_view("ad"))
    assert window.close_button.isEnabled() and window.close_button.isVisibleTo(window)
    window.show()
    assert window.close_button.isVisible() and window.close_button.isEnabled()


def test_one_click_on_close_hides_at_once(window: PopupWindow, shown: Show, qtbot: Any) -> None:
    shown(make_view("ad"))
    seen = record(window)
    click(qtbot, window, window.close_button)
    assert not window.isVisible()
    assert seen == [("closed", ("button",))]
    window.close_with("timeout")
    assert seen == [("closed", ("button",))], "a closed popup is closed once"


def test_escape_closes(window: PopupWindow, shown: Show, qtbot: Any) -> None:
    shown(make_view("news"))
    seen = record(window)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible() and seen == [("closed", ("esc",))]


def test_a_click_lets_the_keyboard_in_until_the_popup_closes(window: PopupWindow, shown: Show, qtbot: Any) -> None:
    # Where the keyboard focus really goes is checked on an X server with another app focused:
    # tests/e2e/test_xvfb_desktop.py::test_esc_closes_a_popup_the_user_clicked.
    no_focus = Qt.WindowType.WindowDoesNotAcceptFocus
    shown(make_view("ad"))
    seen = record(window)
    assert window.windowHandle().flags() & no_focus  # shown without taking the keyboard
    click(qtbot, window, window.title_label)
    assert not window.windowHandle().flags() & no_focus  # the user pointed at it: Esc may reach it
    assert seen == [] and window.isVisible()  # and nothing opened
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible() and seen == [("closed", ("esc",))]
    window.show_view(make_view("news"))  # reused: unfocusable again until clicked
    assert window.windowHandle().flags() & no_focus


@pytest.mark.parametrize("how", ["timeout", "api"])
def test_close_with(window: PopupWindow, shown: Show, how: str) -> None:
    shown(make_view("content"))
    seen = record(window)
    window.close_with(how)
    assert not window.isVisible() and seen == [("closed", (how,))]


def test_close_with_rejects_unknown_reasons(window: PopupWindow) -> None:
    with pytest.raises(ValueError, match="unknown close reason"):
        window.close_with("swipe")


def test_programmatic_close_is_the_apps(window: PopupWindow, shown: Show) -> None:
    shown(make_view("content"))
    seen = record(window)
    window.close()
    assert seen == [("closed", ("api",))]


def test_closing_opens_nothing(window: PopupWindow, shown: Show, qtbot: Any) -> None:
    shown(make_view("ad"))
    seen = record(window)
    click(qtbot, window, window.close_button)
    assert [name for name, _ in seen] == ["closed"]


# ------------------------------------------------------------------ no hot zones


@pytest.mark.parametrize("kind", ["ad", "news", "content"])
def test_clicking_body_image_or_header_does_nothing(window: PopupWindow, shown: Show, qtbot: Any, kind: str) -> None:
    shown(image_view(kind, verified=False))
    seen = record(window)
    targets = [
        window.icon_label, window.provider_label, window.unverified_label, window.title_label, window.body_label,
        window.image_label, window.meta_row, window.content_area,
    ]  # fmt: skip
    if kind == "ad":
        targets.append(window.ad_label)
    for widget in targets:
        assert widget.isVisible() == (widget is not window.meta_row or kind != "content"), widget.objectName()
        if not widget.isVisible():
            continue
        click(qtbot, window, widget)
    header = window.findChild(QWidget, "header")
    click(qtbot, window, header, QPoint(header.width() // 2 + 20, 4))  # the empty middle of the header
    click(qtbot, window, window, QPoint(T.WIDTH // 2, window.height() - 3))  # the bottom edge
    assert seen == []
    assert window.isVisible()
    assert not window.content_area.is_activatable()


def test_service_body_click_activates(window: PopupWindow, shown: Show, qtbot: Any) -> None:
    shown(make_view("service"))
    seen = record(window)
    click(qtbot, window, window.body_label)
    click(qtbot, window, window.title_label)
    assert seen == [("activated", ()), ("activated", ())]
    click(qtbot, window, window.provider_label)
    assert len(seen) == 2, "the header is not part of the body"


def test_service_actions_become_buttons(window: PopupWindow, shown: Show, qtbot: Any) -> None:
    view = replace(make_view("service"), actions=(("default", "打开"), ("reply", "回复"), ("later", "A&B")))
    shown(view)
    buttons = [b for b in window.action_buttons if b.isVisible()]
    assert [b.accessibleName() for b in buttons] == ["回复", "A&B"], "the default action is the body click"
    assert buttons[1].text() == "A&&B", "an & is shown, not taken as a mnemonic"
    seen = record(window)
    click(qtbot, window, buttons[0])
    click(qtbot, window, buttons[1])
    assert seen == [("action_invoked", ("reply",)), ("action_invoked", ("later",))]


def test_actions_are_ignored_on_other_kinds(window: PopupWindow, shown: Show) -> None:
    shown(replace(make_view("ad"), actions=(("buy", "立即购买"),)))
    assert not any(b.isVisible() for b in window.action_buttons)


def test_buttons_emit_their_signals(window: PopupWindow, shown: Show, qtbot: Any) -> None:
    shown(make_view("content"))
    seen = record(window)
    click(qtbot, window, window.details_button)
    click(qtbot, window, window.report_button)
    click(qtbot, window, window.more_button)
    panel = window.more_panel
    assert window.content_stack.currentWidget() is panel, "⋯ opens its page inside the card: no menu window"
    click(qtbot, window, panel.block_button)
    click(qtbot, window, panel.fewer_button)
    assert seen == [
        ("details_requested", ("https://example.com/a/1",)),
        ("report_requested", ()),
        ("block_provider_requested", ()),
        ("fewer_like_this_requested", ()),
    ]
    assert window.isVisible(), "the window opens nothing and stays until closed"
    assert [b.text() for b in (panel.block_button, panel.fewer_button)] == ["不再接收此来源", "减少此类推送"]
    assert {w.window() for w in window.findChildren(QWidget)} == {window}, "no child is a window of its own"


def test_the_more_page_and_why_ad_take_turns(window: PopupWindow, shown: Show, qtbot: Any) -> None:
    shown(make_view("ad"))
    click(qtbot, window, window.more_button)
    click(qtbot, window, window.why_ad_button)
    assert window.content_stack.currentWidget() is window.why_ad_panel and not window.more_button.isChecked()
    click(qtbot, window, window.more_button)
    assert window.content_stack.currentWidget() is window.more_panel and not window.why_ad_button.isChecked()
    click(qtbot, window, window.more_button)
    assert window.content_stack.currentWidget() is window.content_area
    click(qtbot, window, window.more_button)
    shown(make_view("content"))
    assert window.content_stack.currentWidget() is window.content_area, "a reused window starts on its content"


def test_hover_is_reported(window: PopupWindow, shown: Show) -> None:
    shown(make_view("content"))
    hovered: list[bool] = []
    window.hovered.connect(hovered.append)
    QApplication.sendEvent(window, QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5)))
    QApplication.sendEvent(window, QEvent(QEvent.Type.Leave))
    assert hovered == [True, False]


# ------------------------------------------------------------------ why this ad


def test_why_ad_panel_shows_advertiser_payer_targeting(window: PopupWindow, shown: Show, qtbot: Any) -> None:
    view = replace(make_view("ad"), targeting=("您关注了冬季服饰", "所在城市：北京"))
    shown(view)
    height = window.height()
    click(qtbot, window, window.why_ad_button)
    assert window.why_ad_panel.isVisible() and not window.content_area.isVisible()
    values = {w.objectName(): w.displayed_text() for w in window.why_ad_panel.findChildren(WrappedLabel)}
    assert values == {"why_advertiser": "示例广告主", "why_payer": "示例付费方", "why_targeting": "您关注了冬季服饰、所在城市：北京"}
    assert window.height() == height, "the panel fits in the popup"
    assert window.ad_label.isVisible(), "the badge stays"
    click(qtbot, window, window.why_ad_button)
    assert window.content_area.isVisible()


def test_why_ad_without_payer_says_so(window: PopupWindow, shown: Show) -> None:
    shown(replace(make_view("ad"), payer=None, targeting=()))
    window.why_ad_button.click()
    values = [w.displayed_text() for w in window.why_ad_panel.findChildren(WrappedLabel)]
    assert values == ["示例广告主", "未提供", "未提供"]


# ------------------------------------------------------------------ hostile payloads


def test_hostile_text_moves_nothing(window: PopupWindow, shown: Show, kind: str) -> None:
    normal = make_view(kind, verified=False)
    shown(normal)
    before = window.geometry_report()
    shown(hostile(normal))
    after = window.geometry_report()
    for name in ("close_button", "ad_label", "unverified_label"):
        assert after[name] == before[name], name
    for name in ("report_button", "more_button", "why_ad_button"):  # the footer follows the popup's height
        if before[name] is None:
            assert after[name] is None, name
            continue
        bottom = {r["window"]["h"] - r[name]["y"] for r in (before, after)}
        assert len(bottom) == 1 and all(after[name][k] == before[name][k] for k in ("x", "w", "h")), name
    assert after["window"]["w"] == T.WIDTH and after["window"]["h"] <= T.MAX_HEIGHT
    assert after["provider_label"]["x"] == before["provider_label"]["x"]


def test_markup_shows_literally(window: PopupWindow, shown: Show, kind: str) -> None:
    markup = "<b>html</b><img src=x> &amp;"
    view = replace(make_view(kind), provider_name=markup, title=markup, body=markup, source=markup, advertiser=markup)
    shown(view)
    for label in window.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
        assert label.openExternalLinks() is False
    assert window.title_label.displayed_text() == markup
    assert window.body_label.displayed_text() == markup
    assert markup in window.provider_label.full_text()


def test_elided_text_has_the_full_text_as_tooltip(window: PopupWindow, shown: Show) -> None:
    long = "<i>很长</i>的标题" * 30
    shown(replace(make_view("content"), title=long, body=long))
    for label in (window.title_label, window.body_label):
        assert label.is_elided() and label.displayed_text().endswith("…")
        assert label.toolTip().startswith("<qt>") and "&lt;i&gt;很长&lt;/i&gt;" in label.toolTip()
    assert len(window.title_label.displayed_lines()) == T.TITLE_LINES
    assert len(window.body_label.displayed_lines()) == T.BODY_LINES


def test_rtl_controls_are_not_shown(window: PopupWindow, shown: Show) -> None:
    shown(replace(make_view("content"), title="\u202eabc\u2066d", provider_name="\u202eEvil"))
    assert window.title_label.displayed_text() == "abcd"
    assert window.provider_label.displayed_text() == "Evil"


@pytest.mark.parametrize("name", ["示例新闻示例新闻示例新闻示例新闻示例新闻示例新闻示例新闻示例新闻", "W" * 40, "Ш" * 40, "\u05d0" * 40])
def test_provider_name_never_elides_below_four_chars(window: PopupWindow, shown: Show, name: str) -> None:
    shown(replace(make_view("ad", verified=False), provider_name=name))
    label = window.provider_label
    assert label.is_elided()
    assert label.displayed_value_chars() >= T.MIN_PROVIDER_CHARS
    assert label.width() >= label.minimumSizeHint().width()
    assert label.font().pixelSize() >= 12 or label._value_font.pixelSize() >= 12  # noqa: SLF001
    assert label.toolTip() != ""


def test_provider_label_text_size(window: PopupWindow, shown: Show) -> None:
    shown(make_view("ad"))
    assert window.provider_label._value_font.pixelSize() >= 12  # noqa: SLF001
    assert window.provider_label.height() >= 12


# ------------------------------------------------------------------ the badge and the close glyph


@pytest.mark.parametrize("dark", [False, True])
def test_badge_and_close_contrast_from_pixels(window: PopupWindow, qtbot: Any, dark: bool) -> None:
    window.set_theme(dark)
    window.show_view(make_view("ad"))
    qtbot.waitExposed(window)
    image = window.grab().toImage()
    scale = image.devicePixelRatio()
    report = window.geometry_report()
    assert rendered_contrast(image, qrect(report["ad_label"]), scale) >= 4.5
    assert rendered_contrast(image, qrect(report["close_button"]), scale) >= 3.0
    assert contrast(window.theme().qcolor("badge"), window.theme().qcolor("badge_text")) >= 4.5


def test_badge_is_fully_visible_and_not_overlapped(window: PopupWindow, shown: Show) -> None:
    shown(hostile(image_view("ad", verified=False)))
    badge = QRect(window.ad_label.mapTo(window, QPoint(0, 0)), window.ad_label.size())
    assert window.rect().contains(badge)
    header = window.findChild(QWidget, "header")
    for widget in header.findChildren(QWidget):
        if widget is not window.ad_label and widget.isVisible():
            other = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
            assert not other.intersects(badge), widget.objectName()
    assert not QRect(window.close_button.pos(), window.close_button.size()).intersects(badge)
    text_width = QFontMetricsF(window.ad_label.font()).horizontalAdvance(S_AD)
    assert window.ad_label.contentsRect().width() >= text_width
    assert window.ad_label.font().pixelSize() >= 12 and window.ad_label.font().bold()


def test_badge_style_is_fixed(window: PopupWindow, shown: Show) -> None:
    shown(make_view("ad"))
    light = window.grab().toImage().pixelColor(window.ad_label.mapTo(window, QPoint(2, 2)))
    window.set_theme(True)
    dark = window.grab().toImage().pixelColor(window.ad_label.mapTo(window, QPoint(2, 2)))
    assert light.name() == dark.name() == T.LIGHT.badge.lower()


# ------------------------------------------------------------------ fonts


def test_app_strings_use_only_the_bundled_font(window: PopupWindow) -> None:
    for widget in (window.ad_label, window.unverified_label, window.report_button, window.details_button, window.why_ad_button):
        assert widget.font().families() == [BUNDLED_FAMILY], widget.objectName()
    for button in (window.more_panel.block_button, window.more_panel.fewer_button):
        assert button.font().families() == [BUNDLED_FAMILY], button.objectName()


def test_bundled_font_has_every_app_string(qapp: Any) -> None:
    for name in ("PopupUI-Regular.otf", "PopupUI-Bold.otf"):
        raw = QRawFont(str(fonts_dir() / name), 13)
        assert raw.isValid() and raw.familyName() == BUNDLED_FAMILY
        missing = {ch for s in UI_STRINGS for ch in s if not raw.supportsCharacter(ord(ch))}
        assert missing == set(), name
        assert raw.supportsCharacter(ord("…")) and not raw.supportsCharacter(ord("鑫")), "a subset"


def test_badge_glyphs_come_from_the_bundled_font(window: PopupWindow) -> None:
    metrics = QFontMetricsF(window.ad_label.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in S_AD)
    assert QRawFont.fromFont(window.ad_label.font()).familyName() == BUNDLED_FAMILY


def test_payload_text_prefers_the_system_font(window: PopupWindow) -> None:
    families = window.title_label._font.families()  # noqa: SLF001
    assert families[-1] == BUNDLED_FAMILY and families[0] != BUNDLED_FAMILY


# ------------------------------------------------------------------ pooling


def test_a_reused_window_shows_nothing_stale(window: PopupWindow, shown: Show, qtbot: Any) -> None:
    first = replace(image_view("ad", verified=False), title="旧标题" * 40, body="旧正文")
    shown(first)
    window.why_ad_button.click()
    assert window.why_ad_panel.isVisible() and window.title_label.is_elided()
    window.close_with("button")
    second = replace(make_view("service", receipt_id=2), actions=(("ok", "好的"),))
    shown(second)
    assert window.isVisible() and not window.is_closed()
    assert window.provider_label.text() == "示例service"
    assert window.title_label.text() == "service 标题" and not window.title_label.is_elided()
    assert window.title_label.toolTip() == ""
    assert window.body_label.text() == "正文第一行。"
    for gone in (window.ad_label, window.unverified_label, window.image_label, window.meta_row,
                 window.advertiser_label, window.why_ad_button, window.details_button, window.why_ad_panel):  # fmt: skip
        assert not gone.isVisible(), gone.objectName()
    assert window.image_label.pixmap().isNull()
    assert window.content_area.isVisible() and window.content_area.is_activatable()
    assert [b.text() for b in window.action_buttons if b.isVisible()] == ["好的"]
    seen = record(window)
    click(qtbot, window, window.close_button)
    assert seen == [("closed", ("button",))], "the second view closes and emits again"
    third = make_view("news", receipt_id=3)
    shown(third)
    assert not any(b.isVisible() for b in window.action_buttons)
    assert window.source_label.isVisible() and not window.content_area.is_activatable()


# ------------------------------------------------------------------ images


@pytest.mark.parametrize(
    "data",
    [png_header_only(5000, 5000), bomb_png(), random_bytes(500), b"GIF89a" + bytes(100), to_bytes(gradient(20, 20), "BMP")],
    ids=["oversized-header", "bomb", "garbage", "gif", "bmp"],
)
def test_bad_images_are_not_shown(window: PopupWindow, shown: Show, data: bytes) -> None:
    shown(replace(make_view("content"), image=data, provider_icon=data))
    assert not window.image_label.isVisible()
    assert not window.icon_label.pixmap().isNull(), "the initials avatar replaces a bad icon"


def test_images_fit_their_box(window: PopupWindow, shown: Show) -> None:
    for size in ((4000, 300), (300, 4000), (40, 30)):
        shown(replace(make_view("content"), image=png_bytes(*size), provider_icon=png_bytes(512, 512)))
        pixmap = window.image_label.pixmap()
        logical = pixmap.deviceIndependentSize()
        assert logical.width() <= T.IMAGE_BOX[0] + 0.5 and logical.height() <= T.IMAGE_BOX[1] + 0.5
        assert abs(logical.width() / logical.height() - size[0] / size[1]) < 0.1 * size[0] / size[1] + 0.05
        icon = window.icon_label.pixmap().deviceIndependentSize()
        assert (icon.width(), icon.height()) == (T.AVATAR_SIZE, T.AVATAR_SIZE)
    assert window.image_label.pixmap().deviceIndependentSize().width() == 40, "small images are not blown up"


def test_labels_are_our_plain_text_labels(window: PopupWindow) -> None:
    assert isinstance(window.provider_label, ElidedLabel)
    assert isinstance(window.title_label, WrappedLabel) and isinstance(window.body_label, WrappedLabel)


def test_critical_service_popups_have_an_accent(window: PopupWindow, shown: Show) -> None:
    view = make_view("service")
    shown(view)
    y = window.height() // 2
    plain = window.grab().toImage().pixelColor(2, y)
    shown(replace(view, critical=True))
    accent = window.grab().toImage().pixelColor(2, y)
    assert plain.name() == T.LIGHT.card.lower() and accent.name() == T.LIGHT.accent_critical.lower()


def test_pictures_follow_a_pixel_ratio_change(window: PopupWindow, shown: Show, monkeypatch: Any) -> None:
    shown(replace(make_view("content"), image=png_bytes(400, 200)))
    monkeypatch.setattr(window, "_pixel_ratio", lambda: 2.0)
    QApplication.sendEvent(window, QEvent(QEvent.Type.DevicePixelRatioChange))
    assert window.image_label.pixmap().devicePixelRatio() == 2.0


def test_the_button_icons_are_painted_with_the_first_view_not_with_the_pooled_window(window: PopupWindow) -> None:
    """A pooled window an idle app holds has painted nothing (QPainter's set-up waits for the first popup)."""
    assert window.more_button.icon().isNull() and window.why_ad_button.icon().isNull()
    window.set_view(make_view("ad"))
    light = window.more_button.icon().pixmap(16, 16).toImage()
    assert not window.more_button.icon().isNull() and not window.why_ad_button.icon().isNull()
    window.set_theme(True)  # a view is in it: the icons follow the theme at once
    assert window.more_button.icon().pixmap(16, 16).toImage() != light
