"""The signed policy bundle: one file a vendor signs, carrying news sources, providers, defaults and locks.

File format (UTF-8 JSON, at most 8 MiB)::

    {
      "format": "popup-client-policy/1",
      "body": "<base64 of the body bytes>",
      "signature": {"key_id": "ed25519:<32 hex>", "sig": "<base64 Ed25519 signature over the body bytes>"}
    }

The signature covers the *body bytes*, the base64-decoded ``body``: there is
no question which bytes were signed, whatever happens to the envelope's white
space. The body bytes are the canonical JSON (:func:`.keys.canonical_json`)
of an object; a body in any other encoding is refused, so one content has one
hash. Its fields:

=================  ===========================================================================
``schema``         1
``version``        integer ≥ 1; every bundle installed on a machine has a higher one than the last
``issuer``         the key id of the signing key (must equal ``signature.key_id``)
``created``        RFC 3339 time with offset
``title``          (optional) what the bundle is, for people
``news_sources``   (optional) ``{"version", "title", "sources": [{"name", "aliases", "domains"}]}``,
                   the news-source list (the fields of ``news-sources.toml``)
``providers``      (optional) ``[{"id", "name", "public_key", "complaint_url"}]``: provider id,
                   display name, Ed25519 public key (base64 of 32 raw bytes), https complaint URL
``defaults``       (optional) preference defaults, as nested tables like ``preferences.toml``
``locks``          (optional) ``{"<dotted key>": {"<op>": <bound>}}``, see :mod:`.locks`
=================  ===========================================================================

No other field is allowed, and no floating-point number anywhere.
:func:`make_bundle` writes such a file; :func:`verify_bundle` checks one
against the trusted keys and says exactly why it refuses one: unsigned,
malformed, signed by a key the trust store does not hold, or signed by
another key or edited after signing (the signature does not match).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import PayloadError
from ..news_sources import NewsSource, NewsSourceList
from ..normalize import normalize_line
from ..payload import provider_from_object
from ..text import QT_TRANSLATE_NOOP
from ..timefmt import parse_rfc3339
from .errors import TrustError
from .keys import b64, b64_bytes, canonical_json, key_id, public_key_from_b64, sha256_hex, sign, signature_valid
from .locks import Lock, parse_locks

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

log = logging.getLogger(__name__)

FORMAT = "popup-client-policy/1"
SCHEMA = 1
MAX_BUNDLE_BYTES = 8 * 1024 * 1024
_REQUIRED = ("schema", "version", "issuer", "created")
_OPTIONAL = ("title", "news_sources", "providers", "defaults", "locks")


class BundleRejected(TrustError):
    """A policy bundle that is not accepted; the message names the bundle and why."""


@dataclass(frozen=True)
class ProviderEntry:
    """A provider the bundle vouches for: id, display name, public key and complaint URL."""

    id: str
    name: str
    public_key: Ed25519PublicKey
    key_id: str
    complaint_url: str


@dataclass(frozen=True)
class PolicyBundle:
    """A verified bundle: its fields, the body's SHA-256 and the file's exact bytes."""

    version: int
    issuer: str
    created: str
    title: str
    providers: tuple[ProviderEntry, ...]
    news_sources: Mapping[str, Any] | None
    defaults: Mapping[str, Any]
    locks: tuple[Lock, ...]
    sha256: str
    data: bytes = field(repr=False)

    @property
    def version_id(self) -> str:
        """What the journal records with each decision: ``v<version>+sha256:<first 12 hex of the body's hash>``."""
        return f"v{self.version}+sha256:{self.sha256[:12]}"

    @property
    def label(self) -> str:
        """How people are told which bundle set something: ``policy bundle v7 (ed25519:…)``."""
        return f"policy bundle v{self.version} ({self.issuer})"


def news_source_list(bundle: PolicyBundle) -> NewsSourceList | None:
    """The bundle's news-source list as the ``news-source`` rule takes it, or None if it carries none."""
    news = bundle.news_sources
    if news is None:
        return None
    sources = tuple(
        NewsSource(normalize_line(s["name"]), tuple(s.get("aliases", ())), tuple(s.get("domains", ()))) for s in news["sources"]
    )
    return NewsSourceList(version=str(news["version"]), title=str(news.get("title", "")), path=bundle.label, sources=sources)


