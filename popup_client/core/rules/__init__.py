"""The rules of docs/rules.md as small objects, in evaluation order."""

from __future__ import annotations

from .base import Context, EmptyJournal, JournalView, Outcome, Rule, Sender, Verdict
from .content import CONTENT_RULES
from .preferences import PREFERENCE_RULES

#: Every rule, in the order docs/rules.md states: content, then the user's preferences.
ALL_RULES: tuple[Rule, ...] = (*CONTENT_RULES, *PREFERENCE_RULES)

#: Rule id → article, including ``contract`` (the payload contract itself).
ARTICLES: dict[str, str] = {"contract": "—", **{rule.id: rule.article for rule in ALL_RULES}}

__all__ = [
    "ALL_RULES",
    "ARTICLES",
    "CONTENT_RULES",
    "PREFERENCE_RULES",
    "Context",
    "EmptyJournal",
    "JournalView",
    "Outcome",
    "Rule",
    "Sender",
    "Verdict",
]
