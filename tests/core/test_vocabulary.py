"""One vocabulary: Kind, DecisionKind and CloseHow are string enums whose values are the words on the wire and in the DB."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import get_args

import pytest

from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal, Receipt
from popup_client.core.payload import KINDS, KindName, parse_popup
from popup_client.core.policy import Decision, Policy
from popup_client.core.prefs import Preferences
from popup_client.core.vocabulary import CloseHow, DecisionKind, Kind
from tests.helpers.rules import context

T0 = datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc)
EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def test_the_words_are_unchanged() -> None:
    assert [k.value for k in Kind] == ["ad", "news", "content", "service"]
    assert [d.value for d in DecisionKind] == ["show", "suppress", "reject"]
    assert [c.value for c in CloseHow] == ["button", "esc", "timeout", "api", "replaced"]


def test_members_are_their_words() -> None:
    assert DecisionKind.SHOW == "show" and f"{CloseHow.ESC}" == "esc" and str(Kind.AD) == "ad"
    assert json.dumps({"decision": DecisionKind.REJECT}) == '{"decision": "reject"}'


def test_the_wire_literal_of_a_kind_is_the_enum() -> None:
    assert get_args(KindName) == tuple(k.value for k in Kind) and KINDS == tuple(Kind)


def test_a_parsed_popup_has_a_kind_member() -> None:
    popup = parse_popup((EXAMPLES / "valid-news.json").read_bytes())
    assert popup.kind is Kind.NEWS
    assert json.loads(popup.to_json())["kind"] == "news"


def test_the_policy_decides_with_a_member_and_replies_the_word() -> None:
    popup = parse_popup((EXAMPLES / "valid-ad.json").read_bytes())
    decision = Policy().evaluate(context(popup, prefs=Preferences()))
    assert decision.decision is DecisionKind.SHOW
    assert json.loads(json.dumps(decision.as_dict()))["decision"] == "show"


def test_a_decision_from_a_parse_error_is_reject() -> None:
    with pytest.raises(Exception) as raised:
        parse_popup(b"{}")
    assert Decision.from_error(raised.value).decision is DecisionKind.REJECT  # type: ignore[arg-type]


def test_the_journal_stores_the_words_and_reads_back_members(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal(path, clock=FixedClock(T0)) as journal:
        receipt = Receipt(
            received_at=T0, transport="socket", sender={}, provider_id="com.example.news", popup_id="1",
            kind="news", topic=None, tier=None, verified=True, payload="{}", error=None,
            decision="suppress", rules=(), reasons=(),  # type: ignore[arg-type]  # a plain word is accepted
        )
        assert receipt.decision is DecisionKind.SUPPRESS
        receipt_id = journal.record_receipt(receipt)
        journal.record_close(receipt_id, CloseHow.ESC)
        row = journal.get(receipt_id)
        assert journal.stats() == {"show": 0, "suppress": 1, "reject": 0}
    assert row is not None and row.decision is DecisionKind.SUPPRESS
    assert row.events[0].detail == {"how": "esc"}
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT decision FROM receipts").fetchone() == ("suppress",)
    assert raw.execute("SELECT detail FROM events").fetchone() == ('{"how": "esc"}',)
    raw.close()


def test_a_receipt_refuses_a_word_that_is_no_decision() -> None:
    with pytest.raises(ValueError, match="must be one of show, suppress, reject"):
        Receipt(
            received_at=T0, transport="socket", sender={}, provider_id=None, popup_id=None, kind=None, topic=None,
            tier=None, verified=False, payload=None, error=None, decision="maybe", rules=(), reasons=(),  # type: ignore[arg-type]
        )
