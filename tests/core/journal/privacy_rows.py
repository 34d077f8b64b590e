"""Receipts of each kind at a given time, for the retention, clearing and vacuum tests."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal, Receipt
from popup_client.core.vocabulary import DecisionKind
from tests.helpers.rules import EXAMPLES_NOW

NOW = EXAMPLES_NOW


def receipt(kind: str | None, at: datetime, *, provider: str = "com.example.a", n: int = 0,
            shown: bool = True, text: str = "正文") -> Receipt:  # fmt: skip
    payload = json.dumps({"id": f"p{n}", "kind": kind, "title": f"标题 {n}", "body": text}, ensure_ascii=False)
    return Receipt(
        received_at=at, transport="socket", sender={"pid": 1}, provider_id=provider, popup_id=f"p{n}", kind=kind,
        topic="t", tier=None, verified=True, payload=payload, error=None,
        decision=DecisionKind.SHOW if shown else DecisionKind.SUPPRESS, rules=[], reasons=[],
    )  # fmt: skip


def journal_at(path: Path | str = ":memory:", now: datetime = NOW) -> tuple[Journal, FixedClock]:
    clock = FixedClock(now)
    return Journal(path, clock=clock), clock


def record_ago(journal: Journal, clock: FixedClock, kind: str | None, ago: timedelta, **kw: object) -> int:
    return journal.record_receipt(receipt(kind, clock.now() - ago, **kw))  # type: ignore[arg-type]


def ids(journal: Journal) -> set[int]:
    return {row.id for row in journal.history(limit=100_000)}
