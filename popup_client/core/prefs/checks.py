"""Checks of single preference values: provider ids, lists without repeats."""

from __future__ import annotations

import re
from typing import Annotated, Any

from popup_client.core.payload_checks import Check
from popup_client.core.text import QT_TRANSLATE_NOOP

_PROVIDER_ID_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._:-]{0,253}[A-Za-z0-9])?$")


def provider_id(value: str) -> str:
    if not _PROVIDER_ID_RE.match(value):
        raise ValueError(QT_TRANSLATE_NOOP("core", "{value!r} is not a provider id; provider ids look like com.example.news").format(value=value))
    return value


def unique(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


ProviderId = Annotated[str, Check(provider_id)]
#: On a list: its repeats dropped, the first of each kept.
UNIQUE = Check(unique)
