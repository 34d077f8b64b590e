"""The preferences' sections as msgspec Structs: reading them from plain values, every problem at once, and back.

The schema (:mod:`.schema`) declares each section as a frozen
:class:`Section` (a ``msgspec.Struct``): a field's type, its default, its
``msgspec.Meta`` (bounds, description, examples), its
:class:`~popup_client.core.payload_checks.Check` (a provider id, a list
without repeats, a typed time read from its text), its
:class:`~.shown.Shown` and its :class:`Plain` (how a typed time is read and written),
all in the field's annotation.

:func:`convert` reads a section from plain values (the TOML document, a
dotted key's change) or checks an instance again, strictly (no ``"1"`` for
1, no 1 for true, no unknown keys), and lists *every* problem at once in an
:class:`InvalidPrefs`: fields in the schema's order, a section's problems in
its place, then the keys the schema does not know; a table's key before its
value; each :class:`Invalid` has the location, a type and the value found
(the words are :mod:`.messages`'). :func:`dump` writes a section back as
plain values.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, get_args, get_origin

import msgspec

from popup_client.core.annotations import default_of, unwrap
from popup_client.core.payload_checks import Check
from popup_client.core.text import Text


class Section(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A section of the preferences (or the whole): immutable; :func:`convert` checks it."""


@dataclass(frozen=True)
class Plain:
    """A field read and written by functions of its own: ``parse`` makes the value from anything (None too) or raises
    ValueError, ``dump`` writes it as plain values (a time range as ``"22:00-08:00"``, none as ``""``)."""

    parse: Callable[[Any], Any]
    dump: Callable[[Any], Any]


@dataclass(frozen=True)
class Invalid:
    """One problem: where (keys and list indexes; ``"[key]"`` last when a table's key is wrong), what, the value found."""

    loc: tuple[str | int, ...]
    type: str  # int_type, greater_than_equal, literal_error, value_error (a Check's), extra_forbidden…
    input: Any
    ctx: dict[str, Any] = field(default_factory=dict)


class InvalidPrefs(ValueError):
    """Values the schema refuses; :meth:`errors` lists every problem (:mod:`.messages` words them).

    A ValueError, not a :class:`~.errors.PrefError`: the package's functions
    turn it into a PrefError in the user's words (``keys``, ``changes``,
    ``document``, ``salvage``); one that escapes is a programming error.
    """

    def __init__(self, errors: list[Invalid]) -> None:
        super().__init__(f"{len(errors)} invalid preference value(s): {errors}")
        self._errors = errors

    def errors(self) -> list[Invalid]:
        return list(self._errors)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a section, read from its annotation once."""

    name: str
    tp: Any  # the bare type: int, bool, str, a Literal, list[...], dict[...], a Section, or one a Plain reads
    nullable: bool
    default: Callable[[], Any]
    meta: tuple[msgspec.Meta, ...]
    extras: tuple[Any, ...]  # every other annotation: Check, Plain, Shown…
    item: Any = None  # a list's item type or a table's value type, unwrapped
    item_checks: tuple[Check, ...] = ()  # a list item's or a table key's checks

    def first(self, kind: type[Any]) -> Any:
        """The first annotation of type ``kind``, or None."""
        return next((e for e in self.extras if isinstance(e, kind)), None)

    @property
    def checks(self) -> tuple[Check, ...]:
        return tuple(e for e in self.extras if isinstance(e, Check))

    def bound(self, name: Literal["ge", "le"]) -> int | None:
        value: int | None = self.meta_value(name)
        return value

    def meta_value(self, name: str) -> Any:
        """What the field's ``msgspec.Meta`` says of ``name`` (``description``, ``examples``, ``ge``…), or None."""
        return next((getattr(m, name) for m in self.meta if getattr(m, name) is not None), None)


@functools.lru_cache(maxsize=None)
def specs(cls: type[Section]) -> tuple[FieldSpec, ...]:
    """The fields of a section, in its order (each annotation evaluated once: msgspec's, ``Annotated`` extras kept)."""
    result = []
    for info in msgspec.structs.fields(cls):
        tp, nullable, extras = unwrap(info.type)
        item: Any = None
        item_checks: tuple[Check, ...] = ()
        if get_origin(tp) is list:
            item, _, item_extras = unwrap(get_args(tp)[0])
            item_checks = tuple(e for e in item_extras if isinstance(e, Check))
        elif get_origin(tp) is dict:
            key, value = get_args(tp)
            item, (_, _, key_extras) = unwrap(value)[0], unwrap(key)
            item_checks = tuple(e for e in key_extras if isinstance(e, Check))
        default = default_of(info)
        meta = tuple(e for e in extras if isinstance(e, msgspec.Meta))
        others = tuple(e for e in extras if not isinstance(e, msgspec.Meta))
        result.append(FieldSpec(info.name, tp, nullable, default, meta, others, item, item_checks))
    return tuple(result)


def about(description: Text, **limits: Any) -> msgspec.Meta:
    """A field's ``msgspec.Meta``: its description (a translatable Text, kept as its English) and its bounds, examples."""
    return msgspec.Meta(description=str.__str__(description), **limits)


def is_section(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Section)


# --- reading -----------------------------------------------------------------------


def convert(cls: type[Section], value: Any) -> Any:
    """``value`` (a dict, or an instance to check again) as a ``cls``; :class:`InvalidPrefs` lists every problem."""
    problems: list[Invalid] = []
    result = _section(cls, value, (), problems)
    if problems:
        raise InvalidPrefs(problems)
    return result


