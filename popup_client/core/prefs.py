"""The user's preferences: one typed schema, its TOML file, and dotted keys.

:class:`Preferences` is the schema of RULES.md "Preferences". Everything else
is derived from it: :func:`pref_fields` lists every setting (the preferences
dialog and ``popup-client prefs`` are built from that list), :func:`get_pref`,
:func:`set_pref` and :func:`reset_pref` address settings by dotted key
(``caps.global_hourly``, ``caps.providers.com.example.news.hourly``), and
:func:`to_toml` / :func:`from_toml` convert the file's text.
:class:`~popup_client.core.prefs_store.PrefsStore` reads and changes the file.
"""

from __future__ import annotations

import difflib
import json
import logging
import os
import re
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

import tomli_w
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic.fields import FieldInfo

from .errors import CoreError
from .paths import ensure_private_dir
from .payload import Kind, literal_expected
from .text import AT_PATH, OR, QT_TRANSLATE_NOOP, SEMICOLON, SENTENCES, Text, fields, join
from .timefmt import format_rfc3339, parse_rfc3339

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

log = logging.getLogger(__name__)

PROVIDERS_KEY = "caps.providers"
PROVIDER_CAP_NAMES = ("hourly", "daily")
_PROVIDER_ID_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._:-]{0,253}[A-Za-z0-9])?$")
_QUIET_RE = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")
_BARE_KEY_RE = re.compile(r"^[A-Za-z0-9_-]+$")


class PrefError(CoreError):
    """A preference key or value that cannot be used; the message says what would work.

    The message (``str(error)``) is a translatable
    :class:`~popup_client.core.text.Text`, as are the fields' descriptions.
    """


# --- value checks -----------------------------------------------------------


def _provider_id(value: str) -> str:
    if not _PROVIDER_ID_RE.match(value):
        raise ValueError(QT_TRANSLATE_NOOP("core", "{value!r} is not a provider id; provider ids look like com.example.news").format(value=value))
    return value


