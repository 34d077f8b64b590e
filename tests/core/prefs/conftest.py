"""Shared by the preferences' tests: a store in a temporary folder at a fixed time."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from popup_client.core.clock import FixedClock
from popup_client.core.prefs import PrefsStore

NOW = datetime(2026, 11, 27, 21, 40, 0, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path: Path) -> PrefsStore:
    return PrefsStore(tmp_path / "config" / "preferences.toml", clock=FixedClock(NOW))
