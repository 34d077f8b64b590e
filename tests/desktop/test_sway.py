"""popup-client on sway (wlroots), headless, with swaybar and XWayland: layer-shell placement."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from .conftest import need
from popup_client.platform import DESKTOP_ID

from .harness import PREFS, ROOT, app_cli, running, shot, start_app, start_client, wait_for, wait_for_popups
from .scenario import CRISP, check_client_kept_keyboard, check_focus_newest, check_stack, focus_newest, live_check, placement_line, run_demo
from popup_client.conformance.screen_measure import crisp_ratio
from .wayland_sessions import Sway

pytestmark = [pytest.mark.desktop, pytest.mark.slow]


def test_demo_on_sway_sits_top_right_below_the_bar_and_leaves_the_keyboard(session_dir: Path, bindings: Path, keep_shot: Any) -> None:
    need("sway", "grim", "wtype", "Xwayland")
    with running(Sway(session_dir), bindings) as desktop:
        outcome = run_demo(desktop, mechanism="layer-shell")
        keep_shot(outcome.image, "desktop-sway")


def test_plain_windows_fail_the_same_checks_on_sway(session_dir: Path, bindings: Path, keep_shot: Any) -> None:
    """What the issue saw before layer-shell (plain toplevels: centred, stacked on one spot, taking the keyboard) fails here."""
    need("sway", "grim", "wtype", "Xwayland")
    with running(Sway(session_dir)) as desktop:
        client_log = start_client(desktop)
        started = time.time()
        start_app(desktop, "--demo", prefs=PREFS + '\n[placement]\nmechanism = "window"\n')
        assert placement_line(desktop).startswith("popup-client: placement: window ")
        wait_for("the first popup window to be mapped", lambda: "popup-client" in desktop.swaymsg("-t", "get_tree"), timeout=30)
        time.sleep(2)
        image, area, boxes = shot(desktop, "plain-windows")
        keep_shot(image, "desktop-sway-plain-windows")
        failures = []
        for check in (lambda: check_stack(desktop, area, boxes), lambda: check_client_kept_keyboard(desktop, client_log, started)):
            try:
                check()
            except AssertionError as exc:
                failures.append(str(exc))
        assert len(failures) == 2, f"plain windows passed a check they should fail: {failures}"


def test_with_two_outputs_popups_go_to_the_focused_one(session_dir: Path, bindings: Path, keep_shot: Any) -> None:
    """The stack goes where the user is: sway's focused output (the client's), in that output's top-right corner."""
    need("sway", "grim", "wtype", "Xwayland")
    with running(Sway(session_dir)) as desktop:
        desktop.add_output_right()
        desktop.start_input(bindings)
        outcome = run_demo(desktop, mechanism="layer-shell")
        assert outcome.area.x == desktop.width, f"the client is not on the second output: {outcome.area}"
        assert all(box.x >= desktop.width for box in outcome.boxes), f"popups not on the focused output: {outcome.boxes}"
        keep_shot(outcome.image, "desktop-sway-two-outputs")


def test_at_output_scale_2_popups_are_drawn_at_scale_2(session_dir: Path, bindings: Path, keep_shot: Any) -> None:
    need("sway", "grim", "wtype", "Xwayland")
    with running(Sway(session_dir, scale=2), bindings) as desktop:
        outcome = run_demo(desktop, mechanism="layer-shell")
        ratios = [crisp_ratio(outcome.image, box) for box in outcome.boxes]
        assert min(ratios) > CRISP, f"popups look enlarged from scale 1: {ratios}"
        keep_shot(outcome.image.crop((outcome.area.right - 840, 0, outcome.area.right, 500)), "desktop-sway-scale2-detail")


def test_the_crispness_measure_sees_an_enlarged_popup(session_dir: Path) -> None:
    """The measure above is not blind: XWayland windows at scale 2 on sway are enlarged from scale 1, and it says so."""
    need("sway", "grim", "wtype", "Xwayland")
    with running(Sway(session_dir, scale=2)) as desktop:
        start_client(desktop)
        start_app(desktop, "--demo", prefs=PREFS + '\n[placement]\nmechanism = "xwayland"\n')
        _, _, boxes = wait_for_popups(desktop, 3)
        image, _, boxes = shot(desktop, "xwayland-scale2")
        assert max(crisp_ratio(image, box) for box in boxes) < CRISP / 3


