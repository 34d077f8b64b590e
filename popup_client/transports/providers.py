"""Registered providers and their tokens.

A provider that registers (``popup-client provider add ID --name NAME``)
gets a token; a popup sent with that token is *verified* and attributed to
that provider, and must show the id and the name it registered
(:meth:`ProviderRegistry.identify` gives both; rule ``provider-identity``
rejects a popup that shows another name).
The list (id, name, domain, when the token was issued) is
``providers.toml`` in the config folder, written atomically with mode 0600;
the tokens themselves live only in the OS keyring (service
``popup-client/providers``, user name = provider id). Tokens are compared in
constant time, and are never logged nor journaled.

Without a usable keyring, :meth:`ProviderRegistry.add` says so clearly and
every popup is unverified; nothing else stops working.
"""

from __future__ import annotations

import hmac
import logging
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from ..core.clock import Clock, SystemClock
from ..core.errors import CoreError
from ..core.normalize import normalize_line
from ..core.paths import config_dir
from ..core.payload import Provider
from ..core.files import atomic_write
from ..core.timefmt import format_rfc3339

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

#: The keyring service the tokens are stored under (user name = provider id).
KEYRING_SERVICE = "popup-client/providers"
FILE_NAME = "providers.toml"
_TOKEN_BYTES = 32
_MAX_TOKEN_CHARS = 256
_KEYRING_RETRY_SECONDS = 60.0
_HEADER = (
    "# Providers registered with popup-client (`popup-client provider add|list|remove`).\n"
    f'# Their tokens are in the system keyring (service "{KEYRING_SERVICE}"), never in this file.\n\n'
)
_NO_KEYRING_ADVICE = (
    "On Linux without a desktop session, start a Secret Service first "
    "(for example `gnome-keyring-daemon --unlock --components=secrets` inside a D-Bus session), "
    "or register the provider from within your desktop session."
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


def _validated(provider_id: str, name: str, domain: str | None) -> RegisteredProvider:
    """The provider's fields checked with the payload's own rules, or a ProviderError."""
    try:
        checked = Provider.model_validate({"id": provider_id, "name": normalize_line(name), "domain": domain or None})
    except ValidationError as exc:
        reasons = "; ".join(f"{'.'.join(map(str, e['loc']))} {e['msg'].removeprefix('Value error, ')}" for e in exc.errors())
        raise ProviderError(f"cannot register provider {provider_id!r}: {reasons}") from None
    if not checked.name:
        raise ProviderError(f"cannot register provider {provider_id!r}: the name is empty; it is shown on every popup")
    assert checked.id is not None
    return RegisteredProvider(checked.id, checked.name, checked.domain)


def _new_token() -> str:
    """A random token that does not start with "-": ``send --token TOKEN`` must not take it for an option."""
    while (token := secrets.token_urlsafe(_TOKEN_BYTES)).startswith("-"):
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


class ProviderRegistry:
    """The registered providers (``providers.toml``) and their tokens (the keyring)."""

    def __init__(self, path: Path | None = None, *, clock: Clock | None = None) -> None:
        self.path = path if path is not None else providers_path()
        self._clock: Clock = clock or SystemClock()
        self._tokens: dict[str, str] = {}
        self._providers: dict[str, RegisteredProvider] = {}  # as registered when the tokens were loaded
        self._tokens_file: bytes | None = None  # the providers.toml the tokens were loaded for
        self._retry_at = 0.0
        self._warned = False

    # ------------------------------------------------------------ the file

    def _read_bytes(self) -> bytes:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return b""
        except OSError as exc:
            raise ProviderError(f"cannot read {self.path}: {exc.strerror or exc}") from None

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
        text = _HEADER + tomli_w.dumps({"providers": table})
        try:
            atomic_write(self.path, text.encode("utf-8"))
        except OSError as exc:
            raise ProviderError(f"cannot write {self.path}: {exc.strerror or exc}") from None

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
        try:
            _keyring().set_password(KEYRING_SERVICE, entry.id, token)
        except _keyring().errors.KeyringError as exc:
            raise ProviderError(
                f"cannot register provider {entry.id!r}: there is no usable system keyring to keep its token in ({exc}). "
                + _NO_KEYRING_ADVICE
            ) from None
        is_new = entry.id not in providers
        providers[entry.id] = RegisteredProvider(entry.id, entry.name, entry.domain, format_rfc3339(self._clock.now()))
        try:
            self._write(providers)
        except ProviderError:
            if is_new:
                self._forget_token(entry.id)
            raise
        log.info("provider %s registered (token %s)", entry.id, "rotated" if not is_new else "issued")
        return token

    def remove(self, provider_id: str) -> None:
        """Unregister a provider; its token stops working at once."""
        providers = self._read()
        if provider_id not in providers:
            raise ProviderError(f"no provider {provider_id!r} is registered (see `popup-client provider list`)")
        del providers[provider_id]
        self._write(providers)
        self._forget_token(provider_id)
        log.info("provider %s removed", provider_id)

    def _forget_token(self, provider_id: str) -> None:
        try:
            _keyring().delete_password(KEYRING_SERVICE, provider_id)
        except _keyring().errors.PasswordDeleteError:
            pass
        except _keyring().errors.KeyringError as exc:
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
        offered = token.encode("utf-8", "surrogatepass")
        match = None
        for provider_id, stored in self._current_tokens().items():
            if hmac.compare_digest(stored.encode("utf-8", "surrogatepass"), offered):
                match = provider_id
        return self._providers.get(match) if match is not None else None

    def _current_tokens(self) -> dict[str, str]:
        """Tokens of the registered providers, reloaded whenever providers.toml changes."""
        try:
            data = self._read_bytes()
        except ProviderError as exc:
            self._warn_once(f"{exc}; every provider is treated as unverified")
            return {}
        if data != self._tokens_file and (self._tokens_file is not None or time.monotonic() >= self._retry_at):
            self._load_tokens(data)
        return self._tokens

    def _load_tokens(self, data: bytes) -> None:
        try:
            providers = self._parse(data)
            tokens = {pid: _keyring().get_password(KEYRING_SERVICE, pid) for pid in providers}
        except (ProviderError, _keyring().errors.KeyringError) as exc:
            self._tokens, self._tokens_file = {}, None
            self._retry_at = time.monotonic() + _KEYRING_RETRY_SECONDS
            self._warn_once(f"provider tokens cannot be checked ({exc}); every provider is treated as unverified")
            return
        self._tokens = {pid: t for pid, t in tokens.items() if isinstance(t, str) and t}
        self._providers = providers
        self._tokens_file = data
        missing = sorted(set(providers) - set(self._tokens))
        if missing:
            log.info("no token in the keyring for %s; register again to issue one", ", ".join(missing))

    def _warn_once(self, message: str) -> None:
        if not self._warned:
            self._warned = True
            log.warning("%s", message)
