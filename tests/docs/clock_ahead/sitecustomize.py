"""Moves popup-client's clock ahead in every Python process a docs walkthrough starts (tests only).

tests/docs/test_docs_commands.py puts this directory first on PYTHONPATH and
sets ``POPUP_CLIENT_TEST_DAYS_AHEAD``; Python imports ``sitecustomize`` at
start-up, so every ``popup-client`` (and ``python``) the walkthrough runs
reads a :class:`~popup_client.core.clock.SystemClock` that many days ahead.
popup-client takes the time only from that clock (the house rule: time is
injected), so this moves all of it; the app itself has no such switch.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

_DAYS = float(os.environ.get("POPUP_CLIENT_TEST_DAYS_AHEAD") or 0)

if _DAYS:
    from popup_client.core import clock as _clock

    _real_now = _clock.SystemClock.now

    def _now_ahead(self: _clock.SystemClock) -> datetime:
        return _real_now(self) + timedelta(days=_DAYS)

    _clock.SystemClock.now = _now_ahead  # type: ignore[method-assign]