def make_bundle(key: Ed25519PrivateKey, body: Mapping[str, Any]) -> bytes:
    """The bundle file of ``body`` (``schema`` and ``issuer`` filled in), signed with ``key``.

    The body is checked as :func:`verify_bundle` would, so a vendor never
    ships a bundle that machines refuse.
    """
    issuer = key_id(key)
    full = {"schema": SCHEMA, **body, "issuer": issuer}
    try:
        body_bytes = canonical_json(full)
    except (TypeError, ValueError) as exc:
        raise BundleRejected(QT_TRANSLATE_NOOP("core", "the bundle body cannot be written as JSON: {error}").format(error=str(exc))) from None
    envelope = {"format": FORMAT, "body": b64(body_bytes), "signature": {"key_id": issuer, "sig": sign(key, body_bytes)}}
    data = (json.dumps(envelope, indent=2) + "\n").encode("utf-8")
    verify_bundle(data, {issuer: key.public_key()})
    return data


def verify_bundle(data: bytes, trusted: Mapping[str, Ed25519PublicKey], source: str = "the bundle") -> PolicyBundle:
    """The bundle in ``data`` if a key in ``trusted`` (key id → key) signed it; :class:`BundleRejected` otherwise."""
    try:
        return _verify(data, trusted)
    except TrustError as exc:
        raise BundleRejected(QT_TRANSLATE_NOOP("core", "{source} is refused: {reason}").format(source=source, reason=str(exc))) from None


def _verify(data: bytes, trusted: Mapping[str, Ed25519PublicKey]) -> PolicyBundle:
    envelope = _envelope(data)
    signature = envelope.get("signature")
    if signature is None or signature == {}:
        raise TrustError(QT_TRANSLATE_NOOP("core", "it is not signed; only bundles signed with a key in the trust store are accepted"))
    if not isinstance(signature, dict) or set(signature) != {"key_id", "sig"} or not isinstance(signature["key_id"], str):
        raise TrustError(QT_TRANSLATE_NOOP("core", 'its "signature" must be {{"key_id": "ed25519:…", "sig": "<base64>"}}'))
    issuer = signature["key_id"]
    public = trusted.get(issuer)
    if public is None:
        text = QT_TRANSLATE_NOOP("core", "it is signed by {key}, an unknown issuer: that key is not in the trust store")
        raise TrustError(text.format(key=issuer))
    body_bytes = b64_bytes(envelope.get("body"), 'its "body"')
    if not signature_valid(public, signature["sig"], body_bytes, "the bundle's signature"):
        text = QT_TRANSLATE_NOOP(
            "core", "the signature does not match the body: it was edited after signing, or signed by another key than {key}"
        )
        raise TrustError(text.format(key=issuer))
    return _bundle(_body(body_bytes, issuer), body_bytes, data)


def _envelope(data: bytes) -> dict[str, Any]:
    if len(data) > MAX_BUNDLE_BYTES:
        raise TrustError(QT_TRANSLATE_NOOP("core", "it is {size} bytes; a bundle is at most {limit}").format(size=len(data), limit=MAX_BUNDLE_BYTES))
    try:
        envelope = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise TrustError(QT_TRANSLATE_NOOP("core", "it is not a policy bundle (not UTF-8 JSON)")) from None
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise TrustError(QT_TRANSLATE_NOOP("core", 'it is not a policy bundle (no "format": "{format}")').format(format=FORMAT))
    extra = sorted(set(envelope) - {"format", "body", "signature"})
    if extra:
        raise TrustError(QT_TRANSLATE_NOOP("core", "it has unknown fields: {fields}").format(fields=", ".join(extra)))
    return envelope


def _body(body_bytes: bytes, issuer: str) -> dict[str, Any]:
    """The body object, checked to be canonical JSON with the required fields and nothing unknown."""
    try:
        body = json.loads(body_bytes.decode("utf-8"), parse_float=_no_float, parse_constant=_no_float)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise TrustError(QT_TRANSLATE_NOOP("core", "its body is not JSON: {error}").format(error=str(exc))) from None
    if not isinstance(body, dict):
        raise TrustError(QT_TRANSLATE_NOOP("core", "its body is not a JSON object"))
    if canonical_json(body) != body_bytes:
        raise TrustError(QT_TRANSLATE_NOOP("core", "its body is not canonical JSON (sorted keys, no spaces); make it with make_bundle"))
    missing = [name for name in _REQUIRED if name not in body]
    unknown = sorted(set(body) - set(_REQUIRED) - set(_OPTIONAL))
    if missing or unknown:
        text = QT_TRANSLATE_NOOP("core", "its body lacks {missing} or has unknown fields {unknown}")
        raise TrustError(text.format(missing=", ".join(missing) or "-", unknown=", ".join(unknown) or "-"))
    if body["schema"] != SCHEMA:
        raise TrustError(QT_TRANSLATE_NOOP("core", "its body has schema {schema}; this version reads schema 1").format(schema=repr(body["schema"])))
    if body["issuer"] != issuer:
        text = QT_TRANSLATE_NOOP("core", "its body names the issuer {named}, but it is signed by {key}")
        raise TrustError(text.format(named=str(body["issuer"]), key=issuer))
    return body


