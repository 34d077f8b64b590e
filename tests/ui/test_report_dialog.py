"""The report dialog: reasons, the complaint number, the provider's complaint page, opting out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.journal import Receipt
from popup_client.core.prefs import PrefsStore
from popup_client.core.rules import Sender
from popup_client.service import PopupService
from popup_client.ui.report_dialog import REASONS, ReportDialog
from popup_client.ui.links import is_https, open_https
from tests.conftest import example
from tests.helpers.service import make_service

SOCKET = Sender("socket", details={"peer": "local socket"})


@pytest.fixture
def service(tmp_path: Path) -> PopupService:
    """Receipts: 1 news (shown, https complaint page), 2 ad (shown), 3 rejected (http complaint page)."""
    svc = make_service(tmp_path)[0]
    for name in ("valid-news.json", "valid-ad.json", "invalid-complaint-url-http.json"):
        svc.submit(example(name), SOCKET)
    return svc


def open_dialog(qtbot: Any, service: PopupService, receipt_id: int | None, **kwargs: Any) -> ReportDialog:
    dialog = ReportDialog(service, receipt_id, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def test_reasons_are_offered_as_radio_buttons(qtbot: Any, service: PopupService) -> None:
    dialog = open_dialog(qtbot, service, 1)
    assert [b.text() for b in dialog.reason_buttons.values()] == list(REASONS)
    assert REASONS == ("违法违规", "低俗", "广告未标明", "无法关闭", "频次过高", "虚假信息", "其他")
    assert dialog.selected_reason() is None
    assert dialog.target.isHidden(), "a popup's own report names it, nothing to pick"


def test_a_complaint_is_recorded_with_its_reason_and_text(qtbot: Any, service: PopupService) -> None:
    dialog = open_dialog(qtbot, service, 2)
    dialog.reason_buttons["广告未标明"].click()
    dialog.text.setPlainText("  看不出是广告  ")
    with qtbot.waitSignal(dialog.submitted) as blocker:
        dialog.submit_button.click()
    (complaint,) = service.journal.complaints()
    assert blocker.args == [complaint.id] and dialog.complaint_id == complaint.id
    assert (complaint.receipt_id, complaint.provider_id) == (2, "com.example.shop")
    assert (complaint.reason, complaint.text) == ("广告未标明", "看不出是广告")
    assert f"#{complaint.id}" in dialog.result_label.text() and not dialog.result_label.isHidden()
    assert not dialog.submit_button.isEnabled(), "one complaint per dialog"
    assert [e.type for e in service.journal.get(2).events] == ["report"]  # type: ignore[union-attr]


def test_a_reason_is_required_and_other_needs_a_text(qtbot: Any, service: PopupService) -> None:
    dialog = open_dialog(qtbot, service, 1)
    assert dialog.submit() is None
    assert dialog.error.text() == "请选择举报原因。" and not dialog.error.isHidden()
    dialog.reason_buttons["其他"].click()
    dialog.text.setPlainText("   ")
    assert dialog.submit() is None and "其他" in dialog.error.text()
    assert service.journal.complaints() == []
    dialog.text.setPlainText("推送时间不对")
    number = dialog.submit()
    assert number is not None and dialog.error.isHidden()
    assert service.journal.complaints()[0].reason == "其他"


def test_the_providers_complaint_page_opens_through_the_opener(qtbot: Any, service: PopupService) -> None:
    opened: list[str] = []
    dialog = open_dialog(qtbot, service, 1, url_opener=opened.append)
    assert not dialog.provider_button.isHidden() and dialog.provider_button.text() == "向提供者投诉"
    dialog.provider_button.click()
    assert opened == ["https://news.example.com/report"]


def test_an_http_complaint_page_is_never_offered_nor_opened(qtbot: Any, service: PopupService) -> None:
    opened: list[str] = []
    rejected = open_dialog(qtbot, service, 3, url_opener=opened.append)
    assert "http://" in (service.journal.get(3).payload or "")  # type: ignore[union-attr]
    assert rejected.provider_button.isHidden() and rejected.open_complaint_url() is False
    payload = json.loads(service.journal.get(1).payload or "")  # type: ignore[union-attr]
    payload["provider"]["complaint_url"] = "http://news.example.com/report"
    forged = service.journal.record_receipt(
        Receipt(service.now(), "socket", {}, "com.example.news", "n-x", "news", None, None, False,
                json.dumps(payload), None, "show", (), ())
    )  # fmt: skip
    shown = open_dialog(qtbot, service, forged, url_opener=opened.append)
    assert shown.provider_button.isHidden() and shown.open_complaint_url() is False
    assert opened == []


@pytest.mark.parametrize(
    "url", ["http://a.example/x", "javascript:alert(1)", "https://", "https:///path", "https://a.example/ x", "file:///etc/passwd", ""]
)
def test_only_https_urls_open(url: str) -> None:
    opened: list[str] = []
    assert not is_https(url)
    assert open_https(url, opened.append) is False and opened == []
    assert open_https("https://a.example/report", opened.append) and opened == ["https://a.example/report"]


def test_after_submitting_the_provider_can_be_opted_out(qtbot: Any, service: PopupService, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, service, 2)
    assert dialog.opt_out.isHidden()
    dialog.reason_buttons["频次过高"].click()
    dialog.submit()
    assert not dialog.opt_out.isHidden() and dialog.opt_out.text().startswith("不再接收此来源")
    dialog.opt_out.setChecked(True)
    store = PrefsStore(tmp_path / "preferences.toml")
    assert store.load().opt_out.providers == ["com.example.shop"]
    dialog.opt_out.setChecked(False)
    assert store.load().opt_out.providers == []


def test_from_the_tray_the_user_picks_a_recent_popup_or_other(qtbot: Any, service: PopupService) -> None:
    opened: list[str] = []
    dialog = open_dialog(qtbot, service, None, url_opener=opened.append)
    items = [dialog.target.itemData(i) for i in range(dialog.target.count())]
    assert items == [2, 1, None], "shown popups, newest first, then 「其他」"
    assert "示例商城：冬季新品上市" in dialog.target.itemText(0)
    dialog.target.setCurrentIndex(1)
    assert not dialog.provider_button.isHidden()
    dialog.provider_button.click()
    assert opened == ["https://news.example.com/report"]
    dialog.target.setCurrentIndex(2)
    assert dialog.provider_button.isHidden()
    dialog.reason_buttons["虚假信息"].click()
    dialog.submit()
    (complaint,) = service.journal.complaints()
    assert (complaint.receipt_id, complaint.provider_id, complaint.reason) == (None, None, "虚假信息")
    assert dialog.opt_out.isHidden(), "no provider to opt out of"


def test_a_picked_popup_is_the_one_reported(qtbot: Any, service: PopupService) -> None:
    dialog = open_dialog(qtbot, service, None)
    dialog.target.setCurrentIndex(1)
    dialog.reason_buttons["低俗"].click()
    dialog.submit()
    assert service.journal.complaints()[0].receipt_id == 1


def test_an_unknown_receipt_falls_back_to_picking(qtbot: Any, service: PopupService) -> None:
    dialog = open_dialog(qtbot, service, 999)
    assert not dialog.target.isHidden() and dialog.target.itemData(dialog.target.count() - 1) is None
