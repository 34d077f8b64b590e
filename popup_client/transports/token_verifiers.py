"""Provider tokens kept as verifiers: a salted, slow hash per provider in a private file. Stdlib only.

The app never needs a token back, only to tell whether a token offered with
a popup is the one it issued. So ``popup-client provider add`` keeps, for
each provider, a *verifier* — scrypt of the token with a random salt of its
own (:data:`SCRYPT_N`, :data:`SCRYPT_R`, :data:`SCRYPT_P`) — in
``provider-verifiers.toml`` in the data folder, and the token itself
nowhere. This works the same on a desktop and on a server with no keyring
daemon.

Each verifier also carries a *hint*: the first 4 bytes of the token's
SHA-256, so that a token is hashed with scrypt only against the verifier it
can match (a flood of wrong tokens costs one SHA-256 each, not one scrypt per
provider). Four bytes of a hash of 256 random bits tell nothing useful about
the token. The final comparison is constant-time (``compare_digest``).

The file is written atomically with mode 0600 (:func:`~..core.prefs.atomic_write`)
under a lock (:func:`~popup_client.core.files.exclusive`). It is opened without
following a symbolic link and without waiting (``O_NOFOLLOW | O_NONBLOCK``),
and read only when the open descriptor is a regular file owned by this user
that no one else may read or write; anything else raises :class:`UntrustedFile`, and every provider is
then unverified until the user removes it and registers the providers again.
"""

from __future__ import annotations

import base64
import binascii
import errno
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core import digests
from ..core.errors import CoreError
from ..core.files import exclusive
from ..core.files import atomic_write
from ..core.paths import ensure_private_dir
from .socket.path import user_label

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

VERIFIERS_FILE = "provider-verifiers.toml"
SCHEME = "scrypt"
#: scrypt's cost: 16 MiB of memory and 50–100 ms a check, once per token and file version (the app remembers).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_MAX_N = 2**20  # a file asking for more memory than this is not ours
SALT_BYTES, HASH_BYTES, HINT_BYTES = 16, 32, 4
MAX_FILE_BYTES = 1024 * 1024
_HEADER = (
    "# Verifiers of the provider tokens (`popup-client provider add`): a salted scrypt hash of each\n"
    "# token, enough to check a token, never to recover it. Private to you (mode 0600); do not edit.\n\n"
)
_ADVICE = "remove it and register the providers again (`popup-client provider add`)"


class VerifierError(CoreError):
    """The verifier file cannot be used; the message says why and what to do."""


class UntrustedFile(VerifierError):
    """The verifier file is a link, another user's, or open to others: it is not read."""


def token_bytes(token: str) -> bytes:
    return token.encode("utf-8", "surrogatepass")


def token_hint(token: str) -> str:
    """The first bytes of the token's SHA-256, in hex: which verifier a token may match."""
    return digests.sha256(token_bytes(token)).hexdigest()[: HINT_BYTES * 2]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, what: str) -> bytes:
    if not isinstance(text, str):
        raise ValueError(f"{what} is missing")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(f"{what} is not base64") from None


@dataclass(frozen=True)
class Verifier:
    """What is kept of one provider's token: scrypt of it with its own salt, and the hint."""

    salt: bytes
    digest: bytes
    hint: str
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    @classmethod
    def of(cls, token: str) -> Verifier:
        """A new verifier of ``token``, with a fresh random salt."""
        salt = digests.token_bytes(SALT_BYTES)
        return cls(salt, _scrypt(token, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P), token_hint(token))

    def matches(self, token: str) -> bool:
        """Whether ``token`` is the one this verifier was made of (constant-time comparison)."""
        return digests.compare_digest(_scrypt(token, self.salt, self.n, self.r, self.p), self.digest)

    def as_table(self) -> dict[str, Any]:
        return {"scheme": SCHEME, "n": self.n, "r": self.r, "p": self.p, "salt": _b64(self.salt), "hash": _b64(self.digest), "hint": self.hint}

    @classmethod
    def from_table(cls, value: Any) -> Verifier:
        """The verifier of a file's table; ValueError says what is wrong with it."""
        if not isinstance(value, dict) or value.get("scheme") != SCHEME:
            raise ValueError(f"it is not a {SCHEME} verifier")
        n, r, p, hint = value.get("n"), value.get("r"), value.get("p"), value.get("hint")
        if not all(isinstance(x, int) and x > 0 for x in (n, r, p)) or n > _MAX_N or n & (n - 1) or r * p > 64:  # type: ignore[operator]
            raise ValueError("its scrypt parameters are out of range")
        if not isinstance(hint, str) or len(hint) != HINT_BYTES * 2:
            raise ValueError("its hint is missing")
        return cls(_unb64(value.get("salt"), "its salt"), _unb64(value.get("hash"), "its hash"), hint, n, r, p)  # type: ignore[arg-type]


