"""Locks: what a vendor or an administrator may fix in place, and only ever toward the safer side.

A lock is one dotted preference key, one operation and its bound. In a file
or a bundle it is written ``"<key>" = { <op> = <bound> }`` (TOML) or
``"<key>": {"<op>": <bound>}`` (JSON). The vocabulary is closed: each
lockable key takes exactly one operation, and that operation can only make
the user safer.

==============================================  ==========  ===============================================
key                                             operation   effect
==============================================  ==========  ===============================================
``caps.global_hourly``, ``caps.provider_hourly``  ``max``   the value is at most the bound (a lower cap)
``caps.provider_daily``, ``caps.service_per_minute``
``caps.providers.<provider id>.hourly|daily``
``topic_max``, ``news_max_age_hours``,
``max_visible``
``topic_window_hours``                          ``min``     at least the bound (a longer window, fewer popups)
``minors_mode``                                 ``force``   bound ``true`` only: minors mode is on
``unverified_providers``                        ``force``   bound ``"reject"`` only
``opt_out.kinds``, ``opt_out.providers``        ``forbid``  the listed kinds / providers are always opted out
                                                            (forbidden); the user may add more, never remove these
``quiet_hours``                                 ``cover``   the quiet hours cover at least this span; the user's
                                                            own span is kept and widened to include it, never cut
==============================================  ==========  ===============================================

So no lock can raise a cap, turn minors mode or an opt-out off, accept
unverified providers, or shorten the quiet hours. Any other key, operation or
bound is refused by :func:`parse_locks` with the reason, and the lock is not
applied. Several locks on one key all apply (the strictest binds), and
:func:`apply_locks` reports, for each locked key, every source that locked it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Union

from ..text import QT_TRANSLATE_NOOP

Bound = Union[int, bool, str, tuple[str, ...]]

PROVIDER_CAPS_PREFIX = "caps.providers."
_PROVIDER_CAP_RE = re.compile(r"^caps\.providers\.([a-z0-9][a-z0-9._:-]*[a-z0-9])\.(hourly|daily)$")
_SPAN_RE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
_DAY = 24 * 60
KINDS = ("ad", "news", "content", "service")

# Each lockable key and its one operation (provider caps: see PROVIDER_CAPS_PREFIX).
LOCKABLE: Mapping[str, str] = {
    "caps.global_hourly": "max",
    "caps.provider_hourly": "max",
    "caps.provider_daily": "max",
    "caps.service_per_minute": "max",
    "topic_max": "max",
    "news_max_age_hours": "max",
    "max_visible": "max",
    "topic_window_hours": "min",
    "minors_mode": "force",
    "unverified_providers": "force",
    "opt_out.kinds": "forbid",
    "opt_out.providers": "forbid",
    "quiet_hours": "cover",
}
_FORCED: Mapping[str, Bound] = {"minors_mode": True, "unverified_providers": "reject"}


@dataclass(frozen=True)
class Lock:
    """One accepted lock and who set it (a file path or a bundle's label)."""

    key: str
    op: str
    bound: Bound
    source: str


@dataclass(frozen=True)
class LockedField:
    """A locked key after :func:`apply_locks`: its strictest bound, who locked it, and what it did to the value."""

    key: str
    op: str
    bound: Bound
    set_by: tuple[str, ...]
    before: Any
    after: Any

    @property
    def changed(self) -> bool:
        """Whether the lock changed the value the layers gave (the user's own value is kept in their file)."""
        return bool(self.before != self.after)


def operation_for(key: str) -> str | None:
    """The operation ``key`` can be locked with, or None if it cannot be locked."""
    if _PROVIDER_CAP_RE.match(key):
        return "max"
    return LOCKABLE.get(key)


def parse_locks(raw: Mapping[str, Any], source: str) -> tuple[list[Lock], list[str]]:
    """The accepted locks of a ``{key: {op: bound}}`` table, and a sentence for each refused one."""
    locks: list[Lock] = []
    problems: list[str] = []
    for key, spec in raw.items():
        try:
            locks.append(_parse_one(str(key), spec, source))
        except ValueError as exc:
            problems.append(QT_TRANSLATE_NOOP("core", "lock on {key} refused: {why}").format(key=str(key), why=str(exc)))
    return locks, problems


def _parse_one(key: str, spec: object, source: str) -> Lock:
    op = operation_for(key)
    if op is None:
        text = QT_TRANSLATE_NOOP("core", "it cannot be locked; lockable keys are {keys} and caps.providers.<id>.hourly|daily")
        raise ValueError(text.format(keys=", ".join(LOCKABLE)))
    if not isinstance(spec, Mapping) or len(spec) != 1:
        raise ValueError(QT_TRANSLATE_NOOP("core", "write it as {{ {op} = <bound> }}").format(op=op))
    (given, bound), = spec.items()
    if given != op:
        text = QT_TRANSLATE_NOOP("core", "{given!r} would not make the user safer; {key} can only be locked with {{ {op} = <bound> }}")
        raise ValueError(text.format(given=str(given), key=key, op=op))
    return Lock(key, op, _bound(key, op, bound), source)


def _bound(key: str, op: str, bound: object) -> Bound:
    if op in ("max", "min"):
        if not isinstance(bound, int) or isinstance(bound, bool) or bound < (1 if op == "min" else 0):
            raise ValueError(QT_TRANSLATE_NOOP("core", "the bound must be a whole number, {least} or more").format(least=1 if op == "min" else 0))
        return bound
    if op == "force":
        if bound != _FORCED[key] or type(bound) is not type(_FORCED[key]):
            text = QT_TRANSLATE_NOOP("core", "a lock can only force it to {safe}, the safer side")
            raise ValueError(text.format(safe=str(_FORCED[key]).lower()))
        return _FORCED[key]
    if op == "forbid":
        if not isinstance(bound, list) or not bound or not all(isinstance(v, str) and v for v in bound):
            raise ValueError(QT_TRANSLATE_NOOP("core", "the bound must be a non-empty list of names"))
        unknown = [v for v in bound if key == "opt_out.kinds" and v not in KINDS]
        if unknown:
            raise ValueError(QT_TRANSLATE_NOOP("core", "unknown kinds {kinds}; kinds are ad, news, content, service").format(kinds=", ".join(unknown)))
        return tuple(dict.fromkeys(bound))
    if not isinstance(bound, str) or parse_span(bound) is None:
        raise ValueError(QT_TRANSLATE_NOOP("core", 'the bound must be a span "HH:MM-HH:MM" of local time, e.g. "22:00-07:00"'))
    return bound


def parse_span(text: str) -> tuple[int, int] | None:
    """A quiet-hours span ``HH:MM-HH:MM`` as (start minute, length in minutes), or None if it is not one."""
    match = _SPAN_RE.match(text.strip())
    if not match:
        return None
    start_h, start_m, end_h, end_m = (int(g) for g in match.groups())
    if max(start_h, end_h) > 23 or max(start_m, end_m) > 59:
        return None
    start, end = start_h * 60 + start_m, end_h * 60 + end_m
    return (start, (end - start) % _DAY) if start != end else None


def cover_span(current: str, lock: str) -> str:
    """The shortest span containing both ``current`` (may be "", none) and ``lock``: never shorter than either."""
    locked = parse_span(lock)
    assert locked is not None, lock
    mine = parse_span(current) if current else None
    if mine is None:
        return _span_text(*locked)
    candidates = []
    for start in (mine[0], locked[0]):
        length = max((begin - start) % _DAY + size for begin, size in (mine, locked))
        candidates.append((length, start))
    length, start = min(candidates)
    return _span_text(start, min(length, _DAY - 1))  # both together cover the whole day: all but one minute


def _span_text(start: int, length: int) -> str:
    end = (start + length) % _DAY
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


def _strictest(op: str, bounds: list[Bound]) -> Bound:
    if op == "max":
        return min(b for b in bounds if isinstance(b, int))
    if op == "min":
        return max(b for b in bounds if isinstance(b, int))
    if op == "forbid":
        return tuple(dict.fromkeys(v for b in bounds if isinstance(b, tuple) for v in b))
    if op == "cover":
        spans = [b for b in bounds if isinstance(b, str)]
        hull = spans[0]
        for span in spans[1:]:
            hull = cover_span(hull, span)
        return hull
    return bounds[0]


def locked_value(op: str, bound: Bound, current: Any) -> Any:
    """``current`` as one lock leaves it (a missing value becomes the bound)."""
    if op == "max":
        return bound if not isinstance(current, int) else min(current, bound)
    if op == "min":
        return bound if not isinstance(current, int) else max(current, bound)
    if op == "forbid":
        have = list(current) if isinstance(current, (list, tuple)) else []
        return have + [v for v in bound if v not in have]  # type: ignore[union-attr]
    if op == "cover":
        return cover_span(current if isinstance(current, str) else "", str(bound))
    return bound


def apply_locks(values: Mapping[str, Any], locks: Iterable[Lock]) -> tuple[dict[str, Any], list[LockedField]]:
    """A copy of the nested preference ``values`` with every lock applied, and a report per locked key.

    A provider cap that is not set falls back to the general one
    (``caps.provider_hourly`` / ``caps.provider_daily``) before its lock applies.
    """
    result = _deep_copy(values)
    by_key: dict[str, list[Lock]] = {}
    for lock in locks:
        by_key.setdefault(lock.key, []).append(lock)
    report = []
    for key in sorted(by_key, key=_general_first):
        group = by_key[key]
        before = get_value(result, key)
        after = before
        for lock in group:
            after = locked_value(lock.op, lock.bound, after)
        set_value(result, key, after)
        bound = _strictest(group[0].op, [lock.bound for lock in group])
        report.append(LockedField(key, group[0].op, bound, tuple(dict.fromkeys(lock.source for lock in group)), before, after))
    return result, report


def _general_first(key: str) -> tuple[bool, str]:
    return key.startswith(PROVIDER_CAPS_PREFIX), key


def _parts(key: str) -> list[str]:
    match = _PROVIDER_CAP_RE.match(key)
    return ["caps", "providers", match[1], match[2]] if match else key.split(".")


def get_value(values: Mapping[str, Any], key: str) -> Any:
    """The value at dotted ``key`` in nested ``values``; an unset provider cap gives the general one; None if absent."""
    node: Any = values
    for part in _parts(key):
        node = node.get(part) if isinstance(node, Mapping) else None
    match = _PROVIDER_CAP_RE.match(key)
    if node is None and match:
        return get_value(values, f"caps.provider_{match[2]}")
    return node


def set_value(values: dict[str, Any], key: str, value: Any) -> None:
    """Set dotted ``key`` in nested ``values``, creating tables on the way."""
    *path, last = _parts(key)
    node = values
    for part in path:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    node[last] = value


def _deep_copy(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _deep_copy(v) if isinstance(v, Mapping) else list(v) if isinstance(v, list) else v for k, v in values.items()}


def lock_refusal(key: str, value: Any, locks: Iterable[Lock]) -> str | None:
    """Why the user cannot set ``key`` to ``value`` (a lock would change it), naming who locked it; None if they can."""
    relevant = [lock for lock in locks if lock.key == key]
    after = value
    for lock in relevant:
        after = locked_value(lock.op, lock.bound, after)
    if not relevant or after == value:
        return None
    text = QT_TRANSLATE_NOOP("core", "{key} is locked ({op} {bound}) by {who}; {value} is not allowed")
    bound = _strictest(relevant[0].op, [lock.bound for lock in relevant])
    shown = ", ".join(bound) if isinstance(bound, tuple) else str(bound).lower() if isinstance(bound, bool) else str(bound)
    who = ", ".join(dict.fromkeys(lock.source for lock in relevant))
    return text.format(key=key, op=relevant[0].op, bound=shown, who=who, value=str(value))
