"""Signed payloads: a provider listed in an installed policy bundle signs the exact bytes of its payload.

The request envelope carries, instead of ``"popup": {…}``, a ``"signed"``
object::

    {"signed": {"payload": "<the payload's JSON text, as a JSON string>",
                "signature": {"key_id": "ed25519:<32 hex>",
                              "sha256": "<hex SHA-256 of the payload bytes>",   (optional)
                              "sig": "<base64 Ed25519 signature over the payload bytes>"}}}

The payload bytes are the UTF-8 encoding of the ``payload`` string: JSON
string escapes decode to exactly one text, so the signed bytes are not in
doubt, however the envelope is spaced. ``sha256``, when present, lets the
verifier tell a payload altered after signing (the hash no longer matches)
from a signature that is simply not the key's.

:func:`verify_signed` looks the key id up in the installed bundles' provider
registries and returns a :class:`PayloadCheck`: verified, with the provider
id and display name the registry gives (the popup must then show that name,
as with a token), or rejected with a ``code`` and a reason for the
``provider-identity`` rule: ``malformed``, ``unknown-provider`` (the payload's
provider is in no installed bundle), ``unknown-key`` (the provider is listed,
but not with this key), ``altered`` (changed after signing), ``bad-signature``
and ``provider-mismatch`` (signed with another provider's key). A signed
payload can be sent again by anyone who saw it; the journal's duplicate-id
check, not the signature, stops a replay.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..text import QT_TRANSLATE_NOOP, Text
from .bundle import PolicyBundle, ProviderEntry
from .errors import TrustError
from .keys import key_id, sha256_hex, sign, signature_valid

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

log = logging.getLogger(__name__)

ENVELOPE_FIELD = "signed"
RULE = "provider-identity"
MAX_PAYLOAD_BYTES = 1024 * 1024


@dataclass(frozen=True)
class PayloadCheck:
    """The verdict on a signed payload: verified (provider id, display name, key, bundle) or a rejection (code, reason)."""

    payload: bytes | None
    provider_id: str | None = None
    display_name: str | None = None
    key_id: str | None = None
    bundle_version: str | None = None
    code: str | None = None
    reason: str | None = None  # a translatable Text where the core wrote it

    @property
    def verified(self) -> bool:
        return self.code is None


@dataclass(frozen=True)
class _Listed:
    entry: ProviderEntry
    bundle_version: str


class ProviderKeys:
    """The provider registries of the installed bundles, by key id and by provider id."""

    def __init__(self, bundles: Iterable[PolicyBundle]) -> None:
        self.by_key: dict[str, _Listed] = {}
        self.by_provider: dict[str, list[_Listed]] = {}
        for bundle in bundles:
            for entry in bundle.providers:
                listed = _Listed(entry, bundle.version_id)
                self.by_key[entry.key_id] = listed
                self.by_provider.setdefault(entry.id, []).append(listed)


def sign_payload(key: Ed25519PrivateKey, payload_text: str) -> dict[str, Any]:
    """The ``"signed"`` object for ``payload_text`` (what the example script ``sign-payload.py`` writes)."""
    data = payload_text.encode("utf-8")
    return {"payload": payload_text, "signature": {"key_id": key_id(key), "sha256": sha256_hex(data), "sig": sign(key, data)}}


def verify_signed(signed: object, registry: ProviderKeys) -> PayloadCheck:
    """Check the ``"signed"`` object of a request against the installed bundles' providers."""
    try:
        data, signature, claimed = _parts(signed)
    except ValueError as exc:
        return _reject(None, "malformed", _reason(exc))
    kid = signature["key_id"]
    listed = registry.by_key.get(kid)
    if listed is None:
        if claimed in registry.by_provider:
            keys = ", ".join(item.entry.key_id for item in registry.by_provider[claimed])
            text = QT_TRANSLATE_NOOP("core", "the payload is signed with {key}, which no installed policy bundle lists; {provider} is listed with {keys}")
            return _reject(data, "unknown-key", text.format(key=kid, provider=claimed, keys=keys))
        text = QT_TRANSLATE_NOOP("core", "the provider {provider} is not listed in any installed policy bundle, and neither is the key {key}")
        return _reject(data, "unknown-provider", text.format(provider=claimed, key=kid))
    declared = signature.get("sha256")
    if declared is not None and declared != sha256_hex(data):
        text = QT_TRANSLATE_NOOP("core", "the payload was altered after it was signed: its SHA-256 is not the one signed with {key}")
        return _reject(data, "altered", text.format(key=kid))
    try:
        valid = signature_valid(listed.entry.public_key, signature["sig"], data, "the payload's signature")
    except TrustError as exc:
        return _reject(data, "malformed", _reason(exc))
    if not valid:
        text = QT_TRANSLATE_NOOP("core", "the signature does not verify with {provider}'s key {key}: the payload was altered after signing, or another key signed it")
        return _reject(data, "bad-signature", text.format(provider=listed.entry.id, key=kid))
    if claimed != listed.entry.id:
        text = QT_TRANSLATE_NOOP("core", "the payload is signed with the key of {owner}, but it claims to come from {provider}")
        return _reject(data, "provider-mismatch", text.format(owner=listed.entry.id, provider=claimed))
    return PayloadCheck(data, listed.entry.id, listed.entry.name, kid, listed.bundle_version)


def _reason(exc: Exception) -> str:
    """The exception's message, still translatable when it was given as a Text."""
    first = exc.args[0] if exc.args else ""
    return first if isinstance(first, Text) else str(exc)


def _reject(data: bytes | None, code: str, reason: str) -> PayloadCheck:
    log.info("signed payload rejected (%s): %s", code, reason)
    return PayloadCheck(data, code=code, reason=reason)


def _parts(signed: object) -> tuple[bytes, dict[str, Any], str]:
    """The payload bytes, the signature object and the provider id the payload claims; ValueError if malformed."""
    shape = QT_TRANSLATE_NOOP("core", '"signed" must be {{"payload": "<JSON text>", "signature": {{"key_id": "…", "sig": "<base64>"}}}}')
    if not isinstance(signed, dict) or set(signed) != {"payload", "signature"} or not isinstance(signed["payload"], str):
        raise ValueError(shape)
    signature = signed["signature"]
    if not isinstance(signature, dict) or not {"key_id", "sig"} <= set(signature) <= {"key_id", "sig", "sha256"}:
        raise ValueError(shape)
    if not isinstance(signature["key_id"], str) or not isinstance(signature.get("sha256", ""), str):
        raise ValueError(shape)
    try:
        data = signed["payload"].encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(QT_TRANSLATE_NOOP("core", "the signed payload is not valid Unicode text")) from None
    if len(data) > MAX_PAYLOAD_BYTES:
        raise ValueError(QT_TRANSLATE_NOOP("core", "the signed payload is {size} bytes; a popup may be at most 1 MiB").format(size=len(data)))
    return data, signature, _claimed_provider(signed["payload"])


def _claimed_provider(text: str) -> str:
    try:
        payload = json.loads(text)
    except (ValueError, RecursionError):
        raise ValueError(QT_TRANSLATE_NOOP("core", "the signed payload is not JSON")) from None
    provider = payload.get("provider") if isinstance(payload, dict) else None
    claimed = provider.get("id") if isinstance(provider, dict) else None
    if not isinstance(claimed, str) or not claimed:
        raise ValueError(QT_TRANSLATE_NOOP("core", "the signed payload names no provider.id"))
    return claimed
