"""PopupService.batch (one commit, shows after it) and scan_ahead (slow image scans off the caller's thread)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from popup_client.core import image_scan
from popup_client.core.image_scan import ScanMemo, ScanTarget
from popup_client.core.journal import JournalError
from popup_client.core.rules import Sender
from popup_client.service import PopupService
from popup_client.submission import Submission
from tests.helpers.images import png_data_uri, qr_image, to_data_uri
from tests.helpers.service import make_service

SENDER = Sender("socket", verified=False)


@pytest.fixture
def service(tmp_path: Path) -> PopupService:
    return make_service(tmp_path, journal=tmp_path / "journal.sqlite3")[0]


def distinct(doc: dict[str, Any], i: int) -> bytes:
    doc = json.loads(json.dumps(doc))
    doc["id"] = f"x-{i}"
    doc["provider"]["id"] = f"org.example.p{i}"
    return json.dumps(doc, ensure_ascii=False).encode()


def test_shows_wait_for_the_commit(service: PopupService, service_popup: dict[str, Any]) -> None:
    shown: list[Submission] = []
    service.show_listeners.append(shown.append)
    with service.batch():
        subs = [service.submit(distinct(service_popup, i), SENDER) for i in range(3)]
        assert [s.decision.decision for s in subs] == ["show"] * 3
        assert shown == []
    assert [s.receipt_id for s in shown] == [s.receipt_id for s in subs]


def test_a_failed_commit_shows_nothing_and_keeps_nothing(service: PopupService, service_popup: dict[str, Any]) -> None:
    shown: list[Submission] = []
    service.show_listeners.append(shown.append)
    with pytest.raises(JournalError), service.batch():
        service.submit(distinct(service_popup, 1), SENDER)
        service.journal._connection().execute("ROLLBACK")
    assert shown == [] and service.journal.history(limit=10) == []
    service.submit(distinct(service_popup, 2), SENDER)  # the next one goes through
    assert len(shown) == 1


@pytest.fixture
def memo(monkeypatch: pytest.MonkeyPatch) -> ScanMemo:
    fresh = ScanMemo()
    monkeypatch.setattr(image_scan, "MEMO", fresh)
    return fresh


def test_no_scan_ahead_for_a_popup_without_images(service: PopupService, service_popup: dict[str, Any], memo: ScanMemo) -> None:
    service_popup.pop("image", None)
    service_popup["provider"].pop("icon", None)
    assert service.scan_ahead(json.dumps(service_popup).encode()) is None
    assert service.scan_ahead(b'{"not": "a popup"') is None  # submit reports what is wrong


def test_scanned_ahead_the_decision_needs_no_scan(
    service: PopupService, content: dict[str, Any], memo: ScanMemo, monkeypatch: pytest.MonkeyPatch
) -> None:
    content["image"] = to_data_uri(qr_image("https://lure.example/win"))
    content["provider"]["icon"] = png_data_uri(32, 32)
    raw = json.dumps(content, ensure_ascii=False).encode()
    future = service.scan_ahead(raw)
    assert future is not None
    future.result(timeout=30)
    assert service.scan_ahead(raw) is None  # remembered

    def must_not_scan(_t: ScanTarget) -> list[Any]:
        raise AssertionError("the rule scanned again on the caller's thread")

    monkeypatch.setattr(image_scan, "_find", must_not_scan)
    decision = service.submit(raw, SENDER).decision
    assert decision.decision == "reject" and "qr-code" in decision.rules


def test_submitting_without_waiting_still_scans(service: PopupService, content: dict[str, Any], memo: ScanMemo) -> None:
    content["image"] = to_data_uri(qr_image("https://lure.example/win"))
    decision = service.submit(json.dumps(content, ensure_ascii=False).encode(), SENDER).decision
    assert "qr-code" in decision.rules
