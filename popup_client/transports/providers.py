"""Registered providers and their tokens.

A provider that registers (``popup-client provider add ID --name NAME``)
gets a token; a popup sent with that token is *verified* and attributed to
that provider, and must show the id and the name it registered
(:meth:`ProviderRegistry.identify` gives both; rule ``provider-identity``
rejects a popup that shows another name).
The list (id, name, domain, when the token was issued) is
``providers.toml`` in the config folder, written atomically with mode 0600.
The token itself is kept nowhere: only a verifier of it (a salted scrypt
hash, :mod:`.token_verifiers`) in ``provider-verifiers.toml`` in the data
folder, so registering needs no keyring daemon. Tokens are checked in
constant time, and are never logged nor journaled.

Tokens issued before verifiers existed are in the OS keyring (service
``popup-client/providers``, user name = provider id). They keep working: a
registered provider without a verifier is looked up in the keyring, and the
first time its token is found there it is turned into a verifier and deleted
from the keyring. Without a usable keyring such a provider is unverified
until it is registered again; nothing else needs the keyring.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.clock import Clock, SystemClock
from ..core.digests import compare_digest, sha256, token_urlsafe
from ..core.errors import CoreError, PayloadError
from ..core.normalize import normalize_line
from ..core.paths import config_dir, data_dir
from ..core.payload import provider_from_object
from ..core.files import atomic_write
from ..core.timefmt import format_rfc3339
from .token_verifiers import VERIFIERS_FILE, Verifier, VerifierError, locked, read_verifiers, token_bytes, token_hint, write_verifiers

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

log = logging.getLogger(__name__)


def _keyring() -> Any:
    """The keyring module, imported on first use (it pulls in the Secret Service stack)."""
    import keyring
    import keyring.backends.fail
    import keyring.errors

    return keyring

#: The keyring service where tokens issued before verifiers existed are (user name = provider id).
KEYRING_SERVICE = "popup-client/providers"
FILE_NAME = "providers.toml"
_TOKEN_BYTES = 32
_MAX_TOKEN_CHARS = 256
_KEYRING_RETRY_SECONDS = 60.0
#: Tokens whose check is remembered until the files change (a flood of distinct wrong tokens cannot grow it).
_MAX_REMEMBERED = 1024
_HEADER = (
    "# Providers registered with popup-client (`popup-client provider add|list|remove`).\n"
    f"# Their tokens are never kept: only verifiers of them, in {VERIFIERS_FILE} in the data folder.\n\n"
)


class ProviderError(CoreError):
    """A provider cannot be registered, found or removed; the message says why."""


@dataclass(frozen=True)
class RegisteredProvider:
    """A provider as registered: its id, display name, own domain, and when its token was issued."""

    id: str
    name: str
    domain: str | None = None
    added_at: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "domain": self.domain, "added_at": self.added_at}


def providers_path() -> Path:
    """``providers.toml`` in the config folder."""
    return config_dir() / FILE_NAME


def verifiers_path() -> Path:
    """``provider-verifiers.toml`` in the data folder."""
    return data_dir() / VERIFIERS_FILE


def _validated(provider_id: str, name: str, domain: str | None) -> RegisteredProvider:
    """The provider's fields checked with the payload's own rules, or a ProviderError."""
    try:
        checked = provider_from_object({"id": provider_id, "name": normalize_line(name), "domain": domain or None})
    except PayloadError as exc:
        reasons = "; ".join(f"{p.path} {p.message}" for p in exc.problems)
        raise ProviderError(f"cannot register provider {provider_id!r}: {reasons}") from None
    if not checked.name:
        raise ProviderError(f"cannot register provider {provider_id!r}: the name is empty; it is shown on every popup")
    assert checked.id is not None
    return RegisteredProvider(checked.id, checked.name, checked.domain)


def _new_token() -> str:
    """A random token that does not start with "-": ``send --token TOKEN`` must not take it for an option."""
    while (token := token_urlsafe(_TOKEN_BYTES)).startswith("-"):
        pass
    return token


def _entry_of(provider_id: str, value: Any) -> RegisteredProvider:
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        raise ProviderError(f"the entry of {provider_id!r} has no name")
    domain, added = value.get("domain"), value.get("added_at")
    return RegisteredProvider(
        provider_id,
        value["name"],
        domain if isinstance(domain, str) and domain else None,
        added if isinstance(added, str) else None,
    )


def _status(path: Path) -> tuple[int, ...] | None:
    """The verifier file's identity and status (it is read, carefully, only when this changes); None if absent."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ProviderError(f"cannot read {path}: {exc.strerror or exc}") from None
    return (info.st_dev, info.st_ino, info.st_mode, info.st_uid, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class ProviderRegistry:
    """The registered providers (``providers.toml``) and the verifiers of their tokens.

    ``verifiers`` defaults to :func:`verifiers_path`, or beside ``path`` when a path is given.
    """

    def __init__(self, path: Path | None = None, *, verifiers: Path | None = None, clock: Clock | None = None) -> None:
        self.path = path if path is not None else providers_path()
        self.verifiers_path = verifiers if verifiers is not None else verifiers_path() if path is None else self.path.with_name(VERIFIERS_FILE)
        self._clock: Clock = clock or SystemClock()
        self._verifiers: dict[str, Verifier] = {}  # of the registered providers
        self._legacy: dict[str, str] = {}  # tokens found in the keyring for providers without a verifier
        self._known: dict[bytes, str] = {}  # SHA-256 of a token checked since the files changed -> its provider
        self._providers: dict[str, RegisteredProvider] = {}  # as registered when the verifiers were loaded
        self._loaded: tuple[bytes, Any] | None = None  # providers.toml and the verifier file's status, as loaded
        self._retry_at = 0.0
        self._keyring_pending = False  # the keyring could not be asked; ask again after _retry_at
        self._warned = False

    # ------------------------------------------------------------ the file

    def _read_bytes(self, path: Path | None = None) -> bytes:
        path = path or self.path
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return b""
        except OSError as exc:
            raise ProviderError(f"cannot read {path}: {exc.strerror or exc}") from None

    def _parse(self, data: bytes) -> dict[str, RegisteredProvider]:
        try:
            table = tomllib.loads(data.decode("utf-8")).get("providers", {})
            if not isinstance(table, dict):
                raise ProviderError("[providers] is not a table")
            return {pid: _entry_of(pid, value) for pid, value in table.items()}
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, ProviderError) as exc:
            raise ProviderError(f"{self.path} is not a valid provider list ({exc}); fix or remove it") from None

    def _read(self) -> dict[str, RegisteredProvider]:
        return self._parse(self._read_bytes())

    def _write(self, providers: dict[str, RegisteredProvider]) -> None:
        table = {
            p.id: {k: v for k, v in (("name", p.name), ("domain", p.domain), ("added_at", p.added_at)) if v is not None}
            for p in sorted(providers.values(), key=lambda p: p.id)
        }
        import tomli_w  # writing the file only (a provider added or removed): the running app reads it

        text = _HEADER + tomli_w.dumps({"providers": table})
        try:
            atomic_write(self.path, text.encode("utf-8"))
        except OSError as exc:
            raise ProviderError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def _change_verifiers(self, change: Callable[[dict[str, Verifier]], object]) -> None:
        """Read, change and write the verifier file under its lock; a ProviderError says why not."""
        try:
            with locked(self.verifiers_path):
                verifiers = read_verifiers(self.verifiers_path)
                change(verifiers)
                write_verifiers(self.verifiers_path, verifiers)
        except (VerifierError, CoreError) as exc:
            raise ProviderError(str(exc)) from None

    # ------------------------------------------------------------ the list

    def list(self) -> list[RegisteredProvider]:
        """Every registered provider, by id."""
        return sorted(self._read().values(), key=lambda p: p.id)

    def get(self, provider_id: str) -> RegisteredProvider | None:
        return self._read().get(provider_id)

    def add(self, provider_id: str, name: str, domain: str | None = None) -> str:
        """Register a provider (again) and return its new token; an earlier token stops working."""
        entry = _validated(provider_id, name, domain)
        providers = self._read()
        token = _new_token()
        had_verifier: list[bool] = []

        def put(verifiers: dict[str, Verifier]) -> None:
            had_verifier.append(entry.id in verifiers)
            verifiers[entry.id] = Verifier.of(token)

        try:
            self._change_verifiers(put)
        except ProviderError as exc:
            raise ProviderError(f"cannot register provider {entry.id!r}: {exc}") from None
        is_new = entry.id not in providers
        providers[entry.id] = RegisteredProvider(entry.id, entry.name, entry.domain, format_rfc3339(self._clock.now()))
        try:
            self._write(providers)
        except ProviderError:
            if is_new:
                self._change_verifiers(lambda verifiers: verifiers.pop(entry.id, None))
            raise
        if not is_new and not had_verifier[0]:
            self._forget_token(entry.id)  # registered before verifiers: its old token may be in the keyring
        log.info("provider %s registered (token %s)", entry.id, "rotated" if not is_new else "issued")
        return token

    def remove(self, provider_id: str) -> None:
        """Unregister a provider; its token stops working at once."""
        providers = self._read()
        if provider_id not in providers:
            raise ProviderError(f"no provider {provider_id!r} is registered (see `popup-client provider list`)")
        del providers[provider_id]
        self._write(providers)  # without an entry here, no verifier verifies
        removed: list[Verifier | None] = []
        try:
            self._change_verifiers(lambda verifiers: removed.append(verifiers.pop(provider_id, None)))
        except ProviderError as exc:
            log.warning("the verifier of %s could not be deleted (%s); it no longer verifies anyway", provider_id, exc)
        if not removed or removed[0] is None:
            self._forget_token(provider_id)  # registered before verifiers: its token may be in the keyring
        log.info("provider %s removed", provider_id)

    def _forget_token(self, provider_id: str) -> None:
        """Delete a token kept in the keyring by an older popup-client, if there is one and a keyring."""
        keyring = _keyring()
        try:
            keyring.delete_password(KEYRING_SERVICE, provider_id)
        except (keyring.errors.PasswordDeleteError, keyring.errors.NoKeyringError):
            pass
        except keyring.errors.KeyringError as exc:
            log.warning("the token of %s could not be deleted from the keyring (%s); it no longer verifies anyway", provider_id, exc)

    # ------------------------------------------------------------ verification

    def verify(self, token: str | None) -> str | None:
        """The id of the registered provider this token was issued to, or None."""
        provider = self.identify(token)
        return provider.id if provider is not None else None

    def identify(self, token: str | None) -> RegisteredProvider | None:
        """The registered provider (id, name, domain) this token was issued to, or None."""
        if not token or len(token) > _MAX_TOKEN_CHARS:
            return None
        self._reload_if_changed()
        seen = sha256(token_bytes(token)).digest()
        if seen not in self._known:
            self._known[seen] = self._match(token) or ""
            if len(self._known) > _MAX_REMEMBERED:
                self._known.pop(next(iter(self._known)))
        return self._providers.get(self._known[seen])

    def _match(self, token: str) -> str | None:
        """The provider whose verifier (or, from before verifiers, keyring token) this token matches."""
        hint = token_hint(token)
        match = None
        for provider_id, verifier in self._verifiers.items():
            if verifier.hint == hint and verifier.matches(token):
                match = provider_id
        offered = token_bytes(token)
        for provider_id, stored in self._legacy.items():
            if compare_digest(token_bytes(stored), offered):
                match = provider_id
        return match

    def _reload_if_changed(self) -> None:
        """Load the verifiers again whenever providers.toml or the verifier file changed."""
        try:
            files = (self._read_bytes(), _status(self.verifiers_path))
        except ProviderError as exc:
            self._forget_all(f"{exc}; every provider is treated as unverified")
            return
        if files != self._loaded or (self._keyring_pending and time.monotonic() >= self._retry_at):
            self._load(files)

    def _load(self, files: tuple[bytes, Any]) -> None:
        try:
            providers = self._parse(files[0])
            verifiers = read_verifiers(self.verifiers_path)
        except (ProviderError, VerifierError) as exc:
            self._forget_all(f"{exc}; every provider is treated as unverified")
            return
        self._providers, self._known, self._loaded = providers, {}, files
        self._verifiers = {pid: v for pid, v in verifiers.items() if pid in providers}
        self._legacy = self._keyring_tokens(sorted(set(providers) - set(verifiers)))

    def _forget_all(self, warning: str) -> None:
        self._verifiers, self._legacy, self._known, self._loaded = {}, {}, {}, None
        self._warn_once(warning)

    def _keyring_tokens(self, provider_ids: Sequence[str]) -> dict[str, str]:
        """Tokens an older popup-client kept in the keyring for these providers; each found one becomes a verifier."""
        self._keyring_pending = False
        if not provider_ids:
            return {}
        keyring = _keyring()
        try:
            found = {pid: keyring.get_password(KEYRING_SERVICE, pid) for pid in provider_ids}
        except keyring.errors.KeyringError as exc:
            self._keyring_pending, self._retry_at = True, time.monotonic() + _KEYRING_RETRY_SECONDS  # look again in a minute
            self._warn_once(f"no verifier for {', '.join(provider_ids)} and no keyring to look in ({exc}): unverified until registered again")
            return {}
        tokens = {pid: t for pid, t in found.items() if isinstance(t, str) and t}
        if tokens:
            self._migrate(tokens)
        return tokens

    def _migrate(self, tokens: dict[str, str]) -> None:
        """Keep verifiers of the keyring's tokens, then delete the tokens from the keyring."""
        try:
            self._change_verifiers(lambda verifiers: verifiers.update({pid: Verifier.of(t) for pid, t in tokens.items() if pid not in verifiers}))
        except ProviderError as exc:
            log.warning("the keyring's provider tokens could not be turned into verifiers (%s); they are checked from the keyring", exc)
            return
        for provider_id in tokens:
            self._forget_token(provider_id)
        log.info("the tokens of %s moved from the keyring to verifiers in %s", ", ".join(tokens), self.verifiers_path)

    def _warn_once(self, message: str) -> None:
        if not self._warned:
            self._warned = True
            log.warning("%s", message)
