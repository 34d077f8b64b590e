"""The receipt of a submission as the journal keeps it: a push whole, the rest without its text (docs/privacy.md).

:class:`~popup_client.service.PopupService` builds each receipt here, once:
the payload is dumped once (from the Struct, for a popup that was parsed) and,
for a popup whose text is not kept, its stub made from the fields it keeps. No Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from .core.errors import PayloadError
from .core.journal import Receipt
from .core.journal.redaction import READ_FIELDS, READ_PROVIDER_FIELDS, for_journal, keeps_text, redacted_from
from .core.payload import Popup
from .core.policy import Decision
from .core.rules import Sender
from .submission import RawPayload, exact_text, journal_data, journal_payload, raw_text, salvage_ids, salvage_kind


class Keeping(NamedTuple):
    """What a receipt made now keeps: the time, the policy in force, whether service text is kept, the fingerprint key.

    A named tuple: one is made for every popup, in a fraction of a frozen dataclass's time.
    """

    now: datetime
    policy_version: str | None
    keep_service_text: bool
    key: Callable[[], bytes]


def receipt_for(popup: Popup, sender: Sender, decision: Decision, raw: RawPayload, keeping: Keeping, *, counts: bool) -> Receipt:
    """The receipt of a popup that parsed."""
    parsed = raw is not popup  # a Popup handed over whole was never checked
    if keeps_text(popup.kind, keep_service_text=keeping.keep_service_text):
        payload, payload_exact = journal_payload(popup, parsed=parsed), exact_text(raw)
    else:  # the bytes as received hold the text too
        payload, payload_exact = redacted_from(_read_by_redaction(popup) if parsed else journal_data(popup), keeping.key()), None
    return Receipt(
        received_at=keeping.now,
        transport=sender.transport,
        sender=dict(sender.details),
        provider_id=popup.provider.id,
        popup_id=popup.id,
        kind=popup.kind,
        topic=popup.topic,
        tier=popup.audience.tier or None,
        verified=bool(sender.verified),
        payload=payload,
        payload_exact=payload_exact,
        error=None,
        decision=decision.decision,
        rules=decision.rules,
        reasons=decision.reasons,
        news_list_version=decision.news_list_version,
        counts=counts,
        policy_version=keeping.policy_version,
    )


def _read_by_redaction(popup: Popup) -> dict[str, Any]:
    """What :func:`redacted_from` reads of a parsed popup's ``to_dict()``, without the rest of it (the same values)."""
    data = {name: value for name in READ_FIELDS if (value := getattr(popup, name)) is not None}  # None left out, as there
    data["provider"] = {name: value for name in READ_PROVIDER_FIELDS if (value := getattr(popup.provider, name)) is not None}
    data["kind"] = popup.kind.value
    return data


def error_receipt(raw: RawPayload, sender: Sender, error: PayloadError, decision: Decision, keeping: Keeping) -> Receipt:
    """The receipt of a payload that did not parse: its salvaged ids, and what is kept of what was sent."""
    provider_id, popup_id = salvage_ids(raw)
    receipt = Receipt(
        received_at=keeping.now,
        transport=sender.transport,
        sender=dict(sender.details),
        provider_id=provider_id,
        popup_id=popup_id,
        kind=None,
        topic=None,
        tier=None,
        verified=bool(sender.verified),
        payload=raw_text(raw),
        error=str(error),
        decision=decision.decision,
        rules=decision.rules,
        reasons=decision.reasons,
        policy_version=keeping.policy_version,
    )
    keep = keeping.keep_service_text
    return for_journal(receipt, b"" if keep else keeping.key(), keep_service_text=keep, claimed_kind=salvage_kind(raw))
