"""RFC 3339 timestamps: offset required, round-trips."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from popup_client.core.timefmt import format_rfc3339, parse_rfc3339


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2026-11-27T18:00:00+08:00", datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc)),
        ("2026-11-27T10:00:00Z", datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc)),
        ("2026-11-27t10:00:00.5z", datetime(2026, 11, 27, 10, 0, 0, 500000, tzinfo=timezone.utc)),
        ("2026-11-27T05:00:00-05:00", datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc)),
    ],
)
def test_parses_with_offset(text: str, utc: datetime) -> None:
    assert parse_rfc3339(text) == utc


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-11-27T18:00:00", "without a time-zone offset"),
        ("2026-11-27", "RFC 3339"),
        ("yesterday", "RFC 3339"),
        ("2026-02-30T10:00:00Z", "not a real date"),
        ("2026-11-27T10:00:00+25:00", "impossible time-zone offset"),
    ],
)
def test_rejects(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_rfc3339(text)


def test_rejects_non_strings_and_naive_datetimes() -> None:
    with pytest.raises(ValueError):
        parse_rfc3339(1732700000)
    with pytest.raises(ValueError):
        parse_rfc3339(datetime(2026, 1, 1))


def test_format_round_trips() -> None:
    value = datetime(2026, 11, 27, 18, 0, tzinfo=timezone(timedelta(hours=8)))
    assert format_rfc3339(value) == "2026-11-27T18:00:00+08:00"
    assert parse_rfc3339(format_rfc3339(value)) == value
    assert format_rfc3339(datetime(2026, 1, 1, tzinfo=timezone.utc)) == "2026-01-01T00:00:00Z"


@pytest.mark.parametrize(("offset", "minutes"), [("+08:00", 480), ("-05:30", -330), ("-00:00", 0), ("+23:59", 1439), ("Z", 0)])
def test_an_offset_read_again_gives_the_same_zone(offset: str, minutes: int) -> None:
    first, again = (parse_rfc3339(f"2026-11-27T18:00:00{offset}") for _ in range(2))
    assert first == again and first.utcoffset() == again.utcoffset() == timedelta(minutes=minutes)


@pytest.mark.parametrize("offset", ["+24:00", "-00:60"])
def test_an_impossible_offset_is_refused_every_time(offset: str) -> None:
    for _ in range(2):
        with pytest.raises(ValueError, match="impossible time-zone offset"):
            parse_rfc3339(f"2026-11-27T18:00:00{offset}")
