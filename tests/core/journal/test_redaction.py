"""What the journal keeps of a popup's text: pushes whole, service popups and bad payloads as a fingerprint."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from popup_client.core.journal.redaction import fingerprint, redacted_payload, text_key, text_summary
from popup_client.core.rules import Sender
from tests.helpers.service import make_service

SENDER = Sender("test", verified=True)
CODE = "839201"


def test_a_service_popup_keeps_its_ids_and_a_fingerprint_not_its_text(tmp_path: Path, service_popup: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    service_popup["body"] = f"Your code is {CODE}"
    result = service.submit(service_popup, SENDER)
    row = service.journal.get(result.receipt_id)
    assert row is not None and row.kind == "service" and row.decision == "show"
    assert row.payload is not None and CODE not in row.payload and service_popup["title"] not in row.payload
    stored = json.loads(row.payload)
    assert stored["id"] == service_popup["id"] and stored["provider"]["id"] == service_popup["provider"]["id"]
    text = f"{service_popup['title']}\n{service_popup['body']}"
    key = text_key(service.journal)
    assert len(key) == 32
    assert stored["text"] == {"kept": False, "fingerprint": fingerprint(text, key), "length": len(text)}
    assert text_summary(row.payload) == stored["text"]


def test_the_same_text_gives_the_same_fingerprint_and_another_text_another(tmp_path: Path, service_popup: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    key = text_key(service.journal)
    same = [json.loads(redacted_payload(json.dumps({**service_popup, "id": f"x{i}"}), key))["text"] for i in range(2)]
    other = json.loads(redacted_payload(json.dumps({**service_popup, "body": "else"}), key))["text"]
    assert same[0]["fingerprint"] == same[1]["fingerprint"] != other["fingerprint"]


def test_pushes_keep_their_payload(tmp_path: Path, ad: dict[str, Any], news: dict[str, Any], content: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    for doc in (ad, news, content):
        row = service.journal.get(service.submit(doc, SENDER).receipt_id)
        assert row is not None and text_summary(row.payload) is None
        assert json.loads(row.payload or "")["title"] == doc["title"]


def test_a_bad_service_payload_keeps_what_was_wrong_not_what_was_sent(tmp_path: Path, service_popup: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    bad = {**service_popup, "body": f"code {CODE}", "unknown_field": CODE}
    raw = json.dumps(bad, ensure_ascii=False)
    result = service.submit(raw, SENDER)
    row = service.journal.get(result.receipt_id)
    assert row is not None and row.decision == "reject" and row.error and "unknown_field" in row.error
    assert CODE not in (row.payload or "") + row.error + "".join(row.reasons)
    assert json.loads(row.payload or "") == {"text": {"kept": False, "fingerprint": fingerprint(raw, text_key(service.journal)), "length": len(raw)}}
    assert row.provider_id == service_popup["provider"]["id"] and row.rules  # still says what was wrong, and whose


def test_a_bad_push_keeps_what_was_sent(tmp_path: Path, ad: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    del ad["provider"]["name"]
    row = service.journal.get(service.submit(json.dumps(ad), SENDER).receipt_id)
    assert row is not None and row.decision == "reject" and text_summary(row.payload) is None
    assert ad["title"] in (row.payload or "")


def test_the_user_may_keep_service_text(tmp_path: Path, service_popup: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    service.set_pref("privacy.keep_service_text", "true")
    row = service.journal.get(service.submit(service_popup, SENDER).receipt_id)
    assert row is not None and text_summary(row.payload) is None
    assert json.loads(row.payload or "")["body"] == service_popup["body"]


@pytest.mark.parametrize(
    "stub",
    [
        {"id": "x", "version": 1, "kind": "service", "provider": {"id": "com.example", "name": "示例"}},
        {"text": {"kept": False, "fingerprint": "0123456789abcdef", "length": 42}},
        {"ü": 1, "a": 2, "Z": 3, "中": {"b": None, "a": True}},  # keys sorted by code point, nested too
        {"t": "\x00\x1f\x7f\u2028\u2029\"\\/\b\f\n\r\t 𝒳 🙂"},  # escapes, separators, beyond the BMP
        {"n": 2**70, "m": -(2**63)},  # whole numbers beyond 64 bits
        {"lone": "\ud800"},  # a lone surrogate: json writes it, msgspec refuses it
        {"f": 1e16, "g": 0.00001, "h": 1.5},  # floats: json's way
    ],
)
def test_a_stub_is_written_as_json_writes_it(stub: dict[str, Any]) -> None:
    from popup_client.core.journal.redaction import _COMPACT, _compact

    assert _compact(stub) == _COMPACT.encode(stub)


_LEAVES = st.one_of(st.text(), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False, allow_infinity=False))


@given(st.dictionaries(st.text(), st.one_of(_LEAVES, st.dictionaries(st.text(), _LEAVES, max_size=4)), max_size=6))
def test_any_stub_is_written_as_json_writes_it(stub: dict[str, Any]) -> None:
    from popup_client.core.journal.redaction import _COMPACT, _compact

    assert _compact(stub) == _COMPACT.encode(stub)
