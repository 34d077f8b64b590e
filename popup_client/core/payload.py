"""The popup payload, version 1 (docs/payload.md): the one model every transport feeds.

:func:`parse_popup` turns received bytes into a :class:`Popup` or raises a
:class:`~popup_client.core.errors.PayloadError` listing every problem with
its JSON path. Text is normalized before validation, so limits apply to what
will be displayed. Fields whose absence breaks a *content* rule
(``news.license``, ``ad.review_id``, ``review``…) are optional in the model
and reported by that rule, under its id; the JSON Schema still marks them
required, as the contract says.

The models are frozen msgspec Structs: msgspec checks a payload's shape in
C, the checks of :mod:`~popup_client.core.payload_checks` (named in each
field's annotation) normalize and check its values, and
:mod:`~popup_client.core.payload_collect` lists every problem when any is
found.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

import msgspec

from . import payload_checks as checks
from .errors import PayloadError, Problem
from .payload_checks import Check
from .payload_collect import collect_struct, literal_expected, rule_of, run_checks
from .text import QT_TRANSLATE_NOOP
from .timefmt import format_rfc3339, parse_rfc3339
from .vocabulary import Kind

MAX_PAYLOAD_BYTES = 1024 * 1024
#: Problems listed one by one in a PayloadError; the rest are summarised.
MAX_PROBLEMS = 50
ICON_MAX_BYTES, ICON_MAX_SIDE = 256 * 1024, 512
IMAGE_MAX_BYTES, IMAGE_MAX_SIDE = 512 * 1024, 4096

#: The wire form of :class:`~popup_client.core.vocabulary.Kind`, as strict validation and the JSON Schema take it.
KindName = Literal["ad", "news", "content", "service"]
KINDS: tuple[Kind, ...] = tuple(Kind)

if TYPE_CHECKING:
    _Stamp = datetime
else:  # msgspec takes any value; the check (parse_rfc3339) makes it a datetime, in its own words
    _Stamp = Any


def _info(description: str | None = None, **schema: Any) -> msgspec.Meta:
    """A field's description and the limits the JSON Schema states (the checks enforce them after normalization)."""
    return msgspec.Meta(description=description, extra_json_schema=schema or None)


OptText = Annotated[str, Check(checks.line(200))] | None
OptUrl = Annotated[str, Check(checks.url(2048))] | None
OptTimestamp = Annotated[
    _Stamp | None,
    Check(parse_rfc3339),
    _info(
        "RFC 3339 with an explicit offset",
        type="string",
        format="date-time",
        pattern=r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$",
    ),
]


