"""The preferences file's text: every setting, described in comments (:func:`to_toml`), and back."""

from __future__ import annotations

import sys
import textwrap
from typing import Any

from popup_client.core.prefs.errors import PrefError
from popup_client.core.prefs.fields import PrefField, plain, pref_fields
from popup_client.core.prefs.messages import error_text
from popup_client.core.prefs.model import InvalidPrefs, specs
from popup_client.core.prefs.schema import Preferences
from popup_client.core.prefs.toml_values import toml_key, toml_repr
from popup_client.core.text import QT_TRANSLATE_NOOP, SEMICOLON, join

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]


_HEADER = """\
# popup-client preferences. Change them in the app, with
# `popup-client prefs set KEY VALUE`, or here (the running app applies a
# change within a second). Every setting is listed. A setting that cannot
# be used is dropped, the file as it was kept aside, and you are told.
"""


def _comment(text: str) -> list[str]:
    return ["# " + line for line in textwrap.wrap(text, width=76)]


def _section_lines(section: str, fields: list[PrefField], data: dict[str, Any]) -> list[str]:
    import tomli_w  # writing the file only: reading the preferences does not load it

    description = next(s for s in specs(Preferences) if s.name == section).meta_value("description")
    lines = ["", *_comment(description or section), f"[{section}]"]
    tables: list[str] = []
    for field in fields:
        name = field.key.split(".", 1)[1]
        value = data[section].get(name)
        if field.type_name == "table":
            tables += ["", *_comment(field.description)]
            if value:
                tables.append(tomli_w.dumps({section: {name: value}}).rstrip())
            else:
                tables += ["# For example:", f"# [{field.key}.{toml_key('com.example.news')}]", "# hourly = 1"]
            continue
        lines += [*_comment(field.description), f"{name} = {toml_repr(value)}"]
    return lines + tables


def to_toml(prefs: Preferences) -> str:
    """The full preferences document, every setting with its description as a comment."""
    data = plain(prefs)
    fields = pref_fields()
    lines = [_HEADER.rstrip("\n")]
    for field in (f for f in fields if "." not in f.key):
        lines += ["", *_comment(field.description), f"{field.key} = {toml_repr(data[field.key])}"]
    sections = list(dict.fromkeys(f.key.split(".")[0] for f in fields if "." in f.key))
    for section in sections:
        lines += _section_lines(section, [f for f in fields if f.key.startswith(section + ".")], data)
    return "\n".join(lines) + "\n"


def from_toml(text: str) -> Preferences:
    """Parse and validate a preferences document; :class:`PrefError` says what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise PrefError(QT_TRANSLATE_NOOP("core", "it is not valid TOML ({error})").format(error=str(err))) from None
    try:
        return Preferences.validate(data)
    except InvalidPrefs as err:
        raise PrefError(join(SEMICOLON, (error_text(e, show_input=True) for e in err.errors()))) from None
