"""The journal's stored values: a time as RFC 3339 text in UTC, as :func:`format_rfc3339` writes it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hypothesis import given
from hypothesis import strategies as st

from popup_client.core.journal.sqlite import iso, iso_and_unix, unix
from popup_client.core.timefmt import format_rfc3339

SHANGHAI = timezone(timedelta(hours=8))
TIMES = [
    datetime(2026, 11, 27, 20, 0, tzinfo=SHANGHAI),
    datetime(2026, 11, 27, 20, 0, 0, 1, tzinfo=SHANGHAI),
    datetime(2026, 1, 1, 0, 0, 0, 500000, tzinfo=timezone.utc),
    datetime(1999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-5, minutes=-30))),
    datetime(2026, 3, 29, 1, 30, tzinfo=timezone(timedelta(minutes=7, seconds=30))),
]


@pytest.mark.parametrize("value", TIMES, ids=str)
def test_a_time_is_stored_as_rfc3339_in_utc(value: datetime) -> None:
    assert iso(value) == format_rfc3339(value.astimezone(timezone.utc))
    assert iso(value).endswith("Z") and "+" not in iso(value)


offsets = st.integers(min_value=-23 * 3600 - 59 * 60, max_value=23 * 3600 + 59 * 60).map(lambda s: timezone(timedelta(seconds=s)))


@given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 1, 1)), offsets)
def test_a_times_text_and_number_are_those_of_its_utc_time_and_its_timestamp(naive: datetime, zone: timezone) -> None:
    value = naive.replace(tzinfo=zone)
    assert iso_and_unix(value) == (format_rfc3339(value.astimezone(timezone.utc)), value.timestamp())
    assert iso_and_unix(value) == (iso(value), unix(value))


def test_a_time_without_a_zone_is_refused() -> None:
    for write in (iso, iso_and_unix):
        with pytest.raises(ValueError, match="timezone-aware"):
            write(datetime(2026, 11, 27, 20, 0))


def test_none_is_bound_as_null_by_the_adapter_found_first() -> None:
    import sqlite3

    adapter = sqlite3.adapters.get((type(None), sqlite3.PrepareProtocol))
    assert adapter is not None and adapter(None) is None  # no search of None's attributes, no exception made
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (?)", (None,))
    assert conn.execute("SELECT x IS NULL, typeof(x) FROM t").fetchall() == [(1, "null")]
    conn.close()
