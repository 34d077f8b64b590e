"""A screenshot of the whole screen, on whatever desktop the live check runs.

On X11 Qt reads the screen itself. On Wayland a client cannot: the
compositor decides who may, so each desktop's own tool is used —

========================  ===============================================
desktop                   how
========================  ===============================================
X11 (any window manager)  Qt (``QScreen.grabWindow``)
sway, Hyprland, wlroots   ``grim`` (wlr-screencopy)
KDE Plasma                ``spectacle`` in the background, else KWin's
                          ScreenShot2 D-Bus interface (KWin allows it to
                          authorized programs, or to all when it runs with
                          KWIN_SCREENSHOT_NO_PERMISSION_CHECKS=1)
GNOME                     ``gnome-screenshot``
any                       ``--screenshot-command 'CMD {file}'``
========================  ===============================================

:func:`take_screenshot` tries them in that order for the session and says
what to install when none works.
"""

from __future__ import annotations

import logging
import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from .model import ConformanceError

log = logging.getLogger(__name__)

TIMEOUT = 20.0


class ScreenshotError(ConformanceError):
    """No way to read the screen worked here; the message says what would."""


Grabber = Callable[[Path], None]


def _command(argv: list[str]) -> Grabber:
    def grab(path: Path) -> None:
        filled = [part.replace("{file}", str(path)) for part in argv]
        result = subprocess.run(filled, capture_output=True, text=True, timeout=TIMEOUT)
        if result.returncode != 0 or not path.exists():
            raise ScreenshotError(f"{filled[0]} failed: {(result.stderr or result.stdout).strip() or result.returncode}")

    return grab


def _qt_grab(path: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    if screen is None:
        raise ScreenshotError("Qt sees no screen")
    pixmap = screen.grabWindow(0)
    if pixmap.isNull() or not pixmap.save(str(path), "PNG"):
        raise ScreenshotError("Qt could not read the screen")


def _kwin_dbus(path: Path) -> None:
    from .kwin_screenshot import capture_workspace

    capture_workspace(path)


def grabbers(env: dict[str, str] | os._Environ[str] = os.environ, command: str | None = None) -> list[tuple[str, Grabber]]:
    """The ways to take a screenshot in this session, best first."""
    if command:
        return [("--screenshot-command", _command(shlex.split(command)))]
    if not env.get("WAYLAND_DISPLAY"):
        return [("Qt (X11)", _qt_grab)]
    desktop = env.get("XDG_CURRENT_DESKTOP", "").lower()
    found: list[tuple[str, Grabber]] = []
    if "kde" in desktop and shutil.which("spectacle"):
        found.append(("spectacle", _command(["spectacle", "--background", "--nonotify", "--fullscreen", "--output", "{file}"])))
    if "kde" in desktop:
        found.append(("KWin ScreenShot2", _kwin_dbus))
    if "gnome" in desktop and shutil.which("gnome-screenshot"):
        found.append(("gnome-screenshot", _command(["gnome-screenshot", "--file={file}"])))
    if shutil.which("grim"):
        found.append(("grim", _command(["grim", "{file}"])))
    return found


def take_screenshot(path: Path, *, command: str | None = None) -> Image.Image:
    """The whole screen, saved at ``path`` and returned (RGB)."""
    tried: list[str] = []
    for name, grab in grabbers(command=command):
        with tempfile.TemporaryDirectory(prefix="popup-client-shot-") as scratch:
            target = Path(scratch) / "screen.png"
            try:
                grab(target)
                with Image.open(target) as image:
                    rgb = image.convert("RGB")
            except (ScreenshotError, OSError, subprocess.SubprocessError) as exc:
                log.info("screenshot with %s failed: %s", name, exc)
                tried.append(f"{name}: {exc}")
                continue
        rgb.save(path)
        return rgb
    hint = (
        "install grim (sway, Hyprland and other wlroots compositors), spectacle (KDE Plasma) or gnome-screenshot (GNOME), "
        "or pass --screenshot-command 'YOUR-TOOL {file}'"
    )
    raise ScreenshotError(f"cannot take a screenshot here ({'; '.join(tried) or 'no tool found'}): {hint}")
