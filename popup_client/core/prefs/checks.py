"""Checks of single preference values: provider ids, lists without repeats, quiet hours, the pause."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator

from popup_client.core.text import QT_TRANSLATE_NOOP
from popup_client.core.timefmt import format_rfc3339, parse_rfc3339

_PROVIDER_ID_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._:-]{0,253}[A-Za-z0-9])?$")
_QUIET_RE = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


def provider_id(value: str) -> str:
    if not _PROVIDER_ID_RE.match(value):
        raise ValueError(QT_TRANSLATE_NOOP("core", "{value!r} is not a provider id; provider ids look like com.example.news").format(value=value))
    return value


def unique(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def quiet_hours_text(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    match = _QUIET_RE.match(value)
    if not match:
        raise ValueError(QT_TRANSLATE_NOOP("core", 'must be "HH:MM-HH:MM" in local time, e.g. "22:00-08:00", or "" for none'))
    start_h, start_m, end_h, end_m = (int(g) for g in match.groups())
    if max(start_h, end_h) > 23 or max(start_m, end_m) > 59:
        raise ValueError(QT_TRANSLATE_NOOP("core", "has an impossible time; hours go from 00 to 23 and minutes from 00 to 59"))
    if (start_h, start_m) == (end_h, end_m):
        raise ValueError(QT_TRANSLATE_NOOP("core", 'starts and ends at the same time; use "" for no quiet hours'))
    return f"{start_h:02d}:{start_m:02d}-{end_h:02d}:{end_m:02d}"


def timestamp_text(value: Any) -> Any:
    """A TOML offset date-time (unquoted in the file) becomes its RFC 3339 text."""
    if isinstance(value, datetime):
        return format_rfc3339(parse_rfc3339(value))
    return value


def paused_until_text(value: str) -> str:
    value = value.strip()
    return format_rfc3339(parse_rfc3339(value)) if value else ""


ProviderId = Annotated[str, AfterValidator(provider_id)]