def _unique(values: list[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def _quiet_hours(value: str) -> str:
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


def _timestamp_text(value: Any) -> Any:
    """A TOML offset date-time (unquoted in the file) becomes its RFC 3339 text."""
    if isinstance(value, datetime):
        return format_rfc3339(parse_rfc3339(value))
    return value


def _paused_until(value: str) -> str:
    value = value.strip()
    return format_rfc3339(parse_rfc3339(value)) if value else ""


ProviderId = Annotated[str, AfterValidator(_provider_id)]


# --- the schema -------------------------------------------------------------


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, strict=True)


class ProviderCaps(_Section):
    """One provider's own caps; an unset cap uses the general one."""

    hourly: int | None = Field(
        None,
        ge=0,
        description=QT_TRANSLATE_NOOP("core", "Popups this provider may show per hour, instead of caps.provider_hourly."),
        examples=[1],
    )
    daily: int | None = Field(
        None,
        ge=0,
        description=QT_TRANSLATE_NOOP("core", "Popups this provider may show in 24 hours, instead of caps.provider_daily."),
        examples=[3],
    )


_NO_OVERRIDE = ProviderCaps()  # a provider without its own caps


class Caps(_Section):
    """Frequency caps (rule ``frequency-cap``)."""

    global_hourly: int = Field(
        6, ge=0, description=QT_TRANSLATE_NOOP("core", "Ad, news and content popups shown per hour, all providers together.")
    )
    provider_hourly: int = Field(
        2, ge=0, description=QT_TRANSLATE_NOOP("core", "Ad, news and content popups one provider may show per hour.")
    )
    provider_daily: int = Field(
        6, ge=0, description=QT_TRANSLATE_NOOP("core", "Ad, news and content popups one provider may show in 24 hours.")
    )
    service_per_minute: int = Field(
        10,
        ge=0,
        description=QT_TRANSLATE_NOOP("core", "Service popups (chat, system messages) one provider may show per minute."),
    )
    providers: dict[ProviderId, ProviderCaps] = Field(
        default_factory=dict,
        description=QT_TRANSLATE_NOOP(
            "core",
            "Caps for single providers, lower or higher than the general ones "
            "(set them as caps.providers.<provider id>.hourly or .daily).",
        ),
        examples=[{"com.example.news": {"hourly": 1, "daily": 3}}],
    )


class OptOut(_Section):
    """What the user never wants to see (rule ``opted-out``)."""

    kinds: Annotated[list[Kind], AfterValidator(_unique)] = Field(
        default_factory=list, description=QT_TRANSLATE_NOOP("core", "Kinds of popup never shown."), examples=[["ad"]]
    )
    providers: Annotated[list[ProviderId], AfterValidator(_unique)] = Field(
        default_factory=list,
        description=QT_TRANSLATE_NOOP("core", "Providers whose popups are never shown."),
        examples=[["com.example.news"]],
    )


class TimeoutSeconds(_Section):
    """How long each kind of popup stays on screen."""

    ad: int = Field(8, ge=0, le=3600, description=QT_TRANSLATE_NOOP("core", "Seconds an ad stays on screen; 0 = until closed."))
    news: int = Field(
        10, ge=0, le=3600, description=QT_TRANSLATE_NOOP("core", "Seconds a news popup stays on screen; 0 = until closed.")
    )
    content: int = Field(
        8, ge=0, le=3600, description=QT_TRANSLATE_NOOP("core", "Seconds a content popup stays on screen; 0 = until closed.")
    )
    service: int = Field(
        6, ge=0, le=3600, description=QT_TRANSLATE_NOOP("core", "Seconds a service popup stays on screen; 0 = until closed.")
    )


class LocalApi(_Section):
    """Limits of the local socket API, per connection (a flood of providers cannot exhaust the app)."""

    idle_timeout_seconds: int = Field(
        60,
        ge=1,
        le=86400,
        description=QT_TRANSLATE_NOOP("core", "A connection that sends nothing for this many seconds is closed."),
    )
    max_connections: int = Field(
        256, ge=1, le=4096, description=QT_TRANSLATE_NOOP("core", "Connections open at once; more are refused.")
    )
    max_request_kib: int = Field(
        1088,
        ge=1025,
        le=16384,
        description=QT_TRANSLATE_NOOP(
            "core",
            "Longest request line in KiB (a popup may be 1 MiB); longer lines are refused without being read whole.",
        ),
    )


Mechanism = Literal["auto", "layer-shell", "xwayland", "x11", "window"]
CornerChoice = Literal["auto", "top-right", "top-left", "bottom-right", "bottom-left"]


class PlacementPrefs(_Section):
    """Where popups appear on the desktop and how they get there (take effect at the next start)."""

    mechanism: Mechanism = Field(
        "auto",
        description=QT_TRANSLATE_NOOP(
            "core",
            "How popups are put on screen: auto (chosen from the session: layer-shell on sway and KDE, "
            "xwayland on GNOME, x11 on X11), layer-shell, xwayland, x11 or window (plain windows).",
        ),
    )
    corner: CornerChoice = Field(
        "auto",
        description=QT_TRANSLATE_NOOP(
            "core",
            "Corner the popups stack from: auto (top-right; bottom-right on Windows), top-right, top-left, "
            "bottom-right or bottom-left.",
        ),
    )
    margin: int = Field(
        16,
        ge=0,
        le=400,
        description=QT_TRANSLATE_NOOP("core", "Gap in px between the popups and the edges of the area panels and bars leave free."),
    )
    margin_unknown_panels: int = Field(
        48,
        ge=0,
        le=400,
        description=QT_TRANSLATE_NOOP(
            "core",
            "Gap in px from the screen's edges where the window system does not say where panels are "
            "(raise it if a panel covers popups).",
        ),
    )


class Preferences(_Section):
    """Everything the user decides; nothing a provider sends can change it."""

    caps: Caps = Field(default_factory=Caps, description=QT_TRANSLATE_NOOP("core", "How many popups may be shown."))
    opt_out: OptOut = Field(default_factory=OptOut, description=QT_TRANSLATE_NOOP("core", "Kinds and providers never shown."))
    quiet_hours: Annotated[str, AfterValidator(_quiet_hours)] = Field(
        "",
        description=QT_TRANSLATE_NOOP(
            "core", 'Local time span with no popups, e.g. "22:00-08:00" (may cross midnight); empty = none.'
        ),
        examples=["22:00-08:00"],
    )
    paused_until: Annotated[str, BeforeValidator(_timestamp_text), AfterValidator(_paused_until)] = Field(
        "",
        description=QT_TRANSLATE_NOOP("core", "No popups until this time (RFC 3339 with offset); empty = not paused."),
        examples=["2026-11-27T18:00:00+08:00"],
    )
    minors_mode: bool = Field(
        False,
        description=QT_TRANSLATE_NOOP(
            "core",
            "Minor protection: no ads, nothing personalized, only listed news sources "
            "(can be locked with a guardian PIN).",
        ),
    )
    topic_max: int = Field(
        2, ge=0, description=QT_TRANSLATE_NOOP("core", "Popups shown on one topic of one provider within the topic window.")
    )
    topic_window_hours: int = Field(
        24, ge=1, description=QT_TRANSLATE_NOOP("core", "Hours over which popups on the same topic are counted.")
    )
    news_max_age_hours: int = Field(
        72, ge=1, description=QT_TRANSLATE_NOOP("core", "News older than this many hours is not shown.")
    )
    news_sources_file: str = Field(
        "",
        description=QT_TRANSLATE_NOOP("core", "A news-source list file that replaces the shipped one; empty = the shipped list."),
        examples=["/etc/popup-client/news-sources.toml"],
    )
    unverified_providers: Literal["show", "reject"] = Field(
        "show", description=QT_TRANSLATE_NOOP("core", "Popups from unverified providers: show (marked as unverified) or reject.")
    )
    language: Literal["auto", "zh_CN", "en"] = Field(
        "auto",
        description=QT_TRANSLATE_NOOP(
            "core",
            "Language of the app's own text: auto (the system's: Chinese locales get zh_CN, others en), "
            "zh_CN or en; 「广告」 and 「关闭」 stay Chinese in every language. Takes effect at the next start.",
        ),
    )
    max_visible: int = Field(
        3, ge=1, le=10, description=QT_TRANSLATE_NOOP("core", "Popups on screen at once; more wait in a queue.")
    )
    timeout_seconds: TimeoutSeconds = Field(
        default_factory=TimeoutSeconds, description=QT_TRANSLATE_NOOP("core", "How long each kind of popup stays on screen.")
    )
    local_api: LocalApi = Field(
        default_factory=LocalApi,
        description=QT_TRANSLATE_NOOP("core", "Limits of the local socket API (take effect at the next start)."),
    )
    placement: PlacementPrefs = Field(
        default_factory=PlacementPrefs,
        description=QT_TRANSLATE_NOOP("core", "Where popups appear on the desktop (take effect at the next start)."),
    )

    def quiet_hours_window(self) -> tuple[time, time] | None:
        """(start, end) of the quiet hours in local time, or ``None``; end may be before start."""
        if not self.quiet_hours:
            return None
        start, end = self.quiet_hours.split("-")
        return time.fromisoformat(start), time.fromisoformat(end)

    def in_quiet_hours(self, local: datetime) -> bool:
        """Whether the wall-clock time of ``local`` (already in local time) is inside quiet hours."""
        window = self.quiet_hours_window()
        if window is None:
            return False
        start, end = window
        now = local.time()
        if start < end:
            return start <= now < end
        return now >= start or now < end

    def paused_until_time(self) -> datetime | None:
        """The end of the pause, or ``None`` when not paused."""
        return parse_rfc3339(self.paused_until) if self.paused_until else None

    def provider_caps(self, provider_id: str) -> tuple[int, int]:
        """(hourly, daily) cap of one provider, its own overrides applied."""
        override = self.caps.providers.get(provider_id, _NO_OVERRIDE)
        hourly = self.caps.provider_hourly if override.hourly is None else override.hourly
        daily = self.caps.provider_daily if override.daily is None else override.daily
        return hourly, daily

    def timeout_for(self, kind: str) -> int:
        """Seconds a popup of ``kind`` stays on screen; 0 = until closed."""
        value = getattr(self.timeout_seconds, kind, None)
        if not isinstance(value, int):
            raise PrefError(f"no timeout for kind {kind!r}; kinds are {', '.join(TimeoutSeconds.model_fields)}")
        return value


# --- the field list ---------------------------------------------------------


@dataclass(frozen=True)
class PrefField:
    """One setting as the dialog and the CLI show it.

    ``type_name`` is one of ``int``, ``bool``, ``str``, ``choice`` (one of
    ``choices``), ``list`` (of strings, drawn from ``choices`` when set) and
    ``table`` (``caps.providers``). ``example`` is a TOML value.
    """

    key: str
    type_name: str
    default: Any
    description: str  # English; a translatable Text for every field of the schema
    choices: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    example: str = ""

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
        return QT_TRANSLATE_NOOP("core", "text")


def _int_expectation(minimum: int | None, maximum: int | None) -> Text:
    if minimum is not None and maximum is not None:
        return QT_TRANSLATE_NOOP("core", "a whole number from {minimum} to {maximum}").format(minimum=minimum, maximum=maximum)
    if minimum is not None:
        return QT_TRANSLATE_NOOP("core", "a whole number, {minimum} or more").format(minimum=minimum)
    return QT_TRANSLATE_NOOP("core", "a whole number")


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _literal_values(annotation: Any) -> tuple[str, ...] | None:
    return tuple(str(v) for v in get_args(annotation)) if get_origin(annotation) is Literal else None


def _bound(info: FieldInfo, name: str) -> int | None:
    for item in info.metadata:
        value = getattr(item, name, None)
        if isinstance(value, int):
            return value
    return None


def _type_name(annotation: Any) -> tuple[str, tuple[str, ...] | None]:
    optional = [a for a in get_args(annotation) if a is not type(None)]
    if type(None) in get_args(annotation) and len(optional) == 1:
        annotation = optional[0]
    origin = get_origin(annotation)
    if origin is dict:
        return "table", None
    if origin is list:
        return "list", _literal_values(get_args(annotation)[0])
    choices = _literal_values(annotation)
    if choices is not None:
        return "choice", choices
    names = {bool: "bool", int: "int", str: "str"}
    return names.get(annotation, "str"), None


def _make_field(key: str, info: FieldInfo, default: Any) -> PrefField:
    type_name, choices = _type_name(info.annotation)
    example = info.examples[0] if info.examples else default
    return PrefField(
        key=key,
        type_name=type_name,
        default=default,
        description=info.description or "",
        choices=choices,
        minimum=_bound(info, "ge"),
        maximum=_bound(info, "le"),
        example=_toml_repr(example),
    )


def _walk(model: BaseModel, prefix: str) -> Iterator[PrefField]:
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if _is_model(info.annotation):
            yield from _walk(value, f"{prefix}{name}.")
        else:
            yield _make_field(prefix + name, info, _plain(value))


def pref_fields() -> list[PrefField]:
    """Every setting, in schema order, with its default; ``caps.providers`` is one entry."""
    return list(_walk(Preferences(), ""))


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="python", exclude_none=True)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# --- TOML values --------------------------------------------------------------


