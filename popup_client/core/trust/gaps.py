"""Gaps in the hash chain that retention and clearing leave, each vouched for by a signed record. Pure functions.

Pruning removes rows from anywhere in the chain (service popups after a
week, pushes after 90 days, whatever the user clears), not only from its
start. A **gap** records one run of removed rows: the chain position and
hash of the row before it (``after``, ``after_hash``; 0 and
:data:`~.chain.GENESIS` at the very start) and of the last row removed
(``count``, ``hash``)::

    {"checkpoint": {"schema": 1, "kind": "gap", "after": A, "after_hash": "<hex>", "count": N,
                    "hash": "<hex>", "created": "<RFC 3339>", "key_id": "ed25519:…" | null},
     "sig": "<base64 Ed25519 over the canonical JSON of "checkpoint">" | null}

Verification (:func:`.chain.verify_chain`) steps over a gap only where the
row before it has ``after_hash`` and the row after it was sealed following
``hash``: so removing rows without a gap record, or forging one, is found
— with the journal's key, a gap must also be signed by it. A journal
without a key (no keyring) writes unsigned gaps, which show where rows were
removed but prove nothing (as its chain alone cannot). Gaps next to each
other are merged into one (:func:`merge`), so their number stays below the
number of rows kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..text import QT_TRANSLATE_NOOP
from ..timefmt import format_rfc3339
from .errors import TrustError
from .keys import canonical_json, key_id, sign, signature_valid

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

_FIELDS = frozenset({"schema", "kind", "after", "after_hash", "count", "hash", "created", "key_id"})


@dataclass(frozen=True)
class Gap:
    """Rows ``after + 1 … count`` removed; the row at ``after`` has ``after_hash``, the last removed had ``hash``."""

    after: int
    after_hash: str
    count: int
    hash: str


def make_gap(gap: Gap, key: Ed25519PrivateKey | None, created: datetime) -> dict[str, Any]:
    """The record of ``gap``, signed with ``key`` (unsigned without one)."""
    if not 0 <= gap.after < gap.count:
        raise TrustError(f"a gap needs 0 ≤ after < count, not {gap.after}, {gap.count}")
    body = {"schema": 1, "kind": "gap", "after": gap.after, "after_hash": gap.after_hash, "count": gap.count,
            "hash": gap.hash, "created": format_rfc3339(created), "key_id": key_id(key) if key else None}  # fmt: skip
    return {"checkpoint": body, "sig": sign(key, canonical_json(body)) if key else None}


def read_gap(record: Mapping[str, Any], key: Ed25519PublicKey | None) -> Gap:
    """The gap a record vouches for; TrustError if malformed, or (with ``key``) not signed by it."""
    body = record.get("checkpoint") if isinstance(record, Mapping) else None
    if not isinstance(body, Mapping) or set(body) != _FIELDS or body["kind"] != "gap":
        raise TrustError(QT_TRANSLATE_NOOP("core", "a record of removed rows is malformed"))
    after, count = body["after"], body["count"]
    if type(after) is not int or type(count) is not int or not 0 <= after < count:
        raise TrustError(QT_TRANSLATE_NOOP("core", "a record of removed rows is malformed"))
    if key is not None:
        signed = body["key_id"] == key_id(key) and signature_valid(
            key, record.get("sig"), canonical_json(dict(body)), "the record's signature")
        if not signed:
            text = QT_TRANSLATE_NOOP("core", "the record of rows {first}–{last} removed is not signed with the journal's key")
            raise TrustError(text.format(first=after + 1, last=count))
    return Gap(after, str(body["after_hash"]), count, str(body["hash"]))


def merge(removed: Iterable[Gap], existing: Iterable[Gap]) -> tuple[list[Gap], list[Gap]]:
    """(the gaps after removing ``removed`` rows next to ``existing`` gaps, the existing gaps they replace).

    A removed row is a one-row gap (``after = seq - 1``, ``after_hash`` its
    ``chain_prev``); runs that touch are joined end to end.
    """
    old = list(existing)
    merged: list[Gap] = []
    for gap in sorted([*removed, *old], key=lambda g: g.after):
        if merged and merged[-1].count == gap.after:
            merged[-1] = Gap(merged[-1].after, merged[-1].after_hash, gap.count, gap.hash)
        else:
            merged.append(gap)
    kept = set(merged)
    return [g for g in merged if g not in old], [g for g in old if g not in kept]