def _section(cls: type[Section], value: Any, loc: tuple[str | int, ...], problems: list[Invalid]) -> Any:
    if isinstance(value, cls):
        value = {f.name: getattr(value, f.name) for f in msgspec.structs.fields(cls)}
    elif not isinstance(value, dict):
        problems.append(Invalid(loc, "model_type", value, {"class_name": cls.__name__}))
        return None
    before = len(problems)
    fields: dict[str, Any] = {}
    for spec in specs(cls):
        if spec.name in value:
            fields[spec.name] = _field(spec, value[spec.name], (*loc, spec.name), problems)
        else:
            fields[spec.name] = spec.default()
    known = {spec.name for spec in specs(cls)}
    problems += [Invalid((*loc, key), "extra_forbidden", item) for key, item in value.items() if key not in known]
    return None if len(problems) > before else cls(**fields)


def _field(spec: FieldSpec, value: Any, loc: tuple[str | int, ...], problems: list[Invalid]) -> Any:
    checks = spec.checks
    plain = spec.first(Plain)
    if plain is not None:  # its own parser makes the value (a typed time from its text)
        return _checked((Check(plain.parse),), value, loc, problems)
    if value is None and spec.nullable:
        return None
    before = len(problems)
    result = _typed(spec, value, loc, problems)
    if len(problems) > before:
        return None
    return _checked(checks, result, loc, problems)


def _checked(checks: tuple[Check, ...], value: Any, loc: tuple[str | int, ...], problems: list[Invalid]) -> Any:
    original = value
    for check in checks:
        try:
            value = check.fn(value)
        except ValueError as exc:
            problems.append(Invalid(loc, "value_error", original, {"error": exc}))
            return None
    return value


def _typed(spec: FieldSpec, value: Any, loc: tuple[str | int, ...], problems: list[Invalid]) -> Any:
    tp = spec.tp
    if is_section(tp):
        return _section(tp, value, loc, problems)
    if get_origin(tp) is list:
        if not isinstance(value, list):
            problems.append(Invalid(loc, "list_type", value))
            return None
        return [_scalar(spec.item, spec.item_checks, v, (*loc, i), problems, ()) for i, v in enumerate(value)]
    if get_origin(tp) is dict:
        if not isinstance(value, dict):
            problems.append(Invalid(loc, "dict_type", value))
            return None
        table = {}
        for key, item in value.items():
            good_key = _scalar(str, spec.item_checks, key, (*loc, key, "[key]"), problems, ())
            table[good_key] = _section(spec.item, item, (*loc, key), problems)
        return table
    return _scalar(tp, (), value, loc, problems, spec.meta)


def _scalar(
    tp: Any, checks: tuple[Check, ...], value: Any, loc: tuple[str | int, ...], problems: list[Invalid], meta: tuple[msgspec.Meta, ...]
) -> Any:
    if get_origin(tp) is Literal:  # of texts: a str subclass (a str Enum) matches by its text, and is stored as the literal
        found = next((v for v in get_args(tp) if isinstance(value, str) and str.__str__(value) == v), None)
        if found is None:
            expected = ", ".join(repr(v) for v in get_args(tp)[:-1]) + f" or {get_args(tp)[-1]!r}"
            problems.append(Invalid(loc, "literal_error", value, {"expected": expected}))
        return found
    kinds = {int: "int_type", bool: "bool_type", str: "string_type"}
    if not isinstance(value, tp) or (tp is int and isinstance(value, bool)):
        problems.append(Invalid(loc, kinds.get(tp, "is_instance_of"), value))
        return None
    value = _exact(tp, value)
    for m in meta:
        if m.ge is not None and value < m.ge:
            problems.append(Invalid(loc, "greater_than_equal", value, {"ge": m.ge}))
            return None
        if m.le is not None and value > m.le:
            problems.append(Invalid(loc, "less_than_equal", value, {"le": m.le}))
            return None
    return _checked(checks, value, loc, problems)


def _exact(tp: Any, value: Any) -> Any:
    """A subclass's value (a str Enum, an IntEnum) as the plain type's."""
    if type(value) is tp:
        return value
    return str.__str__(value) if tp is str else int.__index__(value) if tp is int else value


# --- writing -----------------------------------------------------------------------


def dump(value: Any) -> Any:
    """A section as dicts of plain values, in field order (a typed time as its text)."""
    if isinstance(value, Section):
        result = {}
        for spec in specs(type(value)):
            item = getattr(value, spec.name)
            plain = spec.first(Plain)
            result[spec.name] = plain.dump(item) if plain is not None else dump(item)
        return result
    if isinstance(value, dict):
        return {k: dump(v) for k, v in value.items()}
    if isinstance(value, list):
        return [dump(v) for v in value]
    return value


def walk(cls: type[Section], prefix: str = "") -> Iterator[tuple[str, FieldSpec]]:
    """Every field that is not a section, as (dotted key, spec), sections entered in place."""
    for spec in specs(cls):
        if is_section(spec.tp):
            yield from walk(spec.tp, f"{prefix}{spec.name}.")
        else:
            yield prefix + spec.name, spec


__all__ = ["Plain", "about", "FieldSpec", "Invalid", "InvalidPrefs", "Section", "convert", "dump", "is_section", "specs", "walk"]
