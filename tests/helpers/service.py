"""Build a real PopupService over an in-memory journal and preferences in a temp dir."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal
from popup_client.core.prefs import PrefsStore
from popup_client.service import PopupService
from tests.helpers.rules import EXAMPLES_NOW


def make_service(tmp: Path, *, now: datetime = EXAMPLES_NOW, journal: str | Path = ":memory:") -> tuple[PopupService, FixedClock]:
    clock = FixedClock(now)
    service = PopupService(Journal(journal, clock=clock), PrefsStore(tmp / "preferences.toml"), clock=clock)
    return service, clock


def prefs_set_elsewhere(config_dir: Path, key: str, value: str) -> None:
    """``popup-client prefs set KEY VALUE`` as another process runs it: its own reading of the file, its own write."""
    from popup_client.cli import main
    from popup_client.core.paths import CONFIG_ENV

    before = os.environ.get(CONFIG_ENV)
    try:
        assert main(["--config-dir", str(config_dir), "prefs", "set", key, value]) == 0
    finally:  # main() points the environment at the folder
        if before is None:
            os.environ.pop(CONFIG_ENV, None)
        else:
            os.environ[CONFIG_ENV] = before
