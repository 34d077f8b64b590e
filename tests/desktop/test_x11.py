"""popup-client on X11: openbox on Xvfb with a dock reserving the top (x11 placement)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from popup_client.platform import DESKTOP_ID

from .conftest import need
from .harness import running
from .scenario import live_check, run_demo
from .x11_sessions import Openbox

pytestmark = [pytest.mark.desktop, pytest.mark.slow]


def test_demo_on_openbox_sits_top_right_below_the_dock_and_leaves_the_keyboard(session_dir: Path, keep_shot: Any) -> None:
    need("Xvfb", "openbox")
    with running(Openbox(session_dir)) as desktop:
        outcome = run_demo(desktop, mechanism="x11")
        keep_shot(outcome.image, "desktop-openbox")
        instances = {instance for instance, _ in desktop.window_classes()}
        assert DESKTOP_ID in instances, f"no window of class {DESKTOP_ID} (window manager rules name the app by it): {instances}"


def test_on_openbox_the_corner_is_the_users_choice(session_dir: Path) -> None:
    need("Xvfb", "openbox")
    with running(Openbox(session_dir)) as desktop:
        run_demo(desktop, mechanism="x11", corner="bottom-right")


def test_the_live_check_passes_on_openbox(session_dir: Path) -> None:
    need("Xvfb", "openbox")
    with running(Openbox(session_dir)) as desktop:
        status, report, output = live_check(desktop)
        assert status == 0 and report["passed"], output


def test_ctl_focus_newest_on_openbox(session_dir: Path) -> None:
    """The keyboard shortcut's command under a window manager: the focus goes back through _NET_ACTIVE_WINDOW
    (see scenario.check_focus_newest)."""
    from .scenario import check_focus_newest

    need("Xvfb", "openbox")
    with running(Openbox(session_dir)) as desktop:
        check_focus_newest(desktop, mechanism="x11", press_tab=lambda: desktop.press_key("Tab"))
