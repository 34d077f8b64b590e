"""The scenario every desktop test runs, and its checks, measured from the screen.

1. An ordinary client window is opened first and holds the keyboard.
2. ``popup-client run --demo`` starts as users start it (the session's own
   environment, no QT_QPA_PLATFORM) and says which placement it chose.
3. A screenshot shows at least three popups: in the configured corner of
   the usable area (the client's area: the window manager maximized it
   there), inside it, clear of the bar or panel, none overlapping.
4. The client still has the keyboard (its own focus log, and the
   compositor where it can say).
5. A click on a popup, then Escape, closes that popup (the journal records
   the close as "esc"), and the keyboard goes back to the client.

:func:`check_focus_newest` is the keyboard's scenario: ``ctl focus-newest``
takes the keyboard from the client, real Tab then Escape close the popup,
and the keyboard goes back to the client.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from popup_client.ui import theme
from popup_client.ui.stack import MARGIN
from popup_client.ui.stack_slots import SPACING

from .focus_client import APP_ID
from .harness import PREFS, ROOT, Desktop, app_cli, client_has_focus, client_lost_focus, start_app, start_client, wait_for, wait_for_popups
from popup_client.conformance.screen_measure import Box

#: Pixels a measured edge may be off (anti-aliased rounded corners, odd scaling).
SLACK = 2
#: Share of 2 × 2 pixel blocks with detail inside them: 0 for a picture the compositor enlarged (see crisp_ratio).
CRISP = 0.03


@dataclass
class Outcome:
    """What the scenario saw, for the test to add its own checks and save screenshots."""

    image: Image.Image
    area: Box
    boxes: list[Box]
    after_escape: Image.Image
    client_log: Path


def placement_line(desktop: Desktop) -> str:
    return wait_for("the app's placement line", lambda: _line(desktop.log("app"), "popup-client: placement: "), timeout=30)


def _line(text: str, prefix: str) -> str | None:
    return next((line for line in text.splitlines() if line.startswith(prefix)), None)


def check_stack(desktop: Desktop, area: Box, boxes: list[Box], *, margin: int = MARGIN, corner: str = "top-right") -> None:
    """The popups' on-screen rectangles: the corner, inside the usable area, clear of the panel, apart."""
    scale = desktop.scale()
    assert len(boxes) >= 3, f"expected at least three popups, saw {boxes}"
    width = theme.WIDTH * scale
    for box in boxes:
        assert abs(box.width - width) <= SLACK, f"{box} is not one popup wide ({width} px): overlapping or cut"
        assert box.height <= theme.MAX_HEIGHT * scale + SLACK, f"{box} is taller than a popup: two overlap"
        assert area.contains(box), f"{box} is not inside the usable area {area}"
        panel = desktop.panel()
        if panel is not None:
            panel = Box(panel.x * scale, panel.y * scale, panel.width * scale, panel.height * scale)
            assert not box.intersects(panel), f"{box} covers the panel {panel}"
    ordered = sorted(boxes, key=lambda b: b.y, reverse=corner.startswith("bottom"))
    first = ordered[0]
    if corner.endswith("right"):
        assert all(abs(area.right - margin * scale - b.right) <= SLACK for b in boxes), f"not against the right edge: {boxes} in {area}"
    else:
        assert all(abs(b.x - (area.x + margin * scale)) <= SLACK for b in boxes), f"not against the left edge: {boxes} in {area}"
    if corner.startswith("top"):
        assert abs(first.y - (area.y + margin * scale)) <= SLACK, f"the first popup {first} is not {margin} px below the area's top {area.y}"
    else:
        assert abs(area.bottom - margin * scale - first.bottom) <= SLACK, f"the first popup {first} is not at the area's bottom {area}"
    by_y = sorted(boxes, key=lambda b: b.y)
    for upper, lower in zip(by_y, by_y[1:]):
        gap = lower.y - upper.bottom
        assert abs(gap - SPACING * scale) <= SLACK, f"{upper} and {lower} are {gap} px apart, not {SPACING * scale}: overlap or drift"


def check_client_kept_keyboard(desktop: Desktop, log: Path, since: float) -> None:
    lost = client_lost_focus(log, since)
    assert not lost, f"the client lost the keyboard when popups appeared: {lost}"
    assert client_has_focus(log)
    owner = desktop.keyboard_owner()
    assert owner in (None, APP_ID), f"the compositor gives the keyboard to {owner!r}, not the client"


