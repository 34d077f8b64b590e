"""Telling listeners: every one is called, and a broken one never starves the others. No Qt here."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


def notify(listeners: list[Callable[..., None]], *args: Any) -> None:
    """Call every listener; a broken one is logged and must not starve the others."""
    for listener in list(listeners):
        try:
            listener(*args)
        except Exception:
            log.exception("listener %r failed", listener)
