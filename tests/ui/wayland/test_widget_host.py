"""A popup hosted on a layer surface: what the compositor sends reaches the right widget (no compositor needed).

The surface is a stand-in that records what the host asks of it; the popup
is the real PopupWindow. The desktop tests (tests/desktop) do the same on
real compositors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from popup_client.ui.placement.geometry import Rect
from popup_client.ui.placement.layer import anchor_for
from popup_client.ui.popup_window import PopupWindow
from popup_client.ui.view import PopupView
from popup_client.ui.wayland.layer_surface import KEYBOARD_NONE, KEYBOARD_ON_DEMAND, Placement
from popup_client.ui.wayland.seat import BTN_LEFT, KEY_ESC
from popup_client.ui.wayland.widget_host import LayerWidgetHost


@dataclass
class Buffer:
    width: int
    height: int
    image: QImage = field(init=False)

    def __post_init__(self) -> None:
        self.image = QImage(self.width, self.height, QImage.Format.Format_ARGB32_Premultiplied)


@dataclass
class FakeSurface:
    """What a host may ask of a layer surface, recorded."""

    configured: bool = True
    closed: bool = False
    placements: list[Placement] = field(default_factory=list)
    frames: list[tuple[int, int, int]] = field(default_factory=list)
    keyboard: int = KEYBOARD_NONE
    destroyed: bool = False
    entered: list[Any] = field(default_factory=list)
    on_configured: Any = None
    on_outputs_changed: Any = None
    on_closed: Any = None

    def place(self, placement: Placement) -> None:
        self.placements.append(placement)

    def buffer(self, width: int, height: int) -> Buffer:
        return Buffer(width, height)

    def present(self, buffer: Buffer, scale: int) -> None:
        self.frames.append((buffer.width, buffer.height, scale))

    def allow_keyboard(self, allowed: bool) -> None:
        self.keyboard = KEYBOARD_ON_DEMAND if allowed else KEYBOARD_NONE

    def destroy(self) -> None:
        self.destroyed = True


class Backend:
    def __init__(self, scale: int = 2) -> None:
        self.surfaces: list[FakeSurface] = []
        self.scale = scale

    def new_surface(self, host: LayerWidgetHost) -> FakeSurface:
        self.surfaces.append(FakeSurface())
        return self.surfaces[-1]

    def placement_of(self, widget: QWidget) -> Placement:
        return anchor_for(Rect(widget.x(), widget.y(), widget.width(), widget.height()), Rect(0, 0, 1920, 1048), "top-right")

    def scale_of(self, surface: FakeSurface) -> int:
        return self.scale

    def surface_gone(self, host: LayerWidgetHost, surface: FakeSurface) -> None:
        pass


@pytest.fixture
def hosted(qtbot: Any) -> tuple[PopupWindow, LayerWidgetHost, Backend]:
    window = PopupWindow()
    qtbot.addWidget(window)
    backend = Backend()
    host = LayerWidgetHost(window, backend)  # type: ignore[arg-type]
    view = PopupView(receipt_id=1, kind="content", provider_name="示例旅行", provider_id="com.example.travel", title="本周推荐", body="五条线路")
    window.move(1544, 16)
    window.show_view(view)
    qtbot.waitUntil(lambda: bool(backend.surfaces and backend.surfaces[-1].frames), timeout=2000)
    return window, host, backend


def _centre(window: PopupWindow, widget: QWidget) -> tuple[float, float]:
    point = widget.mapTo(window, QPoint(widget.width() // 2, widget.height() // 2))
    return float(point.x()), float(point.y())


def test_shown_it_is_anchored_where_the_stack_put_it_and_drawn_at_the_outputs_scale(hosted: Any) -> None:
    window, _host, backend = hosted
    surface = backend.surfaces[-1]
    assert surface.placements[-1].margins == (16, 1920 - 1544 - window.width(), 0, 0)
    assert surface.frames[-1] == (window.width() * 2, window.height() * 2, 2)
    assert not window.windowHandle() or not window.windowHandle().isExposed(), "Qt never maps it itself"


def _click(host: LayerWidgetHost, window: PopupWindow, widget: QWidget) -> list[str]:
    """The pointer enters over ``widget`` and clicks it; returns the list the window's closes are recorded in."""
    closed: list[str] = []
    window.closed.connect(closed.append)
    host.pointer_enter(*_centre(window, widget))
    host.pointer_button(BTN_LEFT, True)
    host.pointer_button(BTN_LEFT, False)
    return closed


