"""popup-client on GNOME's compositor, Mutter, with XWayland and a dock reserving the top (xwayland placement)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import need
from .harness import running
from .scenario import check_focus_newest, live_check, run_demo
from .x11_sessions import MutterNested

pytestmark = [pytest.mark.desktop, pytest.mark.slow]


def test_demo_on_mutter_sits_top_right_below_the_dock_and_leaves_the_keyboard(session_dir: Path, keep_shot: Any) -> None:
    need("Xvfb", "mutter", "Xwayland")
    with running(MutterNested(session_dir)) as desktop:
        outcome = run_demo(desktop, mechanism="xwayland")
        keep_shot(outcome.image, "desktop-mutter")


def test_the_live_check_passes_on_mutter(session_dir: Path) -> None:
    need("Xvfb", "mutter", "Xwayland")
    with running(MutterNested(session_dir)) as desktop:
        status, report, output = live_check(desktop, "--screenshot-command", desktop.screenshot_command())
        assert status == 0 and report["passed"], output


def test_ctl_focus_newest_on_mutter(session_dir: Path) -> None:
    """The keyboard shortcut's command on GNOME's compositor (popups on XWayland; XTEST keys): see
    scenario.check_focus_newest."""
    need("Xvfb", "mutter", "Xwayland")
    with running(MutterNested(session_dir)) as desktop:
        check_focus_newest(desktop, mechanism="xwayland", press_tab=lambda: desktop.press_key("Tab"))
