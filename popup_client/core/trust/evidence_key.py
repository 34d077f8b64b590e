"""The key that signs evidence and journal checkpoints: in the OS keyring, or a 0600 file on headless machines.

:func:`load_or_create_key` looks in the keyring (service ``popup-client``,
user ``evidence-key``; the value is the PEM PKCS#8 private key), then in the
fallback file; it creates a key when there is none, in the keyring if one is
usable, else in the fallback file (mode 0600, created exclusively). A key
that is there but unreadable is an error, never silently replaced: evidence
and checkpoints signed with it must stay verifiable with its public key.
"""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..text import QT_TRANSLATE_NOOP
from .errors import TrustError
from .keys import generate_key, load_private_key_pem, private_key_pem

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

log = logging.getLogger(__name__)

SERVICE = "popup-client"
USERNAME = "evidence-key"
KEYRING = "keyring"


def _keyring() -> Any:
    """The keyring module, imported on first use (it pulls in the Secret Service stack)."""
    import keyring
    import keyring.backends.fail
    import keyring.errors

    return keyring


@dataclass(frozen=True)
class StoredKey:
    """The signing key and where it is kept: ``keyring`` or the fallback file's path."""

    key: Ed25519PrivateKey
    where: str


def load_or_create_key(fallback: Path, *, service: str = SERVICE, username: str = USERNAME) -> StoredKey:
    """The evidence key, created on first use; TrustError if a stored key cannot be read."""
    usable, stored = _from_keyring(service, username)
    if stored is not None:
        return StoredKey(load_private_key_pem(stored.encode("ascii"), f"the keyring entry {service}/{username}"), KEYRING)
    if fallback.exists():
        return StoredKey(_read_file(fallback), str(fallback))
    key = generate_key()
    pem = private_key_pem(key)
    if usable:
        try:
            _keyring().set_password(service, username, pem.decode("ascii"))
            log.info("created the evidence key in the keyring (%s/%s)", service, username)
            return StoredKey(key, KEYRING)
        except _keyring().errors.KeyringError as exc:
            log.warning("the keyring cannot keep the evidence key (%s); using the file %s", exc, fallback)
    _write_file(fallback, pem)
    return StoredKey(key, str(fallback))


def _from_keyring(service: str, username: str) -> tuple[bool, str | None]:
    """(whether a keyring is usable, the stored PEM or None)."""
    keyring = _keyring()
    if isinstance(keyring.get_keyring(), keyring.backends.fail.Keyring):
        return False, None
    try:
        value = keyring.get_password(service, username)
    except keyring.errors.KeyringError as exc:
        log.info("no usable keyring for the evidence key: %s", exc)
        return False, None
    return True, value if isinstance(value, str) else None


def _read_file(path: Path) -> Ed25519PrivateKey:
    try:
        info = path.stat()
        if os.name != "nt" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            log.warning("%s was readable by others; making it private (0600)", path)
            path.chmod(0o600)
        return load_private_key_pem(path.read_bytes(), str(path))
    except OSError as exc:
        text = QT_TRANSLATE_NOOP("core", "the evidence key {file} cannot be read: {error}")
        raise TrustError(text.format(file=str(path), error=str(exc.strerror or exc))) from None


def _write_file(path: Path, pem: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except OSError as exc:
        text = QT_TRANSLATE_NOOP("core", "the evidence key cannot be saved in {file}: {error}")
        raise TrustError(text.format(file=str(path), error=str(exc.strerror or exc))) from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
        handle.flush()
        os.fsync(handle.fileno())
    log.info("created the evidence key in %s (no usable keyring)", path)
