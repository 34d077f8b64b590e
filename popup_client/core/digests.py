"""SHA-256, BLAKE2b, HMAC-SHA256, a constant-time comparison and random tokens, without loading OpenSSL.

``import hashlib`` maps OpenSSL's libcrypto into the process (about 3.5 MB
resident), and ``hmac`` and ``secrets`` import it in turn. What the running
app needs is smaller: SHA-256 (the journal's hash chain, the redaction
fingerprints, token hints), BLAKE2b (cache keys) and random tokens. CPython
builds these hashes in: ``_sha256`` (``_sha2`` from 3.12) and ``_blake2`` —
the implementations ``hashlib`` itself falls back on without OpenSSL (and
``hashlib.blake2b`` *is* ``_blake2.blake2b``). ``hashlib`` is only the last
fallback, for an interpreter built without them.

Nothing here is new cryptography:

- :func:`hmac_sha256` is RFC 2104's construction, step for step the one the
  standard library's ``hmac`` runs for a hash OpenSSL does not provide;
- :func:`compare_digest` is ``_operator._compare_digest``, the standard
  library ``hmac``'s own fallback (``hmac.compare_digest`` else);
- :func:`token_bytes` and :func:`token_urlsafe` are ``secrets``' functions
  of the same names (``os.urandom``, URL-safe base64 without padding).

Where hashing speed matters more than those megabytes — the journal sealing
a burst of popups, a batch of :data:`BURST` receipts or more — it asks for
:func:`bulk_sha256` from then on: OpenSSL's SHA-256 (with the processor's
SHA instructions, four to five times the built-in's speed on a journal row),
loaded at the first burst, so an app that sees a popup now and then never
maps libcrypto. Both give the same digests.

tests/core/test_digests.py checks each against ``hashlib``/``hmac``/``secrets``.
What needs OpenSSL for real — scrypt (the guardian PIN, the provider token
verifiers), and every key operation (``cryptography``) — imports it where it
derives or signs, never on the app's run path.
"""

from __future__ import annotations

import base64
import importlib
import os
from collections.abc import Callable
from typing import Protocol, cast

__all__ = ["BURST", "Hash", "blake2b", "bulk_sha256", "compare_digest", "hmac_sha256", "sha256", "token_bytes", "token_urlsafe"]

#: Receipts sealed in one batch from which the journal hashes with OpenSSL (:func:`bulk_sha256`): a burst.
BURST = 8

#: SHA-256's block size in bytes: an HMAC key longer than this is hashed first, a shorter one padded to it.
_BLOCK_BYTES = 64
_INNER_PAD = bytes(b ^ 0x36 for b in range(256))  # RFC 2104's ipad, as a bytes.translate table
_OUTER_PAD = bytes(b ^ 0x5C for b in range(256))  # opad


class Hash(Protocol):
    """The part of a hash object the callers use."""

    def update(self, data: bytes, /) -> None: ...

    def digest(self) -> bytes: ...

    def hexdigest(self) -> str: ...


def _builtin_sha256() -> Callable[[bytes], Hash]:
    """The interpreter's own SHA-256 (``_sha2`` from 3.12, ``_sha256`` before); hashlib's only without either."""
    for module in ("_sha2", "_sha256", "hashlib"):
        try:
            return cast("Callable[[bytes], Hash]", importlib.import_module(module).sha256)
        except ImportError:
            continue
    raise ImportError("no SHA-256 implementation")  # pragma: no cover - hashlib always imports


#: ``sha256(data)``: a SHA-256 hash object, as ``hashlib.sha256(data)`` (``.digest()``, ``.hexdigest()``, ``.update()``).
sha256 = _builtin_sha256()

_bulk: Callable[[bytes], Hash] | None = None


def bulk_sha256(*, burst: bool) -> Callable[[bytes], Hash]:
    """The SHA-256 to hash much data with: :data:`sha256` until a ``burst`` asked, OpenSSL's from then on (if there is one)."""
    global _bulk
    if _bulk is None:
        if not burst:
            return sha256
        try:
            import _hashlib  # OpenSSL's libcrypto: about 3.6 MiB resident, from the first burst on

            _bulk = cast("Callable[[bytes], Hash]", _hashlib.openssl_sha256)
        except (ImportError, AttributeError):  # an interpreter without OpenSSL: the built-in goes on
            _bulk = sha256
    return _bulk


try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython always builds _blake2
    from hashlib import blake2b

try:
    from _operator import _compare_digest as compare_digest
except ImportError:  # pragma: no cover - CPython's _operator always has it
    from hmac import compare_digest  # type: ignore[no-redef]  # (typed as _hashlib's, the same function)


def hmac_sha256(key: bytes, message: bytes) -> bytes:
    """HMAC-SHA256 of ``message`` under ``key`` (RFC 2104): the same 32 bytes as ``hmac.new(key, message, hashlib.sha256).digest()``.

    The hashes of the padded key are made once for each key (as ``hmac`` keeps them for one object's messages):
    the journal fingerprints every popup's text under one key.
    """
    pads = _PADS.get(key)
    if pads is None:
        pads = _key_pads(key)
    inner, outer = pads[0].copy(), pads[1].copy()
    inner.update(message)
    outer.update(inner.digest())
    return outer.digest()


def _key_pads(key: bytes) -> tuple[_CopyableHash, _CopyableHash]:
    """SHA-256 after the key XOR ipad, and after the key XOR opad: the start of every HMAC under ``key``."""
    block = (sha256(key).digest() if len(key) > _BLOCK_BYTES else key).ljust(_BLOCK_BYTES, b"\0")
    pads = (cast("_CopyableHash", sha256(block.translate(_INNER_PAD))), cast("_CopyableHash", sha256(block.translate(_OUTER_PAD))))
    if len(_PADS) >= _PADS_KEPT:  # a few keys in a process's life: a bound, not a cache policy
        _PADS.clear()
    _PADS[key] = pads
    return pads


class _CopyableHash(Hash, Protocol):
    def copy(self) -> _CopyableHash: ...


_PADS: dict[bytes, tuple[_CopyableHash, _CopyableHash]] = {}
_PADS_KEPT = 8


def token_bytes(nbytes: int) -> bytes:
    """``nbytes`` random bytes from the OS's cryptographic source (as ``secrets.token_bytes``)."""
    return os.urandom(nbytes)


def token_urlsafe(nbytes: int) -> str:
    """A random URL-safe text of ``nbytes`` random bytes (as ``secrets.token_urlsafe``): base64url, no padding."""
    return base64.urlsafe_b64encode(os.urandom(nbytes)).rstrip(b"=").decode("ascii")
