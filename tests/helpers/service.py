"""Build a real PopupService over an in-memory journal and preferences in a temp dir."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal
from popup_client.core.prefs_store import PrefsStore
from popup_client.service import PopupService
from tests.helpers.rules import EXAMPLES_NOW


def make_service(tmp: Path, *, now: datetime = EXAMPLES_NOW, journal: str | Path = ":memory:") -> tuple[PopupService, FixedClock]:
    clock = FixedClock(now)
    service = PopupService(Journal(journal, clock=clock), PrefsStore(tmp / "preferences.toml"), clock=clock)
    return service, clock