def _toml_key(key: str) -> str:
    return key if _BARE_KEY_RE.match(key) else json.dumps(key, ensure_ascii=False)


def _toml_repr(value: Any) -> str:
    """``value`` as an inline TOML value: ``6``, ``true``, ``["ad"]``, ``{ hourly = 1 }``."""
    if isinstance(value, dict):
        items = ", ".join(f"{_toml_key(str(k))} = {_toml_repr(v)}" for k, v in value.items())
        return "{ " + items + " }" if items else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_repr(v) for v in value) + "]"
    return tomli_w.dumps({"v": value})[len("v = ") :].rstrip("\n")


def toml_value(value: Any) -> str:
    """A setting's value as ``prefs show`` prints it: an inline TOML value that loads back as it was."""
    return _toml_repr(_plain(value))


def _parse_toml_value(raw: str) -> tuple[bool, Any]:
    """(True, value) when ``raw`` is a single TOML value, else (False, None)."""
    try:
        doc = tomllib.loads(f"v = {raw}")
    except tomllib.TOMLDecodeError:
        return False, None
    return (True, doc["v"]) if list(doc) == ["v"] else (False, None)


# --- dotted keys ------------------------------------------------------------


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
        info = ProviderCaps.model_fields[last]
        field = _make_field(key, info, None)
        return _Target(key, ("caps", "providers", head, last), field)
    if head and difflib.get_close_matches(last, PROVIDER_CAP_NAMES, n=1, cutoff=0.7):
        text = QT_TRANSLATE_NOOP("core", "unknown preference {key!r}; a provider's caps are {prefix}.hourly and .daily")
        raise PrefError(text.format(key=key, prefix=f"{PROVIDERS_KEY}.{head}"))
    description = QT_TRANSLATE_NOOP("core", "This provider's caps.")
    field = PrefField(key, "table", {}, description, example="{ hourly = 1, daily = 3 }")
    return _Target(key, ("caps", "providers", rest), field)


