"""Fuzzing the renderer: whatever the text, the close button and the 「广告」 badge keep their guarantees.

Views are built from hostile text as the app builds them, normalized the way
parsing normalizes a payload (so a title is never empty, and lone surrogates
are gone; action labels, which the freedesktop transport passes on, are left
raw), shown in one pooled window, and measured with the window's geometry
report and real hit-testing:

- ``ui-close``: ≥ 32 × 32 at the top-right corner, its centre hit-tests to
  it, no other interactive element within 8 px;
- ``ui-ad-label``: on an ad, the badge is inside the window, fully shown
  (its text fits), not overlapped by anything in the header nor by the
  close button, text ≥ 12 px;
- ``ui-provider``: the provider's name is shown, never cut to fewer than 4
  characters, text ≥ 12 px;
- ``ui-bounds``: fixed width, bounded height.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QWidget

from popup_client.core.normalize import normalize_line, normalize_multiline
from popup_client.ui import theme as T
from popup_client.ui.popup_window import S_AD, PopupWindow
from popup_client.ui.view import PopupView
from tests.fuzz.strategies import fuzz_settings, unicode_characters, unicode_text

raw_texts = st.one_of(unicode_text, st.text(unicode_characters, min_size=1, max_size=12))
lines = raw_texts.map(normalize_line).filter(bool)
paragraphs = raw_texts.map(normalize_multiline)
names = st.one_of(
    st.text(unicode_characters, min_size=1, max_size=40),
    st.sampled_from(["\ufdfd" * 4, "\ufdfd" * 40, "\U0001242b" * 10, "W" * 40, "\ua9c5" * 12, "示" + "\u0301" * 60, "\u202e" * 5 + "x"]),
).map(normalize_line).filter(bool)


@st.composite
def views(draw: st.DrawFn) -> PopupView:
    kind = draw(st.sampled_from(["ad", "news", "content", "service"]))
    actions = draw(st.lists(st.tuples(st.sampled_from(["default", "a", "b", "c", "d"]), raw_texts), max_size=5)) if kind == "service" else []
    return PopupView(
        receipt_id=draw(st.integers(1, 10**9)),
        kind=kind,
        provider_name=draw(names),
        provider_id="com.example.fuzz",
        verified=draw(st.booleans()),
        title=draw(lines),
        body=draw(st.one_of(st.just(""), paragraphs)),
        link=draw(st.sampled_from([None, "https://example.com/a"])),
        source=draw(lines) if kind == "news" else None,
        advertiser=draw(st.one_of(st.none(), lines)) if kind == "ad" else None,
        payer=draw(st.one_of(st.none(), lines)) if kind == "ad" else None,
        targeting=tuple(draw(st.lists(lines, max_size=4))) if kind == "ad" else (),
        actions=tuple(actions),
        critical=draw(st.booleans()),
    )


@pytest.fixture(scope="module")
def window(qapp: Any) -> Iterator[PopupWindow]:
    win = PopupWindow()
    win.set_theme(False)
    win.show()
    qapp.processEvents()
    yield win
    win.hide()
    win.deleteLater()


def rect_of(window: PopupWindow, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def gap(a: QRect, b: QRect) -> int:
    dx = max(0, b.left() - (a.left() + a.width()), a.left() - (b.left() + b.width()))
    dy = max(0, b.top() - (a.top() + a.height()), a.top() - (b.top() + b.height()))
    return max(dx, dy)


def check_guarantees(window: PopupWindow, view: PopupView) -> None:
    report = window.geometry_report()
    assert report["window"]["w"] == T.WIDTH and 0 < report["window"]["h"] <= T.MAX_HEIGHT

    close = rect_of(window, window.close_button)
    assert close.width() >= 32 and close.height() >= 32
    assert close.top() <= 8 and close.left() + close.width() >= T.WIDTH - 8
    assert window.close_button.isVisible() and window.close_button.isEnabled()
    assert window.childAt(close.center()) is window.close_button, "the close button's centre hit-tests to it"
    for widget in window.interactive_widgets():
        if widget is not window.close_button:
            assert gap(close, rect_of(window, widget)) >= 8, widget.objectName()

    label = window.provider_label
    assert label.isVisible() and label._value_font.pixelSize() >= 12  # noqa: SLF001
    assert label.width() >= label.minimumSizeHint().width(), "the name has room for its shortest form"
    shown_value = label.displayed_value_chars()
    assert shown_value >= min(T.MIN_PROVIDER_CHARS, len(label.full_text())), label.displayed_text()

    badge = window.ad_label
    assert badge.isVisible() == (view.kind == "ad")
    if view.kind != "ad":
        return
    where = rect_of(window, badge)
    assert QRect(0, 0, report["window"]["w"], report["window"]["h"]).contains(where), "the badge is inside the popup"
    assert not where.intersects(close), "the close button does not cover the badge"
    header = window.findChild(QWidget, "header")
    for widget in header.findChildren(QWidget):
        if widget is not badge and widget.isVisible() and widget.parent() is header:
            assert not rect_of(window, widget).intersects(where), widget.objectName()
    assert badge.contentsRect().width() >= QFontMetricsF(badge.font()).horizontalAdvance(S_AD)
    assert badge.font().pixelSize() >= 12 and badge.text() == S_AD


@fuzz_settings(120)
@given(views())
def test_the_guarantees_hold_for_any_text(window: PopupWindow, qapp: Any, view: PopupView) -> None:
    window.show_view(view)
    qapp.processEvents()
    check_guarantees(window, view)


@fuzz_settings(40)
@given(views())
def test_switching_to_the_why_ad_panel_moves_nothing_that_is_guaranteed(window: PopupWindow, qapp: Any, view: PopupView) -> None:
    window.show_view(view)
    qapp.processEvents()
    if view.kind == "ad":
        window.why_ad_button.click()
        qapp.processEvents()
    check_guarantees(window, view)


def test_a_pooled_window_is_measured_afresh(qapp: Any) -> None:
    """Found by the fuzzer: a pooled window measured with its nested layouts' stale size hints
    came out 4 px too short, and the clickable body of a service popup slid under the close button."""

    def service(title: str, *, link: bool, kind: str = "service", actions: bool = False) -> PopupView:
        return PopupView(
            receipt_id=1,
            kind=kind,
            provider_name="示例新闻",
            provider_id="com.example.x",
            title=title,
            link="https://example.com/a" if link else None,
            actions=(("a", "回复"),) if actions else (),
        )

    long_title = "一个很长很长的标题" * 6
    sequence = [
        service(long_title, link=True, actions=True),
        service("短标题", link=True, kind="content"),
        service("短标题", link=True),
        service(long_title, link=False),
    ]
    window = PopupWindow()
    try:
        window.set_theme(False)
        window.show()
        for view in sequence:
            window.show_view(view)
            qapp.processEvents()
            check_guarantees(window, view)
    finally:
        window.hide()
        window.deleteLater()
