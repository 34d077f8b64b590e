"""What the journal records and reads back: receipts, events, complaints (count queries: :mod:`.shown_query`).

Plain frozen dataclasses, no SQL: :mod:`.rows` maps them to and from rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from popup_client.core.vocabulary import DECISION_OF, DecisionKind

def require_aware(value: datetime, name: str) -> None:
    """Raise ValueError if ``value`` has no time zone (the journal stores instants, not wall times)."""
    if value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")


@dataclass(frozen=True, init=False)
class Receipt:
    """One payload as received, and what the policy decided about it.

    ``counts`` is False for a notification that replaced a visible one: it is
    journaled but does not count again toward caps. A reason or the error
    that is a :class:`~popup_client.core.text.Text` (as the policy and the
    payload parser make them) is read back as one.
    """

    received_at: datetime
    transport: str
    sender: Mapping[str, Any]
    provider_id: str | None
    popup_id: str | None
    kind: str | None
    topic: str | None
    tier: str | None
    verified: bool
    payload: str | None
    error: str | None
    decision: DecisionKind
    rules: Sequence[str]
    reasons: Sequence[str]
    news_list_version: str | None = None
    counts: bool = True
    policy_version: str | None = None  # the installed policy bundle in force (issue 18), like news_list_version
    payload_exact: str | None = None  # the payload's text exactly as received, when it came as text of at most 64 KiB

    def __init__(  # noqa: PLR0913 - the fields, as the dataclass's own __init__ takes them
        self, received_at: datetime, transport: str, sender: Mapping[str, Any], provider_id: str | None,
        popup_id: str | None, kind: str | None, topic: str | None, tier: str | None, verified: bool,
        payload: str | None, error: str | None, decision: DecisionKind | str, rules: Sequence[str],
        reasons: Sequence[str], news_list_version: str | None = None, counts: bool = True,
        policy_version: str | None = None, payload_exact: str | None = None,
    ) -> None:  # fmt: skip
        # One per popup: the fields set at once, not one by one through the frozen __setattr__ (most of its time).
        require_aware(received_at, "Receipt.received_at")
        member = DECISION_OF.get(decision)
        if member is None:
            raise ValueError(f"Receipt.decision must be one of {', '.join(DecisionKind)}, not {decision!r}")
        self.__dict__.update(
            received_at=received_at, transport=transport, sender=sender, provider_id=provider_id, popup_id=popup_id,
            kind=kind, topic=topic, tier=tier, verified=verified, payload=payload, error=error,
            decision=member, rules=rules, reasons=reasons, news_list_version=news_list_version, counts=counts,
            policy_version=policy_version, payload_exact=payload_exact,
        )  # fmt: skip


@dataclass(frozen=True)
class Event:
    """Something that happened to a receipt: ``display``, ``close``, ``action``, ``report``."""

    type: str
    at: datetime
    detail: dict[str, Any]


@dataclass(frozen=True)
class HistoryRow:
    """A receipt read back, with its events in the order they happened.

    ``reasons`` and ``error`` are :class:`~popup_client.core.text.Text` where
    they were recorded as one, else the plain English.
    """

    id: int
    received_at: datetime
    transport: str
    sender: dict[str, Any]
    provider_id: str | None
    popup_id: str | None
    kind: str | None
    topic: str | None
    tier: str | None
    verified: bool
    payload: str | None
    error: str | None
    decision: DecisionKind
    rules: tuple[str, ...]
    reasons: tuple[str, ...]
    news_list_version: str | None
    counts: bool
    events: tuple[Event, ...]
    policy_version: str | None = None
    payload_exact: str | None = None


@dataclass(frozen=True)
class ComplaintRow:
    """A report read back; ``title`` is the reported popup's title, if known."""

    id: int
    at: datetime
    receipt_id: int | None
    provider_id: str | None
    reason: str
    text: str
    title: str | None
