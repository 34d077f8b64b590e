"""The history window: receipts newest first, filters, details, paging and refresh."""

from __future__ import annotations

import copy
import json
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.journal import CloseHow
from popup_client.core.rules import Sender
from popup_client.service import PopupService
from popup_client.transports.dbus.freedesktop import NotifyCall, map_notify
from popup_client.ui.history_model import COLUMNS, details_text, sender_text
from popup_client.ui.history_window import HistoryWindow
from tests.conftest import example
from tests.helpers.service import make_service

CST = timezone(timedelta(hours=8))
DBUS = Sender("dbus", details={"dbus_name": ":1.42", "pid": 4242, "exe": "/usr/bin/notify-send"})
SOCKET = Sender("socket", details={"peer": "local socket"})


@pytest.fixture
def service(tmp_path: Path) -> PopupService:
    """Five receipts: an ad shown, closed and reported; news; a javascript link rejected; a service; a D-Bus one."""
    svc = make_service(tmp_path)[0]
    ad = svc.submit(example("valid-ad.json"), SOCKET).receipt_id
    svc.displayed(ad)
    svc.closed(ad, CloseHow.TIMEOUT)
    svc.report(receipt_id=ad, provider_id=None, reason="广告未标明", text="")
    svc.submit(example("valid-news.json"), SOCKET)
    svc.submit(example("invalid-link-javascript.json"), SOCKET)
    svc.submit(example("valid-service.json"), SOCKET)
    content = copy.deepcopy(example("valid-content.json"))
    content["id"] = "c-dbus-1"
    svc.submit(content, DBUS)
    return svc


def open_window(qtbot: Any, service: PopupService, **kwargs: Any) -> HistoryWindow:
    window = HistoryWindow(service.journal, tz=CST, **kwargs)
    qtbot.addWidget(window)
    window.refresh()
    return window


def column(window: HistoryWindow, name: str) -> list[str]:
    col = COLUMNS.index(name)
    return [window.proxy.index(row, col).data() for row in range(window.proxy.rowCount())]


def test_rows_are_newest_first_with_every_column(qtbot: Any, service: PopupService) -> None:
    window = open_window(qtbot, service)
    assert [row.id for row in window.visible_rows()] == [5, 4, 3, 2, 1]
    assert column(window, "时间")[0] == "2026-11-27 20:00:00", "local time"
    assert column(window, "提供者") == ["示例旅行", "文件同步", "示例旅行", "示例新闻", "示例商城"]
    assert column(window, "类型") == ["内容", "服务", "内容", "新闻", "广告"]
    assert column(window, "标题")[3] == "台风“海燕”将于今夜登陆"
    assert column(window, "决定") == ["显示", "显示", "已拒绝", "显示", "显示"]
    assert column(window, "规则")[2] == "link-scheme"
    assert column(window, "传输")[0] == "dbus"
    assert column(window, "发送方")[:2] == [":1.42 / pid 4242 / /usr/bin/notify-send", "local socket"]
    assert column(window, "事件")[4] == "已显示 · 关闭（超时） · 举报 #1"


def test_filters_by_provider_decision_kind_and_text(qtbot: Any, service: PopupService) -> None:
    window = open_window(qtbot, service)
    providers = [window.provider_combo.itemData(i) for i in range(window.provider_combo.count())]
    assert providers == [None, "com.example.news", "com.example.shop", "com.example.travel", "org.example.files"]
    assert window.provider_combo.itemText(3) == "示例旅行（com.example.travel）"
    window.provider_combo.setCurrentIndex(3)
    assert [row.id for row in window.visible_rows()] == [5, 3]
    window.decision_combo.setCurrentIndex(window.decision_combo.findData("reject"))
    assert [row.id for row in window.visible_rows()] == [3]
    assert "显示 1 条" in window.status.text()
    window.provider_combo.setCurrentIndex(0)
    window.decision_combo.setCurrentIndex(0)
    window.kind_combo.setCurrentIndex(window.kind_combo.findData("ad"))
    assert [row.id for row in window.visible_rows()] == [1]
    window.kind_combo.setCurrentIndex(0)
    window.search.setText("JAVASCRIPT scheme")
    assert [row.id for row in window.visible_rows()] == [3], "every word, any case, in the reasons too"
    window.search.setText("notify-send")
    assert [row.id for row in window.visible_rows()] == [5]
    window.search.clear()
    assert len(window.visible_rows()) == 5


