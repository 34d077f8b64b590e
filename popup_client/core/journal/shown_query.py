"""One count of shown popups, as the caps ask it (apart from :mod:`.records`: the rules need it, ``lint`` no record)."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple


class ShownQuery(NamedTuple):
    """One count of shown popups: since when, and optionally of which provider, kinds, topic.

    A named tuple, not a dataclass: the caps make three for every popup, and a tuple is made in half the time.
    """

    since: datetime
    provider_id: str | None = None
    kinds: tuple[str, ...] | None = None
    topic: str | None = None
