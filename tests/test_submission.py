"""What a submitted payload is: the cheap look for images before a payload is parsed."""

from __future__ import annotations

from typing import Any

import pytest

from popup_client import service as service_module
from popup_client.submission import may_carry_images
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
