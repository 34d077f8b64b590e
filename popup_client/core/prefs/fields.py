"""The field list: every setting of the schema as the dialog and the CLI show it (:class:`PrefField`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, get_args, get_origin

from popup_client.core.prefs.model import FieldSpec, Section, dump, walk
from popup_client.core.prefs.schema import Preferences
from popup_client.core.prefs.shown import Shown
from popup_client.core.prefs.times import TimeRange
from popup_client.core.prefs.toml_values import toml_repr
from popup_client.core.text import QT_TRANSLATE_NOOP, Text

PROVIDERS_KEY = "caps.providers"
PROVIDER_CAP_NAMES = ("hourly", "daily")


@dataclass(frozen=True)
class PrefField:
    """One setting as the dialog and the CLI show it.

    ``type_name`` is one of ``int``, ``bool``, ``str``, ``choice`` (one of
    ``choices``), ``list`` (of strings, drawn from ``choices`` when set),
    ``table`` (``caps.providers``), ``time_range`` (``quiet_hours``) and
    ``datetime`` (``paused_until``). ``example`` is a TOML value.
    """

    key: str
    type_name: str
    default: Any
    description: str  # English; a translatable Text for every field of the schema
    choices: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    example: str = ""
    shown: Shown | None = None  # section, label, hint… (None: a provider's own caps, shown in their table)

    @property
    def expected(self) -> Text:
        """What a valid value looks like, in words."""
        if self.type_name == "int":
            return _int_expectation(self.minimum, self.maximum)
        if self.type_name == "bool":
            return QT_TRANSLATE_NOOP("core", "true or false")
        if self.type_name == "choice":
            return QT_TRANSLATE_NOOP("core", "one of {choices}").format(choices=", ".join(self.choices or ()))
        if self.type_name == "list":
            what = ", ".join(self.choices) if self.choices else QT_TRANSLATE_NOOP("core", "provider ids")
            return QT_TRANSLATE_NOOP("core", "a list of {what} (a TOML list, or words separated by commas)").format(what=what)
        if self.type_name == "table":
            return QT_TRANSLATE_NOOP("core", "a table of provider id = {{ hourly = N, daily = N }}")
        if self.type_name == "time_range":
            return QT_TRANSLATE_NOOP("core", 'a span of local time "HH:MM-HH:MM", or "" for none')
        if self.type_name == "datetime":
            return QT_TRANSLATE_NOOP("core", 'an RFC 3339 time with an offset, e.g. 2026-11-27T18:00:00+08:00, or "" for none')
        return QT_TRANSLATE_NOOP("core", "text")


def _int_expectation(minimum: int | None, maximum: int | None) -> Text:
    if minimum is not None and maximum is not None:
        return QT_TRANSLATE_NOOP("core", "a whole number from {minimum} to {maximum}").format(minimum=minimum, maximum=maximum)
    if minimum is not None:
        return QT_TRANSLATE_NOOP("core", "a whole number, {minimum} or more").format(minimum=minimum)
    return QT_TRANSLATE_NOOP("core", "a whole number")


def _literal_values(annotation: Any) -> tuple[str, ...] | None:
    return tuple(str(v) for v in get_args(annotation)) if get_origin(annotation) is Literal else None


def _type_name(annotation: Any) -> tuple[str, tuple[str, ...] | None]:
    origin = get_origin(annotation)
    if origin is dict:
        return "table", None
    if origin is list:
        return "list", _literal_values(get_args(annotation)[0])
    choices = _literal_values(annotation)
    if choices is not None:
        return "choice", choices
    names = {bool: "bool", int: "int", str: "str", TimeRange: "time_range", datetime: "datetime"}
    return names.get(annotation, "str"), None


def make_field(key: str, spec: FieldSpec, default: Any) -> PrefField:
    type_name, choices = _type_name(spec.tp)
    examples = spec.meta_value("examples")
    description = spec.meta_value("description")
    return PrefField(
        key=key,
        type_name=type_name,
        default=default,
        description=Text(description) if description else "",
        choices=choices,
        minimum=spec.bound("ge"),
        maximum=spec.bound("le"),
        example=toml_repr(examples[0] if examples else default),
        shown=spec.first(Shown),
    )


def _lookup(data: Any, key: str) -> Any:
    for part in key.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def pref_fields() -> list[PrefField]:
    """Every setting, in schema order, with its default; ``caps.providers`` is one entry."""
    defaults = plain(Preferences())  # the defaults as the file and the CLI write them
    return [make_field(key, spec, _lookup(defaults, key)) for key, spec in walk(Preferences)]


def plain(value: Any) -> Any:
    """Sections as dicts of plain values: typed times as their text, an unset provider cap left out."""
    if isinstance(value, Section):
        return plain(dump(value))  # the times are written "" for none
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def toml_value(value: Any) -> str:
    """A setting's value as ``prefs show`` prints it: an inline TOML value that loads back as it was."""
    return toml_repr(plain(value))
