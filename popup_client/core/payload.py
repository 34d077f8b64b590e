"""The popup payload, version 1 (docs/payload.md): the one model every transport feeds.

:func:`parse_popup` turns received bytes into a :class:`Popup` or raises a
:class:`~popup_client.core.errors.PayloadError` listing every problem with
its JSON path. Text is normalized before validation, so limits apply to what
will be displayed. Fields whose absence breaks a *content* rule
(``news.license``, ``ad.review_id``, ``review``…) are optional in the model
and reported by that rule, under its id; the JSON Schema still marks them
required, as the contract says.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    WithJsonSchema,
)

from . import payload_checks as checks
from .errors import PayloadError, Problem
from .text import COMMA, OR, QT_TRANSLATE_NOOP, Text, join
from .timefmt import format_rfc3339, parse_rfc3339
from .vocabulary import KIND_OF, Kind

MAX_PAYLOAD_BYTES = 1024 * 1024
#: Problems listed one by one in a PayloadError; the rest are summarised.
MAX_PROBLEMS = 50
ICON_MAX_BYTES, ICON_MAX_SIDE = 256 * 1024, 512
IMAGE_MAX_BYTES, IMAGE_MAX_SIDE = 512 * 1024, 4096

#: The wire form of :class:`~popup_client.core.vocabulary.Kind`, as strict validation and the JSON Schema take it.
KindName = Literal["ad", "news", "content", "service"]
KINDS: tuple[Kind, ...] = tuple(Kind)

# An optional field's checks run on a string only (pydantic passes None by itself, without calling Python).
OptText = Annotated[str, AfterValidator(checks.line(200))] | None
OptUrl = Annotated[str, AfterValidator(checks.maxlen(2048)), AfterValidator(checks.no_surrogates)] | None
OptTimestamp = Annotated[
    Annotated[datetime, BeforeValidator(parse_rfc3339)] | None,
    PlainSerializer(lambda v: None if v is None else format_rfc3339(v), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "pattern": r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$",
            "description": "RFC 3339 with an explicit offset",
        }
    ),
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Provider(_Model):
    """Who sends the popup; shown on every popup (rule ``provider-identity``)."""

    id: Annotated[str, AfterValidator(checks.provider_id)] | None = Field(
        None,
        description="reverse-DNS, lower case, at least two labels, ≤ 255 characters",
        json_schema_extra={"pattern": checks.PROVIDER_ID_RE.pattern, "maxLength": 255},
    )
    name: Annotated[str, AfterValidator(checks.line(40))] | None = Field(
        None, description="1–40 characters after normalization", json_schema_extra={"minLength": 1, "maxLength": 40}
    )
    icon: Annotated[str, AfterValidator(checks.image(ICON_MAX_BYTES, ICON_MAX_SIDE))] | None = Field(
        None, description="data: URI, PNG or JPEG, ≤ 256 KiB decoded, ≤ 512 × 512 px"
    )
    domain: Annotated[str, AfterValidator(checks.host)] | None = Field(
        None, description="the provider's own site, a bare host name", json_schema_extra={"pattern": checks.HOST_RE.pattern}
    )
    complaint_url: OptUrl = Field(None, description="https, on provider.domain or a subdomain")

    model_config = ConfigDict(json_schema_extra={"required": ["id", "name"]})


class AdInfo(_Model):
    """The advertising declaration of an ``ad`` popup (rule ``ad-review``)."""

    advertiser: OptText = None
    review_id: OptText = None
    payer: OptText = None
    targeting: list[Annotated[str, AfterValidator(checks.line(64, min_len=1, what=checks.REASON))]] = Field(
        default_factory=list, max_length=10, description="why this person sees the ad"
    )

    model_config = ConfigDict(json_schema_extra={"required": ["advertiser", "review_id"]})


class NewsInfo(_Model):
    """Where a ``news`` popup's story comes from (rules ``news-*``)."""

    source: OptText = None
    license: OptText = None
    original_title: Annotated[str, AfterValidator(checks.line(500))] | None = None
    published_at: OptTimestamp = None
    url: OptUrl = None

    model_config = ConfigDict(json_schema_extra={"required": ["source", "license", "original_title", "published_at", "url"]})


class Review(_Model):
    """The human review of a popup (rule ``human-review``)."""

    reviewer: OptText = None
    reviewed_at: OptTimestamp = None

    model_config = ConfigDict(json_schema_extra={"required": ["reviewer", "reviewed_at"]})


class Audience(_Model):
    """Who the provider aimed at. ``tier`` is journaled and never read by any rule."""

    tier: Annotated[str, AfterValidator(checks.line(32))] = ""
    personalized: bool = False
    minor: bool = False


