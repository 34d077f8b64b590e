"""A decision's rules and reasons: worked out at their first read, once, without a lock (each submit reads them)."""

from __future__ import annotations

from typing import Any

import pytest

from popup_client.core.policy import Decision
from popup_client.core.rules import Verdict
from popup_client.core.vocabulary import DecisionKind


class NoLock:
    def __enter__(self) -> None:
        pytest.fail("a lock was taken to read a decision's rules")

    def __exit__(self, *exc: Any) -> None:
        pass


def test_rules_and_reasons_are_worked_out_once_at_their_first_read_without_a_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("rules", "reasons"):  # Python 3.11's cached_property takes its lock at each first read
        monkeypatch.setattr(vars(Decision)[name], "lock", NoLock(), raising=False)
    decision = Decision(DecisionKind.SUPPRESS, (Verdict("cap", "too many"), Verdict("cap", "too soon", "sent_at"), Verdict("quiet", "night")))
    assert "rules" not in vars(decision)
    assert decision.rules == ("cap", "quiet") and decision.reasons == ("too many", "sent_at: too soon", "night")
    assert decision.rules is decision.rules and vars(decision)["reasons"] is decision.reasons
    assert decision == Decision(DecisionKind.SUPPRESS, decision.verdicts)  # not part of what a decision is