class _Model(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    # Fields the JSON Schema marks required although the model takes them optional: a content rule reports their absence.
    contract_required: ClassVar[tuple[str, ...]] = ()


class Provider(_Model, frozen=True):
    """Who sends the popup; shown on every popup (rule ``provider-identity``)."""

    id: Annotated[
        str,
        Check(checks.provider_id),
        _info("reverse-DNS, lower case, at least two labels, ≤ 255 characters", pattern=checks.PROVIDER_ID_RE.pattern, maxLength=255),
    ] | None = None
    name: Annotated[str, Check(checks.line(40)), _info("1–40 characters after normalization", minLength=1, maxLength=40)] | None = None
    icon: Annotated[
        str, Check(checks.image(ICON_MAX_BYTES, ICON_MAX_SIDE)), _info("data: URI, PNG or JPEG, ≤ 256 KiB decoded, ≤ 512 × 512 px")
    ] | None = None
    domain: Annotated[str, Check(checks.host), _info("the provider's own site, a bare host name", pattern=checks.HOST_RE.pattern)] | None = None
    complaint_url: Annotated[str, Check(checks.url(2048)), _info("https, on provider.domain or a subdomain")] | None = None

    contract_required: ClassVar[tuple[str, ...]] = ("id", "name")


class AdInfo(_Model, frozen=True):
    """The advertising declaration of an ``ad`` popup (rule ``ad-review``)."""

    advertiser: OptText = None
    review_id: OptText = None
    payer: OptText = None
    targeting: Annotated[
        list[Annotated[str, Check(checks.line(64, min_len=1, what=checks.REASON))]],
        msgspec.Meta(max_length=10, description="why this person sees the ad"),
    ] = msgspec.field(default_factory=list)

    contract_required: ClassVar[tuple[str, ...]] = ("advertiser", "review_id")


class NewsInfo(_Model, frozen=True):
    """Where a ``news`` popup's story comes from (rules ``news-*``)."""

    source: OptText = None
    license: OptText = None
    original_title: Annotated[str, Check(checks.line(500))] | None = None
    published_at: OptTimestamp = None
    url: OptUrl = None

    contract_required: ClassVar[tuple[str, ...]] = ("source", "license", "original_title", "published_at", "url")


class Review(_Model, frozen=True):
    """The human review of a popup (rule ``human-review``)."""

    reviewer: OptText = None
    reviewed_at: OptTimestamp = None

    contract_required: ClassVar[tuple[str, ...]] = ("reviewer", "reviewed_at")


class Audience(_Model, frozen=True):
    """Who the provider aimed at. ``tier`` is journaled and never read by any rule."""

    tier: Annotated[str, Check(checks.line(32))] = ""
    personalized: bool = False
    minor: bool = False


_ID_ADVICE = QT_TRANSLATE_NOOP("core", "must be 1–128 characters of A-Z a-z 0-9 . _ : -")


class Popup(_Model, frozen=True):
    """One popup as a provider sent it, validated and normalized."""

    version: Annotated[Literal[1], Check(checks.not_bool)]
    id: Annotated[str, Check(checks.pattern(checks.ID_RE, _ID_ADVICE)), _info("unique per provider", pattern=checks.ID_RE.pattern)]
    provider: Provider
    kind: Kind
    title: Annotated[
        str, Check(checks.line(120, min_len=1, what=checks.TITLE)), _info("1–120 characters after normalization", minLength=1, maxLength=120)
    ]
    body: Annotated[
        str,
        Check(checks.multiline(1000)),
        _info("plain text, ≤ 1000 characters after normalization; markup is never interpreted", maxLength=1000),
    ] = ""
    link: OptUrl = None
    image: Annotated[
        str, Check(checks.image(IMAGE_MAX_BYTES, IMAGE_MAX_SIDE)), _info("data: URI, PNG or JPEG, ≤ 512 KiB decoded, ≤ 4096 × 4096 px")
    ] | None = None
    ad: AdInfo | None = None
    news: NewsInfo | None = None
    review: Review | None = None
    topic: Annotated[str, Check(checks.line(64)), _info("a topic key, for the clustering rule", maxLength=64)] | None = None
    audience: Audience = msgspec.field(default_factory=Audience)
    sent_at: OptTimestamp = None

    @property
    def key(self) -> tuple[str, str]:
        """(provider id, popup id): what the duplicate rule compares."""
        return (self.provider.id or "", self.id)

    def to_dict(self) -> dict[str, Any]:
        """The normalized payload as JSON data: absent fields left out, timestamps as RFC 3339 text."""
        return _data(self)

    def to_json(self) -> str:
        """The normalized payload as compact JSON (what the journal keeps)."""
        return _ENCODER.encode(_data(self)).decode("utf-8")

    def replace(self, **changes: Any) -> Popup:
        """A copy with ``changes`` (not validated again, like every struct's ``msgspec.structs.replace``)."""
        return msgspec.structs.replace(self, **changes)


_ENCODER = msgspec.json.Encoder()


def _data(obj: msgspec.Struct) -> dict[str, Any]:
    """``obj``'s fields in their order, None left out, nested models as dicts, a kind and a time as JSON has them."""
    data: dict[str, Any] = {}
    for name, value in zip(obj.__struct_fields__, msgspec.structs.astuple(obj)):
        if value is None:
            continue
        if isinstance(value, msgspec.Struct):
            value = _data(value)
        elif isinstance(value, Kind):
            value = value.value
        elif isinstance(value, datetime):
            value = format_rfc3339(value)
        elif isinstance(value, list):
            value = list(value)
        data[name] = value
    return data


def popup_json_schema() -> dict[str, Any]:
    """The JSON Schema of the payload, generated from :class:`Popup` (see :mod:`popup_client.core.payload_schema`)."""
    from .payload_schema import struct_json_schema

    conditions = [
        {"if": {"properties": {"kind": {"const": "ad"}}}, "then": {"required": ["ad", "review"]}, "else": {"not": {"required": ["ad"]}}},
        {"if": {"properties": {"kind": {"const": "news"}}}, "then": {"required": ["news", "review"]}, "else": {"not": {"required": ["news"]}}},
        {"if": {"properties": {"kind": {"const": "content"}}}, "then": {"required": ["review"]}},
    ]
    extra = {
        "allOf": conditions,
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://popup-client.invalid/schema/popup-1.schema.json",
        "title": "popup-client payload, version 1",
    }
    return struct_json_schema(Popup, extra)


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


_QUICK = msgspec.json.Decoder()


def _quickly(raw: bytes) -> dict[str, Any] | None:
    """The object msgspec decodes ``raw`` to, where it is certainly what :func:`_loads` gives (the usual payload); else None.

    msgspec's JSON is as strict as ``_loads`` or stricter (no NaN, no lone surrogate, no BOM, no bad UTF-8, no
    integer past 64 bits): what it refuses, ``_loads`` decides, in its words. But it keeps the last of a key given
    twice. A ':' follows each key, so a text with no more ':' than the object's compact JSON (a ':' per key it kept,
    and those inside its texts) gave no key twice. An escaped ':' (``\\u003a``) escapes the count: ``_loads`` decides.
    """
    if b"\\u003" in raw:
        return None
    try:
        value = _QUICK.decode(raw)
        if type(value) is not dict or _ENCODER.encode(value).count(b":") != raw.count(b":"):
            return None
    except (msgspec.DecodeError, RecursionError):
        return None
    return value


def load_json_object(raw: bytes | str) -> dict[str, Any]:
    """Decode one JSON object from bytes with the contract's limits."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_PAYLOAD_BYTES:
        message = QT_TRANSLATE_NOOP("core", "the payload is {size} bytes; the limit is {limit} bytes (1 MiB), images included")
        raise PayloadError([Problem("", message.format(size=len(raw), limit=MAX_PAYLOAD_BYTES))])
    quick = _quickly(raw)
    if quick is not None:
        return quick
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


# msgspec's conversion of a decoded object, strict (no text read as a number); the fast path.
_convert = msgspec.convert


def _fast(value: dict[str, Any]) -> Popup | None:
    """The popup, if msgspec and every check take ``value`` as it is (the usual payload); else None."""
    try:
        popup = _convert(value, Popup)
        run_checks(popup.provider)
        for part in (popup.ad, popup.news, popup.review):
            if part is not None:
                run_checks(part)
        if "audience" in value:  # else the model's own default, which the slow path does not check either
            run_checks(popup.audience)
        run_checks(popup)
    except (msgspec.ValidationError, ValueError, UnicodeEncodeError):
        return None
    ad = value.get("ad")
    if isinstance(ad, dict) and type(ad.get("targeting", [])) is not list:  # msgspec takes a tuple for a list; the contract does not
        return None
    return popup


def _checked(cls: type[Any], value: Any) -> Any:
    """``value`` as a ``cls``, or PayloadError listing every problem (paths relative to ``value``), at most MAX_PROBLEMS."""
    problems: list[Problem] = []
    result = collect_struct(cls, value, "", problems)
    if problems:
        raise PayloadError(_at_most(MAX_PROBLEMS, [rule_of(p) for p in problems] if cls is Popup else problems))
    return result


def popup_from_object(value: dict[str, Any]) -> Popup:
    """Validate an already-decoded JSON object (used by transports that build dicts)."""
    popup = _fast(value) if isinstance(value, dict) else None
    if popup is not None:
        return popup
    result: Popup = _checked(Popup, value)
    return result


def provider_from_object(value: dict[str, Any]) -> Provider:
    """A provider's fields checked with the payload's own rules (the registry, the trust bundles), or PayloadError."""
    result: Provider = _checked(Provider, value)
    return result


def parse_popup(raw: bytes | str) -> Popup:
    """Parse received bytes into a :class:`Popup`, or raise :class:`PayloadError`."""
    return popup_from_object(load_json_object(raw))


__all__ = [
    "ICON_MAX_BYTES", "ICON_MAX_SIDE", "IMAGE_MAX_BYTES", "IMAGE_MAX_SIDE", "KINDS", "MAX_PAYLOAD_BYTES", "MAX_PROBLEMS",
    "AdInfo", "Audience", "KindName", "NewsInfo", "Popup", "Provider", "Review",
    "literal_expected", "load_json_object", "parse_popup", "popup_from_object", "popup_json_schema", "provider_from_object",
]  # fmt: skip
