"""The eliding plain-text labels."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QFontMetricsF

from popup_client.ui import theme as T
from popup_client.ui.labels import ElidedLabel, WrappedLabel, plain_tooltip, strip_bidi_controls, wrap_text


@pytest.fixture
def font(qapp: Any) -> Any:
    return T.content_font(13)


def test_short_text_is_one_line(font: Any) -> None:
    assert wrap_text("你好", font, 200, 3) == (["你好"], False)


def test_long_text_wraps_then_elides(font: Any) -> None:
    lines, elided = wrap_text("很长的一段话" * 50, font, 200, 3)
    assert elided and len(lines) == 3 and lines[-1].endswith("…")
    metrics = QFontMetricsF(font)
    assert all(metrics.horizontalAdvance(line) <= 200 for line in lines)


def test_unbreakable_text_wraps_anywhere(font: Any) -> None:
    lines, elided = wrap_text("A" * 10_000, font, 150, 2)
    assert elided and len(lines) == 2 and all(QFontMetricsF(font).horizontalAdvance(x) <= 150 for x in lines)


def test_paragraphs_keep_one_blank_line(font: Any) -> None:
    assert wrap_text("\n\n一\n\n\n\n二\n\n", font, 300, 5) == (["一", "", "二"], False)


def test_hidden_paragraphs_are_marked_with_an_ellipsis(font: Any) -> None:
    lines, elided = wrap_text("一\n二\n三", font, 300, 2)
    assert elided and lines == ["一", "二…"]


def test_astral_characters_are_not_split(font: Any) -> None:
    text = "😀𠀀" * 200  # outside the BMP: two UTF-16 units each
    lines, _ = wrap_text(text, font, 120, 3)
    joined = "".join(lines).rstrip("…")
    assert joined and text.startswith(joined)


def test_strip_bidi_controls() -> None:
    assert strip_bidi_controls("\u202ea\u2066b\u200fc\u061cd") == "abcd"
    assert strip_bidi_controls("שלום abc") == "שלום abc"


def test_plain_tooltip_escapes_markup() -> None:
    assert plain_tooltip("<b>x</b> & y") == "<qt>&lt;b&gt;x&lt;/b&gt; &amp; y</qt>"
    assert plain_tooltip("") == ""
    assert len(plain_tooltip("x" * 50_000)) < 2100


def test_elided_label_keeps_prefix_and_min_chars(qtbot: Any, font: Any) -> None:
    label = ElidedLabel(value_font=font, prefix_font=T.app_font(13), min_chars=4)
    qtbot.addWidget(label)
    label.set_parts("来源：", "一个非常非常非常非常长的来源名称")
    label.resize(label.minimumSizeHint())
    assert label.displayed_text().startswith("来源：一个非常")
    assert label.displayed_value_chars() == 4 and label.is_elided()
    assert label.text() == "来源：一个非常非常非常非常长的来源名称"
    label.resize(label.sizeHint())
    assert not label.is_elided() and label.toolTip() == ""


def test_short_values_are_not_padded(qtbot: Any, font: Any) -> None:
    label = ElidedLabel(value_font=font)
    qtbot.addWidget(label)
    label.set_parts("", "新")
    assert label.minimumSizeHint().width() == label.sizeHint().width()


def test_wrapped_label_height_follows_lines(qtbot: Any, font: Any) -> None:
    label = WrappedLabel(font=font, wrap_width=200, max_lines=3)
    qtbot.addWidget(label)
    label.set_value("一行")
    one = label.sizeHint().height()
    label.set_value("很长的一段话" * 50)
    assert label.sizeHint().height() == 3 * one
    assert label.sizeHint().width() == 200
