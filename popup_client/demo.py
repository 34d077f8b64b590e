"""The demo (``popup-client run --demo``): the shipped valid examples, re-dated to now, and an unverified one. No Qt."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta
from typing import Any

from .core.resources import resources_dir
from .core.timefmt import format_rfc3339

DEMO_KINDS = ("ad", "news", "content", "service")


def demo_payloads(now: datetime) -> list[dict[str, Any]]:
    """The shipped valid examples, re-dated to ``now`` and given fresh ids, plus an unverified one."""
    stamp = now.strftime("%Y%m%dT%H%M%S")
    payloads = []
    for kind in DEMO_KINDS:
        doc = json.loads((resources_dir() / "examples" / f"valid-{kind}.json").read_text(encoding="utf-8"))
        payloads.append(redate(doc, now, f"demo-{kind}-{stamp}"))
    unverified = copy.deepcopy(payloads[-1])
    unverified["provider"] = {"id": "desktop.demo-chat", "name": "聊天演示"}
    unverified.update(id=f"demo-unverified-{stamp}", title="新消息", body="小李：今晚的会议改到 8 点。")
    payloads.append(unverified)
    return payloads


def redate(doc: dict[str, Any], now: datetime, popup_id: str) -> dict[str, Any]:
    """A copy of the example ``doc`` with id ``popup_id``, sent a minute before ``now`` (reviewed and published before)."""

    def at(minutes: int) -> str:
        return format_rfc3339((now - timedelta(minutes=minutes)).astimezone().replace(microsecond=0))

    doc = copy.deepcopy(doc)
    doc["id"] = popup_id
    doc["sent_at"] = at(1)
    if "review" in doc:
        doc["review"]["reviewed_at"] = at(5)
    if "news" in doc:
        doc["news"]["published_at"] = at(60)
    doc.pop("topic", None)
    return doc