def closed_by_escape(desktop: Desktop) -> list[str]:
    """Titles of the popups the journal says were closed with Escape."""
    result = app_cli(desktop, "history", "--json", "--limit", "20")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    return [r["title"] for r in rows if any(e.get("how") == "esc" for e in r["events"])]


def run_demo(desktop: Desktop, *, mechanism: str, corner: str = "top-right") -> Outcome:
    """Steps 1 to 5 (with the ``placement.corner`` preference ``corner``); returns what was seen."""
    client_log = start_client(desktop)
    started = time.time()
    start_app(desktop, "--demo", prefs=PREFS + f'\n[placement]\ncorner = "{corner}"\n')
    line = placement_line(desktop)
    assert line.startswith(f"popup-client: placement: {mechanism} "), line
    assert line.endswith(f"popups stack from the {corner} corner)"), line
    image, area, boxes = wait_for_popups(desktop, 3)
    check_stack(desktop, area, boxes, corner=corner)
    check_client_kept_keyboard(desktop, client_log, started)

    scale = desktop.scale()
    first = (min if corner.startswith("top") else max)(boxes, key=lambda b: b.y)
    desktop.click((first.x + 60 * scale) // scale, (first.y + 70 * scale) // scale)  # its title: opens nothing
    time.sleep(0.3)
    desktop.press_escape()
    closed = wait_for("the journal to record the Escape close", lambda: closed_by_escape(desktop), timeout=15)
    assert len(closed) == 1, closed
    wait_for("the client to get the keyboard back", lambda: client_has_focus(client_log), timeout=10)
    # the rest move up into the closed popup's slot: wait until the compositor shows them settled
    after, area_after, boxes_after = wait_for_popups(desktop, 3, "after-escape")
    check_stack(desktop, area_after, boxes_after, corner=corner)
    return Outcome(image, area, boxes, after, client_log)


def live_check(desktop: Desktop, *extra: str, prefs: str = "") -> tuple[int, dict[str, object], str]:
    """``popup-client check --live`` in the session, against a freshly started app: exit status, report.json, output."""
    start_app(desktop, prefs=prefs)
    placement_line(desktop)
    report = desktop.home / "live-report"
    result = app_cli(desktop, "check", "--live", "--report", str(report), *extra)
    data = json.loads((report / "report.json").read_text()) if (report / "report.json").exists() else {}
    return result.returncode, data, result.stdout + result.stderr


def check_focus_newest(desktop: Desktop, *, mechanism: str, press_tab: Callable[[], None]) -> Path:
    """A popup on screen, the client typing: ``ctl focus-newest`` gives the popup the keyboard; Tab, Esc close it;
    the keyboard goes back to the client. Returns the client's focus log."""
    client_log = start_for_keyboard(desktop, mechanism)
    focus_newest(desktop, client_log, 1)
    press_tab()
    desktop.press_escape()
    closed = wait_for("the journal to record the Escape close", lambda: closed_by_escape(desktop), timeout=15)
    assert len(closed) == 1, closed
    wait_for("the client to get the keyboard back", lambda: client_has_focus(client_log), timeout=10)
    return client_log


def start_for_keyboard(desktop: Desktop, mechanism: str) -> Path:
    """The client holding the keyboard, and the app (popups stay until closed); returns the client's focus log."""
    client_log = start_client(desktop)
    start_app(desktop)
    assert placement_line(desktop).startswith(f"popup-client: placement: {mechanism} ")
    return client_log


def focus_newest(desktop: Desktop, client_log: Path, n: int) -> None:
    """Show the content example (as popup ``n``), then ``ctl focus-newest``: it takes the keyboard from the client."""
    popup = json.loads((ROOT / "resources" / "examples" / "valid-content.json").read_text(encoding="utf-8"))
    payload = desktop.home / f"popup-{n}.json"
    payload.write_text(json.dumps({**popup, "id": f"keyboard-{n}"}, ensure_ascii=False), encoding="utf-8")
    desktop.user.chown(payload)
    sent = app_cli(desktop, "send", "--json", str(payload))
    assert sent.returncode == 0 and json.loads(sent.stdout)["decision"] == "show", sent.stdout + sent.stderr
    wait_for_popups(desktop, 1)
    assert client_has_focus(client_log)
    done = app_cli(desktop, "ctl", "focus-newest")
    assert done.returncode == 0 and done.stdout.startswith("focused #"), done.stdout + done.stderr
    wait_for("the popup to take the keyboard from the client", lambda: not client_has_focus(client_log), timeout=10)