def _unknown_key(key: str, keys: list[str]) -> PrefError:
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
    value = _lookup(_plain(prefs), target.path)
    if value is None and target.path[:2] == ("caps", "providers") and len(target.path) == 3:
        return {}
    return value


_DELETE = object()


def _replace(prefs: Preferences, target: _Target, value: Any) -> Preferences:
    data = _plain(prefs)
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
        return Preferences.model_validate(data)
    except ValidationError as err:
        raise PrefError(_explain_value(target, value, err)) from None


def _explain_value(target: _Target, value: Any, err: ValidationError) -> Text | str:
    errors = err.errors()
    problems = join(SEMICOLON, (error_text(e, target.path) for e in errors))
    shown = _toml_repr(value) if value is not None else QT_TRANSLATE_NOOP("core", "nothing")
    sentences: list[str] = [
        QT_TRANSLATE_NOOP("core", "{key} = {value} is not valid: {problems}.").format(key=target.key, value=shown, problems=problems)
    ]
    if target.field is not None and not any("[key]" in e["loc"] for e in errors):
        sentences.append(_advice(target.field))
    if target.path[:2] == ("caps", "providers") and len(target.path) == 3:
        text = QT_TRANSLATE_NOOP("core", "One cap of one provider is set as {key}.<provider id>.hourly or .daily.")
        sentences.append(text.format(key=PROVIDERS_KEY))
    return join(SENTENCES, sentences)


