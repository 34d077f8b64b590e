"""Vendor themes: accepted when every guarantee holds, refused with the reasons otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from popup_client.conformance.model import CheckResult, Result
from popup_client.conformance.theme import (
    ThemeError,
    ThemeRejected,
    load_theme_or_default,
    read_theme,
    sample_views,
)

GOOD = """
QPushButton { border-radius: 12px; }
QPushButton#details_button { background: #0B57D0; color: #FFFFFF; }
"""
PALE_BADGE = "QLabel#ad_label { background: #F4F4F4; color: #C8C8C8; }\n"


def write(tmp_path: Path, text: str | bytes, name: str = "theme.qss") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_no_theme_is_the_default(qapp: Any) -> None:
    assert load_theme_or_default(None) == (None, [])
    assert load_theme_or_default("") == (None, [])


def test_a_theme_that_keeps_every_guarantee_is_loaded(qapp: Any, tmp_path: Path) -> None:
    qss, messages = load_theme_or_default(write(tmp_path, GOOD))
    assert qss == GOOD
    assert len(messages) == 1 and "every guarantee holds" in messages[0]


def test_a_low_contrast_badge_is_refused_with_its_measurements(qapp: Any, tmp_path: Path) -> None:
    path = write(tmp_path, PALE_BADGE)
    qss, messages = load_theme_or_default(path)
    assert qss is None
    message = messages[0]
    assert message.startswith(f"the theme {path} was refused: it breaks ui-ad-label\n")
    assert "ad (light, themed): ui-ad-label badge-contrast: 1.5:1 (≥ 4.5:1)" in message
    assert "ad (dark, themed)" in message and "news (" not in message, "only the ad has a badge"
    assert message.endswith("the default style is used instead")


@pytest.mark.parametrize("content, why", [(b"\xff\xfe#", "not UTF-8"), (b"a" * 300_000, "larger than")])
def test_unreadable_themes_fall_back(qapp: Any, tmp_path: Path, content: bytes, why: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(ThemeError, match=why):
        read_theme(path)
    qss, messages = load_theme_or_default(path)
    assert qss is None and why in messages[0] and "default style" in messages[0]
    assert "cannot read" in load_theme_or_default(tmp_path / "missing.qss")[1][0]


def test_rejection_lists_every_failure() -> None:
    failed = CheckResult("ui-close", "close-hit-area", False, "16×16", "≥ 32×32")
    results = [Result("ad (light, themed)", checks=[failed]), Result("news (light, themed)", checks=[failed])]
    error = ThemeRejected("x.qss", results)
    assert error.failed_rules == {"ui-close"}
    assert str(error).splitlines() == [
        "the theme x.qss was refused: it breaks ui-close",
        "  ad (light, themed): ui-close close-hit-area: 16×16 (≥ 32×32)",
        "  news (light, themed): ui-close close-hit-area: 16×16 (≥ 32×32)",
    ]


def test_samples_cover_every_kind_and_the_parts_a_theme_restyles() -> None:
    views = sample_views()
    assert [v.kind for v in views] == ["ad", "news", "content", "service"]
    assert any(not v.verified for v in views), "the 「未验证」 mark is shown"
    assert all(v.link for v in views if v.kind != "service"), "「查看详情」 is shown"
