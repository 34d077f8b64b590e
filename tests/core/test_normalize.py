"""Text normalization: what reaches the rules and the screen."""

from __future__ import annotations

import pytest

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
