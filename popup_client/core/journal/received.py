"""Which (provider, popup id) pairs the journal holds, in memory: a Bloom filter for rule ``duplicate``.

Almost every popup has an id never received before; proving that took an
SQL lookup per popup. :class:`ReceivedIds` holds every pair of the
``receipts`` table (rows of any decision or error: a superset of what
:meth:`~popup_client.core.journal.journal.Journal.was_received` finds) in a
Bloom filter. "Not in the filter" is certain: the pair was never journaled.
"Maybe" (a pair received, or a false positive, about 1 in 200) goes to SQL,
which decides. So the filter may hold too much but never too little.

It takes in the rows added after the highest receipt id it holds
(:meth:`ReceivedIds.extend`), and must start afresh (:meth:`seed`) whenever
rows may have been removed, since SQLite may then give a later row an id it
already passed: the journal drops it whenever it drops the caps' counts
(:attr:`~popup_client.core.journal.counts.ShownCounts.epoch`: a rollback, a
retention or clearing, a replaced file) and when another connection wrote.
Python's ``hash`` of the pair picks the bits: it differs from process to
process, and the filter lives in one.
"""

from __future__ import annotations

from collections.abc import Iterable

SELECT_EXTENT = "SELECT coalesce(max(id), 0), count(*) FROM receipts"
SELECT_PAIRS = "SELECT provider_id, popup_id FROM receipts WHERE id <= ? AND provider_id IS NOT NULL AND popup_id IS NOT NULL"
SELECT_RECEIVED_AFTER = "SELECT id, provider_id, popup_id FROM receipts WHERE id > ?"

ReceivedRow = tuple[int, "str | None", "str | None"]  # receipt id, provider_id, popup_id

_BITS_PER_ID = 16  # with 3 probes: about 1 false "maybe" in 200 at full load, 1 in 2 000 at half
_PROBES = 3  # (written out in _add and may_hold)
_MIN_BITS = 1 << 16  # 8 KiB


class ReceivedIds:
    """A Bloom filter of the journal's (provider id, popup id) pairs; invalid until seeded."""

    def __init__(self) -> None:
        self.valid = False
        self.upto = 0  # the highest receipt id taken in
        self._bits = bytearray()
        self._mask = 0
        self._room = 0  # pairs it takes before its false positives grow: then it is seeded afresh, larger
        self.stamp: tuple[object, ...] = ()  # what the journal it was seeded for looked like (connection, version, epoch)
        self.changes = -1  # the connection's total_changes when it last caught up
        self.rows = 0  # receipt rows taken in
        self.wait = self.waited = 0  # lookups to leave to SQL before it is seeded (again), and made so far

    def seed(self, pairs: Iterable[tuple[str, str]], count: int, upto: int) -> None:
        """Start afresh from the pairs of every receipt row up to id ``upto``, ``count`` rows (room for as many again)."""
        size = _MIN_BITS
        while size < 2 * _BITS_PER_ID * count:
            size <<= 1
        self._bits = bytearray(size >> 3)
        self._mask = size - 1
        self._room = size // _BITS_PER_ID
        self.upto, self.rows = upto, count
        self.valid = True
        self._add(map(hash, pairs))  # hashed in C: 100 000 rows take a fraction of a second

    def extend(self, rows: Iterable[ReceivedRow]) -> None:
        """Take in receipt rows recorded after :attr:`upto` (invalid when it grows too full: seed again)."""
        pairs = []
        for receipt_id, provider_id, popup_id in rows:
            self.upto = max(self.upto, receipt_id)
            self.rows += 1
            if provider_id is not None and popup_id is not None:  # (a pair with a NULL never matches a lookup)
                pairs.append((provider_id, popup_id))
        self._add(map(hash, pairs))

    def _add(self, hashes: Iterable[int]) -> None:
        bits, mask, added = self._bits, self._mask, 0
        for h in hashes:  # _PROBES bits a pair, each ``step`` after the last
            step = (h >> 32) | 1
            bit = h & mask
            bits[bit >> 3] |= 1 << (bit & 7)
            bit = (h + step) & mask
            bits[bit >> 3] |= 1 << (bit & 7)
            bit = (h + 2 * step) & mask
            bits[bit >> 3] |= 1 << (bit & 7)
            added += 1
        self._room -= added
        if self._room < 0:
            self.invalidate()

    def may_hold(self, provider_id: str, popup_id: str) -> bool:
        """False: the pair is in no receipt row taken in. True: it may be (SQL decides)."""
        bits, mask = self._bits, self._mask
        h = hash((provider_id, popup_id))
        step = (h >> 32) | 1
        bit = h & mask
        if not bits[bit >> 3] & (1 << (bit & 7)):
            return False
        bit = (h + step) & mask
        if not bits[bit >> 3] & (1 << (bit & 7)):
            return False
        bit = (h + 2 * step) & mask
        return bool(bits[bit >> 3] & (1 << (bit & 7)))

    def invalidate(self, wait: int = 0) -> None:
        """Forget everything, to be seeded again after ``wait`` lookups (at least the journal's first wait)."""
        self.valid = False
        self._bits = bytearray()
        self.wait, self.waited = wait, 0
