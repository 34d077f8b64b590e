"""The service's settings: the preferences in effect, the policy bundles in force and the news-source list.

One :class:`Settings` per service holds the one copy of each: the
preferences as last read or written through the store (never written back),
the bundles a vendor installed (issue 18) and the news-source list they, the
user's file or the shipped list give. A change made anywhere — this
process, the CLI, an edit of the file, a new bundle — reaches the listeners
once. No Qt here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from .core.clock import Clock
from .core.news_sources import NewsSourceList, load_for_prefs
from .core.prefs import LayeredPrefsStore, PolicyInForce, Preferences, PrefsStore
from .listeners import notify

if TYPE_CHECKING:
    from .core.prefs import Change
    from .core.trust.bundle import PolicyBundle

log = logging.getLogger(__name__)

PrefsListener = Callable[[Preferences], None]
WarningListener = Callable[[str], None]


class Settings:
    """The preferences, the policy bundles and the news-source list in force, and who hears of their changes."""

    def __init__(self, store: PrefsStore, bundles: list[PolicyBundle] | None, *, clock: Clock, warnings: list[str]) -> None:
        """``bundles``: in force, least important first (default: those installed, verified now); ``warnings``: the service's."""
        self.store = store
        self.warnings = warnings
        #: Called with the preferences in effect when they changed, whoever changed the file.
        self.prefs_listeners: list[PrefsListener] = []
        #: Called with a problem of the preferences or the bundles found while running (said once per problem).
        self.warning_listeners: list[WarningListener] = []
        self.policy_in_force = PolicyInForce(store, bundles, clock=clock)
        self._take_policy_problems()
        self.prefs = store.load()
        self.warnings += store.warnings
        self.news_sources = self._load_news_sources()

    def change(self, change: Change, *, pin: str | None = None) -> Preferences:
        """The one way to change the preferences: ``change`` maps them as saved now to those wanted.

        Read afresh and written under the file's lock (:meth:`PrefsStore.update`),
        so a change made elsewhere meanwhile is kept; the result is checked
        against the schema and the guardian lock (``pin`` turns minors mode
        off when a PIN is set). Raises ``PrefError`` (nothing saved) for an
        invalid change or a file that cannot be read, ``GuardianError`` for
        minors mode turned off without the PIN. The named changes are in
        :mod:`popup_client.core.prefs.changes`.
        """
        prefs = self.store.update(change, pin=pin)
        self._tell_warnings()
        self._apply(prefs)
        return prefs

    def refresh(self, *, thorough: bool = False) -> bool:
        """Apply a change of the file made elsewhere (True if any); ``thorough`` reads it and repairs damage."""
        self.refresh_policy()
        prefs = self.store.refresh(thorough=thorough)
        self._tell_warnings()
        return prefs is not None and self._apply(prefs)

    def refresh_policy(self, *, now: bool = False) -> bool:
        """Load the installed policy bundles again if their files changed (True if so); bundles given at start stay.

        At most once a second, unless ``now``.
        """
        if not self.policy_in_force.refresh(now=now):
            return False
        self._take_policy_problems()
        self.news_sources = self._load_news_sources()
        if isinstance(self.store, LayeredPrefsStore):
            self._apply(self.store.revise(self.store.vendor))
        log.info("policy bundles in force now: %s", self.policy_in_force.version or "none")
        return True

    def _apply(self, prefs: Preferences) -> bool:
        if prefs == self.prefs:
            return False
        old_file = self.prefs.news_sources_file
        self.prefs = prefs
        if prefs.news_sources_file != old_file:
            self.news_sources = self._load_news_sources()
        notify(self.prefs_listeners, prefs)
        return True

    def _take_policy_problems(self) -> None:
        self._warn(self.policy_in_force.problems)
        self.policy_in_force.problems = []

    def _tell_warnings(self) -> None:
        self._warn(self.store.warnings)
        self.store.warnings = []

    def _warn(self, messages: list[str]) -> None:
        for message in messages:
            self.warnings.append(message)
            notify(self.warning_listeners, message)

    def _load_news_sources(self) -> NewsSourceList:
        """The user's own list if the preference names one, else the policy bundle's, else the shipped one."""
        from_bundle = None if self.prefs.news_sources_file else self.policy_in_force.news_sources()
        if from_bundle is not None:
            return from_bundle
        sources, warnings = load_for_prefs(self.prefs.news_sources_file)
        self.warnings += warnings
        return sources