def test_a_click_reaches_the_close_button_and_hides_the_surface(hosted: Any) -> None:
    window, host, backend = hosted
    closed = _click(host, window, window.close_button)
    assert backend.surfaces[-1].keyboard == KEYBOARD_ON_DEMAND, "the click let the keyboard in"
    assert closed == ["button"]
    assert backend.surfaces[-1].destroyed


def test_escape_after_a_click_closes_it(hosted: Any) -> None:
    window, host, _backend = hosted
    closed = _click(host, window, window.title_label)
    assert closed == [], "a click on the title opens and closes nothing"
    host.keyboard_focus(True)
    host.key(KEY_ESC, True)
    assert closed == ["esc"]


def test_hovering_pauses_and_leaving_resumes(hosted: Any) -> None:
    window, host, _backend = hosted
    hovered: list[bool] = []
    window.hovered.connect(hovered.append)
    host.pointer_enter(10.0, 10.0)
    host.pointer_motion(*_centre(window, window.report_button))
    host.pointer_leave()
    assert hovered == [True, False]


def test_a_press_and_its_release_go_to_the_same_button(hosted: Any) -> None:
    """As Qt's implicit grab: pressing 「举报」 and releasing elsewhere clicks nothing."""
    window, host, _backend = hosted
    reports: list[bool] = []
    window.report_requested.connect(lambda: reports.append(True))
    host.pointer_enter(*_centre(window, window.report_button))
    host.pointer_button(BTN_LEFT, True)
    host.pointer_motion(*_centre(window, window.title_label))
    host.pointer_button(BTN_LEFT, False)
    assert reports == []
    host.pointer_motion(*_centre(window, window.report_button))
    host.pointer_button(BTN_LEFT, True)
    host.pointer_button(BTN_LEFT, False)
    assert reports == [True]


def test_a_shortcut_gives_the_surface_the_keyboard_at_once_and_keys_walk_and_press(hosted: Any, qtbot: Any) -> None:
    """ctl focus-newest on a layer surface: exclusive keyboard, then real evdev codes — Tab, Shift+Tab, Enter, Space, Esc."""
    from popup_client.ui.wayland.layer_surface import KEYBOARD_EXCLUSIVE
    from popup_client.ui.wayland.seat import KEY_ENTER, KEY_LEFTSHIFT, KEY_SPACE, KEY_TAB

    window, host, backend = hosted
    surface = backend.surfaces[-1]
    surface.allow_keyboard = lambda allowed, at_once=False: setattr(surface, "keyboard", KEYBOARD_EXCLUSIVE if at_once else KEYBOARD_ON_DEMAND)  # type: ignore[method-assign]
    reported: list[bool] = []
    closed: list[str] = []
    window.report_requested.connect(lambda: reported.append(True))
    window.closed.connect(closed.append)
    assert window.take_keyboard()
    assert surface.keyboard == KEYBOARD_EXCLUSIVE, "asked for the keyboard at once"
    host.keyboard_focus(True)  # the compositor gave it
    assert window.focusWidget() is window.close_button
    assert window.close_button.property("keyboard_focus"), "its ring is drawn though Qt never counts it active"
    order = []
    for _ in range(3):
        host.key(KEY_TAB, True)
        host.key(KEY_TAB, False)
        order.append(window.focusWidget().objectName())
    assert order == ["report_button", "more_button", "close_button"]  # no link: no 查看详情
    host.key(KEY_LEFTSHIFT, True)
    host.key(KEY_TAB, True)
    host.key(KEY_TAB, True)
    host.key(KEY_LEFTSHIFT, False)
    assert window.focusWidget() is window.report_button and window.report_button.property("keyboard_focus")
    assert not window.close_button.property("keyboard_focus")
    host.key(KEY_ENTER, True)
    assert reported == [True]
    host.key(KEY_LEFTSHIFT, True)
    host.key(KEY_TAB, True)
    host.key(KEY_LEFTSHIFT, False)
    assert window.focusWidget() is window.close_button
    host.key(KEY_SPACE, True)
    host.key(KEY_SPACE, False)
    assert closed == ["button"] and surface.destroyed
    assert not any(b.property("keyboard_focus") for b in window.focus_chain())
