"""The history window's 「清除记录…」: a confirmation that says what goes and what stays, then the clearing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from popup_client.core.rules import Sender
from popup_client.service import PopupService
from popup_client.ui.history_window import HistoryWindow
from tests.conftest import example
from tests.core.journal.privacy_rows import receipt
from tests.helpers.service import make_service

SOCKET = Sender("socket", details={"peer": "local socket"})


@pytest.fixture
def service(tmp_path: Path) -> PopupService:
    """An ad shown now, news from three days ago, a service popup (its text not kept)."""
    svc, clock = make_service(tmp_path)
    svc.journal.record_receipt(receipt("news", clock.now() - timedelta(days=3), provider="com.example.news"))
    svc.submit(example("valid-ad.json"), SOCKET)
    svc.submit(example("valid-service.json"), SOCKET)
    return svc


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def open_window(qtbot: Any, service: PopupService, **kwargs: Any) -> HistoryWindow:
    window = HistoryWindow(service.journal, **kwargs)
    qtbot.addWidget(window)
    window.refresh()
    return window


def test_the_button_is_there_only_when_clearing_is_possible(qtbot: Any, service: PopupService) -> None:
    plain = open_window(qtbot, service)
    assert not plain.clear_button.isVisibleTo(plain) and not plain.clear_history()
    window = open_window(qtbot, service, forgetting=service)
    assert window.clear_button.isVisibleTo(window)


def test_a_service_row_says_its_text_is_not_kept(qtbot: Any, service: PopupService) -> None:
    window = open_window(qtbot, service, forgetting=service)
    row = window.visible_rows()[0]
    assert row.kind == "service"
    assert window.model.entry(0).cells[3] == "（未保留文字）"


def test_saying_no_clears_nothing(qtbot: Any, service: PopupService, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, service, forgetting=service)
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    assert window.clear_button.isEnabled()
    window.clear_button.click()
    assert len(asked) == 1 and "将删除 1 条记录和 0 条举报" in asked[0]
    assert "最近一天显示过的 2 条" in asked[0]
    assert len(service.journal.history()) == 3


def test_saying_yes_clears_and_keeps_a_bare_count_for_the_caps(qtbot: Any, service: PopupService, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, service, forgetting=service)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    window.clear_button.click()
    assert window.status.text() == "已删除 1 条记录和 0 条举报。"
    titles = [window.model.entry(i).cells[3] for i in range(window.model.rowCount())]
    assert titles == ["（已清除，仍计入频率上限）"] * 2
    assert service.journal.count_shown(since=service.now() - timedelta(hours=1)) == 2


def test_the_provider_in_the_filter_is_what_is_cleared(qtbot: Any, service: PopupService, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, service, forgetting=service)
    window.provider_combo.setCurrentIndex(window.provider_combo.findData("com.example.news"))
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert window.clear_history()
    assert "提供者 com.example.news 的记录" in asked[0] and "最近一天" not in asked[0]
    assert {row.provider_id for row in service.journal.history()} == {"com.example.shop", "org.example.files"}
