"""The tamper-evident hash chain over journal rows, its proofs, and signed checkpoints. Pure functions over dicts.

A row is a flat dict of JSON values (the journal's columns, plus a ``table``
name if one chain spans several tables). Sealing adds two fields:

- ``chain_prev``: the previous row's ``chain_hash`` (:data:`GENESIS`, 64
  zeros, for the first row ever, or the last pruned row's hash);
- ``chain_hash`` = SHA-256( ``popup-client-chain/1\\n`` ‖ prev (32 bytes) ‖
  *digest* ), where *digest* = SHA-256 of the canonical JSON
  (:func:`.keys.canonical_json`) of the row without those two fields.

Hashing the digest, not the content, lets a proof (:func:`chain_proof`) show
that one row leads to the head without revealing the other rows.

:func:`verify_chain` recomputes every link and names the first bad row:
*edited* (its content no longer gives its hash), *removed* (it links to a
row that is not there), *reordered* (it links to a row that comes later) or
*added* (it links to a row further back). Anyone with the file can recompute
a whole chain after editing it, and can cut rows off its end; **signed
checkpoints** catch both. A checkpoint records, signed with the journal's
Ed25519 key, how many rows the chain had (``count``) and the hash of the
last (``hash``): after pruning, the ``prune`` checkpoint of the removed rows
is where the remaining chain starts; a ``head`` checkpoint (at a complaint,
an export, a shutdown) must still match the row at its position, unless a
signed record of removed rows (:mod:`.gaps`) covers it. Rows removed from
anywhere in the chain (retention, clearing) are stepped over by such a
record, in :func:`verify_chain` and in proofs alike. Format::

    {"checkpoint": {"schema": 1, "kind": "prune"|"head", "count": N, "hash": "<hex>",
                    "created": "<RFC 3339>", "key_id": "ed25519:…"},
     "sig": "<base64 Ed25519 over the canonical JSON of "checkpoint">"}
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

import msgspec

from ..digests import Hash, sha256
from ..text import QT_TRANSLATE_NOOP
from ..timefmt import format_rfc3339
from ..vocabulary import StrEnum
from .errors import TrustError
from .gaps import Gap, read_gap
from .keys import canonical_json, key_id, sha256_hex, sign, signature_valid

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

GENESIS = "0" * 64
HASH_FIELD = "chain_hash"
PREV_FIELD = "chain_prev"
_DOMAIN = b"popup-client-chain/1\n"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class ChainProblem:
    """The first thing wrong with a chain: its kind, the row's position and id, and a sentence."""

    kind: str  # edited, removed, reordered, added, unsealed, truncated, rewritten, checkpoint
    index: int
    row: str
    message: str


@dataclass(frozen=True)
class ChainReport:
    """A verification: rows checked, the head (count since the first row ever, hash), and the first problem."""

    count: int
    head: str
    problem: ChainProblem | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def content_digest(row: Mapping[str, Any]) -> str:
    """SHA-256 of the row's canonical JSON, its chain fields left out."""
    if HASH_FIELD in row or PREV_FIELD in row:
        row = {k: v for k, v in row.items() if k not in (HASH_FIELD, PREV_FIELD)}
    return sha256_hex(_row_json(row))


# A flat row's canonical JSON written by msgspec (sorted keys, compact, characters as themselves) where it is the same
# bytes as :func:`.keys.canonical_json` writes: str keys; str, int, bool, None, a StrEnum, and a float written the same
# way (msgspec writes 1e16 and 0.00001 where Python writes 1e+16 and 1e-05; NaN and infinity are refused by the other).
_FAST_ROW = msgspec.json.Encoder(order="sorted")
_SAME_AS_CANONICAL: set[type] = {str, int, bool, type(None), float}  # and each StrEnum met since
_OTHERWISE: set[type] = set()


def _same_as_canonical(cls: type) -> bool:
    if cls in _SAME_AS_CANONICAL:
        return True
    if cls in _OTHERWISE or not issubclass(cls, StrEnum):  # a StrEnum's text is its value, what msgspec writes
        _OTHERWISE.add(cls)
        return False
    _SAME_AS_CANONICAL.add(cls)
    return True


def _row_json(row: Mapping[str, Any]) -> bytes:
    """:func:`.keys.canonical_json` of a flat row, by msgspec when that is byte for byte the same (many times faster)."""
    if row.__class__ is dict and _STR.issuperset(map(type, row)) and _fast(tuple(row.values())):
        return _FAST_ROW.encode(row)
    return canonical_json(row)


_STR = frozenset({str})