def _advice(field: PrefField) -> Text:
    example = f"{field.key} = {field.example}"
    if field.type_name == "str":
        return QT_TRANSLATE_NOOP("core", "Example: {example}.").format(example=example)
    return QT_TRANSLATE_NOOP("core", "Expected {expected}, e.g. {example}.").format(expected=field.expected, example=example)


#: Pydantic's messages for the errors a preference can have, as translatable text (the same English, lower case).
_PYDANTIC_MESSAGES = {
    "greater_than_equal": QT_TRANSLATE_NOOP("core", "input should be greater than or equal to {ge}"),
    "less_than_equal": QT_TRANSLATE_NOOP("core", "input should be less than or equal to {le}"),
    "int_type": QT_TRANSLATE_NOOP("core", "input should be a valid integer"),
    "bool_type": QT_TRANSLATE_NOOP("core", "input should be a valid boolean"),
    "string_type": QT_TRANSLATE_NOOP("core", "input should be a valid string"),
    "list_type": QT_TRANSLATE_NOOP("core", "input should be a valid list"),
    "dict_type": QT_TRANSLATE_NOOP("core", "input should be a valid dictionary"),
    "model_type": QT_TRANSLATE_NOOP("core", "input should be a valid dictionary or instance of {class_name}"),
    "literal_error": QT_TRANSLATE_NOOP("core", "input should be {expected}"),
    "extra_forbidden": QT_TRANSLATE_NOOP("core", "is not a known setting"),
}


def _pydantic_message(error: Any) -> str:
    """What is wrong, as a sentence to follow the setting's name."""
    if error["type"] == "value_error" and "error" in error.get("ctx", {}):
        return str(error["ctx"]["error"])  # our own validators' message: a Text
    template = _PYDANTIC_MESSAGES.get(error["type"])
    ctx = {k: str(v) for k, v in error.get("ctx", {}).items()}
    if template is not None and fields(template.template) <= set(ctx):
        if "expected" in ctx:
            ctx["expected"] = literal_expected(ctx["expected"])
        return template.format(**{k: ctx[k] for k in fields(template.template)})
    message = str(error["msg"]).removeprefix("Value error, ")
    return message[:1].lower() + message[1:]


