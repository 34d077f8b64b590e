"""Typed times: a daily span of local time, and an instant, read from the words people write."""

from __future__ import annotations

from datetime import time

import pytest

from popup_client.core.prefs.times import TimeRange


@pytest.mark.parametrize(
    ("text", "expected"),
    [("22:00-08:00", TimeRange(time(22), time(8))), (" 7:05 - 9:30 ", TimeRange(time(7, 5), time(9, 30))), ("", None), ("  ", None)],
)
def test_a_range_is_read_from_its_words(text: str, expected: TimeRange | None) -> None:
    assert TimeRange.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("late", "HH:MM-HH:MM"), ("24:00-08:00", "impossible"), ("22:60-08:00", "impossible"), ("08:00-08:00", "same time"),
     ("２２:00-08:00", "HH:MM-HH:MM")],  # fmt: skip
)
def test_a_range_that_cannot_be_says_why(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        TimeRange.parse(text)


@pytest.mark.parametrize(
    ("span", "inside", "outside"),
    [("22:00-08:00", ["22:00", "23:59", "00:00", "07:59"], ["08:00", "12:00", "21:59"]),
     ("09:00-17:30", ["09:00", "17:29"], ["08:59", "17:30", "23:00"])],  # fmt: skip
)
def test_contains_is_start_inclusive_end_exclusive_and_crosses_midnight(
    span: str, inside: list[str], outside: list[str]
) -> None:
    window = TimeRange.parse(span)
    assert window is not None
    assert all(window.contains(time.fromisoformat(t)) for t in inside)
    assert not any(window.contains(time.fromisoformat(t)) for t in outside)


def test_a_range_is_written_as_it_is_read() -> None:
    assert str(TimeRange(time(7, 5), time(22, 30))) == "07:05-22:30"
