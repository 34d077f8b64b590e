"""Ed25519 keys, key ids, signatures, SHA-256 and canonical JSON: the primitives the trust package shares.

Everything cryptographic goes through the ``cryptography`` library (SHA-256
through the interpreter's built-in SHA-256, :mod:`..digests`); nothing here is hand-rolled. The
library is imported on the first use of a key, not with this module: the app
seals its journal with SHA-256 alone and needs no key until it signs or checks
something, and ``cryptography`` holds about 7 MB once loaded.

- A **key id** names a public key: ``ed25519:`` and the first 32 hex digits
  (128 bits) of the SHA-256 of the key's 32 raw bytes, e.g.
  ``ed25519:3f1c…``. It only selects a key; the signature is always checked
  with the key itself.
- In JSON a public key is the base64 (standard alphabet, padded) of its 32
  raw bytes; a signature the base64 of its 64 bytes. On disk, keys are PEM
  (``-----BEGIN PUBLIC KEY-----``, SubjectPublicKeyInfo; private keys
  PKCS#8), which ``openssl genpkey -algorithm ed25519`` also writes.
- **Canonical JSON** is UTF-8 with keys sorted, no insignificant white space
  (``","`` and ``":"``), non-ASCII characters as themselves, and no NaN or
  infinity: one value has exactly one encoding.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..digests import sha256
from ..text import QT_TRANSLATE_NOOP
from .errors import TrustError

KEY_ID_PREFIX = "ed25519:"
KEY_ID_HEX_DIGITS = 32
_RAW_KEY_BYTES = 32
_SIGNATURE_BYTES = 64

__all__ = [
    "Ed25519PrivateKey",
    "Ed25519PublicKey",
    "b64",
    "b64_bytes",
    "canonical_json",
    "generate_key",
    "key_id",
    "load_private_key_pem",
    "load_public_key_pem",
    "private_key_pem",
    "public_key_b64",
    "public_key_from_b64",
    "public_key_pem",
    "sha256_hex",
    "sign",
    "signature_valid",
]


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` as 64 lowercase hex digits."""
    return sha256(data).hexdigest()


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def canonical_json(value: Any) -> bytes:
    """The one UTF-8 encoding of ``value`` (sorted keys, no spaces); ValueError for NaN or infinity."""
    return _CANONICAL.encode(value).encode("utf-8")  # one encoder: json.dumps with options builds one per call


def b64(data: bytes) -> str:
    """Standard, padded base64 text."""
    return base64.b64encode(data).decode("ascii")


def b64_bytes(text: object, what: str, length: int | None = None) -> bytes:
    """The bytes of base64 ``text`` (strict: no stray characters), of ``length`` if given; TrustError naming ``what``."""
    if not isinstance(text, str):
        raise TrustError(QT_TRANSLATE_NOOP("core", "{what} must be base64 text").format(what=what))
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise TrustError(QT_TRANSLATE_NOOP("core", "{what} is not valid base64").format(what=what)) from None
    if length is not None and len(data) != length:
        text_ = QT_TRANSLATE_NOOP("core", "{what} is {actual} bytes long; it must be {expected}")
        raise TrustError(text_.format(what=what, actual=len(data), expected=length))
    return data


def __getattr__(name: str) -> Any:
    """``Ed25519PrivateKey`` and ``Ed25519PublicKey``, imported from ``cryptography`` when first asked for."""
    if name in ("Ed25519PrivateKey", "Ed25519PublicKey"):
        from cryptography.hazmat.primitives.asymmetric import ed25519

        return getattr(ed25519, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def generate_key() -> Ed25519PrivateKey:
    """A new random Ed25519 private key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.generate()


def _raw(public_key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _public(key: Ed25519PublicKey | Ed25519PrivateKey) -> Ed25519PublicKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return key.public_key() if isinstance(key, Ed25519PrivateKey) else key


def key_id(key: Ed25519PublicKey | Ed25519PrivateKey) -> str:
    """The key id of a public key (or of a private key's public half)."""
    public = _public(key)
    return KEY_ID_PREFIX + sha256_hex(_raw(public))[:KEY_ID_HEX_DIGITS]


def public_key_b64(key: Ed25519PublicKey) -> str:
    """The public key as JSON carries it: base64 of its 32 raw bytes."""
    return b64(_raw(key))


def public_key_from_b64(text: object, what: str = "the public key") -> Ed25519PublicKey:
    """The public key from base64 of its 32 raw bytes; TrustError naming ``what`` otherwise."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    return Ed25519PublicKey.from_public_bytes(b64_bytes(text, what, _RAW_KEY_BYTES))


def public_key_pem(key: Ed25519PublicKey | Ed25519PrivateKey) -> bytes:
    """The public key (of a private key, its public half) as PEM SubjectPublicKeyInfo."""
    from cryptography.hazmat.primitives import serialization

    return _public(key).public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def private_key_pem(key: Ed25519PrivateKey) -> bytes:
    """The private key as unencrypted PEM PKCS#8 (keep the file private: mode 0600)."""
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def load_public_key_pem(data: bytes, what: str = "the key file") -> Ed25519PublicKey:
    """An Ed25519 public key from PEM; TrustError for anything else (another algorithm, a private key, junk)."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm):
        raise TrustError(QT_TRANSLATE_NOOP("core", "{what} is not a PEM public key").format(what=what)) from None
    if not isinstance(key, Ed25519PublicKey):
        raise TrustError(QT_TRANSLATE_NOOP("core", "{what} holds a key of another algorithm ({kind}); only Ed25519 keys are used").format(what=what, kind=type(key).__name__))
    return key


def load_private_key_pem(data: bytes, what: str = "the key file") -> Ed25519PrivateKey:
    """An unencrypted Ed25519 private key from PEM; TrustError otherwise."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise TrustError(QT_TRANSLATE_NOOP("core", "{what} is not an unencrypted PEM private key").format(what=what)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise TrustError(QT_TRANSLATE_NOOP("core", "{what} holds a key of another algorithm ({kind}); only Ed25519 keys are used").format(what=what, kind=type(key).__name__))
    return key


def sign(key: Ed25519PrivateKey, data: bytes) -> str:
    """The detached Ed25519 signature of ``data``, base64."""
    return b64(key.sign(data))


def signature_valid(key: Ed25519PublicKey, signature: object, data: bytes, what: str = "the signature") -> bool:
    """Whether base64 ``signature`` is ``key``'s over ``data``; TrustError if it is not a signature at all."""
    from cryptography.exceptions import InvalidSignature

    raw = b64_bytes(signature, what, _SIGNATURE_BYTES)
    try:
        key.verify(raw, data)
    except InvalidSignature:
        return False
    return True
