"""popup-client on sway (wlroots), headless, with swaybar and XWayland: layer-shell placement."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import need
from .scenario import run_demo
from .wayland_sessions import Sway

pytestmark = [pytest.mark.desktop, pytest.mark.slow]


def test_demo_on_sway_sits_top_right_below_the_bar_and_leaves_the_keyboard(session_dir: Path, bindings: Path, keep_shot: Any) -> None:
    need("sway", "grim", "wtype", "Xwayland")
    desktop = Sway(session_dir)
    try:
        desktop.start()
        desktop.start_input(bindings)
        outcome = run_demo(desktop, mechanism="layer-shell")
        keep_shot(outcome.image, "desktop-sway")
    finally:
        desktop.stop()
