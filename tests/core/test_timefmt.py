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
        # What datetime.fromisoformat (the fast path) reads and RFC 3339 does not:
        ("2026-11-27T18:00:00+08:60", "impossible time-zone offset"),  # fromisoformat would read it as +09:00
        ("2026-11-27T24:00:00+08:00", "not a real date"),
        ("2026-11-27T18:00:00+08:00:30", "RFC 3339"),
        ("2026-11-27T18:00:00+0800", "RFC 3339"),
        ("２０２６-11-27T18:00:00Z", "RFC 3339"),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-31T23:59:60Z", "2026-12-31T23:59:59+00:00"),  # a leap second is read as the second before it
        ("2026-11-27T18:00:00.1234567+08:00", "2026-11-27T18:00:00.123456+08:00"),  # beyond microseconds: cut
        ("2026-11-27T18:00:00.5+08:00", "2026-11-27T18:00:00.500000+08:00"),
        ("2026-11-27 18:00:00-00:00", "2026-11-27T18:00:00+00:00"),
        (" 2026-11-27T18:00:00Z\n", "2026-11-27T18:00:00+00:00"),
    ],
)
def test_edges_the_usual_form_leaves_to_the_strict_parser(text: str, expected: str) -> None:
    assert parse_rfc3339(text).isoformat() == expected


def test_the_usual_form_is_read_in_c(monkeypatch: pytest.MonkeyPatch) -> None:
    from popup_client.core import timefmt

    read: list[str] = []

    def spy(text: str) -> datetime:
        read.append(text)
        return datetime.fromisoformat(text)

    monkeypatch.setattr(timefmt, "_fromisoformat", spy)
    usual = ["2026-11-27T18:00:00+08:00", "2026-11-27T10:00:00.250Z", "2026-11-27T05:00:00-05:30"]
    assert [parse_rfc3339(text).isoformat() for text in usual] == [
        "2026-11-27T18:00:00+08:00", "2026-11-27T10:00:00.250000+00:00", "2026-11-27T05:00:00-05:30",
    ]  # fmt: skip
    assert read == usual
    parse_rfc3339("2026-11-27t10:00:00z")  # not the usual form: the strict way only
    assert read == usual
