"""PopupView: built from the core model, Qt-free, nothing the window should not get."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from popup_client.core.payload import parse_popup
from popup_client.ui.view import PopupView, view_from_popup
from tests.helpers.images import png_bytes, png_data_uri
from tests.ui.conftest import payload

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"


@pytest.mark.parametrize("kind", ["ad", "news", "content", "service"])
def test_examples_become_views(kind: str) -> None:
    popup = parse_popup((EXAMPLES / f"valid-{kind}.json").read_bytes())
    view = view_from_popup(popup, receipt_id=7, verified=True)
    assert (view.receipt_id, view.kind, view.verified) == (7, kind, True)
    assert view.provider_name == popup.provider.name and view.provider_id == popup.provider.id
    assert (view.title, view.body, view.link) == (popup.title, popup.body, popup.link)
    assert (view.source is not None) == (kind == "news")
    assert (view.advertiser is not None) == (kind == "ad")
    if popup.provider.icon:
        assert view.provider_icon is not None and view.provider_icon.startswith(b"\x89PNG")
    if popup.image:
        assert view.image is not None and view.image[:2] == b"\xff\xd8"


def test_ad_declaration_is_carried() -> None:
    view = view_from_popup(parse_popup(json.dumps(payload("ad"))), receipt_id=1, verified=False)
    assert (view.advertiser, view.payer, view.targeting) == ("示例广告主", "示例付费方", ("您关注了冬季服饰",))
    assert view.is_ad and not view.verified


def test_actions_and_urgency_only_for_service() -> None:
    actions = [("default", "打开"), ("reply", "回复")]
    service = view_from_popup(parse_popup(json.dumps(payload("service"))), receipt_id=1, verified=True, actions=actions, critical=True)
    assert service.actions == (("default", "打开"), ("reply", "回复")) and service.critical
    ad = view_from_popup(parse_popup(json.dumps(payload("ad"))), receipt_id=1, verified=True, actions=actions, critical=True)
    assert ad.actions == () and not ad.critical


def test_a_link_not_allowed_never_reaches_the_view() -> None:
    popup = parse_popup(json.dumps(payload("content")))
    assert view_from_popup(popup, receipt_id=1, verified=True, link_allowed=False).link is None
    assert view_from_popup(popup, receipt_id=1, verified=True).link == "https://example.com/a/1"


def test_image_bytes_are_decoded_from_data_uris() -> None:
    popup = parse_popup(json.dumps(payload("content", image=png_data_uri(30, 20))))
    view = view_from_popup(popup, receipt_id=1, verified=True)
    assert view.image == png_bytes(30, 20)


def test_view_is_frozen() -> None:
    view = PopupView(receipt_id=1, kind="service", provider_name="a", provider_id="a.b", title="t")
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.title = "x"  # type: ignore[misc]


def test_view_module_needs_no_qt() -> None:
    code = "import sys, popup_client.ui.view; sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0