def error_text(error: Any, skip: tuple[str, ...] = (), *, show_input: bool = False) -> str:
    """One pydantic error of the schema as ``where: what is wrong`` (``where`` relative to ``skip``)."""
    loc = [str(p) for p in error["loc"] if p != "[key]"]
    if loc[: len(skip)] == list(skip):
        inner = loc[len(skip) :]
    else:
        inner = [] if list(skip[: len(loc)]) == loc else loc
    where = join(_DOT, (_ITEM.format(number=int(p) + 1) if p.isdigit() else p for p in inner))
    message = _pydantic_message(error)
    if show_input and error["type"] != "extra_forbidden":
        found = repr(error.get("input"))
        found = found if len(found) <= 40 else found[:37] + "..."
        message = QT_TRANSLATE_NOOP("core", "{message} (found {found})").format(message=message, found=found)
    return AT_PATH.format(path=where, message=message) if where else message


_ITEM = QT_TRANSLATE_NOOP("core", "item {number}")
_DOT = QT_TRANSLATE_NOOP("core", "{first}.{second}")


def _coerce(raw: str, field: PrefField) -> Any:
    ok, parsed = _parse_toml_value(raw)
    if field.type_name in ("str", "choice"):
        return parsed if ok and isinstance(parsed, str) else raw.strip()
    if field.type_name == "list" and not ok:
        return [part.strip() for part in raw.split(",") if part.strip()]
    if ok:
        return parsed
    text = QT_TRANSLATE_NOOP("core", "{key} = {value} is not valid.").format(
        key=field.key, value=raw.strip() or QT_TRANSLATE_NOOP("core", "(nothing)")
    )
    raise PrefError(SENTENCES.format(first=text, second=_advice(field)))


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
    return _replace(prefs, target, _lookup(_plain(Preferences()), target.path))


# --- the file ---------------------------------------------------------------

_HEADER = """\
# popup-client preferences. Change them in the app, with
# `popup-client prefs set KEY VALUE`, or here (the running app applies a
# change within a second). Every setting is listed. A setting that cannot
# be used is dropped, the file as it was kept aside, and you are told.
"""


def _comment(text: str) -> list[str]:
    return ["# " + line for line in textwrap.wrap(text, width=76)]


def _section_lines(section: str, fields: list[PrefField], data: dict[str, Any]) -> list[str]:
    info = Preferences.model_fields[section]
    lines = ["", *_comment(info.description or section), f"[{section}]"]
    tables: list[str] = []
    for field in fields:
        name = field.key.split(".", 1)[1]
        value = data[section].get(name)
        if field.type_name == "table":
            tables += ["", *_comment(field.description)]
            if value:
                tables.append(tomli_w.dumps({section: {name: value}}).rstrip())
            else:
                tables += ["# For example:", f"# [{field.key}.{_toml_key('com.example.news')}]", "# hourly = 1"]
            continue
        lines += [*_comment(field.description), f"{name} = {_toml_repr(value)}"]
    return lines + tables


def to_toml(prefs: Preferences) -> str:
    """The full preferences document, every setting with its description as a comment."""
    data = _plain(prefs)
    fields = pref_fields()
    lines = [_HEADER.rstrip("\n")]
    for field in (f for f in fields if "." not in f.key):
        lines += ["", *_comment(field.description), f"{field.key} = {_toml_repr(data[field.key])}"]
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
        return Preferences.model_validate(data)
    except ValidationError as err:
        raise PrefError(join(SEMICOLON, (error_text(e, show_input=True) for e in err.errors()))) from None


def _fsync_dir(directory: Path) -> None:
    if os.name == "nt":  # pragma: no cover - directories cannot be opened on Windows
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse; the data is already synced
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` (mode 0600) so a crash leaves the old or the new file."""
    directory = ensure_private_dir(path.parent)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(directory)