def _scrypt(token: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    import hashlib  # OpenSSL's scrypt: loaded when a token is registered or checked, not at start-up

    return hashlib.scrypt(token_bytes(token), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=HASH_BYTES)


# ------------------------------------------------------------------ the file


def _untrusted(path: Path, problem: str) -> UntrustedFile:
    return UntrustedFile(f"{path} {problem}, so no token is checked against it; {_ADVICE}")


def _open_private(path: Path) -> int | None:
    """A descriptor on the file if it is a regular file, ours, mode 0600 or stricter; None if it does not exist."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _untrusted(path, "is a symbolic link") from None
        raise VerifierError(f"cannot read {path}: {exc.strerror or exc}") from None
    info = os.fstat(fd)
    problem = _problem(info)
    if problem is not None:
        os.close(fd)
        raise _untrusted(path, problem)
    return fd


def _problem(info: os.stat_result) -> str | None:
    """Why a file with this status is not a private file of this user, or None."""
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file"
    if os.name == "nt":  # pragma: no cover - the folder's access list protects it on Windows
        return None
    if info.st_uid != os.geteuid():
        return f"belongs to {user_label(info.st_uid)}, not to you"
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o077:
        return f"may be read or changed by others (mode {mode:o}, not 600)"
    return None


def _read_all(fd: int, path: Path) -> bytes:
    chunks: list[bytes] = []
    total = 0
    try:
        while chunk := os.read(fd, 64 * 1024):
            total += len(chunk)
            if total > MAX_FILE_BYTES:
                raise VerifierError(f"{path} is larger than {MAX_FILE_BYTES // 1024} KiB; {_ADVICE}")
            chunks.append(chunk)
    except OSError as exc:
        raise VerifierError(f"cannot read {path}: {exc.strerror or exc}") from None
    return b"".join(chunks)


def read_verifiers(path: Path) -> dict[str, Verifier]:
    """The verifiers in ``path`` by provider id ({} when it does not exist); :class:`VerifierError` if it cannot be used."""
    fd = _open_private(path)
    if fd is None:
        return {}
    try:
        data = _read_all(fd, path)
    finally:
        os.close(fd)
    try:
        table = tomllib.loads(data.decode("utf-8")).get("providers", {})
        if not isinstance(table, dict):
            raise ValueError("[providers] is not a table")
        verifiers = {}
        for provider_id, value in table.items():
            try:
                verifiers[provider_id] = Verifier.from_table(value)
            except ValueError as exc:
                raise ValueError(f"the verifier of {provider_id!r}: {exc}") from None
        return verifiers
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError) as exc:
        raise VerifierError(f"{path} is damaged ({exc}); {_ADVICE}") from None


def write_verifiers(path: Path, verifiers: dict[str, Verifier]) -> None:
    """Replace the file with ``verifiers`` (atomically, mode 0600)."""
    import tomli_w  # writing only: checking a token reads the file

    table = {pid: verifiers[pid].as_table() for pid in sorted(verifiers)}
    try:
        atomic_write(path, (_HEADER + tomli_w.dumps({"providers": table})).encode("utf-8"))
    except OSError as exc:
        raise VerifierError(f"cannot write {path}: {exc.strerror or exc}") from None


@contextmanager
def locked(path: Path, *, timeout: float = 10.0) -> Iterator[None]:
    """Hold the lock of the verifier file (``provider add`` and ``remove`` read, change and write it)."""
    lock = path.with_name(f".{path.name}.lock")
    held = ExitStack()
    try:
        ensure_private_dir(path.parent)
        held.enter_context(exclusive(lock, timeout=timeout))
    except OSError as exc:
        raise VerifierError(f"cannot lock {lock}: {exc.strerror or exc}") from None
    with held:
        yield
