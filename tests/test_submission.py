"""What a submitted payload is: the cheap look for images before a payload is parsed."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from popup_client import service as service_module
from popup_client.core.errors import PayloadError
from popup_client.core.payload import Popup, parse_popup
from popup_client.submission import journal_payload, may_carry_images
from tests.helpers.corpus import payload_files
from tests.helpers.service import make_service

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


def test_the_journal_text_of_a_payload_without_images_is_what_json_writes() -> None:
    popups = []
    for raw in payload_files().values():
        try:
            popups.append(parse_popup(raw))
        except PayloadError:
            continue
    plain = [p for p in popups if p.image is None and p.provider.icon is None]
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
