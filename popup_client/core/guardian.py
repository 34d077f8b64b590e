"""The guardian PIN that locks minors mode on (rule ``minor-protection``).

Only a salted scrypt hash of the PIN is kept, in the OS keyring (service
``popup-client``, user ``guardian-pin``). Without a usable keyring the lock
is unavailable and says why; minors mode itself still works, unlocked.

The lock is a speed bump, not a wall: the preferences file belongs to the
same user account. Every change of the preferences is checked by
:func:`guard_change` before it is saved
(:meth:`~popup_client.core.prefs.store.PrefsStore.update`), whoever makes
it: the CLI, the dialog, a reset, the tray, ``ctl``.
"""

from __future__ import annotations

import base64
import logging
import re
from typing import TYPE_CHECKING, Any

from .digests import compare_digest, token_bytes
from .errors import CoreError
from .text import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # the preferences' store checks every change here: no import of it at run time
    from .prefs.schema import Preferences

log = logging.getLogger(__name__)


def _keyring() -> Any:
    """The keyring module, imported on first use (it pulls in the Secret Service stack)."""
    import keyring
    import keyring.backends.fail
    import keyring.errors

    return keyring

SERVICE = "popup-client"
USERNAME = "guardian-pin"
_PIN_RE = re.compile(r"^[0-9]{4,12}$")
_SCHEME = "scrypt"
_LOG2_N, _R, _P, _DKLEN, _SALT_BYTES = 14, 8, 1, 32, 16


_NO_KEYRING = QT_TRANSLATE_NOOP(
    "core",
    "The guardian PIN needs the system keyring (Secret Service, macOS Keychain or "
    "Windows Credential Manager), and none is usable here: {cause}. "
    "Minors mode still works, but it cannot be locked with a PIN.",
)


class GuardianError(CoreError):
    """A guardian-PIN action that was refused; the message tells the user why."""


def _check_pin_format(pin: str) -> None:
    if not _PIN_RE.match(pin):
        raise GuardianError(QT_TRANSLATE_NOOP("core", "A guardian PIN is 4 to 12 digits (0-9), e.g. 2468."))


def _derive(pin: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    import hashlib  # OpenSSL's scrypt: loaded when a PIN is set or checked, not with the preferences

    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=2**log2_n, r=r, p=p, dklen=_DKLEN)


def hash_pin(pin: str) -> str:
    """A self-describing salted hash: ``scrypt$14$8$1$<salt>$<hash>`` (base64)."""
    _check_pin_format(pin)
    salt = token_bytes(_SALT_BYTES)
    digest = _derive(pin, salt, _LOG2_N, _R, _P)
    b64 = base64.b64encode
    return f"{_SCHEME}${_LOG2_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches ``stored`` (from :func:`hash_pin`); constant-time compare."""
    try:
        scheme, log2_n, r, p, salt, digest = stored.split("$")
        if scheme != _SCHEME:
            raise ValueError(f"unknown scheme {scheme!r}")
        expected = base64.b64decode(digest, validate=True)
        actual = _derive(pin, base64.b64decode(salt, validate=True), int(log2_n), int(r), int(p))
    except (ValueError, UnicodeEncodeError) as err:
        log.error("the stored guardian PIN hash is not usable: %s", err)
        return False
    return compare_digest(actual, expected)