def _kind_conditions(schema: dict[str, Any]) -> None:
    schema["allOf"] = [
        {"if": {"properties": {"kind": {"const": "ad"}}}, "then": {"required": ["ad", "review"]}, "else": {"not": {"required": ["ad"]}}},
        {"if": {"properties": {"kind": {"const": "news"}}}, "then": {"required": ["news", "review"]}, "else": {"not": {"required": ["news"]}}},
        {"if": {"properties": {"kind": {"const": "content"}}}, "then": {"required": ["review"]}},
    ]
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://popup-client.invalid/schema/popup-1.schema.json"


class Popup(_Model):
    """One popup as a provider sent it, validated and normalized."""

    version: Annotated[Literal[1], BeforeValidator(checks.not_bool)]
    id: Annotated[str, AfterValidator(checks.pattern(checks.ID_RE, QT_TRANSLATE_NOOP("core", "must be 1–128 characters of A-Z a-z 0-9 . _ : -")))] = Field(
        description="unique per provider", json_schema_extra={"pattern": checks.ID_RE.pattern}
    )
    provider: Provider
    kind: Annotated[KindName, AfterValidator(KIND_OF.__getitem__)]
    title: Annotated[str, AfterValidator(checks.line(120, min_len=1, what=checks.TITLE))] = Field(
        description="1–120 characters after normalization", json_schema_extra={"minLength": 1, "maxLength": 120}
    )
    body: Annotated[str, AfterValidator(checks.multiline(1000))] = Field(
        "", description="plain text, ≤ 1000 characters after normalization; markup is never interpreted", json_schema_extra={"maxLength": 1000}
    )
    link: OptUrl = None
    image: Annotated[str, AfterValidator(checks.image(IMAGE_MAX_BYTES, IMAGE_MAX_SIDE))] | None = Field(
        None, description="data: URI, PNG or JPEG, ≤ 512 KiB decoded, ≤ 4096 × 4096 px"
    )
    ad: AdInfo | None = None
    news: NewsInfo | None = None
    review: Review | None = None
    topic: Annotated[str, AfterValidator(checks.line(64))] | None = Field(
        None, description="a topic key, for the clustering rule", json_schema_extra={"maxLength": 64}
    )
    audience: Audience = Field(default_factory=Audience)
    sent_at: OptTimestamp = None

    model_config = ConfigDict(json_schema_extra=_kind_conditions, title="popup-client payload, version 1")

    @property
    def key(self) -> tuple[str, str]:
        """(provider id, popup id): what the duplicate rule compares."""
        return (self.provider.id or "", self.id)

    def to_json(self) -> str:
        """The normalized payload as compact JSON (what the journal keeps)."""
        return self.model_dump_json(exclude_none=True)


def _drop_nulls(node: Any) -> Any:
    """Optional fields are absent, not null, in the published contract."""
    if isinstance(node, list):
        return [_drop_nulls(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {k: _drop_nulls(v) for k, v in node.items() if not (k == "default" and v is None)}
    options = node.get("anyOf")
    if isinstance(options, list) and {"type": "null"} in options:
        rest = [o for o in options if o != {"type": "null"}]
        node.pop("anyOf")
        if len(rest) == 1:
            node.update(rest[0])
        else:
            node["anyOf"] = rest
    return node


def popup_json_schema() -> dict[str, Any]:
    """The JSON Schema of the payload, generated from :class:`Popup`."""
    schema: dict[str, Any] = _drop_nulls(Popup.model_json_schema(mode="validation"))
    return schema


# ---------------------------------------------------------------- parsing


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):  # the usual case, decided without a loop in Python
        return result
    seen: set[str] = set()
    for key, _ in pairs:  # the first key given twice
        if key in seen:
            raise _DuplicateKey(key)
        seen.add(key)
    raise AssertionError("unreachable: fewer keys than pairs means a key was given twice")  # pragma: no cover


def _reject_constant(name: str) -> Any:
    raise ValueError(QT_TRANSLATE_NOOP("core", "{name} is not valid JSON").format(name=name))


# One decoder for every payload (``json.loads`` with these hooks would build a new one per call).
_DECODER = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)


def _loads(text: str) -> Any:
    """``json.loads(text, object_pairs_hook=…, parse_constant=…)``, with the one decoder."""
    if text.startswith("\ufeff"):  # what json.loads says of a str that starts with a BOM
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    return _DECODER.decode(text)


