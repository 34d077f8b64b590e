"""The news-source list: a versioned, replaceable data file."""

from __future__ import annotations

from pathlib import Path

import pytest

from popup_client.core.news_sources import NewsSourceError, load_for_prefs, load_news_sources


def test_shipped_list_has_the_central_sources() -> None:
    listed = load_news_sources()
    assert listed.version
    for name in ("新华社", "人民日报", "中央广播电视总台"):
        assert name in listed
    assert listed.lookup("央视新闻").name == "中央广播电视总台"  # type: ignore[union-attr]
    assert "某某自媒体" not in listed


def test_names_are_compared_after_normalization() -> None:
    listed = load_news_sources()
    assert "新华\u200b社" in listed
    assert " xinhua  news agency " in listed


def test_a_replacement_list(tmp_path: Path) -> None:
    path = tmp_path / "list.toml"
    path.write_text('format = 1\nversion = "vendor-7"\n[[source]]\nname = "本地日报"\n', encoding="utf-8")
    listed, warnings = load_for_prefs(str(path))
    assert (listed.version, "本地日报" in listed, "新华社" in listed, warnings) == ("vendor-7", True, False, [])


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("format = 2\nversion = 'x'\n", "unsupported format"),
        ("format = 1\n", "needs a version"),
        ("format = 1\nversion = 'x'\n[[source]]\naliases = ['a']\n", "non-empty name"),
        ("not toml = = =", "not valid TOML"),
    ],
)
def test_bad_lists_are_refused(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "list.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NewsSourceError, match=fragment):
        load_news_sources(path)


def test_an_unusable_replacement_accepts_no_source(tmp_path: Path) -> None:
    listed, warnings = load_for_prefs(str(tmp_path / "missing.toml"))
    assert listed.version == "unusable" and "新华社" not in listed
    assert warnings and "missing.toml" in warnings[0]
