"""Checks of single payload values (docs/payload.md): text lines, identifiers, hosts, images.

Each check takes the value as sent and returns it (normalized where the
field is displayed) or raises ValueError with a translatable
:class:`~popup_client.core.text.Text` saying what would work;
:mod:`popup_client.core.payload` attaches them to the model's fields
(``Annotated[str, Check(...)]``), and
:mod:`popup_client.core.payload_collect` runs them.
"""

from __future__ import annotations

import re
from unicodedata import is_normalized as _is_normalized
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .images import ImageProblem, inspect_data_uri
from .normalize import normalize_line, normalize_multiline
from .text import QT_TRANSLATE_NOOP, Text

ID_RE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_LABEL = r"[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?"
PROVIDER_ID_RE = re.compile(rf"^{_LABEL}(?:\.{_LABEL})+$")
HOST_RE = re.compile(r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$")


@dataclass(frozen=True)
class Check:
    """A field's check, in its annotation: ``Annotated[str, Check(line(200))]``.

    On a text or a list of texts it runs after the type is checked (and may
    normalize); on a literal (``version``) before; on a field of any type (a
    timestamp) it turns the value into what the field holds.
    """

    fn: Callable[[Any], Any]


_TOO_LONG = QT_TRANSLATE_NOOP("core", "is {length} characters; the limit is {limit}")
_EMPTY = QT_TRANSLATE_NOOP("core", "is empty after removing control and invisible characters; give a visible {what}")
_TEXT, REASON, TITLE = (QT_TRANSLATE_NOOP("core", "text"), QT_TRANSLATE_NOOP("core", "reason"),
                          QT_TRANSLATE_NOOP("core", "title"))  # fmt: skip


def line(max_len: int, *, min_len: int = 0, what: Text = _TEXT) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value.isprintable() and "  " not in value and (value.isascii() or _is_normalized("NFC", value)):
            value = value.strip()  # normalize_line's shortcut, written out: this runs for every text field of every popup
        else:
            value = normalize_line(value)
        if not min_len <= len(value) <= max_len:
            raise ValueError(_EMPTY.format(what=what) if len(value) < min_len else _TOO_LONG.format(length=len(value), limit=max_len))
        return value

    return check


def multiline(max_len: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = normalize_multiline(value)
        if len(value) > max_len:
            raise ValueError(_TOO_LONG.format(length=len(value), limit=max_len))
        return value

    return check


def pattern(regex: re.Pattern[str], advice: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not regex.match(value):
            raise ValueError(advice)
        return value

    return check


def image(max_bytes: int, max_side: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        try:
            inspect_data_uri(value, max_bytes=max_bytes, max_side=max_side)
        except ImageProblem as exc:
            raise ValueError(str(exc)) from None
        return value

    return check


# A provider sends its id and domain with every popup: what was found valid once is looked up (a ValueError is never
# remembered, so a wrong value is checked, and refused, every time).
@lru_cache(maxsize=1024)
def provider_id(value: str) -> str:
    if len(value) > 255 or not PROVIDER_ID_RE.match(value):
        raise ValueError(
            QT_TRANSLATE_NOOP("core", "must be a lower-case reverse-DNS id with at least two labels, ≤ 255 characters, e.g. com.example.news")
        )
    return value


def not_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(QT_TRANSLATE_NOOP("core", "must be the integer 1, not a boolean"))
    return value


@lru_cache(maxsize=1024)
def host(value: str) -> str:
    if value != value.lower() or not HOST_RE.match(value):
        raise ValueError(
            QT_TRANSLATE_NOOP(
                "core",
                "must be a bare lower-case host name such as example.com, with no scheme or path; "
                "give an internationalized domain in its xn-- (punycode) form",
            )
        )
    return value


def maxlen(limit: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        if len(value) > limit:
            raise ValueError(_TOO_LONG.format(length=len(value), limit=limit))
        return value

    return check


def no_surrogates(value: str) -> str:
    """A text kept as sent (not normalized) must be valid Unicode: no lone \\ud800–\\udfff escapes."""
    try:
        value.encode("utf-8")  # only lone surrogates fail to encode
    except UnicodeEncodeError:
        raise ValueError(
            QT_TRANSLATE_NOOP("core", "contains an unpaired surrogate (a lone \\ud800–\\udfff escape); send valid Unicode")
        ) from None
    return value


def url(limit: int) -> Callable[[str], str]:
    """A URL, kept as sent: at most ``limit`` characters, then valid Unicode."""
    too_long = maxlen(limit)

    def check(value: str) -> str:
        value = too_long(value)
        return value if value.isascii() else no_surrogates(value)  # an ASCII text holds no surrogate

    return check