def _no_float(text: str) -> Any:
    raise ValueError(f"{text} is not an integer; a bundle holds no fractional numbers")


def _bundle(body: dict[str, Any], body_bytes: bytes, data: bytes) -> PolicyBundle:
    version = body["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TrustError(QT_TRANSLATE_NOOP("core", '"version" must be a whole number, 1 or more'))
    created = body["created"]
    try:
        parse_rfc3339(created)
    except ValueError as exc:
        raise TrustError(QT_TRANSLATE_NOOP("core", '"created" {problem}').format(problem=str(exc))) from None
    title = body.get("title", "")
    defaults = body.get("defaults", {})
    if not isinstance(title, str) or not isinstance(defaults, dict):
        raise TrustError(QT_TRANSLATE_NOOP("core", '"title" must be text and "defaults" a table'))
    locks = _locks(body.get("locks", {}), f"policy bundle v{version} ({body['issuer']})")
    return PolicyBundle(
        version=version,
        issuer=str(body["issuer"]),
        created=str(created),
        title=title,
        providers=_providers(body.get("providers", [])),
        news_sources=_news_sources(body.get("news_sources")),
        defaults=defaults,
        locks=locks,
        sha256=sha256_hex(body_bytes),
        data=data,
    )


def _locks(raw: object, source: str) -> tuple[Lock, ...]:
    if not isinstance(raw, dict):
        raise TrustError(QT_TRANSLATE_NOOP("core", '"locks" must be a table of dotted key = {{op = bound}}'))
    locks, problems = parse_locks(raw, source)
    if problems:
        raise TrustError(QT_TRANSLATE_NOOP("core", "its locks are refused: {problems}").format(problems="; ".join(problems)))
    return tuple(locks)


def _providers(raw: object) -> tuple[ProviderEntry, ...]:
    if not isinstance(raw, list):
        raise TrustError(QT_TRANSLATE_NOOP("core", '"providers" must be a list'))
    entries = tuple(_provider(item, index) for index, item in enumerate(raw))
    for what, values in (("id", [e.id for e in entries]), ("public_key", [e.key_id for e in entries])):
        duplicates = sorted({v for v in values if values.count(v) > 1})
        if duplicates:
            text = QT_TRANSLATE_NOOP("core", '"providers" lists the same {what} more than once: {values}')
            raise TrustError(text.format(what=what, values=", ".join(duplicates)))
    return entries


def _provider(item: object, index: int) -> ProviderEntry:
    where = f"providers[{index}]"
    if not isinstance(item, dict) or set(item) != {"id", "name", "public_key", "complaint_url"}:
        text = QT_TRANSLATE_NOOP("core", '{where} must have exactly "id", "name", "public_key" and "complaint_url"')
        raise TrustError(text.format(where=where))
    try:
        checked = provider_from_object({"id": item["id"], "name": item["name"], "complaint_url": item["complaint_url"]})
    except PayloadError as exc:
        reasons = "; ".join(f"{p.path} {p.message}" for p in exc.problems)
        raise TrustError(f"{where}: {reasons}") from None
    from ..rules.urls import split_url  # here: core.rules loads the preferences, which load the bundles

    url = split_url(item["complaint_url"])
    if not checked.id or not checked.name or url is None or url.scheme != "https" or not url.hostname:
        raise TrustError(QT_TRANSLATE_NOOP("core", "{where} needs an id, a visible name and an https complaint URL").format(where=where))
    public = public_key_from_b64(item["public_key"], f"{where}.public_key")
    return ProviderEntry(checked.id, checked.name, public, key_id(public), item["complaint_url"])


def _news_sources(raw: object) -> Mapping[str, Any] | None:
    if raw is None:
        return None
    shape = QT_TRANSLATE_NOOP("core", '"news_sources" must be {{"version": "…", "title": "…", "sources": [{{"name", "aliases", "domains"}}]}}')
    if not isinstance(raw, dict) or set(raw) - {"version", "title", "sources"} or not isinstance(raw.get("sources"), list):
        raise TrustError(shape)
    if not isinstance(raw.get("version"), str) or not raw["version"] or not isinstance(raw.get("title", ""), str):
        raise TrustError(shape)
    for source in raw["sources"]:
        if not isinstance(source, dict) or set(source) - {"name", "aliases", "domains"} or not _texts([source.get("name")]):
            raise TrustError(shape)
        if not _texts(source.get("aliases", [])) or not _texts(source.get("domains", [])):
            raise TrustError(shape)
    return raw


def _texts(values: object) -> bool:
    return isinstance(values, list) and all(isinstance(v, str) and v.strip() for v in values)
