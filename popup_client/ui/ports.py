"""What the UI uses of the service, declared here as protocols, so no ``ui`` module imports it.

The app hands the service itself to the dialogs; it fits these shapes.
The popups never get it: they receive what to show and report back through
Qt signals (:mod:`.stack`). The dialogs' calls go down (to the service), never up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from ..core.clock import Clock
from ..core.journal import Journal
from ..core.journal.retention import ClearPlan
from ..core.news_sources import NewsSourceList
from ..core.prefs import Change, Preferences, PrefsStore


class PrefsDoor(Protocol):
    """The preferences in effect, and the one validated way to change them."""

    @property
    def prefs(self) -> Preferences: ...

    def change_prefs(self, change: Change, *, pin: str | None = None) -> Preferences: ...


class ServiceDoor(PrefsDoor, Protocol):
    """What the dialogs and the preferences watcher read and call."""

    journal: Journal
    prefs_store: PrefsStore
    news_sources: NewsSourceList
    warnings: list[str]
    clock: Clock
    prefs_listeners: list[Callable[[Preferences], None]]
    prefs_warning_listeners: list[Callable[[str], None]]

    def now(self) -> datetime: ...

    def refresh_prefs(self, *, thorough: bool = False) -> bool: ...

    def report(self, *, receipt_id: int | None, provider_id: str | None, reason: str, text: str = "") -> int: ...


class ForgetDoor(Protocol):
    """Clearing the history on request (docs/privacy.md): what it would do, and doing it."""

    def plan_clear(self, *, provider_id: str | None = None, before: datetime | None = None) -> ClearPlan: ...

    def clear_history(self, *, provider_id: str | None = None, before: datetime | None = None) -> ClearPlan: ...