class GuardianLock:
    """The guardian PIN in the OS keyring."""

    def __init__(self, service: str = SERVICE, username: str = USERNAME) -> None:
        self.service = service
        self.username = username
        self._reason: str | None = None
        self._probed = False

    @property
    def unavailable_reason(self) -> str | None:
        """Why the lock cannot be used (a sentence for the user), or ``None``."""
        self._probe()
        return self._reason

    def available(self) -> bool:
        """Whether a usable keyring backend can hold the PIN."""
        return self.unavailable_reason is None

    def is_set(self) -> bool:
        """Whether a PIN is set; ``False`` when the keyring is unavailable."""
        return self._stored() is not None

    def verify(self, pin: str) -> bool:
        """Whether ``pin`` is the guardian PIN (``False`` if none is set)."""
        stored = self._stored()
        return stored is not None and _PIN_RE.match(pin) is not None and check_pin(pin, stored)

    def set_pin(self, pin: str, old_pin: str | None = None) -> None:
        """Set or change the PIN; changing it needs the current one."""
        self._require_available()
        _check_pin_format(pin)
        if self.is_set() and (old_pin is None or not self.verify(old_pin)):
            if old_pin is None:
                raise GuardianError(QT_TRANSLATE_NOOP("core", "A guardian PIN is already set. Enter the current PIN to change it."))
            raise GuardianError(QT_TRANSLATE_NOOP("core", "A guardian PIN is already set and the current PIN is wrong; the PIN was not changed."))
        try:
            _keyring().set_password(self.service, self.username, hash_pin(pin))
        except _keyring().errors.KeyringError as err:
            text = QT_TRANSLATE_NOOP("core", "The guardian PIN could not be saved in the system keyring: {error}")
            raise GuardianError(text.format(error=str(err))) from err

    def clear(self, pin: str) -> None:
        """Remove the PIN; needs the PIN. Clearing when none is set does nothing."""
        self._require_available()
        if not self.is_set():
            return
        if not self.verify(pin):
            raise GuardianError(QT_TRANSLATE_NOOP("core", "Wrong guardian PIN; the PIN was not removed."))
        try:
            _keyring().delete_password(self.service, self.username)
        except _keyring().errors.PasswordDeleteError:
            log.info("the guardian PIN was already gone from the keyring")
        except _keyring().errors.KeyringError as err:
            text = QT_TRANSLATE_NOOP("core", "The guardian PIN could not be removed from the system keyring: {error}")
            raise GuardianError(text.format(error=str(err))) from err

    def _require_available(self) -> None:
        reason = self.unavailable_reason
        if reason is not None:
            raise GuardianError(reason)

    def _stored(self) -> str | None:
        if not self.available():
            return None
        try:
            value = _keyring().get_password(self.service, self.username)
        except _keyring().errors.KeyringError as err:
            self._mark_unavailable(err)
            return None
        return value if isinstance(value, str) else None

    def _probe(self) -> None:
        if self._probed:
            return
        self._probed = True
        backend = _keyring().get_keyring()
        if isinstance(backend, _keyring().backends.fail.Keyring):
            self._mark_unavailable(QT_TRANSLATE_NOOP("core", "no keyring backend is installed or running"), logging.INFO)
            return
        try:
            _keyring().get_password(self.service, self.username)
        except _keyring().errors.KeyringError as err:
            self._mark_unavailable(err)

    def _mark_unavailable(self, cause: object, level: int = logging.WARNING) -> None:
        self._probed = True
        self._reason = _NO_KEYRING.format(cause=str(cause))
        log.log(level, "guardian lock unavailable: %s", cause)


def guard_change(before: Preferences, after: Preferences, lock: GuardianLock, pin: str | None) -> Preferences:
    """``after``, unless it turns minors mode off while a PIN is set and ``pin`` is not it."""
    if not before.minors_mode or after.minors_mode or not lock.is_set():
        return after
    if pin is None or pin == "":
        raise GuardianError(QT_TRANSLATE_NOOP("core", "Minors mode is locked with a guardian PIN; enter the PIN to turn it off."))
    if not lock.verify(pin):
        raise GuardianError(QT_TRANSLATE_NOOP("core", "Wrong guardian PIN; minors mode stays on."))
    return after


def change_minors_mode(prefs: Preferences, enable: bool, lock: GuardianLock, pin: str | None) -> Preferences:
    """A copy of ``prefs`` with minors mode on or off; turning it off may need the PIN."""
    from .prefs.changes import minors_mode  # noqa: PLC0415 - the preferences import this module

    return guard_change(prefs, minors_mode(enable)(prefs), lock, pin)
