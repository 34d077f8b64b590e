"""The popup stack: placement, the visible limit and queue, timeouts, closes, replacements.

The stack is wired to the service as in the app (:mod:`popup_client.wiring`):
what to show reaches it queued, so :func:`submit` lets the event loop deliver it.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QRect, Qt
from pytestqt.qtbot import QtBot

from popup_client.core.journal import CloseHow
from popup_client.core.prefs import Preferences
from popup_client.core.prefs import PrefsStore
from popup_client.core.presentation import Action, Presentation
from popup_client.core.rules import Sender
from popup_client.service import PopupService
from popup_client.ui.stack import MARGIN, SPARE_WINDOWS, START_WINDOWS, PopupStack
from popup_client.wiring import connect_popup_menu, connect_stack
from tests.helpers.service import make_service, prefs_set_elsewhere

SENDER = Sender("test", verified=True)


class Screen:
    """A fake screen: the stack asks for its available geometry (and the whole, to tell if panels are known)."""

    def __init__(self, rect: QRect, full: QRect | None = None) -> None:
        self.rect = rect
        self.full = full or QRect(rect.x(), rect.y(), rect.width(), rect.height() + 40)

    def availableGeometry(self) -> QRect:  # noqa: N802 - Qt's name
        return self.rect

    def geometry(self) -> QRect:
        return self.full


@pytest.fixture
def setup(qtbot: QtBot, tmp_path: Path) -> tuple[PopupService, PopupStack, list[str]]:
    service, clock = make_service(tmp_path)
    service.change_prefs(lambda _: Preferences.validate({"caps": {"global_hourly": 100, "provider_hourly": 100, "provider_daily": 100}, "topic_max": 100}))
    opened: list[str] = []
    stack = PopupStack(service.prefs, screen=lambda: Screen(QRect(0, 0, 1920, 1080)), url_opener=opened.append)  # type: ignore[arg-type, return-value]
    connect_stack(service, stack)
    yield service, stack, opened
    stack.close_all()


@pytest.fixture
def said(setup: Any) -> list[str]:
    """What the popup menu's changes said (the tray shows it in the app)."""
    service, stack, _ = setup
    messages: list[str] = []
    connect_popup_menu(service, stack, messages.append)
    return messages


def _events(service: PopupService, rid: int) -> list[str]:
    row = service.journal.get(rid)
    assert row is not None
    return [e.type + (f":{e.detail['how']}" if "how" in e.detail else "") for e in row.events]


def submit(service: PopupService, doc: dict[str, Any], n: int, **kw: Any) -> int:
    rid = service.submit({**doc, "id": f"p-{n}"}, SENDER, **kw).receipt_id
    deliver()
    return rid


def deliver() -> None:
    """Let the queued signals from the service reach the stack."""
    QCoreApplication.processEvents()


def test_the_caller_has_its_answer_before_the_stack_draws(setup: Any, content: dict[str, Any]) -> None:
    """submit() records and journals, then returns: the stack gets the popup queued, after the reply is sent."""
    service, stack, _ = setup
    submission = service.submit({**content, "id": "first"}, SENDER)
    assert submission.receipt_id in service.open and stack.visible_receipts() == []
    assert _events(service, submission.receipt_id) == [], "no second write before the reply"
    deliver()
    assert stack.visible_receipts() == [submission.receipt_id] and service.open.get(submission.receipt_id).on_screen  # type: ignore[union-attr]
    assert _events(service, submission.receipt_id) == ["display"]


def test_never_more_than_max_visible(setup: Any, content: dict[str, Any]) -> None:
    service, stack, _ = setup
    ids = [submit(service, content, i) for i in range(5)]
    assert stack.visible_receipts() == ids[:3] and stack.queued_receipts() == ids[3:]
    assert _events(service, ids[0]) == ["display"] and _events(service, ids[4]) == []
    stack.window_of(ids[0]).close_with("button")
    assert stack.visible_receipts() == [ids[1], ids[2], ids[3]]
    assert _events(service, ids[0]) == ["display", "close:button"] and _events(service, ids[3]) == ["display"]


def test_placement_top_right_inside_the_screen(setup: Any, content: dict[str, Any]) -> None:
    service, stack, _ = setup
    ids = [submit(service, content, i) for i in range(3)]
    windows = [stack.window_of(i) for i in ids]
    assert windows[0].x() + windows[0].width() == 1920 - MARGIN and windows[0].y() == MARGIN
    for upper, lower in zip(windows, windows[1:]):
        assert lower.y() >= upper.y() + upper.height()
    for window in windows:
        assert QRect(0, 0, 1920, 1080).contains(window.frameGeometry())
        assert window.width() * window.height() <= 1920 * 1080 / 8


