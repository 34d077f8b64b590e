"""The words every layer shares: a popup's kind, a decision, how a popup closed.

String enums: each member *is* its value (``DecisionKind.SHOW == "show"``,
``json.dumps`` writes ``"show"``, an f-string shows ``show``), so the wire,
the journal's columns and the CLI see exactly the words they always saw,
while code names them once. The payload and preference models validate a
kind with the :data:`~popup_client.core.payload.KindName` literal (the JSON
Schema publishes it inline, and strict validation takes the plain string);
``tests/core/test_vocabulary.py`` holds it to :class:`Kind`.
"""

from __future__ import annotations

import sys
from enum import Enum

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # pragma: no cover - exercised on Python 3.10 only

    class StrEnum(str, Enum):
        """``enum.StrEnum`` of Python 3.11: members format and print as their value."""

        __str__ = str.__str__
        __format__ = str.__format__  # type: ignore[assignment]


class Kind(StrEnum):
    """What a popup is (docs/payload.md ``kind``)."""

    AD = "ad"
    NEWS = "news"
    CONTENT = "content"
    SERVICE = "service"


class DecisionKind(StrEnum):
    """What the policy decided about a payload."""

    SHOW = "show"
    SUPPRESS = "suppress"
    REJECT = "reject"


class CloseHow(StrEnum):
    """How a popup was closed."""

    BUTTON = "button"
    ESC = "esc"
    TIMEOUT = "timeout"
    API = "api"
    REPLACED = "replaced"


#: Each member by its word, for the hot paths (a dict lookup; calling the enum is slower).
KIND_OF: dict[str, Kind] = {k.value: k for k in Kind}
DECISION_OF: dict[str, DecisionKind] = {d.value: d for d in DecisionKind}

#: Kinds that count toward the frequency caps (service popups have their own per-minute cap).
CAPPED_KINDS: tuple[Kind, ...] = (Kind.AD, Kind.NEWS, Kind.CONTENT)

__all__ = ["CAPPED_KINDS", "DECISION_OF", "KIND_OF", "CloseHow", "DecisionKind", "Kind", "StrEnum"]
