"""Every usable setting of a damaged preferences file, and a name for each one dropped.

:func:`salvage` reads what it can. Bytes that are not UTF-8 spoil only the
lines they are on. A line TOML cannot parse is dropped (a broken table
header drops the lines of its table too: their keys would otherwise land in
another table). Then every setting the schema refuses is dropped, an item
of a list alone when only that item is wrong (one bad provider id does not
undo the other opt-outs). Each dropped line or setting is one problem
sentence naming it; what is left is a valid :class:`Preferences`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Any

from popup_client.core.prefs.messages import error_text
from popup_client.core.prefs.model import InvalidPrefs
from popup_client.core.prefs.schema import Preferences
from popup_client.core.text import QT_TRANSLATE_NOOP

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

# Rounds of dropping a line, or the settings one validation refused, before giving up on the rest.
MAX_ROUNDS = 100

_AT_LINE = re.compile(r"at line (\d+)")
_NOT_UTF8 = QT_TRANSLATE_NOOP("core", "it is not UTF-8 text")
_LINE = QT_TRANSLATE_NOOP("core", "line {number} ({text}): {reason}")
_BAD_BYTES = QT_TRANSLATE_NOOP("core", "not UTF-8 text")
_BAD_TOML = QT_TRANSLATE_NOOP("core", "not valid TOML ({error})")
_GAVE_UP = QT_TRANSLATE_NOOP("core", "nothing else in it could be read")


@dataclass
class Salvaged:
    """What could be used of a damaged file, and one sentence per thing dropped."""

    prefs: Preferences
    problems: list[str] = field(default_factory=list)


def salvage(raw: bytes) -> Salvaged:
    """The preferences in ``raw`` with every unusable line or setting dropped, and what was."""
    problems: list[str] = []
    lines = _decode(raw, problems)
    data = _parse(lines, problems)
    return Salvaged(_validate(data, problems), problems)


# --- bytes and lines ------------------------------------------------------------


def _decode(raw: bytes, problems: list[str]) -> list[str]:
    """The lines of the document; lines with bytes that are not UTF-8 come back empty."""
    try:
        return raw.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        pass
    problems.append(_NOT_UTF8)
    lines = raw.decode("utf-8", "replace").split("\n")
    for number, line in enumerate(lines):
        if "\ufffd" in line:
            _drop_line(lines, number, _BAD_BYTES, problems)
    return lines


def _parse(lines: list[str], problems: list[str]) -> dict[str, Any]:
    """The TOML document, dropping one unparsable line (or broken table) per round."""
    for _ in range(MAX_ROUNDS):
        try:
            data: dict[str, Any] = tomllib.loads("\n".join(lines))
            return data
        except tomllib.TOMLDecodeError as err:
            number = _error_line(str(err), lines)
            if number is None:
                break
            _drop(lines, number, _BAD_TOML.format(error=str(err)), problems)
    problems.append(_GAVE_UP)
    return {}


def _error_line(message: str, lines: list[str]) -> int | None:
    """The index of the line to drop for a TOML error: the one named, else the last one with text."""
    match = _AT_LINE.search(message)
    last = min(int(match.group(1)) - 1, len(lines) - 1) if match else len(lines) - 1
    for number in range(last, -1, -1):
        if lines[number].strip():
            return number
    return None


def _is_header(line: str) -> bool:
    return line.lstrip().startswith("[")


def _drop(lines: list[str], number: int, reason: str, problems: list[str]) -> None:
    """Drop a line; a table header takes the lines of its table with it."""
    header = _is_header(lines[number])
    _drop_line(lines, number, reason, problems)
    if not header:
        return
    for following in range(number + 1, len(lines)):
        if _is_header(lines[following]):
            break
        _drop_line(lines, following, reason, problems)


def _drop_line(lines: list[str], number: int, reason: str, problems: list[str]) -> None:
    """Blank out a line (keeping the numbering); name it if it held a setting or a header."""
    name = _setting_of(lines, number)
    if name:
        problems.append(_LINE.format(number=number + 1, text=name, reason=reason))
    lines[number] = ""


def _setting_of(lines: list[str], number: int) -> str:
    """What a line holds, as a dotted key (``caps.global_hourly``) or a table (``[caps]``); "" for none."""
    text = lines[number].strip()
    if not text or text.startswith("#"):
        return ""
    text = "".join(c if c.isprintable() and c != "\ufffd" else "?" for c in text)
    shown = text if len(text) <= 40 else text[:37] + "..."
    if _is_header(text) or "=" not in text:
        return shown
    key = text.split("=", 1)[0].strip()
    table = next((lines[n].strip().strip("[]").strip() for n in range(number - 1, -1, -1) if _is_header(lines[n])), "")
    return f"{table}.{key}" if table else key


# --- the schema --------------------------------------------------------------------


def _validate(data: dict[str, Any], problems: list[str]) -> Preferences:
    """The preferences in ``data``, each setting the schema refuses removed (and named)."""
    for _ in range(MAX_ROUNDS):
        try:
            return Preferences.validate(data)
        except InvalidPrefs as err:
            errors = err.errors()
        problems.extend(error_text(e, show_input=True) for e in errors)
        locations = {tuple(p for p in e.loc if p != "[key]") for e in errors}
        removed = [_remove(data, loc) for loc in sorted(locations, key=_deepest_last_item_first, reverse=True)]
        if not any(removed):
            break
    problems.append(_GAVE_UP)
    return Preferences()


def _deepest_last_item_first(loc: tuple[Any, ...]) -> tuple[tuple[int, Any], ...]:
    """Sort key: items of one list from the last, so removing one does not shift the others."""
    return tuple((1, part) if isinstance(part, int) else (0, str(part)) for part in loc)


def _remove(data: Any, loc: tuple[Any, ...]) -> bool:
    """Remove what ``loc`` points at; False if it is no longer there (or is the whole document)."""
    if not loc:
        return False
    node = data
    for part in loc[:-1]:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return False
    last = loc[-1]
    if isinstance(node, dict) and last in node:
        del node[last]
        return True
    if isinstance(node, list) and isinstance(last, int) and last < len(node):
        del node[last]
        return True
    return False
