"""Fuzzing the parsers: any input gives a Popup or a PayloadError (a request or a RequestError), never another exception.

What is accepted must also be what docs/payload.md promises: normalized text
within its limits, serializable, and stable when parsed again. And the whole
door, ``PopupService.submit``, must answer and journal whatever it is given.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from popup_client.core.errors import PayloadError
from popup_client.core.payload import Popup, parse_popup
from popup_client.core.rules import Sender
from popup_client.service import PopupService
from popup_client.transports.socket.protocol import ControlRequest, Request, RequestError, parse_request
from tests.fuzz.strategies import BASES, fuzz_settings, hostile_text, json_values, mutated_payloads, to_json_bytes
from tests.helpers.service import make_service

INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")
LIMITS = {"title": 120, "body": 1000, "topic": 64}


def parse(raw: bytes | str) -> Popup | None:
    """The parser's answer: a Popup, or None for a PayloadError (anything else fails the test)."""
    try:
        popup = parse_popup(raw)
    except PayloadError as exc:
        assert exc.problems, "a PayloadError lists its problems"
        assert all(p.message for p in exc.problems)
        assert len(exc.problems) <= 60
        return None
    assert isinstance(popup, Popup)
    return popup


def check_accepted(popup: Popup) -> None:
    """What parsing guarantees about an accepted payload."""
    texts = {"title": popup.title, "body": popup.body, "topic": popup.topic or "", "provider.name": popup.provider.name or ""}
    for field, text in texts.items():
        assert not INVISIBLE.search(text), f"{field} keeps an invisible or control character: {text!r}"
        assert len(text) <= LIMITS.get(field, 40), field
        if field != "body":
            assert "\n" not in text and text == text.strip(), field
    assert popup.title, "a title is never empty"
    again = parse_popup(popup.to_json())  # what the journal keeps parses back to the same popup
    assert again == popup


@fuzz_settings(300)
@given(st.binary(max_size=2000))
def test_any_bytes(data: bytes) -> None:
    parse(data)


@fuzz_settings(200)
@given(json_values, st.booleans())
def test_any_json(value: Any, ascii_only: bool) -> None:
    parse(to_json_bytes(value, ascii_only=ascii_only))


@fuzz_settings(250)
@given(mutated_payloads(), st.booleans())
def test_mutated_payloads(doc: dict[str, Any], ascii_only: bool) -> None:
    popup = parse(to_json_bytes(doc, ascii_only=ascii_only))
    if popup is not None:
        check_accepted(popup)


@fuzz_settings(200)
@given(mutated_payloads(valid_types=True))
def test_hostile_text_in_valid_shapes(doc: dict[str, Any]) -> None:
    popup = parse(to_json_bytes(doc, ascii_only=True))
    if popup is not None:
        check_accepted(popup)


@fuzz_settings(200)
@given(st.sampled_from(BASES), st.data())
def test_byte_level_mutations(doc: dict[str, Any], data: st.DataObject) -> None:
    raw = bytearray(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(raw)))
        action = data.draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if action == "flip" and at < len(raw):
            raw[at] = data.draw(st.integers(0, 255))
        elif action == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del raw[at : at + data.draw(st.integers(1, 8))]
        elif action == "truncate":
            del raw[at:]
    popup = parse(bytes(raw))
    if popup is not None:
        check_accepted(popup)


# ------------------------------------------------------------------ the whole door: submit


_SERVICE: list[PopupService] = []


def service() -> PopupService:
    """One real service (SQLite journal in memory) for every example: state accumulates, as in the app."""
    if not _SERVICE:
        _SERVICE.append(make_service(Path(tempfile.mkdtemp(prefix="fuzz-submit-")))[0])
    return _SERVICE[0]


@fuzz_settings(200)
@given(st.one_of(mutated_payloads(), json_values), st.booleans(), st.sampled_from(["bytes", "str", "dict"]))
def test_submit_answers_and_journals_anything(value: Any, ascii_only: bool, form: str) -> None:
    svc = service()
    before = svc.journal.stats()
    if form == "dict" and isinstance(value, dict):
        raw: Any = value
    elif form == "str":
        raw = json.dumps(value, ensure_ascii=ascii_only, allow_nan=True)
    else:
        raw = to_json_bytes(value, ascii_only=ascii_only)
    submission = svc.submit(raw, Sender("fuzz", verified=False))
    assert submission.decision.decision in ("show", "suppress", "reject")
    reply = submission.reply()
    assert json.loads(json.dumps(reply, ensure_ascii=False)) == reply  # the socket can send it
    after = svc.journal.stats()
    assert sum(after.values()) == sum(before.values()) + 1, "every submission is journaled"
    row = svc.journal.get(submission.receipt_id)
    assert row is not None and row.decision == submission.decision.decision


# ------------------------------------------------------------------ the socket's request lines


@fuzz_settings(200)
@given(st.one_of(st.binary(max_size=500), json_values.map(lambda v: to_json_bytes(v, ascii_only=False)), hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_request_lines(line: bytes) -> None:
    try:
        request = parse_request(line)
    except RequestError as exc:
        assert str(exc)
        return
    if isinstance(request, ControlRequest):  # {"ctl": "<action>", ...}: its arguments are checked when answered
        assert isinstance(request.action, str) and "ctl" not in request.args and "token" not in request.args
        return
    assert isinstance(request, Request)
    assert isinstance(json.loads(request.popup), dict), "the popup handed on is the exact text of a JSON object"
    assert request.token is None or isinstance(request.token, str)


@fuzz_settings(120)
@given(mutated_payloads(), st.one_of(st.none(), hostile_text), st.booleans())
def test_request_envelopes(doc: dict[str, Any], token: str | None, ascii_only: bool) -> None:
    envelope = {"popup": doc} if token is None else {"token": token, "popup": doc}
    line = to_json_bytes(envelope, ascii_only=ascii_only)
    try:
        request = parse_request(line)
    except RequestError:
        assert not ascii_only, "an ASCII envelope around an object is always a request"
        return
    assert isinstance(request, Request)
    assert json.loads(request.popup) == json.loads(to_json_bytes(doc, ascii_only=True))
    assert request.token == (token or None)
