"""The payload model's fields as the checks see them, and every problem of a payload at once.

msgspec validates a payload's shape in C and stops at the first problem;
:mod:`popup_client.core.payload` tries that first (the usual, valid
payload), then runs :func:`run_checks`, the Python checks of
:mod:`~popup_client.core.payload_checks` on every text field. Only when
either fails does :func:`collect` walk the object field by field and list
*every* problem with its JSON path, in the order and words the payload
contract has always used (fields in the model's order, a nested object's
problems in its place, then the keys the model does not know). It is also
the judge of what the fast path refuses: a payload it finds no problem in
(``"version": 1.0``) is built from its values.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, get_args, get_origin

import msgspec

from .annotations import default_of, unwrap
from .errors import Problem
from .payload_checks import Check
from .text import COMMA, OR, QT_TRANSLATE_NOOP, join

# What a field holds, for the walk: a text, a flag, one of fixed values, a nested object, a list of texts,
# or any value its check turns into what the field holds (a timestamp).
Category = Literal["str", "bool", "literal", "struct", "list", "any"]

_OBJECT = QT_TRANSLATE_NOOP("core", "must be an object")
_MISSING = QT_TRANSLATE_NOOP("core", "is required")
_EXTRA = QT_TRANSLATE_NOOP("core", "is not a field of payload version 1; remove it (a payload cannot control presentation)")
_NOT_STR = QT_TRANSLATE_NOOP("core", "must be a string")
_NOT_BOOL = QT_TRANSLATE_NOOP("core", "must be true or false")
_NOT_LIST = QT_TRANSLATE_NOOP("core", "must be a list")
_NOT_UNICODE = QT_TRANSLATE_NOOP("core", "input should be a valid string, unable to parse raw data as a unicode string")
_INT_SIZE = QT_TRANSLATE_NOOP("core", "unable to parse input string as an integer, exceeded maximum size")
_MUST_BE = QT_TRANSLATE_NOOP("core", "must be {expected}")
_TOO_MANY = QT_TRANSLATE_NOOP("core", "is too long; the limit is {limit}")
# A key that is not a string (only a transport that builds dicts can send one).
_KEY_NOT_STR = "keys should be strings"
_INT64 = range(-(2**63), 2**63)
_ALTERNATIVES = re.compile(r"^(?P<rest>'[^']*'(?:, '[^']*')*) or (?P<last>'[^']*')$")


@dataclass(frozen=True)
class FieldSpec:
    """One field of a model: its name, what it holds, and the check its value goes through."""

    name: str
    category: Category
    nullable: bool
    required: bool
    default: Callable[[], Any]
    check: Callable[[Any], Any] | None = None
    struct: type[msgspec.Struct] | None = None
    values: tuple[Any, ...] = ()  # a literal's (an enum's members, for a kind)
    max_items: int | None = None


def _unwrap(tp: Any) -> tuple[Any, bool, Check | None, int | None]:
    """(the bare type, whether None is allowed, its Check, its max_length) of an annotation."""
    tp, nullable, extras = unwrap(tp)
    checks = [e for e in extras if isinstance(e, Check)]
    limits = [e.max_length for e in extras if isinstance(e, msgspec.Meta) and e.max_length is not None]
    return tp, nullable, checks[-1] if checks else None, limits[-1] if limits else None


@functools.lru_cache(maxsize=None)
def specs(cls: type[msgspec.Struct]) -> tuple[FieldSpec, ...]:
    """The fields of a model, in its order, read from its annotations once (as msgspec resolved them, extras kept)."""
    result = []
    for info in msgspec.structs.fields(cls):
        tp, nullable, check, max_items = _unwrap(info.type)
        item_check = None
        values: tuple[Any, ...] = ()
        struct = None
        category: Category
        if get_origin(tp) is list:
            category, (item,) = "list", get_args(tp)
            item_check = _unwrap(item)[2]
        elif get_origin(tp) is Literal:
            category, values = "literal", get_args(tp)
        elif isinstance(tp, type) and issubclass(tp, Enum):
            category, values = "literal", tuple(tp)
        elif isinstance(tp, type) and issubclass(tp, msgspec.Struct):
            category, struct = "struct", tp
        elif tp is str or tp is bool:
            category = "str" if tp is str else "bool"
        else:
            category = "any"
        default = default_of(info)
        chosen = item_check if category == "list" else check
        result.append(
            FieldSpec(
                info.name, category, nullable, info.required, default, chosen.fn if chosen else None, struct, values, max_items
            )
        )
    return tuple(result)


def _each(check: Callable[[Any], Any]) -> Callable[[list[Any]], list[Any]]:
    def check_all(items: list[Any]) -> list[Any]:
        return [check(item) for item in items]

    return check_all


# The checks msgspec leaves to Python, by model, as one function each (:func:`_compile`).
_RUNNERS: dict[type[msgspec.Struct], Callable[[msgspec.Struct], None]] = {}


def _compile(cls: type[msgspec.Struct]) -> Callable[[msgspec.Struct], None]:
    """The checks of ``cls`` written out field by field (a list's check applied to each item), as one function.

    Every popup runs them, and straight-line code runs half the bytecode of a loop over (field, check) pairs.
    Field names are the model's own identifiers; the checks are passed in, never written into the text.
    """
    env: dict[str, Any] = {"_set": msgspec.structs.force_setattr}
    body: list[str] = []
    for index, (spec, check) in enumerate((s, s.check) for s in specs(cls) if s.check and s.category != "literal"):
        env[f"_check{index}"] = _each(check) if spec.category == "list" else check
        body += [
            f"    value = obj.{spec.name}",
            "    if value is not None:",
            f"        checked = _check{index}(value)",
            "        if checked is not value:",
            f"            _set(obj, {spec.name!r}, checked)",
        ]
    exec("def run(obj):\n" + "\n".join(body or ["    pass"]), env)  # noqa: S102 - text built from field names only
    runner: Callable[[msgspec.Struct], None] = env["run"]
    _RUNNERS[cls] = runner
    return runner


def run_checks(obj: msgspec.Struct) -> None:
    """Run the Python checks of a model freshly converted by msgspec, keeping the normalized values.

    The first check that fails raises its ValueError (then :func:`collect_struct` lists them all).
    """
    (_RUNNERS.get(type(obj)) or _compile(type(obj)))(obj)


def _at(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Unreadable(Exception):
    """A key that is not valid Unicode: the object is reported as a whole, its other problems dropped."""


def _expected(values: tuple[Any, ...]) -> str:
    """The values a literal takes, as ``'a', 'b' or 'c'`` (what :func:`literal_expected` reads)."""
    words = [repr(v.value if isinstance(v, Enum) else v) for v in values]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _text(value: Any, path: str, problems: list[Problem]) -> str | None:
    if type(value) is str:
        return value
    if isinstance(value, str):  # a str subclass is read as a plain string
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            problems.append(Problem(path, _NOT_UNICODE))
            return None
        return str.__str__(value)
    problems.append(Problem(path, _NOT_STR))
    return None


def _checked(check: Callable[[Any], Any] | None, value: Any, path: str, problems: list[Problem]) -> Any:
    if check is None:
        return value
    try:
        return check(value)
    except ValueError as exc:
        problems.append(Problem(path, str(exc)))
        return None


def literal_expected(expected: str) -> str:
    """Pydantic's ``'a', 'b' or 'c'`` (a literal_error's ``expected``) with a translatable "or"; as it is if not that shape."""
    match = _ALTERNATIVES.match(expected)
    if match is None:
        return expected
    return OR.format(first=join(COMMA, match["rest"].split(", ")), second=match["last"])


def _literal(spec: FieldSpec, value: Any, path: str, problems: list[Problem]) -> Any:
    if spec.check is not None:  # a check before the literal (version: not a boolean)
        before = len(problems)
        value = _checked(spec.check, value, path, problems)
        if len(problems) > before:
            return None
    plain = [v.value if isinstance(v, Enum) else v for v in spec.values]
    if isinstance(value, int) and not isinstance(value, bool) and any(type(v) is int for v in plain):
        if value not in _INT64:  # an integer literal is looked up as a 64-bit integer
            problems.append(Problem(path, _INT_SIZE))
            return None
    if isinstance(value, str) and any(isinstance(v, str) for v in plain):  # a text literal as a valid string
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            problems.append(Problem(path, _NOT_UNICODE))
            return None
    try:
        index = plain.index(value) if value.__hash__ is not None and not isinstance(value, bool) else -1
    except ValueError:
        index = -1
    if index < 0:
        problems.append(Problem(path, _MUST_BE.format(expected=literal_expected(_expected(spec.values)))))
        return None
    return spec.values[index]


def _value(spec: FieldSpec, value: Any, path: str, problems: list[Problem]) -> Any:
    if value is None and spec.nullable:
        return None
    if spec.category == "str":
        text = _text(value, path, problems)
        return None if text is None else _checked(spec.check, text, path, problems)
    if spec.category == "bool":
        if type(value) is not bool:
            problems.append(Problem(path, _NOT_BOOL))
        return value
    if spec.category == "literal":
        return _literal(spec, value, path, problems)
    if spec.category == "struct":
        assert spec.struct is not None
        return collect_struct(spec.struct, value, path, problems)
    if spec.category == "list":
        if not isinstance(value, list):
            problems.append(Problem(path, _NOT_LIST))
            return None
        if spec.max_items is not None and len(value) > spec.max_items:
            problems.append(Problem(path, _TOO_MANY.format(limit=str(spec.max_items))))
            return None
        items = []
        for index, item in enumerate(value):
            text = _text(item, _at(path, index), problems)
            items.append(None if text is None else _checked(spec.check, text, _at(path, index), problems))
        return items
    return _checked(spec.check, value, path, problems)


def collect_struct(
    cls: type[msgspec.Struct], value: Any, path: str, problems: list[Problem]) -> Any:
    """``value`` as a ``cls``, every problem appended to ``problems`` (then what is returned means nothing)."""
    if isinstance(value, cls):
        return value
    if not isinstance(value, dict):
        problems.append(Problem(path, _OBJECT))
        return None
    mine: list[Problem] = []
    fields: dict[str, Any] = {}
    known = set()
    for spec in specs(cls):
        known.add(spec.name)
        where = _at(path, spec.name)
        if spec.name in value:
            fields[spec.name] = _value(spec, value[spec.name], where, mine)
        elif spec.required:
            mine.append(Problem(where, _MISSING))
        else:
            fields[spec.name] = spec.default()
    try:
        for key in value:
            _extra_key(key, known, path, mine)
    except _Unreadable:
        problems.append(Problem(path, _NOT_UNICODE))
        return None
    problems.extend(mine)
    return None if mine else cls(**fields)


def _extra_key(key: Any, known: set[str], path: str, problems: list[Problem]) -> None:
    if not isinstance(key, str):
        where = _at(path, int(key)) if isinstance(key, int) else _at(path, repr(key))
        problems.append(Problem(where, _KEY_NOT_STR))
        return
    if key in known:
        return
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        raise _Unreadable from None
    problems.append(Problem(_at(path, key), _EXTRA))


def rule_of(problem: Problem) -> Problem:
    """The problem under the rule it breaks: ``provider-identity`` for the provider's id and name."""
    if problem.path in ("provider.id", "provider.name"):
        return Problem(problem.path, problem.message, "provider-identity")
    return problem


__all__ = ["FieldSpec", "collect_struct", "literal_expected", "rule_of", "run_checks", "specs"]
