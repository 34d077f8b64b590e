"""popup-client on KDE's KWin, headless (virtual backend), with a panel and XWayland: layer-shell placement."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from popup_client.conformance.screen_measure import crisp_ratio

from .conftest import need
from .harness import running
from .scenario import CRISP, check_focus_newest, live_check, run_demo
from .wayland_sessions import FAKE_INPUT_XML, KWin

pytestmark = [pytest.mark.desktop, pytest.mark.slow]


def test_demo_on_kwin_sits_top_right_below_the_panel_and_leaves_the_keyboard(session_dir: Path, bindings: Path, keep_shot: Any) -> None:
    need("kwin_wayland", "Xwayland")
    if not FAKE_INPUT_XML.exists():
        pytest.skip("not installed: plasma-wayland-protocols (scripts/test installs it on Debian when run as root)")
    with running(KWin(session_dir), bindings) as desktop:
        outcome = run_demo(desktop, mechanism="layer-shell")
        keep_shot(outcome.image, "desktop-kwin")


def test_on_kwin_the_corner_is_the_users_choice(session_dir: Path, bindings: Path, keep_shot: Any) -> None:
    need("kwin_wayland", "Xwayland")
    if not FAKE_INPUT_XML.exists():
        pytest.skip("not installed: plasma-wayland-protocols")
    with running(KWin(session_dir), bindings) as desktop:
        outcome = run_demo(desktop, mechanism="layer-shell", corner="bottom-left")
        keep_shot(outcome.image, "desktop-kwin-bottom-left")


def test_the_live_check_passes_on_kwin(session_dir: Path) -> None:
    need("kwin_wayland", "Xwayland")
    with running(KWin(session_dir)) as desktop:
        status, report, output = live_check(desktop)
        assert status == 0 and report["passed"], output


def test_at_output_scale_2_kwin_popups_are_drawn_at_scale_2(session_dir: Path, bindings: Path) -> None:
    need("kwin_wayland", "Xwayland")
    if not FAKE_INPUT_XML.exists():
        pytest.skip("not installed: plasma-wayland-protocols")
    with running(KWin(session_dir, scale=2), bindings) as desktop:
        outcome = run_demo(desktop, mechanism="layer-shell")
        ratios = [crisp_ratio(outcome.image, box) for box in outcome.boxes]
        assert min(ratios) > CRISP, f"popups look enlarged from scale 1: {ratios}"


def test_ctl_focus_newest_gives_a_layer_surface_the_keyboard_on_kwin(session_dir: Path, bindings: Path) -> None:
    """The keyboard shortcut's command on KWin (fake-input evdev keys): see scenario.check_focus_newest."""
    need("kwin_wayland", "Xwayland")
    if not FAKE_INPUT_XML.exists():
        pytest.skip("not installed: plasma-wayland-protocols")
    with running(KWin(session_dir), bindings) as desktop:
        injector = desktop.injector
        assert injector is not None
        check_focus_newest(desktop, mechanism="layer-shell", press_tab=lambda: injector.send("key 15"))
