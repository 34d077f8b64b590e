"""What a submitted payload is: the cheap look for images before a payload is parsed."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from popup_client import service as service_module
from popup_client.core.errors import PayloadError
from popup_client.core.payload import Popup, parse_popup
from popup_client.submission import exact_text, journal_payload, may_carry_images, parse_any, struct_json
from tests.fuzz.strategies import fuzz_settings, mutated_payloads
from tests.helpers.corpus import payload_files
from tests.helpers.service import make_service

EXAMPLES = Path(__file__).resolve().parents[1] / "resources" / "examples"
PNG = "data:image/png;base64,iVBORw0KGgo="


@pytest.mark.parametrize(
    ("doc", "carries"),
    [
        ({"provider": {"id": "a", "name": "A"}, "title": "t"}, False),
        ({"provider": {"id": "a", "name": "A"}, "image": PNG}, True),
        ({"provider": {"id": "a", "name": "A", "icon": PNG}}, True),
        ({"provider": "not an object"}, True),  # let the parser say what is wrong
    ],
)
def test_a_dict_carries_images_only_in_its_image_and_icon(doc: dict[str, Any], carries: bool) -> None:
    assert may_carry_images(doc) is carries


def test_a_mapped_notification_without_images_is_not_parsed_ahead(tmp_path: Any, monkeypatch: pytest.MonkeyPatch, content: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    parsed: list[Any] = []
    monkeypatch.setattr(service_module, "parse_any", lambda raw: parsed.append(raw))
    doc = {k: v for k, v in content.items() if k != "image"}
    doc["provider"] = {k: v for k, v in doc["provider"].items() if k != "icon"}
    assert service.scan_ahead(doc) is None
    assert parsed == []


def _written_by_json(popup: Popup) -> str:
    """The journal's text of a payload as json writes it (what journal_payload did for every payload)."""
    return json.dumps(popup.to_dict(), ensure_ascii=False, separators=(",", ":"))


def _parsed_corpus() -> list[Popup]:
    popups = []
    for raw in payload_files().values():
        try:
            popups.append(parse_popup(raw))
        except PayloadError:
            continue
    return popups


def test_the_journal_text_of_a_payload_without_images_is_what_json_writes() -> None:
    plain = [p for p in _parsed_corpus() if p.image is None and p.provider.icon is None]
    assert len(plain) >= 90
    for popup in plain:
        assert journal_payload(popup) == _written_by_json(popup)


@given(st.text(), st.text(st.characters(max_codepoint=0x7F)))
def test_the_journal_text_escapes_as_json_does(title: str, link: str) -> None:
    doc = {"version": 1, "id": "x", "kind": "service", "provider": {"id": "com.example.app", "name": "示例"},
           "title": title or "t", "body": title, "link": "https://example.com/" + link}  # fmt: skip
    try:
        popup = parse_popup(json.dumps(doc))
    except PayloadError:
        return
    assert journal_payload(popup) == _written_by_json(popup)


def test_a_parsed_popup_has_the_journal_text_to_json_gives_written_from_the_struct(monkeypatch: pytest.MonkeyPatch) -> None:
    popups = [p for p in _parsed_corpus() if p.image is None and p.provider.icon is None]
    expected = [popup.to_json() for popup in popups]
    monkeypatch.setattr(Popup, "to_json", lambda self: pytest.fail("written through to_dict"))
    assert [journal_payload(popup, parsed=True) for popup in popups] == expected
    assert any(p.news is not None and p.news.published_at is not None for p in popups), "timestamps nested and not"


@fuzz_settings(150)
@given(mutated_payloads(valid_types=True))
def test_any_parsed_payload_has_the_journal_text_to_json_gives(doc: dict[str, Any]) -> None:
    doc.pop("image", None)
    if isinstance(doc.get("provider"), dict):
        doc["provider"].pop("icon", None)
    try:
        popup = parse_popup(json.dumps(doc, ensure_ascii=False))
    except (PayloadError, UnicodeError):
        return
    assert struct_json(popup) == popup.to_json()


@pytest.mark.parametrize(
    "offset", [timedelta(hours=5, seconds=7), timedelta(hours=-3, minutes=-30), timedelta(0), timedelta(minutes=1, microseconds=5)]
)
def test_a_timestamp_given_as_a_datetime_is_written_as_to_json_writes_it(offset: timedelta) -> None:
    doc = json.loads((EXAMPLES / "valid-news.json").read_text(encoding="utf-8"))
    doc.pop("image", None)
    doc["provider"].pop("icon", None)
    doc["sent_at"] = datetime(2026, 12, 3, 12, 0, 1, tzinfo=timezone(offset))  # a dict from Python may hold one
    popup = parse_any(doc)
    assert popup.sent_at == doc["sent_at"]
    assert journal_payload(popup, parsed=True) == popup.to_json()


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("示".encode() * (64 * 1024 // 3), True),  # 65 535 bytes
        ("示".encode() * (64 * 1024 // 3) + b"xx", False),  # 65 537 bytes
        (b"\xff{}", False),
        ("示" * (64 * 1024 // 3), True),
        ("示" * (64 * 1024 // 3) + "xx", False),
        ("\ud800", False),
    ],
)
def test_the_exact_text_is_kept_up_to_64_kib_of_utf_8(raw: bytes | str, kept: bool) -> None:
    text = exact_text(raw)
    assert (text is not None) is kept
    assert text is None or text == (raw.decode("utf-8") if isinstance(raw, bytes) else raw)
