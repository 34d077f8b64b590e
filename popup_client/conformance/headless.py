"""Where there is no display, the kit runs Qt offscreen by itself, and says so in one line.

Without ``DISPLAY`` or ``WAYLAND_DISPLAY`` (and with no ``QT_QPA_PLATFORM``
chosen), creating a QApplication on Linux aborts the process (``Fatal
Python error: Aborted``) before any test runs. The pytest plugin and
``popup-client check`` call :func:`choose_platform` first.
"""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger(__name__)

PLATFORM_VARIABLE = "QT_QPA_PLATFORM"


def has_display() -> bool:
    """Whether a window system is reachable (always assumed on Windows and macOS)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def choose_platform(who: str) -> str | None:
    """Select ``offscreen`` when there is no display and no platform was chosen; the line saying so, else None."""
    if os.environ.get(PLATFORM_VARIABLE) or has_display():
        return None
    os.environ[PLATFORM_VARIABLE] = "offscreen"
    return (f"{who}: no display (DISPLAY and WAYLAND_DISPLAY unset), so Qt runs offscreen "
            f"(QT_QPA_PLATFORM=offscreen; focus is then judged by window flags only)")  # fmt: skip
