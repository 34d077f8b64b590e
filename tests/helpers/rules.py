"""Helpers for rule tests: a context builder and a journal fake with fixed counts."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo
from typing import Any

from popup_client.core.journal import ShownQuery
from popup_client.core.news_sources import NewsSourceList, load_news_sources
from popup_client.core.payload import Popup, parse_popup
from popup_client.core.prefs import Preferences
from popup_client.core.rules import Context, Sender

#: The time the shipped examples are evaluated at (resources/examples/expected.json).
EXAMPLES_NOW = datetime.fromisoformat("2026-11-27T20:00:00+08:00")


@dataclass
class FakeJournal:
    """Answers count_shown from a list of (provider, kind, topic, at) shown rows."""

    shown: list[tuple[str, str, str | None, datetime]] = field(default_factory=list)
    received: set[tuple[str, str]] = field(default_factory=set)

    def count_shown(
        self,
        *,
        since: datetime,
        provider_id: str | None = None,
        kinds: Collection[str] | None = None,
        topic: str | None = None,
    ) -> int:
        return sum(
            1
            for p, k, t, at in self.shown
            if at >= since
            and (provider_id is None or p == provider_id)
            and (kinds is None or k in kinds)
            and (topic is None or t == topic)
        )

    def count_shown_many(self, queries: Sequence[ShownQuery]) -> list[int]:
        return [self.count_shown(since=q.since, provider_id=q.provider_id, kinds=q.kinds, topic=q.topic) for q in queries]

    def was_received(self, provider_id: str, popup_id: str) -> bool:
        return (provider_id, popup_id) in self.received


_SOURCES: NewsSourceList | None = None


def news_sources() -> NewsSourceList:
    global _SOURCES
    if _SOURCES is None:
        _SOURCES = load_news_sources()
    return _SOURCES


def popup_of(doc: dict[str, Any]) -> Popup:
    return parse_popup(json.dumps(doc, ensure_ascii=False))


def context(
    doc: dict[str, Any] | Popup,
    *,
    prefs: Preferences | None = None,
    now: datetime = EXAMPLES_NOW,
    journal: FakeJournal | None = None,
    sender: Sender | None = None,
    tz: tzinfo = timezone.utc,
) -> Context:
    return Context(
        popup=doc if isinstance(doc, Popup) else popup_of(doc),
        sender=sender or Sender("test"),
        prefs=prefs or Preferences(),
        now=now,
        local_tz=tz,
        journal=journal or FakeJournal(),
        news_sources=news_sources(),
    )
