"""The caps' counts in memory: the shown receipts of the recent past, counted as the SQL counts them.

:class:`ShownCounts` holds the time (the REAL unix time the journal stores)
of every receipt that was shown and counts toward the caps (``decision =
'show' AND counts = 1``) at or after :attr:`ShownCounts.covers_from`, sorted,
under each filter a rule asks by: all, one provider, one provider's topic,
one topic; each split by kind, and kept once more for each set of kinds a
query asked for (the caps ask for the capped kinds together, the flood guard
for service popups). A count is then one bisection instead of an SQL
statement per popup. A query reaching back before ``covers_from`` gets
``None``: the journal asks SQL instead, so every count stays exact.

The :class:`~popup_client.core.journal.journal.Journal` seeds it from the
file on the first count, adds each receipt it records, and drops it
(:meth:`ShownCounts.invalidate`) whenever the file may hold something it was
not told of: another connection wrote, the file was replaced, a batch was
rolled back.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from itertools import chain
from collections.abc import Iterable
from typing import Any

#: How far back the counts reach when seeded (the longest cap window is a day; the topic window a setting).
HORIZON_S = 8 * 86400.0
_PRUNE_EVERY = 4096  # receipts added between two prunings of what fell out of the horizon

Key = tuple[Any, ...]
ShownRow = tuple[float, "str | None", "str | None", "str | None"]  # ts, provider_id, kind, topic


def _keys(provider_id: str | None, topic: str | None) -> list[Key]:
    """Every filter a receipt of this provider and topic is counted under."""
    keys: list[Key] = [("all",)]
    if provider_id is not None:
        keys.append(("p", provider_id))
    if topic is not None:
        keys.append(("t", topic))
        if provider_id is not None:
            keys.append(("pt", provider_id, topic))
    return keys


def _query_key(provider_id: str | None, topic: str | None) -> Key:
    if provider_id is None:
        return ("all",) if topic is None else ("t", topic)
    return ("p", provider_id) if topic is None else ("pt", provider_id, topic)


#: The key of the times of every kind, under each filter (a kind is a text or None, a set of kinds a tuple).
_EVERY: tuple[Any, ...] = (object(),)  # equal to no tuple of kinds a query can give


class ShownCounts:
    """Sorted times of shown receipts by filter and kind; empty and invalid until seeded."""

    def __init__(self) -> None:
        self.valid = False
        self.epoch = 0  # how many times it was invalidated: what was derived from the file with it is stale when it changes
        self.covers_from = float("inf")
        # by filter: by kind, and by each set of kinds asked for (a tuple, or _EVERY), the sorted times
        self._times: dict[Key, dict[Any, list[float]]] = {}
        self._groups: set[tuple[Any, ...]] = set()  # the sets of kinds asked for: each receipt added goes into theirs
        self._added = 0

    def seed(self, rows: Iterable[ShownRow], covers_from: float) -> None:
        """Start afresh from the shown receipts at or after ``covers_from`` (all of them)."""
        self._times, self._groups = {}, set()
        self._added = 0
        for ts, provider_id, kind, topic in rows:
            self._insert(ts, provider_id, kind, topic)
        self.covers_from = covers_from
        self.valid = True

    def invalidate(self) -> None:
        """Forget everything: the next count seeds again."""
        self.valid = False
        self.epoch += 1
        self._times, self._groups = {}, set()

    def add(self, ts: float, provider_id: str | None, kind: str | None, topic: str | None) -> None:
        """A receipt that counts was recorded (nothing to do while invalid: the seed will read it)."""
        if not self.valid or ts < self.covers_from:
            return
        self._insert(ts, provider_id, kind, topic)
        self._added += 1
        if self._added >= _PRUNE_EVERY:
            self._prune(ts - HORIZON_S)

    def count(self, since: float, provider_id: str | None, kinds: tuple[str, ...] | None, topic: str | None) -> int | None:
        """Shown receipts at or after ``since`` under the filter; None when the counts do not reach back that far."""
        if not self.valid or since < self.covers_from:
            return None
        by_kind = self._times.get(_query_key(provider_id, topic))
        if not by_kind:
            return 0
        group = _EVERY if kinds is None else kinds
        times = by_kind.get(group)
        if times is None:
            times = self._group(by_kind, group)
        return len(times) - bisect_left(times, since)

    def _group(self, by_kind: dict[Any, list[float]], group: tuple[Any, ...]) -> list[float]:
        """The times of the kinds of ``group`` under one filter, merged: kept, and added to from now on."""
        self._groups.add(group)
        times = by_kind[group] = sorted(chain.from_iterable(t for k, t in by_kind.items() if _kind_in(k, group)))
        return times

    def _insert(self, ts: float, provider_id: str | None, kind: str | None, topic: str | None) -> None:
        groups = [g for g in self._groups if g is _EVERY or kind in g]
        for key in _keys(provider_id, topic):
            by_kind = self._times.setdefault(key, {})
            _put(by_kind.setdefault(kind, []), ts)
            for group in groups:
                times = by_kind.get(group)
                if times is not None:  # else merged when first asked for under this filter
                    _put(times, ts)

    def _prune(self, before: float) -> None:
        """Drop what is older than ``before``; counts reaching back further go to SQL again."""
        self._added = 0
        if before <= self.covers_from:
            return
        for by_kind in self._times.values():
            for times in by_kind.values():
                del times[: bisect_left(times, before)]
        self.covers_from = before


def _kind_in(key: Any, group: tuple[Any, ...]) -> bool:
    """Whether the times kept under ``key`` are of one kind of ``group`` (a merged set's are not)."""
    return not isinstance(key, tuple) and (group is _EVERY or key in group)


def _put(times: list[float], ts: float) -> None:
    if not times or times[-1] <= ts:
        times.append(ts)  # the usual case: receipts arrive in time order
    else:
        insort(times, ts)
