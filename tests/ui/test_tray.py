"""The tray menu: every item there, each doing what it says."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from popup_client.ui.tray import Tray, TrayActions, tray_icon

ITEMS = ["pause_hour", "pause_tomorrow", "resume", "preferences", "history", "report", "disclosure", "quit"]


def make_tray(calls: list[str], paused: list[bool]) -> Tray:
    def record(name: str):  # type: ignore[no-untyped-def]
        return lambda: calls.append(name)

    actions = TrayActions(
        pause_hour=lambda: (calls.append("pause_hour"), paused.__setitem__(0, True)),  # type: ignore[func-returns-value]
        pause_until_tomorrow=record("pause_tomorrow"),
        resume=lambda: (calls.append("resume"), paused.__setitem__(0, False)),  # type: ignore[func-returns-value]
        preferences=record("preferences"),
        history=record("history"),
        report=record("report"),
        disclosure=record("disclosure"),
        quit=record("quit"),
        is_paused=lambda: paused[0],
    )
    return Tray(actions)


def test_menu_has_every_item_in_chinese(qtbot: QtBot) -> None:
    tray = make_tray([], [False])
    texts = [tray.action(name).text() for name in ITEMS]
    assert texts == ["暂停 1 小时", "暂停到明天", "恢复推送", "偏好设置…", "推送记录…", "投诉举报…", "服务说明", "退出"]
    assert tray.pause_menu.title() == "暂停推送"


def test_each_item_calls_its_action(qtbot: QtBot) -> None:
    calls: list[str] = []
    tray = make_tray(calls, [False])
    for name in ITEMS:
        tray.action(name).trigger()
    assert calls == ITEMS


def test_pause_state_shows(qtbot: QtBot) -> None:
    paused = [False]
    tray = make_tray([], paused)
    tray.refresh()
    assert not tray.action("resume").isEnabled()
    tray.action("pause_hour").trigger()
    assert tray.action("resume").isEnabled() and "暂停" in tray.icon.toolTip()
    tray.action("resume").trigger()
    assert not tray.action("resume").isEnabled()


def test_icon_is_drawn_at_tray_sizes(qtbot: QtBot) -> None:
    icon = tray_icon()
    assert {s.width() for s in icon.availableSizes()} >= {16, 22, 24, 32, 48}
    image = icon.pixmap(32, 32).toImage()
    assert image.pixelColor(16, 12).alpha() > 0 and image.pixelColor(0, 31).alpha() == 0
