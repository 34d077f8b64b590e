"""Salvaging a damaged preferences document: every usable setting kept, each dropped one named."""

from __future__ import annotations

import pytest

from popup_client.core.prefs import salvage as prefs_salvage
from popup_client.core.prefs import Preferences
from popup_client.core.prefs.fields import plain
from popup_client.core.prefs.salvage import salvage


def test_a_sound_document_loses_nothing() -> None:
    result = salvage(b'topic_max = 1\n[opt_out]\nkinds = ["ad"]\n')
    assert (result.prefs.topic_max, result.prefs.opt_out.kinds, result.problems) == (1, ["ad"], [])


def test_a_broken_table_header_drops_its_keys_and_no_other_table_gets_them() -> None:
    """``timeout_seconds`` keys would otherwise land in ``[opt_out]``, or worse, in a table that has them."""
    text = b'[opt_out]\nkinds = ["ad"]\n[timeout_seconds\nad = 30\nnews = 40\n[caps]\nglobal_hourly = 2\n'
    result = salvage(text)
    assert result.prefs.opt_out.kinds == ["ad"] and result.prefs.caps.global_hourly == 2
    assert result.prefs.timeout_seconds == Preferences().timeout_seconds
    assert [p.split(":")[0] for p in result.problems] == [
        "line 3 ([timeout_seconds)",
        "line 4 (opt_out.ad)",
        "line 5 (opt_out.news)",
    ]


def test_an_unclosed_value_at_the_end_drops_the_lines_it_swallowed() -> None:
    result = salvage(b'topic_max = 3\nquiet_hours = "22:00-08:00\n')
    assert result.prefs.topic_max == 3 and result.prefs.quiet_hours is None
    assert result.problems[0].startswith("line 2 (quiet_hours): not valid TOML")


def test_a_provider_with_a_bad_id_or_value_is_dropped_alone() -> None:
    text = (
        b'[caps.providers."not an id"]\nhourly = 1\n'
        b'[caps.providers."com.example.a"]\nhourly = "z"\ndaily = 2\n'
        b'[caps.providers."com.example.b"]\nhourly = 1\n'
    )
    result = salvage(text)
    kept = plain(result.prefs.caps.providers)
    assert kept == {"com.example.a": {"daily": 2}, "com.example.b": {"hourly": 1}}
    assert any(p.startswith("caps.providers.not an id: 'not an id' is not a provider id") for p in result.problems)
    assert "caps.providers.com.example.a.hourly: input should be a valid integer (found 'z')" in result.problems


def test_a_section_of_the_wrong_type_is_dropped_whole() -> None:
    result = salvage(b"caps = 5\ntopic_max = 3\n")
    assert result.prefs.topic_max == 3 and result.prefs.caps == Preferences().caps
    assert result.problems == ["caps: input should be a valid dictionary or instance of Caps (found 5)"]


def test_a_line_of_garbage_is_named_by_its_printable_text() -> None:
    result = salvage(b"topic_max = 3\n\x01\xff\xfegarbage\n")
    assert result.prefs.topic_max == 3
    assert result.problems == ["it is not UTF-8 text", "line 2 (???garbage): not UTF-8 text"]


def test_salvaging_gives_up_after_a_bounded_number_of_rounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefs_salvage, "MAX_ROUNDS", 3)
    result = salvage(b"a = \nb = \nc = \nd = \ntopic_max = 3\n")
    assert result.prefs == Preferences()
    assert result.problems[-1] == "nothing else in it could be read"
    assert len(result.problems) == 4
