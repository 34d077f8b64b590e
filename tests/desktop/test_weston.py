"""popup-client where only plain windows are possible (Weston without XWayland): it says so, naming what to install."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import need
from .harness import running, start_app
from .scenario import placement_line
from .wayland_sessions import Weston

pytestmark = [pytest.mark.desktop, pytest.mark.slow]


def test_without_layer_shell_or_xwayland_run_warns_and_names_what_to_install(session_dir: Path) -> None:
    need("weston")
    with running(Weston(session_dir)) as desktop:
        start_app(desktop, "--no-dbus")
        line = placement_line(desktop)
        assert line.startswith("popup-client: placement: window (Weston offers no wlr-layer-shell"), line
        warnings = [w for w in desktop.log("app").splitlines() if w.startswith("popup-client: warning: popups are plain windows")]
        assert len(warnings) == 1, desktop.log("app")
        assert "sudo apt install xwayland" in warnings[0] and "(sway, KDE Plasma, Hyprland)" in warnings[0]
