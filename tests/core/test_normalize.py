"""Text normalization: what reaches the rules and the screen."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from popup_client.core import normalize
from popup_client.core.normalize import normalize_line, normalize_multiline


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("示例\u202e新闻", "示例新闻"),  # right-to-left override
        ("a\u2066b\u2069c\u200e\u200f\u061c", "abc"),  # isolates and marks
        ("zero\u200bwidth\u200c\u200d\u2060\ufeff", "zerowidth"),
        ("tab\tand\nnewline", "tab and newline"),
        ("  many   spaces  ", "many spaces"),
        ("bell\x07 del\x7f c1\x85", "bell del c1"),
        ("e\u0301", "\u00e9"),  # NFC
        ("lone\ud800surrogate", "lonesurrogate"),
        ("\u200b\u202e", ""),
    ],
)
def test_normalize_line(raw: str, expected: str) -> None:
    assert normalize_line(raw) == expected


def test_multiline_keeps_newlines_and_drops_other_controls() -> None:
    assert normalize_multiline("第一行\r\n第二行\x00\u202e  尾  \n\n\n\n末行") == "第一行\n第二行 尾\n\n末行"


def test_multiline_collapses_spaces_within_lines() -> None:
    assert normalize_multiline("  a    b \n   c  ") == "a b\nc"


def _line_the_long_way(text: str) -> str:
    """normalize_line without its shortcut for text that needs nothing removed or composed."""
    return normalize._SPACE_RUN.sub(" ", normalize._clean(text)).strip()


def _multiline_the_long_way(text: str) -> str:
    text = normalize._LINE_BREAK.sub("\n", normalize._clean(text))
    lines = [normalize._LINE_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n")]
    return normalize._MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def test_the_shortcut_of_a_printable_line_removes_nothing_it_should_not() -> None:
    # Its premise, over every code point: a printable character is never one _clean removes, nor white space but " ".
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.isprintable():
            assert not normalize._INVISIBLE.match(char) and (char == " " or not char.isspace()), hex(code)


@pytest.mark.parametrize(
    "raw",
    ["示例新闻", " 示例 新闻 ", "a\nb", "a\r\n\n\n\nb", "\u2028x", "a  b", "e\u0301 ", "\u00e9", "Ａ\u3000Ｂ", "x\u00a0y", "", " ", "新闻\u200b", "ok\ud800"],
)
def test_the_shortcut_gives_what_the_long_way_gives(raw: str) -> None:
    assert normalize_line(raw) == _line_the_long_way(raw)
    assert normalize_multiline(raw) == _multiline_the_long_way(raw)


@given(st.text())
def test_the_shortcut_gives_what_the_long_way_gives_for_any_text(raw: str) -> None:
    assert normalize_line(raw) == _line_the_long_way(raw)
    assert normalize_multiline(raw) == _multiline_the_long_way(raw)