def _fast(values: Sequence[Any]) -> bool:
    """Whether msgspec writes each of ``values`` as ``json`` does; a float: finite, in neither's exponent form."""
    classes = tuple(map(type, values))
    kinds = set(classes)
    if not (kinds <= _SAME_AS_CANONICAL or all(map(_same_as_canonical, kinds))):
        return False
    at = -1
    for _ in range(classes.count(float)):  # the floats found in C: a row has one or none
        at = classes.index(float, at + 1)
        value = values[at]
        if not (value == 0.0 or 1e-4 <= abs(value) < 1e16):
            return False
    return True


class _Layout(NamedTuple):
    """A row's columns as a Struct whose fields are in sorted order: msgspec writes it as it writes the sorted dict."""

    struct: Callable[..., msgspec.Struct]
    order: Callable[[Sequence[Any]], tuple[Any, ...]]  # the values in that order


_PLAIN = msgspec.json.Encoder()


@functools.lru_cache(maxsize=16)  # one for each table's columns
def _layout(columns: tuple[str, ...]) -> _Layout | None:
    names = sorted(columns)
    if len(set(names)) != len(names) or len(names) < 2 or {HASH_FIELD, PREV_FIELD} & set(names) or not _STR.issuperset(map(type, names)):
        return None
    try:
        struct = msgspec.defstruct("SealedRow", [(name, Any) for name in names])
    except (TypeError, ValueError):  # a name a Struct cannot have a field of
        return None
    return _Layout(struct, operator.itemgetter(*(columns.index(name) for name in names)))


def chain_hash(prev: str, columns: tuple[str, ...], values: Sequence[Any], hasher: Callable[[bytes], Hash] = sha256) -> str:
    """``link(prev, content_digest(dict(zip(columns, values))))``: what a writer seals a row with, without the dict.

    ``hasher``: the SHA-256 to hash the row with (:func:`~popup_client.core.digests.bulk_sha256` in a burst).
    """
    layout = _layout(columns)
    if layout is None or not _fast(values):
        return link(prev, content_digest(dict(zip(columns, values))))
    digest = hasher(_PLAIN.encode(layout.struct(*layout.order(values)))).digest()
    return sha256(_DOMAIN + bytes.fromhex(prev) + digest).hexdigest()


def link(prev: str, digest: str) -> str:
    """The chain hash of a row with content ``digest`` after a row whose hash is ``prev``."""
    return sha256_hex(_DOMAIN + bytes.fromhex(prev) + bytes.fromhex(digest))


def seal(row: Mapping[str, Any], prev: str) -> dict[str, Any]:
    """A copy of ``row`` with ``chain_prev`` and ``chain_hash``, following the row whose hash is ``prev``."""
    return {**row, PREV_FIELD: prev, HASH_FIELD: link(prev, content_digest(row))}


def seal_all(rows: Sequence[Mapping[str, Any]], prev: str = GENESIS) -> list[dict[str, Any]]:
    """Rows sealed one after another from ``prev``."""
    sealed = []
    for row in rows:
        sealed.append(seal(row, prev))
        prev = sealed[-1][HASH_FIELD]
    return sealed


def _name(row: Mapping[str, Any], index: int, id_field: str) -> str:
    value = row.get(id_field)
    return str(value) if value is not None else f"#{index + 1}"


def verify_chain(
    rows: Sequence[Mapping[str, Any]],
    *,
    start: Mapping[str, Any] | None = None,
    heads: Sequence[Mapping[str, Any]] = (),
    gaps: Sequence[Mapping[str, Any]] = (),
    key: Ed25519PublicKey | None = None,
    id_field: str = "id",
) -> ChainReport:
    """Check ``rows`` (oldest first) from ``start`` (a prune checkpoint, or the first row ever) against ``heads``.

    ``gaps`` are the records of rows removed since (:mod:`.gaps`): the chain
    steps over one only where it fits both its ends. Checkpoints and gaps are
    checked with ``key``; without a key, no head checkpoint may be given.
    """
    try:
        offset, prev = _start(start, key)
        head_checkpoints = [_checkpoint(cp, key) for cp in heads]
        by_after = {gap.after_hash: gap for gap in (read_gap(record, key) for record in gaps)}
    except TrustError as exc:
        return ChainReport(0, GENESIS, ChainProblem("checkpoint", 0, "", str(exc)))
    positions = {row.get(HASH_FIELD): i for i, row in enumerate(rows)}
    walk = _Walk(offset)
    for index, row in enumerate(rows):
        if row.get(PREV_FIELD) != prev:
            prev = walk.step_over(by_after.get(prev), prev, row.get(PREV_FIELD))
        problem = _check_row(row, index, prev, positions, rows, id_field)
        if problem is not None:
            return ChainReport(walk.count, prev, problem)
        prev = str(row[HASH_FIELD])
        walk.add(index, prev)
    prev = walk.step_over(by_after.get(prev), prev, None)  # rows removed at the end
    report = ChainReport(walk.count, prev)
    for checkpoint in head_checkpoints:
        problem = _check_head(checkpoint, walk, rows, id_field)
        if problem is not None:
            return ChainReport(report.count, report.head, problem)
    return report


