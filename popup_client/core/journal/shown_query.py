"""One count of shown popups, as the caps ask it (apart from :mod:`.records`: the rules need it, ``lint`` no record)."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import NamedTuple


class ShownQuery(NamedTuple):
    """One count of shown popups: since when, and optionally of which provider, kinds, topic.

    A named tuple, not a dataclass: the caps make three for every popup, and a tuple is made in half the time.
    """

    since: datetime
    provider_id: str | None = None
    kinds: tuple[str, ...] | None = None
    topic: str | None = None


#: ``shown_query((since, provider_id, kinds, topic))``: the same ShownQuery, made in C (the named tuple's own
#: ``__new__`` is Python); the caps make three for every popup.
shown_query = partial(tuple.__new__, ShownQuery)