def test_the_details_pane_shows_reasons_and_the_payload(qtbot: Any, service: PopupService) -> None:
    window = open_window(qtbot, service)
    assert window.details.toPlainText() == ""
    assert window.select_receipt(3)
    text = window.details.toPlainText()
    assert "回执 #3" in text and "已拒绝" in text and "规则：link-scheme" in text
    assert "javascript: scheme" in text
    assert '\n  "link": "javascript:' in text, "the payload, indented"
    assert window.select_receipt(1)
    ad = window.details.toPlainText()
    assert "关闭（超时）" in ad and "举报 #1" in ad and "<image sha256:" in ad
    assert details_text(service.journal.get(1), CST) == ad  # type: ignore[arg-type]


def test_filters_keep_the_selection_in_sync(qtbot: Any, service: PopupService) -> None:
    window = open_window(qtbot, service)
    window.select_receipt(3)
    window.kind_combo.setCurrentIndex(window.kind_combo.findData("ad"))
    selected = window.selected_row()
    assert selected is None or selected.id == 1, "never a row the filters hide"
    assert window.details.toPlainText() == (details_text(selected, CST) if selected else "")
    assert "回执 #3" not in window.details.toPlainText()


def test_at_most_a_page_is_loaded_and_more_on_request(qtbot: Any, service: PopupService) -> None:
    window = open_window(qtbot, service, page_size=2)
    assert [row.id for row in window.visible_rows()] == [5, 4]
    assert window.more_button.isEnabled()
    window.more_button.click()
    window.more_button.click()
    assert len(window.visible_rows()) == 5
    assert not window.more_button.isEnabled()
    assert "已载入最近 5 条" in window.status.text()


def test_refreshes_when_shown_and_when_new_receipts_arrive(qtbot: Any, tmp_path: Path) -> None:
    svc = make_service(tmp_path)[0]
    window = HistoryWindow(svc.journal, tz=CST)
    qtbot.addWidget(window)
    svc.submit(example("valid-news.json"), SOCKET)
    assert window.visible_rows() == []
    window.show()
    assert [row.id for row in window.visible_rows()] == [1]
    window.select_receipt(1)
    svc.submit(example("valid-service.json"), SOCKET)
    window._poll()
    assert [row.id for row in window.visible_rows()] == [2, 1]
    assert window.selected_row() is not None and window.selected_row().id == 1  # type: ignore[union-attr]
    window.hide()
    assert not window._timer.isActive()


def test_a_payload_that_did_not_parse_is_listed(qtbot: Any, tmp_path: Path) -> None:
    svc = make_service(tmp_path)[0]
    svc.submit(b'{"version": 1, "provider": {"id": "com.example.bad"}, "kind": "ad"}', SOCKET)
    svc.submit(b'{"version": 1, "provider": ', SOCKET)
    window = open_window(qtbot, svc)
    assert column(window, "提供者") == ["（未知）", "com.example.bad"]
    assert column(window, "决定") == ["已拒绝", "已拒绝"]
    assert column(window, "标题") == ["（无法解析）"] * 2 and column(window, "类型") == ["—"] * 2
    window.select_receipt(1)  # it says it is an ad: what was sent is kept
    assert "错误：" in window.details.toPlainText() and '"com.example.bad"' in window.details.toPlainText()
    window.select_receipt(2)  # of no known kind: its text is not kept (docs/privacy.md)
    assert "错误：" in window.details.toPlainText() and '{"version": 1, "provider": ' not in window.details.toPlainText()
    assert "文字未保留" in window.details.toPlainText()


def test_sender_text() -> None:
    assert sender_text({"dbus_name": ":1.7", "pid": 9}) == ":1.7 / pid 9"
    assert sender_text({"peer": "local socket"}) == "local socket"
    assert sender_text({"app_name": "x", "notes": ["dropped"]}) == "app_name=x"
    assert json.loads(json.dumps(sender_text({}))) == ""


def test_a_desktop_app_with_a_chinese_name_is_shown_by_its_name(qtbot: Any, tmp_path: Path) -> None:
    """``notify-send -a 示例应用``: its id is ``desktop.xn--fsq797ap5q9wd``; the window shows the name, and the id beside it."""
    svc = make_service(tmp_path)[0]
    svc.submit(map_notify(NotifyCall("示例应用", 0, "", "你好", "世界"), popup_id="n-1").payload, DBUS)
    window = open_window(qtbot, svc)
    assert column(window, "提供者") == ["示例应用"]
    assert window.provider_combo.itemText(1) == "示例应用（desktop.xn--fsq797ap5q9wd）"
    assert "提供者：示例应用（desktop.xn--fsq797ap5q9wd）" in details_text(window.visible_rows()[0], CST)
