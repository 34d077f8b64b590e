"""Translatable text of the Qt-free core: an English template, named arguments, and the English they make.

What the core writes for people — rule reasons, payload problems, the
preferences' descriptions and errors — is English, marked for Qt's
``pyside6-lupdate`` in its own translation context ``"core"`` (whose source
language is English; the UI's strings, context ``""``, are Chinese)::

    QT_TRANSLATE_NOOP("core", "the story is {hours} h old").format(hours=80)

The result is a :class:`Text`: a ``str`` whose value is the formatted
English — so replies on the socket, D-Bus and the CLI, logs and tests see
exactly the English they always saw — that also keeps its template and
arguments, so the UI can show it in the user's language
(:func:`popup_client.ui.i18n.tr_text`) and the journal can store it
(:meth:`Text.to_json`). An argument that is itself a :class:`Text` is
translated too; any other argument (a provider id, a URL, a number) is data
and shown as it is. Operations of ``str`` (``+``, slicing, ``.strip()``)
give a plain ``str``: the English, no longer translatable.

lupdate finds a message by the shape of the call: ``QT_TRANSLATE_NOOP``
with the two string literals and nothing else (adjacent literals are
joined; no f-string, no variable), arguments only in ``.format(...)``
after it. Placeholders are named (``{hours}``, ``{kind!r}``); a literal
brace is doubled.
"""

from __future__ import annotations

import string
import functools
from collections.abc import Iterable, Mapping
from enum import Enum
from types import MappingProxyType
from typing import Any, Final, Literal

CONTEXT: Final = "core"

#: What an argument may be: a :class:`Text` (translated when shown) or data (shown as it is).
Arg = str | int | float

_FORMATTER = string.Formatter()


@functools.lru_cache(maxsize=2048)  # templates are few and every reason asks
def fields(template: str) -> frozenset[str]:
    """The names of the placeholders of ``template`` (``{hours}`` → ``hours``); ValueError if malformed."""
    names = set()
    for _, name, spec, _ in _FORMATTER.parse(template):
        if name is not None:
            names.add(name)
            names |= fields(spec or "")
    return frozenset(names)


class Text(str):
    """English text that can be shown translated: the formatted English, its template and arguments.

    Immutable, like the ``str`` it is. ``Text(template)`` of a template with
    placeholders waits for :meth:`format`; until then its value is the bare
    template.
    """

    template: str
    args: Mapping[str, Arg]

    def __new__(cls, template: str, args: Mapping[str, object] | None = None) -> Text:
        values = dict(args) if args else {}
        names = fields(template)
        for name, value in values.items():
            if isinstance(value, Enum):  # a Kind, a decision: its word ({kind!r} shows 'news', not the enum)
                values[name] = value = value.value
            if not isinstance(value, (str, int, float)):
                raise TypeError(f"argument {name!r} of {template!r} is a {type(value).__name__}; give a str, int or float")
        if values and values.keys() != names:
            raise ValueError(f"{template!r} takes the arguments {sorted(names)}, not {sorted(values)}")
        english = template.format(**values) if values or not names else template
        self = super().__new__(cls, english)
        attributes = self.__dict__  # set there: __setattr__ refuses, and object.__setattr__ costs a call each
        attributes["template"] = str.__str__(template)
        attributes["args"] = MappingProxyType(values)
        return self

    def format(self, *args: object, **kwargs: object) -> Text:
        """This template with its named arguments: the finished text."""
        if args:
            raise TypeError("a Text takes named arguments only")
        if self.args:
            raise ValueError(f"{self.template!r} is already formatted")
        return Text(self.template, kwargs)

    def __str__(self) -> str:
        return self  # str(exception) and str(text) keep the Text

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Text is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Text is immutable; cannot delete {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (Text, (self.template, dict(self.args)))

    def to_json(self) -> dict[str, Any]:
        """``{"template": …, "args": {…}}``; an argument that is a Text nests the same way."""
        args = {k: v.to_json() if isinstance(v, Text) else v for k, v in self.args.items()}
        return {"template": self.template, "args": args}

    @classmethod
    def from_json(cls, data: Any) -> Text:
        """The Text :meth:`to_json` made; TypeError or ValueError if ``data`` is not one."""
        if not isinstance(data, dict) or not isinstance(data.get("template"), str):
            raise TypeError(f"not a stored text: {data!r}")
        args = data.get("args", {})
        if not isinstance(args, dict):
            raise TypeError(f"not the arguments of a stored text: {args!r}")
        return cls(data["template"], {k: cls.from_json(v) if isinstance(v, dict) else v for k, v in args.items()})


def QT_TRANSLATE_NOOP(context: Literal["core"], template: str) -> Text:
    """Mark ``template`` (English) for ``pyside6-lupdate`` in the ``"core"`` context; format it with ``.format``.

    Unlike :func:`popup_client.ui.i18n.QT_TRANSLATE_NOOP` (Chinese source
    strings, returns the ``str``), this one returns a :class:`Text`.
    """
    if context != CONTEXT:
        raise ValueError(f"core text belongs to the context {CONTEXT!r}, not {context!r}")
    return Text(template)


def join(separator: Text, parts: Iterable[str]) -> str:
    """``parts`` joined by ``separator``, a two-place template like ``"{first}; {second}"``.

    The separator is translatable (Chinese joins sentences without a space
    and lists with 「；」); "" for no parts, the part itself for one.
    """
    result: str | None = None
    for part in parts:
        result = part if result is None else separator.format(first=result, second=part)
    return "" if result is None else result


#: Two sentences one after the other.
SENTENCES = QT_TRANSLATE_NOOP("core", "{first} {second}")
#: Two items of a list of problems.
SEMICOLON = QT_TRANSLATE_NOOP("core", "{first}; {second}")
#: Two items of a list of names.
COMMA = QT_TRANSLATE_NOOP("core", "{first}, {second}")
#: Two alternatives.
OR = QT_TRANSLATE_NOOP("core", "{first} or {second}")
#: A message about one field of a payload or a setting: ``news.url: must be https``.
AT_PATH = QT_TRANSLATE_NOOP("core", "{path}: {message}")
