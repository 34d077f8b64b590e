"""``popup-client check --live``: the running app, on this desktop, measured from the screen.

A vendor proves conformance on its own compositor, not only offscreen:

1. A plain magenta *backdrop* window opens, maximized, and takes the
   keyboard — it stands for the user's window, and, maximized by the window
   manager, it covers exactly the usable area windows are given.
2. The running app is sent ``count`` service popups through its local socket
   API, as an unverified provider, ``org.popupclient.conformance``.
3. Screenshots (see :mod:`.screenshots`) are taken until they show the
   popups; each popup is found as a non-magenta rectangle over the backdrop
   (:mod:`.screen_measure`).
4. Measured: every popup inside the usable area (ui-bounds), none covering
   more than 1/8 of it, none overlapping another (each one's close control
   stays unobstructed, ui-close), stacked in the configured corner at the
   configured margin; and the backdrop never lost the keyboard
   (ui-no-focus-steal).

The result is an ordinary :class:`~.model.Result` (subject ``live: <desktop>``)
with the annotated screenshot, so ``--report`` writes the same HTML and JSON
as for rendered popups.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw
from PySide6.QtCore import QElapsedTimer, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from popup_client.core.prefs import PrefsStore
from popup_client.core.timefmt import format_rfc3339
from popup_client.ui import theme
from popup_client.ui.stack_slots import SPACING

from .model import CheckResult, ConformanceError, Result
from .screen_measure import MAGENTA, Box, client_area, popups
from .screenshots import take_screenshot

log = logging.getLogger(__name__)

PROVIDER = {"id": "org.popupclient.conformance", "name": "弹窗合规检查"}
#: Pixels a measured edge may be off (anti-aliased corners, odd scales).
SLACK = 2


@dataclass
class LiveOptions:
    count: int = 3
    screenshot_command: str | None = None
    timeout: float = 15.0
    shots_dir: Path | None = None


@dataclass
class Backdrop:
    """The stand-in for the user's window: plain magenta, maximized, holding the keyboard; it notes focus changes."""

    widget: QWidget
    focus_log: list[tuple[float, bool]] = field(default_factory=list)

    @classmethod
    def open(cls, app: QApplication) -> Backdrop:
        widget = QWidget()
        widget.setWindowTitle("popup-client live check")
        widget.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        palette = widget.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(*MAGENTA))
        widget.setPalette(palette)
        widget.setAutoFillBackground(True)
        backdrop = cls(widget)

        def on_focus(window: QWindow | None) -> None:
            backdrop.focus_log.append((time.monotonic(), window is not None))

        app.focusWindowChanged.connect(on_focus)
        widget.showMaximized()
        widget.activateWindow()
        return backdrop

    def has_focus(self) -> bool:
        return QGuiApplication.focusWindow() is not None

    def close(self) -> None:
        self.widget.close()
        self.widget.deleteLater()


def _wait(app: QApplication, what: str, check: Callable[[], Any], timeout: float) -> Any:
    clock = QElapsedTimer()
    clock.start()
    while clock.elapsed() < timeout * 1000:
        app.processEvents()
        value = check()
        if value:
            return value
        time.sleep(0.05)
    raise ConformanceError(f"timed out after {timeout:g} s waiting for {what}")


def probe_payloads(count: int, now: datetime) -> list[dict[str, Any]]:
    stamp = now.strftime("%Y%m%dT%H%M%S%f")
    return [
        {
            "version": 1,
            "id": f"live-check-{stamp}-{index}",
            "provider": dict(PROVIDER),
            "kind": "service",
            "title": f"合规检查 {index}/{count}",
            "body": "popup-client check --live: this popup is measured on screen.",
            "sent_at": format_rfc3339(now.astimezone().replace(microsecond=0)),
        }
        for index in range(1, count + 1)
    ]


def send_popups(count: int) -> list[dict[str, Any]]:
    from popup_client.api import Client

    with Client() as client:
        return client.send_many(probe_payloads(count, datetime.now(timezone.utc)))


def run_live_check(app: QApplication, options: LiveOptions) -> Result:
    """The whole live check; raises ConformanceError when it cannot run (app not running, no screenshot tool)."""
    from popup_client.transports.socket.client import is_running

    if not is_running():
        raise ConformanceError("popup-client is not running: start it (popup-client run), then run the live check")
    backdrop = Backdrop.open(app)
    try:
        _wait(app, "the backdrop window to get the keyboard", backdrop.has_focus, options.timeout)
        shots = options.shots_dir or Path.cwd()
        _wait(app, "the backdrop on screen", lambda: _backdrop_area(options, shots), options.timeout)
        started = time.monotonic()
        replies = send_popups(options.count)
        shown = [r for r in replies if r.get("decision") == "show"]
        if len(shown) < options.count:
            raise ConformanceError(f"the app did not show every test popup (your preferences?): {replies}")
        seen = _StableShots(options, shots)
        try:
            _wait(app, f"{options.count} popups on screen", seen, options.timeout)
        except ConformanceError:
            if seen.last is None:
                raise  # not even the backdrop was seen again
        assert seen.last is not None
        image, area, boxes = seen.last
        return _result(backdrop, started, image, area, boxes, options)
    finally:
        backdrop.close()
        app.processEvents()


def _backdrop_area(options: LiveOptions, shots: Path) -> Box | None:
    image = take_screenshot(shots / "live-before.png", command=options.screenshot_command)
    return client_area(image)


