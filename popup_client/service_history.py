"""What the journal keeps, as the preferences say (docs/privacy.md): retention a step at a time, and clearing.

:class:`HistoryKeeper` turns the ``[privacy]`` preferences into a
:class:`~popup_client.core.journal.retention.Retention` and drives the
journal's one deleting path (:class:`~popup_client.core.journal.retention.Forgetter`):
the app calls :meth:`HistoryKeeper.prune_step` on a timer, so pruning never
stalls it; the history window and the CLI clear through it. No Qt here.
"""

from __future__ import annotations

import logging
from datetime import datetime

from .core.journal import Journal, JournalError
from .core.journal.retention import ClearPlan, Forgetter, Retention
from .service_settings import Settings

log = logging.getLogger(__name__)

#: Seconds between pruning steps while more is due, and once none is.
PRUNE_BUSY_S, PRUNE_IDLE_S = 0.05, 600.0
VACUUM_PAGES = 256  # pages given back per step (1 MiB of 4 KiB pages)


class HistoryKeeper:
    """Retention and clearing of one journal, by the preferences in force."""

    def __init__(self, journal: Journal, settings: Settings) -> None:
        self.forgetter = Forgetter(journal)
        self._settings = settings
        self._pruned = 0  # receipts deleted since the last vacuum

    def retention(self) -> Retention:
        """How long the journal keeps what, as the preferences say now."""
        p = self._settings.prefs
        return Retention.of(service_days=p.privacy.service_days, push_days=p.privacy.push_days, topic_window_hours=p.topic_window_hours)

    def prune_step(self) -> float:
        """Delete one chunk of what is past its time, then give the space back a chunk a step; seconds until the next step."""
        try:
            deleted = self.forgetter.prune_step(self.retention())
            self._pruned += deleted
            if not deleted and self._pruned and self.forgetter.vacuum(pages=VACUUM_PAGES) < VACUUM_PAGES:
                self._pruned = 0  # none left to give back
        except JournalError as exc:
            log.warning("pruning the journal failed: %s", exc)
            return PRUNE_IDLE_S
        return PRUNE_BUSY_S if deleted or self._pruned else PRUNE_IDLE_S

    def plan_clear(self, *, provider_id: str | None = None, before: datetime | None = None) -> ClearPlan:
        """What :meth:`clear` would delete, and keep for the caps."""
        return self.forgetter.plan(retention=self.retention(), provider_id=provider_id, before=before)

    def clear(self, *, provider_id: str | None = None, before: datetime | None = None) -> ClearPlan:
        """Forget the history (of a provider, before a time); what was shown within a day stays as a bare count."""
        plan = self.forgetter.clear(retention=self.retention(), provider_id=provider_id, before=before)
        log.info("history cleared: %d receipts deleted, %d kept for the caps, %d complaints", plan.deleted, plan.kept_for_caps, plan.complaints)
        return plan