def _geometry(desktop: Sway, example: str) -> dict[str, Any]:
    """Where each part of a shipped example's popup is, as the app lays it out (English, like the session)."""
    out = desktop.home / f"{example}.png"
    result = app_cli(desktop, "render", str(ROOT / "resources" / "examples" / f"{example}.json"), "--out", str(out), "--json", "--lang", "en")
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_buttons_on_a_layer_surface_work_and_the_apps_windows_carry_its_app_id(session_dir: Path, bindings: Path) -> None:
    """Clicks reach the popup's own buttons through the layer surface: 「举报」 opens the report dialog (a window whose
    app_id is the desktop file's name, as compositor rules see it), × closes the popup."""
    need("sway", "grim", "wtype", "Xwayland")
    with running(Sway(session_dir), bindings) as desktop:
        start_client(desktop)
        start_app(desktop, "--demo")
        _, _, boxes = wait_for_popups(desktop, 3)
        ad, parts = boxes[0], _geometry(desktop, "valid-ad")
        assert (ad.width, ad.height) == (parts["window"]["w"], parts["window"]["h"]), "the top popup is not the demo's ad"

        def click(part: str) -> None:
            rect = parts[part]
            desktop.click(ad.x + rect["x"] + rect["w"] // 2, ad.y + rect["y"] + rect["h"] // 2)

        click("report_button")
        tree = wait_for("the report dialog", lambda: DESKTOP_ID in desktop.swaymsg("-t", "get_tree") and desktop.swaymsg("-t", "get_tree"))
        assert f'"app_id": "{DESKTOP_ID}"' in tree
        desktop.swaymsg(f'[app_id="{DESKTOP_ID}"]', "kill")
        click("close_button")
        closed = wait_for("the close by button", lambda: [r for r in _history(desktop) if any(e.get("how") == "button" for e in r["events"])])
        assert [r["kind"] for r in closed] == ["ad"]


def _history(desktop: Sway) -> list[dict[str, Any]]:
    result = app_cli(desktop, "history", "--json")
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


def test_the_live_check_passes_on_sway_and_fails_plain_windows(session_dir: Path, bindings: Path) -> None:
    need("sway", "grim", "wtype", "Xwayland")
    with running(Sway(session_dir)) as desktop:
        status, report, output = live_check(desktop)
        assert status == 0 and report["passed"], output
        checks = {c["name"] for c in report["results"][0]["checks"]}  # type: ignore[index]
        assert {"live-inside-usable-area", "live-no-overlap", "live-stacked-in-corner", "live-keyboard-kept"} <= checks
    (session_dir / "plain").mkdir(mode=0o755)
    with running(Sway(session_dir / "plain")) as desktop:
        status, report, output = live_check(desktop, "--wait", "5", prefs='[placement]\nmechanism = "window"\n')
        assert status == 1, output
        assert {"live-stacked-in-corner", "live-keyboard-kept"} <= set(_failed(report)), output


def _failed(report: dict[str, Any]) -> list[str]:
    return [c["name"] for c in report["results"][0]["checks"] if c["status"] == "fail"]


def test_with_qt_on_xwayland_popups_still_go_through_layer_shell(session_dir: Path) -> None:
    """The issue's second case: QT_QPA_PLATFORM=xcb on sway used to give ignored X11 hints; the popups' own
    Wayland connection does not depend on Qt's platform."""
    need("sway", "grim", "wtype", "Xwayland")
    with running(Sway(session_dir)) as desktop:
        client_log = start_client(desktop)
        started = time.time()
        start_app(desktop, "--demo", env={"QT_QPA_PLATFORM": "xcb"})
        assert placement_line(desktop).startswith("popup-client: placement: layer-shell "), desktop.log("app")
        _, area, boxes = wait_for_popups(desktop, 3)
        check_stack(desktop, area, boxes)
        check_client_kept_keyboard(desktop, client_log, started)


def test_ctl_focus_newest_gives_a_layer_surface_the_keyboard_and_tab_and_esc_work(session_dir: Path, bindings: Path) -> None:
    """The keyboard shortcut's command on sway: the newest popup (a layer surface) takes the keyboard from the
    client; real keys (wtype, a virtual keyboard with its own keymap): Tab then Esc closes it and the keyboard
    goes back to the client; on the next popup Tab, Tab, Enter presses its 「举报」 (the report dialog opens)."""
    need("sway", "grim", "wtype", "Xwayland")
    with running(Sway(session_dir), bindings) as desktop:
        client_log = check_focus_newest(desktop, mechanism="layer-shell",
                                        press_tab=lambda: desktop.run(["wtype", "-k", "Tab"]).check_returncode())  # fmt: skip
        focus_newest(desktop, client_log, 2)
        assert desktop.run(["wtype", "-k", "Tab", "-k", "Tab", "-k", "Return"]).returncode == 0  # 关闭 → 查看详情 → 举报
        tree = wait_for("the report dialog", lambda: DESKTOP_ID in desktop.swaymsg("-t", "get_tree") and desktop.swaymsg("-t", "get_tree"))
        assert f'"app_id": "{DESKTOP_ID}"' in tree
