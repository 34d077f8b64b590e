"""A receipt is built once: the payload dumped once, a service popup's stub made from that data, as its JSON would give."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from popup_client.core.errors import PayloadError
from popup_client.core.journal.redaction import redacted_from, redacted_payload
from popup_client.core.payload import Popup, parse_popup
from popup_client.core.policy import Decision
from popup_client.core.rules import Sender
from popup_client.core.vocabulary import DecisionKind, Kind
from popup_client.receipts import Keeping, receipt_for
from popup_client.submission import journal_data, journal_payload
from tests.helpers.corpus import payload_files

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "resources" / "examples").glob("valid-*.json"))
KEY = bytes(range(32))
SENDER = Sender("test", verified=True)


def _keeping(keep_service_text: bool) -> Keeping:
    return Keeping(datetime(2026, 12, 3, tzinfo=timezone.utc), None, keep_service_text, lambda: KEY)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("keep_service_text", [False, True])
def test_the_receipt_keeps_what_the_two_step_path_kept(example: Path, keep_service_text: bool) -> None:
    raw = example.read_bytes()
    popup = parse_popup(raw)
    receipt = receipt_for(popup, SENDER, Decision(DecisionKind.SHOW), raw, _keeping(keep_service_text), counts=True)
    whole = journal_payload(popup)
    if popup.kind == "service" and not keep_service_text:
        assert receipt.payload == redacted_payload(whole, KEY) and receipt.payload_exact is None
        assert '"kept":false' in receipt.payload
    else:
        assert receipt.payload == whole and receipt.payload_exact == raw.decode("utf-8")


def test_the_examples_hold_a_service_popup() -> None:
    assert any(json.loads(p.read_bytes()).get("kind") == "service" for p in EXAMPLES)


def test_a_service_popup_s_stub_is_made_from_the_popup_as_from_its_data(monkeypatch: pytest.MonkeyPatch) -> None:
    popups = []
    for raw in payload_files().values():
        try:
            popups.append((raw, parse_popup(raw)))
        except PayloadError:
            continue
    service = [(raw, p.replace(kind=Kind.SERVICE)) for raw, p in popups]  # every corpus payload as a notification
    expected = [redacted_from(journal_data(popup), KEY) for _, popup in service]
    monkeypatch.setattr(Popup, "to_dict", lambda self: pytest.fail("the whole payload was made into data"))
    decision = Decision(DecisionKind.SHOW)
    made = [receipt_for(popup, SENDER, decision, raw, _keeping(False), counts=True).payload for raw, popup in service]
    assert made == expected and len(made) > 100


def test_a_popup_handed_over_whole_is_journaled_through_its_data() -> None:
    popup = parse_popup(EXAMPLES[0].read_bytes())
    receipt = receipt_for(popup, SENDER, Decision(DecisionKind.SHOW), popup, _keeping(True), counts=True)
    assert receipt.payload == journal_payload(popup) and receipt.payload_exact is None