class _StableShots:
    """A check for :func:`_wait`: screenshots until one shows the popups, the same twice in a row (drawn, not
    moving). :attr:`last` keeps the last one seen, so popups hidden under others can still be reported."""

    def __init__(self, options: LiveOptions, shots: Path) -> None:
        self._options = options
        self._shots = shots
        self.last: tuple[Image.Image, Box, list[Box]] | None = None

    def __call__(self) -> bool:
        image = take_screenshot(self._shots / "live.png", command=self._options.screenshot_command)
        area = client_area(image)
        if area is None:
            return False
        boxes = popups(image, area)
        stable = self.last is not None and boxes == self.last[2]
        self.last = (image, area, boxes)
        return stable and len(boxes) >= self._options.count


def _result(backdrop: Backdrop, started: float, image: Image.Image, area: Box, boxes: list[Box], options: LiveOptions) -> Result:
    scale = max(1, round(backdrop.widget.devicePixelRatioF()))
    prefs = PrefsStore().peek().placement
    corner = prefs.corner if prefs.corner != "auto" else "top-right"
    result = Result(subject=f"live: {_desktop_name()}", kind="service", size=(image.width, image.height), scale=scale)
    seen = len(boxes)
    result.add([CheckResult("ui-close", "live-all-visible", seen >= options.count, f"{seen} of {options.count} seen",
                            f"{options.count} popups, each visible", "" if seen >= options.count else
                            "the others are hidden under these, off screen or not shown")])  # fmt: skip
    result.add(measure(area, boxes, scale=scale, corner=corner, margins=(prefs.margin, prefs.margin_unknown_panels)))
    lost = [t for t, focused in backdrop.focus_log if t >= started and not focused]
    result.add([CheckResult("ui-no-focus-steal", "live-keyboard-kept", not lost, "kept" if not lost else "lost",
                            "kept", "the backdrop window (standing for the user's) kept the keyboard while popups appeared")])  # fmt: skip
    result.screenshot_png = _annotated(image, area, boxes)
    result.notes.append(f"measured from a screenshot of the desktop, {image.width}×{image.height} px, scale {scale}")
    return result


def measure(area: Box, boxes: list[Box], *, scale: int, corner: str, margins: tuple[int, int]) -> list[CheckResult]:
    """The placement checks on popups found on screen (all in screenshot pixels)."""
    checks: list[CheckResult] = []
    outside = [b for b in boxes if not area.contains(b)]
    checks.append(CheckResult("ui-bounds", "live-inside-usable-area", not outside, f"{len(boxes) - len(outside)} of {len(boxes)} inside",
                              f"all inside {area.width}×{area.height}+{area.x}+{area.y}", f"outside: {outside}" if outside else ""))  # fmt: skip
    limit = area.width * area.height / 8
    big = [b for b in boxes if b.width * b.height > limit]
    checks.append(CheckResult("ui-bounds", "live-at-most-an-eighth", not big, f"largest {max((b.width * b.height for b in boxes), default=0)} px²",
                              f"≤ {int(limit)} px² (1/8 of the area)"))  # fmt: skip
    tall = [b for b in boxes if b.height > theme.MAX_HEIGHT * scale + SLACK or abs(b.width - theme.WIDTH * scale) > SLACK]
    overlapping = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.intersects(b)] + [(b, b) for b in tall]
    checks.append(CheckResult("ui-close", "live-no-overlap", not overlapping, f"{len(overlapping)} overlapping", "0",
                              "popups that overlap hide each other's close control" if overlapping else ""))  # fmt: skip
    checks.append(_corner_check(area, boxes, scale=scale, corner=corner, margins=margins))
    return checks


def _corner_check(area: Box, boxes: list[Box], *, scale: int, corner: str, margins: tuple[int, int]) -> CheckResult:
    """Stacked from the corner, at the margin (the wider one when the window system hides where panels are)."""
    if not boxes:
        return CheckResult("ui-bounds", "live-stacked-in-corner", False, "no popup", corner)
    right, top = corner.endswith("right"), corner.startswith("top")
    first = min(boxes, key=lambda b: b.y) if top else max(boxes, key=lambda b: b.bottom)
    side = area.right - first.right if right else first.x - area.x
    end = first.y - area.y if top else area.bottom - first.bottom
    allowed = [m * scale for m in margins]
    at_corner = any(abs(side - m) <= SLACK and abs(end - m) <= SLACK for m in allowed)
    gaps = [b2.y - b1.bottom for b1, b2 in zip(sorted(boxes, key=lambda b: b.y), sorted(boxes, key=lambda b: b.y)[1:])]
    spaced = all(abs(g - SPACING * scale) <= SLACK for g in gaps)
    return CheckResult("ui-bounds", "live-stacked-in-corner", at_corner and spaced, f"{side} px from the side, {end} px from the end; gaps {gaps}",
                       f"{corner}: {' or '.join(str(m) for m in allowed)} px; gaps {SPACING * scale} px")  # fmt: skip


def _annotated(image: Image.Image, area: Box, boxes: list[Box]) -> bytes:
    marked = image.copy()
    draw = ImageDraw.Draw(marked)
    draw.rectangle((area.x, area.y, area.right - 1, area.bottom - 1), outline=(0, 160, 255), width=3)
    for box in boxes:
        draw.rectangle((box.x - 2, box.y - 2, box.right + 1, box.bottom + 1), outline=(24, 128, 56), width=3)
    buffer = io.BytesIO()
    marked.save(buffer, "PNG")
    return buffer.getvalue()


def _desktop_name() -> str:
    import os

    app = QGuiApplication.instance()
    platform = app.platformName() if isinstance(app, QGuiApplication) else "?"
    return f"{os.environ.get('XDG_CURRENT_DESKTOP') or 'unknown desktop'} ({platform})"
