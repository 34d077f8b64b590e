"""Vendor defaults and locks over the user's preferences (issue 18): built-in < vendor < user, then the locks.

:class:`VendorPolicy` is what the machine says: the installed policy
bundles' defaults and locks (:mod:`popup_client.core.trust.in_force`) and the
machine-wide folders' ``defaults.toml`` and ``locks.toml``
(:func:`popup_client.core.trust.layers.read_system_policy`).
:class:`LayeredPrefsStore` is the :class:`~.store.PrefsStore` the app and the
CLI use: it reads and writes the user's own file exactly as before (so
nothing the user set is ever lost, only overridden while a lock holds) and
returns the preferences in effect, :func:`effective`:

- the user's layer is every setting the file gives a value other than the
  built-in default (the file lists every setting, so a value equal to the
  built-in one cannot be told from one never changed: there the vendor's
  default applies);
- the locks, which only ever make the user safer (:mod:`popup_client.core.trust.locks`),
  apply last; :attr:`LayeredPrefsStore.locked` reports each locked key and who locked it;
- a change that would set a locked key to a value its lock forbids is
  refused, naming who locked it (:class:`~.errors.PrefError`); changing any
  other setting is not, whatever the file holds (a value saved before the
  lock came stays in the file, and applies again when the lock goes), nor
  is a reset to the built-in value (``prefs reset``).

Vendor defaults that do not fit the schema are ignored with a warning; the locks still apply.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from popup_client.core.clock import Clock, SystemClock
from popup_client.core.guardian import GuardianLock
from popup_client.core.prefs.errors import PrefError
from popup_client.core.prefs.model import InvalidPrefs
from popup_client.core.prefs.schema import Preferences
from popup_client.core.prefs.store import PrefsStore
from popup_client.core.news_sources import NewsSourceList
from popup_client.core.trust.in_force import bundle_news_sources, bundles_in_force, policy_paths, policy_state, policy_version
from popup_client.core.trust.layers import SystemPolicy, layered, read_system_policy
from popup_client.core.trust.locks import Lock, LockedField, get_value, lock_refusal
from popup_client.core.trust.system_dirs import system_config_dirs

if TYPE_CHECKING:
    from popup_client.core.prefs.changes import Change
    from popup_client.core.trust.bundle import PolicyBundle
    from popup_client.core.trust.signed_payload import ProviderKeys

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class VendorPolicy:
    """The machine's say over the preferences: the bundles in force (least important first) and the folders' files."""

    bundles: Sequence[PolicyBundle] = ()
    system: SystemPolicy = SystemPolicy()
    problems: tuple[str, ...] = field(default=())

    @property
    def locks(self) -> list[Lock]:
        return [lock for bundle in self.bundles for lock in bundle.locks] + list(self.system.locks)


def machine_policy(bundles: Sequence[PolicyBundle] | None = None) -> VendorPolicy:
    """The vendor policy installed on this machine (``bundles``: those already loaded, if any)."""
    refused: list[str] = []
    if bundles is None:
        bundles, refused = bundles_in_force()
    system = read_system_policy([d for d in system_config_dirs() if d.is_dir()])
    return VendorPolicy(tuple(bundles), system, (*refused, *system.problems))


def _differences(values: Mapping[str, Any], base: Mapping[str, Any]) -> dict[str, Any]:
    """What ``values`` sets otherwise than ``base``, tables compared key by key."""
    found: dict[str, Any] = {}
    for key, value in values.items():
        other = base.get(key)
        if isinstance(value, Mapping) and isinstance(other, Mapping):
            inner = _differences(value, other)
            if inner:
                found[key] = inner
        elif value != other:
            found[key] = value
    return found


def effective(own: Preferences, vendor: VendorPolicy) -> tuple[Preferences, tuple[LockedField, ...]]:
    """The preferences in effect over the user's ``own``, and the report of the locked keys.

    Without a vendor policy (no bundle, no machine-wide defaults nor locks) they are ``own``:
    built-in values overlaid with the user's differences from them give the user's back.
    """
    if not vendor.bundles and not vendor.system.defaults and not vendor.system.locks:
        return own, ()
    from popup_client.core.prefs.fields import plain  # the settings as plain values: only to layer them

    builtin = plain(Preferences())
    mine = _differences(plain(own), builtin)
    result = layered(builtin, mine, bundles=vendor.bundles, system=vendor.system)
    try:
        return Preferences.validate(result.values), result.locked
    except InvalidPrefs as exc:
        log.warning("the vendor's default preferences do not fit the schema and are ignored: %s", exc)
    result = layered(builtin, mine, bundles=[_without_defaults(b) for b in vendor.bundles], system=SystemPolicy(locks=vendor.system.locks))
    return Preferences.validate(result.values), result.locked


def _without_defaults(bundle: PolicyBundle) -> PolicyBundle:
    return replace(bundle, defaults={})


class LayeredPrefsStore(PrefsStore):
    """``preferences.toml`` as :class:`PrefsStore` keeps it, read back as the preferences in effect under ``vendor``."""

    def __init__(
        self,
        path: Path | None = None,
        clock: Clock | None = None,
        *,
        guardian: GuardianLock | None = None,
        vendor: VendorPolicy | None = None,
    ) -> None:
        super().__init__(path, clock, guardian=guardian)
        self.vendor = vendor if vendor is not None else machine_policy()
        #: Every locked key after the last read or write: its bound, who locked it, what it did.
        self.locked: tuple[LockedField, ...] = ()
        self.own = Preferences()  # the user's own preferences, as the file holds them

    def _layer(self, own: Preferences) -> Preferences:
        self.own = own
        prefs, self.locked = effective(own, self.vendor)
        return prefs

    def lock_of(self, key: str) -> LockedField | None:
        """The lock on dotted ``key`` (to show it locked, and by whom), or None."""
        return next((f for f in self.locked if f.key == key), None)

    def load(self) -> Preferences:
        return self._layer(super().load())

    def peek(self) -> Preferences:
        return effective(super().peek(), self.vendor)[0]

    def refresh(self, *, thorough: bool = False) -> Preferences | None:
        own = super().refresh(thorough=thorough)
        return None if own is None else self._layer(own)

    def revise(self, vendor: VendorPolicy) -> Preferences:
        """Apply another vendor policy (bundles or machine files changed) to the user's preferences as last read."""
        self.vendor = vendor
        return self._layer(self.own)

    def update(self, change: Change, *, pin: str | None = None) -> Preferences:
        """:meth:`PrefsStore.update` of the user's own file, refused if it sets a locked key beyond its lock."""

        from popup_client.core.prefs.fields import plain

        def within_locks(before: Preferences) -> Preferences:
            after = change(before)
            old, new, builtin = plain(before), plain(after), plain(Preferences())
            for lock in self.vendor.locks:
                value, was = get_value(new, lock.key), get_value(old, lock.key)
                # A reset to the built-in value is always allowed: the lock still binds what is in effect.
                changed = value != was and value != get_value(builtin, lock.key)
                refusal = lock_refusal(lock.key, value, self.vendor.locks) if changed else None
                # An opt-out list already short of a forbidden entry may still change otherwise.
                if refusal is not None and (lock.op != "forbid" or lock_refusal(lock.key, was, self.vendor.locks) is None):
                    raise PrefError(refusal)
            return after

        return self._layer(super().update(within_locks, pin=pin))


