"""Lint: every contract and content problem of a payload, with no journal behind it. No Qt.

What ``popup-client lint`` and :meth:`PopupService.lint
<popup_client.service.PopupService.lint>` answer: the payload parsed against
the contract, then every content rule of the policy run on it with the
preferences and the news-source list in force, as if nothing had been
journaled yet (no cap is reached, nothing is a duplicate). It needs no
journal, so ``lint`` loads none: no SQLite, no hash chain.
"""

from __future__ import annotations

from .core.clock import Clock
from .core.errors import PayloadError, Problem
from .core.policy import Policy
from .core.rules import Context, EmptyJournal, Sender
from .service_settings import Settings
from .submission import RawPayload, parse_any

LINT_SENDER = Sender("lint")


class Linter:
    """Lints payloads against the settings in force (the preferences, the bundles' news-source list)."""

    def __init__(self, settings: Settings, *, clock: Clock, policy: Policy | None = None) -> None:
        self.settings = settings
        self.clock = clock
        self.policy = policy or Policy()

    def lint(self, raw: RawPayload) -> list[Problem]:
        """Every contract and content problem of a payload (no caps, no journal)."""
        try:
            popup = parse_any(raw)
        except PayloadError as exc:
            return exc.problems
        context = Context(
            popup=popup,
            sender=LINT_SENDER,
            prefs=self.settings.prefs,
            now=self.clock.now(),
            local_tz=self.clock.local_tz(),
            journal=EmptyJournal(),
            news_sources=self.settings.news_sources,
        )
        return self.policy.lint(context).problems
