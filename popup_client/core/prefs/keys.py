"""Dotted keys: read, set and reset one setting (``caps.global_hourly``, ``caps.providers.<id>.hourly``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from popup_client.core.prefs.errors import PrefError
from popup_client.core.prefs.fields import PROVIDER_CAP_NAMES, PROVIDERS_KEY, PrefField, make_field, plain, pref_fields
from popup_client.core.prefs.messages import advice, explain_value
from popup_client.core.prefs.model import InvalidPrefs, specs
from popup_client.core.prefs.schema import Preferences, ProviderCaps
from popup_client.core.prefs.toml_values import parse_toml_value
from popup_client.core.text import OR, QT_TRANSLATE_NOOP, SENTENCES, join


@dataclass(frozen=True)
class _Target:
    """Where a dotted key points: a path into the dumped preferences."""

    key: str
    path: tuple[str, ...]
    field: PrefField | None  # None for a whole section


def _provider_target(key: str) -> _Target:
    rest = key[len(PROVIDERS_KEY) + 1 :]
    head, _, last = rest.rpartition(".")
    if head and last in PROVIDER_CAP_NAMES:
        spec = next(s for s in specs(ProviderCaps) if s.name == last)
        field = make_field(key, spec, None)
        return _Target(key, ("caps", "providers", head, last), field)
    import difflib  # for the suggestions of an unknown key only: the running app does not load it

    if head and difflib.get_close_matches(last, PROVIDER_CAP_NAMES, n=1, cutoff=0.7):
        text = QT_TRANSLATE_NOOP("core", "unknown preference {key!r}; a provider's caps are {prefix}.hourly and .daily")
        raise PrefError(text.format(key=key, prefix=f"{PROVIDERS_KEY}.{head}"))
    description = QT_TRANSLATE_NOOP("core", "This provider's caps.")
    field = PrefField(key, "table", {}, description, example="{ hourly = 1, daily = 3 }")
    return _Target(key, ("caps", "providers", rest), field)


def _unknown_key(key: str, keys: list[str]) -> PrefError:
    import difflib

    close = difflib.get_close_matches(key, keys, n=3, cutoff=0.6)
    valid = f"{', '.join(keys)}, {PROVIDERS_KEY}.<provider id>.hourly|daily"
    if close:
        text = QT_TRANSLATE_NOOP("core", "unknown preference {key!r}; did you mean {close}? valid keys: {keys}")
        return PrefError(text.format(key=key, close=join(OR, close), keys=valid))
    return PrefError(QT_TRANSLATE_NOOP("core", "unknown preference {key!r}; valid keys: {keys}").format(key=key, keys=valid))


def _target(key: str) -> _Target:
    key = key.strip()
    fields = {f.key: f for f in pref_fields()}
    if key in fields:
        return _Target(key, tuple(key.split(".")), fields[key])
    if key.startswith(PROVIDERS_KEY + ".") and len(key) > len(PROVIDERS_KEY) + 1:
        return _provider_target(key)
    if key and any(k.startswith(key + ".") for k in fields):
        return _Target(key, tuple(key.split(".")), None)
    raise _unknown_key(key, list(fields))


def _lookup(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    return data


def get_pref(prefs: Preferences, key: str) -> Any:
    """The value at ``key``: a scalar, list or dict; ``None`` for an unset provider cap."""
    target = _target(key)
    value = _lookup(plain(prefs), target.path)
    if value is None and target.path[:2] == ("caps", "providers") and len(target.path) == 3:
        return {}
    return value


_DELETE = object()


def _replace(prefs: Preferences, target: _Target, value: Any) -> Preferences:
    data = plain(prefs)
    node = data
    for part in target.path[:-1]:
        node = node.setdefault(part, {})
    if value is _DELETE:
        node.pop(target.path[-1], None)
        if len(target.path) == 4 and not node:
            data["caps"]["providers"].pop(target.path[2], None)
    else:
        node[target.path[-1]] = value
    try:
        return Preferences.validate(data)
    except InvalidPrefs as err:
        raise PrefError(explain_value(target.key, target.path, target.field, value, err)) from None


def _coerce(raw: str, field: PrefField) -> Any:
    ok, parsed = parse_toml_value(raw)
    if field.type_name in ("str", "choice", "time_range"):
        return parsed if ok and isinstance(parsed, str) else raw.strip()
    if field.type_name == "datetime":  # a TOML offset date-time, a quoted or a bare RFC 3339 text
        return parsed if ok and not isinstance(parsed, (bool, int, float)) else raw.strip()
    if field.type_name == "list" and not ok:
        return [part.strip() for part in raw.split(",") if part.strip()]
    if ok:
        return parsed
    text = QT_TRANSLATE_NOOP("core", "{key} = {value} is not valid.").format(
        key=field.key, value=raw.strip() or QT_TRANSLATE_NOOP("core", "(nothing)")
    )
    raise PrefError(SENTENCES.format(first=text, second=advice(field)))


def set_pref(prefs: Preferences, key: str, raw: str) -> Preferences:
    """A copy of ``prefs`` with ``key`` set from ``raw`` (a TOML value, or bare text)."""
    target = _target(key)
    if target.field is None:
        keys = [f.key for f in pref_fields() if f.key.startswith(target.key + ".")]
        text = QT_TRANSLATE_NOOP("core", "{key!r} is a section; set one of its keys: {keys}")
        raise PrefError(text.format(key=target.key, keys=", ".join(keys)))
    return _replace(prefs, target, _coerce(raw, target.field))


def reset_pref(prefs: Preferences, key: str) -> Preferences:
    """A copy of ``prefs`` with ``key`` (a setting, a section or a provider override) at its default."""
    target = _target(key)
    if target.path[:2] == ("caps", "providers") and len(target.path) > 2:
        return _replace(prefs, target, _DELETE)
    return _replace(prefs, target, _lookup(plain(Preferences()), target.path))
