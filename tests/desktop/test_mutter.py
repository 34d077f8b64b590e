"""popup-client on GNOME's compositor, Mutter, with XWayland and a dock reserving the top (xwayland placement)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import need
from .harness import running
from .scenario import live_check, run_demo
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
    """The keyboard shortcut's command on GNOME's compositor: the popup (an XWayland window) takes the keyboard
    from the client, real Tab then Esc close it, and the keyboard goes back to the client."""
    import json

    from Xlib import XK, X
    from Xlib.ext import xtest

    from .harness import ROOT, app_cli, client_has_focus, start_app, start_client, wait_for, wait_for_popups
    from .scenario import closed_by_escape, placement_line

    need("Xvfb", "mutter", "Xwayland")
    with running(MutterNested(session_dir)) as desktop:
        client_log = start_client(desktop)
        start_app(desktop)
        assert placement_line(desktop).startswith("popup-client: placement: xwayland ")
        sent = app_cli(desktop, "send", "--json", str(ROOT / "resources" / "examples" / "valid-content.json"))
        assert sent.returncode == 0 and json.loads(sent.stdout)["decision"] == "show", sent.stdout + sent.stderr
        wait_for_popups(desktop, 1)
        assert client_has_focus(client_log)
        done = app_cli(desktop, "ctl", "focus-newest")
        assert done.returncode == 0 and done.stdout.startswith("focused #"), done.stdout + done.stderr
        wait_for("the popup to take the keyboard from the client", lambda: not client_has_focus(client_log), timeout=10)
        tab = desktop.x.keysym_to_keycode(XK.string_to_keysym("Tab"))
        xtest.fake_input(desktop.x, X.KeyPress, tab)
        xtest.fake_input(desktop.x, X.KeyRelease, tab)
        desktop.x.sync()
        desktop.press_escape()
        closed = wait_for("the journal to record the Escape close", lambda: closed_by_escape(desktop), timeout=15)
        assert len(closed) == 1, closed
        wait_for("the client to get the keyboard back", lambda: client_has_focus(client_log), timeout=10)
