"""The journal's stored values: a time as RFC 3339 text in UTC, as :func:`format_rfc3339` writes it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from popup_client.core.journal.sqlite import iso
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


def test_a_time_without_a_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        iso(datetime(2026, 11, 27, 20, 0))


def test_none_is_bound_as_null_by_the_adapter_found_first() -> None:
    import sqlite3

    adapter = sqlite3.adapters.get((type(None), sqlite3.PrepareProtocol))
    assert adapter is not None and adapter(None) is None  # no search of None's attributes, no exception made
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (?)", (None,))
    assert conn.execute("SELECT x IS NULL, typeof(x) FROM t").fetchall() == [(1, "null")]
    conn.close()
