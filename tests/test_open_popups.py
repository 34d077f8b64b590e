"""The service's one record of open popups: added before the reply, on screen when the UI says so, gone when closed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from popup_client.core.journal import CloseHow
from popup_client.core.rules import Sender
from popup_client.open_popups import OpenPopup
from popup_client.service import PopupService
from tests.helpers.service import make_service

SENDER = Sender("test", verified=True)


def _events(service: PopupService, rid: int) -> list[str]:
    row = service.journal.get(rid)
    assert row is not None
    return [e.type + (f":{e.detail['how']}" if "how" in e.detail else "") for e in row.events]


def test_a_shown_popup_is_open_until_closed_and_closed_once(tmp_path: Path, service_popup: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    rid = service.submit(service_popup, SENDER).receipt_id
    popup = service.open.get(rid)
    assert popup is not None and not popup.on_screen, "open as soon as submit returns, before anything is drawn"
    service.displayed(rid)
    assert service.open.get(rid).on_screen  # type: ignore[union-attr]
    closes: list[tuple[int, CloseHow]] = []
    service.close_listeners.append(lambda p, how: closes.append((p.receipt_id, how)))
    service.closed(rid, CloseHow.BUTTON)
    service.closed(rid, CloseHow.TIMEOUT)  # a late second report: not open any more
    service.displayed(rid)
    assert rid not in service.open and closes == [(rid, CloseHow.BUTTON)]
    assert _events(service, rid) == ["display", "close:button"]


def test_a_replacement_closes_the_old_popup_in_the_record_and_the_journal(tmp_path: Path, service_popup: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    old = service.submit(service_popup, SENDER).receipt_id
    closes: list[tuple[OpenPopup, CloseHow]] = []
    service.close_listeners.append(lambda p, how: closes.append((p, how)))
    new = service.submit({**service_popup, "id": "next", "title": "下载 80%"}, SENDER, replaces=old).receipt_id
    assert service.open.receipts() == [new]
    assert [(p.receipt_id, how) for p, how in closes] == [(old, CloseHow.REPLACED)]
    assert _events(service, old) == ["close:replaced"]


def test_only_open_popups_can_be_asked_to_close(tmp_path: Path, service_popup: dict[str, Any], ad: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    asked: list[int] = []
    service.close_request_listeners.append(asked.append)
    rid = service.submit(service_popup, SENDER).receipt_id
    assert service.request_close(rid) and asked == [rid]
    service.closed(rid, CloseHow.API)
    assert not service.request_close(rid) and asked == [rid]
    rejected = service.submit({**ad, "kind": "nonsense"}, SENDER)
    assert rejected.decision.decision == "reject" and rejected.receipt_id not in service.open


def test_what_is_still_open_when_the_app_stops_is_closed(tmp_path: Path, service_popup: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    ids = [service.submit({**service_popup, "id": f"p{i}"}, SENDER).receipt_id for i in range(2)]
    service.close_all_open(CloseHow.API)
    assert len(service.open) == 0 and all(_events(service, rid) == ["close:api"] for rid in ids)


def test_the_newest_on_screen_is_what_a_shortcut_acts_on(tmp_path: Path, service_popup: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    first = service.submit({**service_popup, "id": "a"}, SENDER).receipt_id
    second = service.submit({**service_popup, "id": "b"}, SENDER).receipt_id
    assert service.open.newest_on_screen() is None  # nothing drawn yet
    service.displayed(first)
    assert service.open.newest_on_screen().receipt_id == first  # type: ignore[union-attr]
    service.displayed(second)
    assert service.open.newest_on_screen().receipt_id == second  # type: ignore[union-attr]
    service.closed(second, CloseHow.ESC)
    assert service.open.newest_on_screen().receipt_id == first  # type: ignore[union-attr]