class _Walk:
    """Where verification is: the chain position reached, each row's hash by position, the gaps stepped over."""

    def __init__(self, offset: int) -> None:
        self.count = offset
        self.hashes: dict[int, tuple[int, str]] = {}  # position → (index in rows, hash)
        self.skipped: list[Gap] = []

    def add(self, index: int, row_hash: str) -> None:
        self.count += 1
        self.hashes[self.count] = (index, row_hash)

    def step_over(self, gap: Gap | None, prev: str, next_prev: object) -> str:
        """The hash the next row must follow: past ``gap`` if it starts here and (for a row) ends where it links."""
        if gap is None or gap.after != self.count or (next_prev is not None and next_prev != gap.hash):
            return prev
        self.count = gap.count
        self.skipped.append(gap)
        return gap.hash


def _check_row(
    row: Mapping[str, Any], index: int, prev: str, positions: dict[Any, int], rows: Sequence[Mapping[str, Any]], id_field: str
) -> ChainProblem | None:
    name = _name(row, index, id_field)
    stored, stored_prev = row.get(HASH_FIELD), row.get(PREV_FIELD)
    if not isinstance(stored, str) or not isinstance(stored_prev, str) or not _HEX64.match(stored) or not _HEX64.match(stored_prev):
        return ChainProblem("unsealed", index, name, QT_TRANSLATE_NOOP("core", "row {row} carries no valid chain hash").format(row=name))
    if link(stored_prev, content_digest(row)) != stored:
        text = QT_TRANSLATE_NOOP("core", "row {row} was edited: its content no longer gives the hash it was sealed with")
        return ChainProblem("edited", index, name, text.format(row=name))
    if stored_prev == prev:
        return None
    where = positions.get(stored_prev)
    if where is not None and where > index:
        text = QT_TRANSLATE_NOOP("core", "row {row} is out of order: it was sealed after row {other}, which now comes later")
        return ChainProblem("reordered", index, name, text.format(row=name, other=_name(rows[where], where, id_field)))
    if where is not None:
        text = QT_TRANSLATE_NOOP("core", "a row was added before row {row}: it was sealed right after row {other}")
        return ChainProblem("added", index, name, text.format(row=name, other=_name(rows[where], where, id_field)))
    before = _name(rows[index - 1], index - 1, id_field) if index else None
    if before is None:
        text = QT_TRANSLATE_NOOP("core", "rows before row {row}, the first, were removed: it follows a row that is not there")
        return ChainProblem("removed", index, name, text.format(row=name))
    text = QT_TRANSLATE_NOOP("core", "rows between row {before} and row {row} were removed: row {row} follows a row that is not there")
    return ChainProblem("removed", index, name, text.format(before=before, row=name))


def _check_head(checkpoint: Mapping[str, Any], walk: _Walk, rows: Sequence[Mapping[str, Any]], id_field: str) -> ChainProblem | None:
    count, expected = int(checkpoint["count"]), str(checkpoint["hash"])
    if count > walk.count:
        text = QT_TRANSLATE_NOOP("core", "rows were removed from the end: a checkpoint of {created} counted {count} rows, there are {now}")
        return ChainProblem("truncated", len(rows), "", text.format(created=str(checkpoint["created"]), count=count, now=walk.count))
    found = walk.hashes.get(count)
    if found is None:
        gap = next((g for g in walk.skipped if g.after < count <= g.count), None)
        if gap is not None and (count < gap.count or gap.hash == expected):
            return None  # its row was removed since, under a record of the removal
        found = (0, "")
    index, row_hash = found
    if row_hash != expected:
        name = _name(rows[index], index, id_field) if rows else ""
        text = QT_TRANSLATE_NOOP("core", "the chain was rewritten: row {row} no longer has the hash the checkpoint of {created} signed")
        return ChainProblem("rewritten", index, name, text.format(row=name, created=str(checkpoint["created"])))
    return None


def _start(start: Mapping[str, Any] | None, key: Ed25519PublicKey | None) -> tuple[int, str]:
    if start is None:
        return 0, GENESIS
    body = _checkpoint(start, key)
    if body["kind"] != "prune":
        raise TrustError(QT_TRANSLATE_NOOP("core", "the chain's start is a {kind} checkpoint, not a prune checkpoint").format(kind=str(body["kind"])))
    return int(body["count"]), str(body["hash"])


