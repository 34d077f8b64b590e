"""An in-memory keyring backend for tests, and ways to swap the active backend.

The test run selects it with
``PYTHON_KEYRING_BACKEND=tests.helpers.memkeyring.MemoryKeyring``; every
instance shares one store, emptied by :meth:`MemoryKeyring.reset`. To
simulate a machine without a keyring, install ``keyring.backends.fail.Keyring()``
(:func:`no_keyring`), or :class:`BrokenKeyring`, whose every call raises a
:class:`keyring.errors.KeyringError` as a locked or unreachable keyring does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar

import keyring
import keyring.backends.fail
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Passwords in a dict shared by all instances; nothing touches the OS."""

    priority = 0.5
    _store: ClassVar[dict[tuple[str, str], str]] = {}

    @classmethod
    def reset(cls) -> None:
        """Forget every stored password."""
        cls._store.clear()

    @classmethod
    def entries(cls) -> dict[tuple[str, str], str]:
        """A copy of the store: (service, username) -> password."""
        return dict(cls._store)

    def get_password(self, service: str, username: str) -> str | None:
        return self._store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._store.pop((service, username), None) is None:
            raise PasswordDeleteError(f"no password for {username!r} in {service!r}")


class BrokenKeyring(KeyringBackend):
    """A backend that is there but fails, like a locked or unreachable Secret Service."""

    priority = 0.1

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringError("the keyring is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("the keyring is locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringError("the keyring is locked")


@contextmanager
def use_keyring(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    """Make ``backend`` the active keyring inside the block, then restore the previous one."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@contextmanager
def memory_keyring() -> Iterator[MemoryKeyring]:
    """An empty :class:`MemoryKeyring` as the active keyring inside the block."""
    MemoryKeyring.reset()
    backend = MemoryKeyring()
    with use_keyring(backend):
        yield backend
    MemoryKeyring.reset()


@contextmanager
def no_keyring() -> Iterator[KeyringBackend]:
    """No usable keyring inside the block (``keyring.backends.fail.Keyring``)."""
    with use_keyring(keyring.backends.fail.Keyring()) as backend:
        yield backend