def load_json_object(raw: bytes | str) -> dict[str, Any]:
    """Decode one JSON object from bytes with the contract's limits."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_PAYLOAD_BYTES:
        message = QT_TRANSLATE_NOOP("core", "the payload is {size} bytes; the limit is {limit} bytes (1 MiB), images included")
        raise PayloadError([Problem("", message.format(size=len(raw), limit=MAX_PAYLOAD_BYTES))])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = QT_TRANSLATE_NOOP("core", "the payload is not valid UTF-8 (byte {byte}); send UTF-8 JSON")
        raise PayloadError([Problem("", message.format(byte=exc.start))]) from None
    try:
        value = _loads(text)
    except _DuplicateKey as exc:
        message = QT_TRANSLATE_NOOP("core", "the key {key!r} appears twice in one object; send each key once")
        raise PayloadError([Problem("", message.format(key=str(exc)))]) from None
    except RecursionError:
        message = QT_TRANSLATE_NOOP("core", "the JSON is nested too deeply; a payload is at most a few levels deep")
        raise PayloadError([Problem("", message)]) from None
    except ValueError as exc:
        message = QT_TRANSLATE_NOOP("core", "the payload is not valid JSON: {error}")
        raise PayloadError([Problem("", message.format(error=str(exc)))]) from None
    if not isinstance(value, dict):
        raise PayloadError([Problem("", QT_TRANSLATE_NOOP("core", "the payload must be a JSON object"))])
    return value


_OBJECT = QT_TRANSLATE_NOOP("core", "must be an object")
_TYPE_ADVICE = {
    "missing": QT_TRANSLATE_NOOP("core", "is required"),
    "extra_forbidden": QT_TRANSLATE_NOOP("core", "is not a field of payload version 1; remove it (a payload cannot control presentation)"),
    "string_type": QT_TRANSLATE_NOOP("core", "must be a string"),
    "int_type": QT_TRANSLATE_NOOP("core", "must be an integer"),
    "bool_type": QT_TRANSLATE_NOOP("core", "must be true or false"),
    "list_type": QT_TRANSLATE_NOOP("core", "must be a list"),
    # Pydantic's own words (lower case), for the rarer errors the corpus reaches.
    "string_unicode": QT_TRANSLATE_NOOP("core", "input should be a valid string, unable to parse raw data as a unicode string"),
    "int_parsing_size": QT_TRANSLATE_NOOP("core", "unable to parse input string as an integer, exceeded maximum size"),
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "dataclass_type": _OBJECT,
    "dict_type": _OBJECT,
}
_MUST_BE = QT_TRANSLATE_NOOP("core", "must be {expected}")
_TOO_MANY = QT_TRANSLATE_NOOP("core", "is too long; the limit is {limit}")
_ALTERNATIVES = re.compile(r"^(?P<rest>'[^']*'(?:, '[^']*')*) or (?P<last>'[^']*')$")


def literal_expected(expected: str) -> str:
    """Pydantic's ``'a', 'b' or 'c'`` (a literal_error's ``expected``) with a translatable "or"; as it is if not that shape."""
    match = _ALTERNATIVES.match(expected)
    if match is None:
        return expected
    return OR.format(first=join(COMMA, match["rest"].split(", ")), second=match["last"])


def _problem_message(err: Any) -> str:
    kind = err["type"]
    if kind == "value_error":
        return str(err["ctx"]["error"]) if "ctx" in err else str(err["msg"])
    if kind == "literal_error":
        return _MUST_BE.format(expected=literal_expected(str(err["ctx"]["expected"])))
    if kind in ("string_too_long", "too_long"):
        return _TOO_MANY.format(limit=str(err["ctx"].get("max_length")))
    return _TYPE_ADVICE.get(kind, str(err["msg"]).lower())


def _path_of(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts)


def _problems_of(exc: ValidationError) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        path = _path_of(tuple(err["loc"]))
        rule = "provider-identity" if path in ("provider.id", "provider.name") else "contract"
        problems.append(Problem(path, _problem_message(err), rule))
    return _at_most(MAX_PROBLEMS, problems)


def _at_most(limit: int, problems: list[Problem]) -> list[Problem]:
    """The first ``limit`` problems, and one summary per rule of the rest.

    A payload of 20 000 unknown fields must not become a 4 MB reply and
    journal row: the error stays proportionate whatever was sent.
    """
    if len(problems) <= limit:
        return problems
    rest: dict[str, int] = {}
    for problem in problems[limit:]:
        rest[problem.rule] = rest.get(problem.rule, 0) + 1
    more = QT_TRANSLATE_NOOP("core", "… and {count} more problem(s), not listed")
    summary = [Problem("", more.format(count=n), rule) for rule, n in rest.items()]
    return problems[:limit] + summary


def popup_from_object(value: dict[str, Any]) -> Popup:
    """Validate an already-decoded JSON object (used by transports that build dicts)."""
    try:
        return Popup.model_validate(value)
    except ValidationError as exc:
        raise PayloadError(_problems_of(exc)) from None


def parse_popup(raw: bytes | str) -> Popup:
    """Parse received bytes into a :class:`Popup`, or raise :class:`PayloadError`."""
    return popup_from_object(load_json_object(raw))