def make_checkpoint(key: Ed25519PrivateKey, kind: str, count: int, last_hash: str, created: datetime) -> dict[str, Any]:
    """A signed checkpoint: the chain had ``count`` rows, the last with hash ``last_hash`` (``prune`` or ``head``)."""
    if kind not in ("prune", "head") or count < 0 or not _HEX64.match(last_hash):
        raise TrustError(f"a checkpoint needs kind prune or head, a count ≥ 0 and a 64-digit hex hash, not {kind!r}, {count}, {last_hash!r}")
    body = {"schema": 1, "kind": kind, "count": count, "hash": last_hash, "created": format_rfc3339(created), "key_id": key_id(key)}
    return {"checkpoint": body, "sig": sign(key, canonical_json(body))}


def _checkpoint(checkpoint: Mapping[str, Any], key: Ed25519PublicKey | None) -> Mapping[str, Any]:
    """The checkpoint's body if it is well formed and ``key`` signed it; TrustError otherwise."""
    body = checkpoint.get("checkpoint") if isinstance(checkpoint, Mapping) else None
    fields = {"schema", "kind", "count", "hash", "created", "key_id"}
    if not isinstance(body, Mapping) or set(body) != fields or type(body["count"]) is not int or not _HEX64.match(str(body["hash"])):
        raise TrustError(QT_TRANSLATE_NOOP("core", "a checkpoint is malformed"))
    if key is None or body["key_id"] != key_id(key):
        text = QT_TRANSLATE_NOOP("core", "the checkpoint of {created} is signed with {key}, not with the journal's key")
        raise TrustError(text.format(created=str(body["created"]), key=str(body["key_id"])))
    if not signature_valid(key, checkpoint.get("sig"), canonical_json(dict(body)), "the checkpoint's signature"):
        text = QT_TRANSLATE_NOOP("core", "the checkpoint of {created} was altered: its signature does not match")
        raise TrustError(text.format(created=str(body["created"])))
    return body


def chain_proof(rows: Sequence[Mapping[str, Any]], index: int, gaps: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """Proof that ``rows[index]`` leads to the head: the row whole, then only the digests of the rows after it,
    and the record of each run of rows removed since (``{"gap": record}``, :mod:`.gaps`)."""
    by_after = {str(record["checkpoint"]["after_hash"]): record for record in gaps}
    current, later = str(rows[index][HASH_FIELD]), list[Any]()
    for row in [*rows[index + 1 :], None]:
        record = by_after.get(current)
        if record is not None and (row is None or row.get(PREV_FIELD) == record["checkpoint"]["hash"]) and (row is None or row.get(PREV_FIELD) != current):
            later.append({"gap": record})
            current = str(record["checkpoint"]["hash"])
        if row is not None:
            later.append(content_digest(row))
            current = str(row[HASH_FIELD])
    return {"schema": 1, "row": dict(rows[index]), "following": later, "head": current}


def verify_proof(proof: Mapping[str, Any], key: Ed25519PublicKey | None = None) -> str | None:
    """None if the proof's row, sealed as it is, leads through the following digests to its head; else why not.

    A run of rows removed on the way is stepped over by its record, which must be signed with ``key`` when given.
    """
    row, following, head = proof.get("row"), proof.get("following"), proof.get("head")
    if not isinstance(row, Mapping) or not isinstance(following, list) or not isinstance(head, str):
        return QT_TRANSLATE_NOOP("core", "the chain proof is malformed")
    prev = row.get(PREV_FIELD)
    if not isinstance(prev, str) or not _HEX64.match(prev) or link(prev, content_digest(row)) != row.get(HASH_FIELD):
        return QT_TRANSLATE_NOOP("core", "the row in the chain proof was edited: it no longer gives its hash")
    current = str(row[HASH_FIELD])
    for step in following:
        if isinstance(step, Mapping) and isinstance(step.get("gap"), Mapping):
            try:
                gap = read_gap(step["gap"], key)
            except TrustError as exc:
                return str(exc)
            if gap.after_hash != current:
                return QT_TRANSLATE_NOOP("core", "the chain proof does not lead to its head: a later row was changed, removed or reordered")
            current = gap.hash
            continue
        if not isinstance(step, str) or not _HEX64.match(step):
            return QT_TRANSLATE_NOOP("core", "the chain proof is malformed")
        current = link(current, step)
    if current != head:
        return QT_TRANSLATE_NOOP("core", "the chain proof does not lead to its head: a later row was changed, removed or reordered")
    return None