def test_a_small_screen_queues_what_does_not_fit(qtbot: QtBot, tmp_path: Path, content: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    stack = PopupStack(service.prefs, screen=lambda: Screen(QRect(0, 0, 1024, 420)))  # type: ignore[arg-type, return-value]
    connect_stack(service, stack)
    service.change_prefs(lambda _: Preferences.validate({"caps": {"global_hourly": 100, "provider_hourly": 100, "provider_daily": 100}, "topic_max": 100}))
    for i in range(3):
        submit(service, content, i)
    assert len(stack.visible_receipts()) == 1 and len(stack.queued_receipts()) == 2
    stack.close_all()


def test_timeout_closes_and_journals(setup: Any, qtbot: QtBot, service_popup: dict[str, Any]) -> None:
    service, stack, _ = setup
    service.set_pref("timeout_seconds.service", "1")
    rid = submit(service, service_popup, 1)
    qtbot.waitUntil(lambda: stack.visible_receipts() == [], timeout=3000)
    assert _events(service, rid) == ["display", "close:timeout"]


def test_hover_pauses_the_timeout(setup: Any, qtbot: QtBot, service_popup: dict[str, Any]) -> None:
    service, stack, _ = setup
    service.set_pref("timeout_seconds.service", "1")
    rid = submit(service, service_popup, 1)
    stack.window_of(rid).hovered.emit(True)
    qtbot.wait(1300)
    assert stack.visible_receipts() == [rid]
    stack.window_of(rid).hovered.emit(False)
    qtbot.waitUntil(lambda: stack.visible_receipts() == [], timeout=3000)


def test_critical_and_zero_timeout_stay(setup: Any, qtbot: QtBot, service_popup: dict[str, Any], ad: dict[str, Any]) -> None:
    service, stack, _ = setup
    service.set_pref("timeout_seconds.service", "1")
    service.set_pref("timeout_seconds.ad", "1")
    critical = submit(service, service_popup, 1, presentation=Presentation(critical=True))
    forever = submit(service, service_popup, 2, presentation=Presentation(timeout_ms=0))
    ad_asking = submit(service, ad, 3, presentation=Presentation(timeout_ms=0))  # only service popups may ask
    qtbot.wait(1500)
    assert stack.visible_receipts() == [critical, forever]
    assert _events(service, ad_asking)[-1] == "close:timeout"


def test_close_request_from_a_transport(setup: Any, content: dict[str, Any]) -> None:
    service, stack, _ = setup
    ids = [submit(service, content, i) for i in range(4)]
    service.request_close(ids[3])  # queued
    service.request_close(ids[0])  # visible
    assert stack.visible_receipts() == ids[:3], "a close request reaches the stack queued"
    deliver()
    assert stack.visible_receipts() == ids[1:3] and stack.queued_receipts() == []
    assert _events(service, ids[0])[-1] == "close:api" and _events(service, ids[3]) == ["close:api"]


def test_replacement_in_place(setup: Any, service_popup: dict[str, Any]) -> None:
    service, stack, _ = setup
    first = submit(service, service_popup, 1)
    window = stack.window_of(first)
    pos = window.pos()
    second = submit(service, {**service_popup, "title": "下载 80%"}, 2, replaces=first)
    assert stack.visible_receipts() == [second] and stack.window_of(second) is window and window.pos() == pos
    assert window.isVisible() and window.title_label.text().startswith("下载 80%") or "下载 80%" in window.accessibleName()
    assert _events(service, first) == ["display", "close:replaced"]


def test_actions_and_default_action(setup: Any, service_popup: dict[str, Any]) -> None:
    service, stack, _ = setup
    actions: list[tuple[int, str]] = []
    service.action_listeners.append(lambda rid, key: actions.append((rid, key)))
    presentation = Presentation(actions=(Action("default", ""), Action("reply", "回复")))
    rid = submit(service, service_popup, 1, presentation=presentation)
    stack.window_of(rid).action_invoked.emit("not-offered")
    assert actions == []
    stack.window_of(rid).action_invoked.emit("reply")
    assert actions == [(rid, "reply")] and stack.visible_receipts() == []
    rid2 = submit(service, service_popup, 2, presentation=Presentation(actions=(Action("default", ""),), resident=True))
    stack.window_of(rid2).activated.emit()
    assert actions[-1] == (rid2, "default") and stack.visible_receipts() == [rid2]


def test_details_open_through_the_safe_opener_only(setup: Any, content: dict[str, Any]) -> None:
    service, stack, opened = setup
    rid = submit(service, content, 1)
    stack.window_of(rid).details_requested.emit(content["link"])
    assert opened == [content["link"]] and "action" in _events(service, rid)
    for url in ("http://travel.example.com/x", "file:///etc/passwd", "javascript:alert(1)"):
        stack.window_of(rid).details_requested.emit(url)  # the opener the stack was given never sees them
    assert opened == [content["link"]] and _events(service, rid).count("action") == 1


def test_block_provider_and_fewer_like_this(setup: Any, said: list[str], content: dict[str, Any], ad: dict[str, Any]) -> None:
    service, stack, _ = setup
    rid = submit(service, content, 1)
    stack.window_of(rid).block_provider_requested.emit()
    assert "com.example.travel" in service.prefs.opt_out.providers and stack.visible_receipts() == []
    assert service.decide({**content, "id": "new"}, SENDER).rules == ("opted-out",)
    rid = submit(service, ad, 2)
    stack.window_of(rid).fewer_like_this_requested.emit()
    assert service.prefs.provider_caps("com.example.shop") == (1, 50)


def test_the_popup_menu_changes_the_preferences_as_saved_now(
    setup: Any, said: list[str], content: dict[str, Any], ad: dict[str, Any]
) -> None:
    """「不再接收此来源」 and 「减少此类推送」 change one setting of the file, keeping what another process saved meanwhile."""
    service, stack, _ = setup
    travel, shop = submit(service, content, 1), submit(service, ad, 2)
    config = service.prefs_store.path.parent  # `popup-client prefs set` in another process, while they show:
    prefs_set_elsewhere(config, "quiet_hours", "23:00-07:00")
    prefs_set_elsewhere(config, "caps.providers.com.example.shop.daily", "10")
    stack.window_of(travel).block_provider_requested.emit()
    stack.window_of(shop).fewer_like_this_requested.emit()
    saved = PrefsStore(service.prefs_store.path).load()
    assert str(saved.quiet_hours) == "23:00-07:00", "the other process's change is still there"
    assert saved.opt_out.providers == ["com.example.travel"]
    assert saved.provider_caps("com.example.shop") == (1, 5), "halved from the daily cap as saved now"
    assert said[1:] == ["已减少 com.example.shop 的推送：每小时最多 1 条，每天最多 5 条"]
    assert service.prefs == saved


def test_a_popup_menu_change_that_cannot_be_saved_says_so_and_keeps_the_popup(
    setup: Any, said: list[str], content: dict[str, Any]
) -> None:
    service, stack, _ = setup
    rid = submit(service, content, 1)
    path = service.prefs_store.path
    path.unlink()
    path.mkdir()  # a file that cannot be read: nothing may be written over it
    stack.window_of(rid).block_provider_requested.emit()
    assert said[0].startswith("未能保存：") and str(path) in said[0]
    assert stack.visible_receipts() == [rid] and path.is_dir()


def test_report_is_forwarded(setup: Any, qtbot: QtBot, ad: dict[str, Any]) -> None:
    service, stack, _ = setup
    rid = submit(service, ad, 1)
    with qtbot.waitSignal(stack.report_requested) as blocker:
        stack.window_of(rid).report_requested.emit()
    assert blocker.args == [rid]


def test_one_real_click_on_close(setup: Any, qtbot: QtBot, ad: dict[str, Any]) -> None:
    service, stack, opened = setup
    rid = submit(service, ad, 1)
    window = stack.window_of(rid)
    qtbot.mouseClick(window.close_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible() and stack.visible_receipts() == [] and opened == []
    assert _events(service, rid) == ["display", "close:button"]
    qtbot.wait(50)
    assert stack.visible_receipts() == []  # never comes back


def test_the_queue_is_bounded(setup: Any, service_popup: dict[str, Any]) -> None:
    from popup_client.ui.stack import MAX_QUEUE

    service, stack, _ = setup
    ids = [submit(service, {**service_popup, "provider": {"id": f"com.p{i}.app", "name": f"p{i}"}}, i) for i in range(MAX_QUEUE + 10)]
    assert len(stack.queued_receipts()) == MAX_QUEUE
    assert stack.queued_receipts()[0] == ids[3 + 7]  # 57 waited for 50 places: the 7 oldest expired
    assert _events(service, ids[3]) == ["close:timeout"]


def _big_png_uri() -> str:
    import base64
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2048, 1024), (40, 90, 160)).save(out, "PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def test_a_large_image_is_decoded_ahead_and_the_order_of_arrival_is_kept(setup: Any, content: dict[str, Any], qtbot: QtBot) -> None:
    service, stack, _ = setup
    big = submit(service, {**content, "image": _big_png_uri()}, 1)
    small = submit(service, content, 2)
    assert stack.visible_receipts() == [] and stack.queued_receipts() == [big, small], "both wait: the big one is decoding"
    qtbot.waitUntil(lambda: stack.visible_receipts() == [big, small], timeout=5000)
    window = stack.window_of(big)
    assert window is not None and window.image_label.isVisible(), "shown with its image"


def test_a_popup_closed_while_its_image_is_decoded_never_appears(setup: Any, content: dict[str, Any], qtbot: QtBot) -> None:
    service, stack, _ = setup
    big = submit(service, {**content, "image": _big_png_uri()}, 1)
    assert stack.close_receipt(big, "api")
    later = submit(service, content, 2)
    qtbot.waitUntil(lambda: stack.visible_receipts() == [later], timeout=5000)
    assert _events(service, big) == ["close:api"]


def test_when_the_placer_fails_every_window_moves_to_the_new_one(setup: Any, content: dict[str, Any]) -> None:
    """A layer-shell connection that breaks is replaced by plain windows: shown popups stay shown, pooled ones follow."""
    from popup_client.ui.placement.placers import QtPlacer

    class Recording(QtPlacer):
        def __init__(self) -> None:
            super().__init__(screen=lambda: Screen(QRect(0, 0, 1280, 800)))  # type: ignore[arg-type, return-value]
            self.prepared: list[Any] = []

        def prepare(self, window: Any) -> None:
            self.prepared.append(window)

    service, stack, _ = setup
    ids = [submit(service, content, i) for i in range(2)]
    replacement = Recording()
    stack.set_placer(replacement)
    windows = [stack.window_of(i) for i in ids]
    assert stack.placer is replacement and all(w in replacement.prepared for w in windows)
    assert all(w is not None and w.isVisible() for w in windows)
    assert windows[0].x() + windows[0].width() == 1280 - MARGIN, "laid out in the new placer's area"  # type: ignore[union-attr]


def test_keyboard_requests_reach_the_popup_on_screen(setup: Any, qtbot: QtBot, ad: dict[str, Any], content: dict[str, Any]) -> None:
    """ctl focus-newest / report-newest: the service asks, the stack (queued) focuses or reports the popup."""
    service, stack, _ = setup
    first, newest = submit(service, ad, 1), submit(service, content, 2)
    assert service.open.newest_on_screen().receipt_id == newest  # type: ignore[union-attr]
    assert service.request_focus(newest)
    window = stack.window_of(newest)
    assert not window.has_keyboard()  # queued: the service's caller has its answer first
    deliver()
    assert window.has_keyboard() and not stack.window_of(first).has_keyboard()
    qtbot.waitUntil(lambda: window.close_button.hasFocus())
    with qtbot.waitSignal(stack.report_requested) as blocker:
        assert service.request_report(first)
        deliver()
    assert blocker.args == [first]


def test_a_popup_holding_the_keyboard_does_not_time_out(setup: Any, qtbot: QtBot, service_popup: dict[str, Any]) -> None:
    service, stack, _ = setup
    service.set_pref("timeout_seconds.service", "1")
    rid = submit(service, service_popup, 1)
    service.request_focus(rid)
    deliver()
    qtbot.wait(1300)
    assert stack.visible_receipts() == [rid]
    qtbot.keyClick(stack.window_of(rid), Qt.Key.Key_Escape)
    assert _events(service, rid) == ["display", "close:esc"]


def test_keyboard_requests_for_what_is_not_on_screen_are_refused(setup: Any, content: dict[str, Any]) -> None:
    service, stack, _ = setup
    queued = service.submit({**content, "id": "queued"}, SENDER).receipt_id  # not delivered yet: not on screen
    assert not service.request_focus(queued) and not service.request_report(queued)
    assert not service.request_focus(12345) and not stack.focus_receipt(12345) and not stack.report_receipt(12345)


def test_an_idle_stack_holds_only_its_spare_windows_and_makes_more_as_popups_take_them(setup: Any, content: dict[str, Any]) -> None:
    service, stack, _ = setup
    windows = lambda: len(stack._free) + len(stack._visible)  # noqa: E731, SLF001 - the pool is what is measured
    assert windows() == START_WINDOWS == 1 < SPARE_WINDOWS < service.prefs.max_visible + 1  # one window before any popup came
    first = submit(service, content, 100)
    assert stack.visible_receipts() == [first] and not stack._free  # noqa: SLF001 - it took the one spare
    deliver()  # the turn after, one spare is made; the next turn another
    assert len(stack._free) == 1  # noqa: SLF001 - a turn builds one window
    deliver()
    assert len(stack._free) == SPARE_WINDOWS  # noqa: SLF001
    assert stack.close_receipt(first, CloseHow.API)
    ids = [submit(service, content, i) for i in range(service.prefs.max_visible + 2)]
    for _ in range(service.prefs.max_visible + 2):
        deliver()  # the turns after: the spares taken are made again, one a turn
    assert len(stack._free) >= 1 and windows() == service.prefs.max_visible + 1  # noqa: SLF001 - never more than fit, plus one
    assert stack.visible_receipts() == ids[: service.prefs.max_visible]