#: How often :meth:`PolicyInForce.refresh` looks at the policy files, at most.
CHECK_EVERY = timedelta(seconds=1)


class PolicyInForce:
    """What the service keeps of the vendor's policy: the bundles in force, their providers' keys, their version id.

    With a :class:`LayeredPrefsStore` the bundles are those its vendor policy
    holds (loaded once at start), else they are loaded here. :meth:`refresh`
    loads them again, and the store's policy with them, when any of their
    files changed (:func:`~popup_client.core.trust.in_force.policy_state`),
    looking at most once a second (:data:`CHECK_EVERY`, as the preferences
    file is watched) unless ``now`` is asked; bundles given by the caller are kept as given. Why a bundle was refused
    gathers in :attr:`problems` for the caller to tell.
    """

    def __init__(self, store: PrefsStore, bundles: Sequence[PolicyBundle] | None = None, *, clock: Clock | None = None) -> None:
        self._store, self._clock = store, clock
        self._fixed = bundles is not None
        self._paths = policy_paths()  # found once: a stat of each is all a popup costs
        self._seen: tuple[tuple[str, int, int] | None, ...] = ()
        self._checked = (clock or SystemClock()).now()
        self.problems: list[str] = []
        self._use(list(bundles) if bundles is not None else self._load(again=False))

    def _load(self, *, again: bool) -> list[PolicyBundle]:
        self._seen = policy_state(self._paths)
        if isinstance(self._store, LayeredPrefsStore):
            if again:
                self._store.revise(machine_policy())
            bundles, refused = list(self._store.vendor.bundles), list(self._store.vendor.problems)
        else:
            bundles, refused = bundles_in_force(clock=self._clock)
        self.problems += refused
        return bundles

    def _use(self, bundles: list[PolicyBundle]) -> None:
        self.bundles = bundles
        self._provider_keys: ProviderKeys | None = None
        #: What the journal records with each decision (``policy_version``).
        self.version = policy_version(bundles)

    @property
    def provider_keys(self) -> ProviderKeys:
        """The keys of the providers the bundles list, made when a signed request first asks (``lint`` never does)."""
        if self._provider_keys is None:
            from popup_client.core.trust.signed_payload import ProviderKeys

            self._provider_keys = ProviderKeys(self.bundles)
        return self._provider_keys

    def refresh(self, *, now: bool = False) -> bool:
        """Load the bundles (and the store's vendor policy) again if their files changed; True if so.

        ``now``: look at the files whatever the time since the last look (a signed request names a provider).
        """
        if self._fixed:
            return False
        at = (self._clock or SystemClock()).now()
        if not now and at - self._checked < CHECK_EVERY:
            return False
        self._checked = at
        if policy_state(self._paths) == self._seen:
            return False
        self._use(self._load(again=True))
        return True

    def news_sources(self) -> NewsSourceList | None:
        """The news-source list of the most important bundle carrying one, or None."""
        return bundle_news_sources(self.bundles)
