"""Single TOML values as the CLI and the file write them, and as a user types them."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

_BARE_KEY_RE = re.compile(r"^[A-Za-z0-9_-]+$")


def toml_key(key: str) -> str:
    return key if _BARE_KEY_RE.match(key) else json.dumps(key, ensure_ascii=False)


def toml_repr(value: Any) -> str:
    """``value`` as an inline TOML value: ``6``, ``true``, ``["ad"]``, ``{ hourly = 1 }``."""
    if isinstance(value, dict):
        items = ", ".join(f"{toml_key(str(k))} = {toml_repr(v)}" for k, v in value.items())
        return "{ " + items + " }" if items else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(toml_repr(v) for v in value) + "]"
    import tomli_w  # writing TOML only: reading the preferences does not load it

    return tomli_w.dumps({"v": value})[len("v = ") :].rstrip("\n")


def parse_toml_value(raw: str) -> tuple[bool, Any]:
    """(True, value) when ``raw`` is a single TOML value, else (False, None)."""
    try:
        doc = tomllib.loads(f"v = {raw}")
    except tomllib.TOMLDecodeError:
        return False, None
    return (True, doc["v"]) if list(doc) == ["v"] else (False, None)
