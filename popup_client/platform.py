"""Platform-specific behaviour, behind one chooser.

Everything that differs between Linux, macOS and Windows is a method of a
:class:`PlatformSupport`; :func:`current` picks the one for this system.
Each branch is tested here by constructing it directly.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

APP_USER_MODEL_ID = "PopupClient.PopupClient"
DESKTOP_ID = "io.github.popup_client"


@dataclass(frozen=True)
class PlatformSupport:
    """What the app does differently on one kind of system."""

    name: str
    #: Serves org.freedesktop.Notifications on the session bus.
    dbus_notifications: bool
    #: Where an opt-in autostart entry goes (None: set up by the OS's own settings).
    autostart_dir: Path | None
    #: Popups stack from this corner of the available screen area.
    corner: str = "top-right"

    def set_app_identity(self, shell32: Any = None) -> bool:
        """Windows: give the process its AppUserModelID (taskbar, toasts, pinning)."""
        if self.name != "windows":
            return False
        if shell32 is None:  # pragma: no cover - only on Windows
            import ctypes

            shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
        result = shell32.SetCurrentProcessExplicitAppUserModelID(APP_USER_MODEL_ID)
        return int(result) == 0


def _xdg_autostart() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "autostart"


def for_platform(platform: str) -> PlatformSupport:
    """The support object for a ``sys.platform`` value."""
    if platform.startswith("linux") or platform.startswith("freebsd"):
        return PlatformSupport("linux", dbus_notifications=True, autostart_dir=_xdg_autostart())
    if platform == "darwin":
        return PlatformSupport("macos", dbus_notifications=False, autostart_dir=Path.home() / "Library" / "LaunchAgents")
    if platform in ("win32", "cygwin"):
        appdata = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        startup = appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
        return PlatformSupport("windows", dbus_notifications=False, autostart_dir=startup, corner="bottom-right")
    log.info("unknown platform %s: no autostart, no D-Bus server", platform)
    return PlatformSupport(platform, dbus_notifications=False, autostart_dir=None)


def session_bus_available() -> bool:
    """Whether a D-Bus session bus can be reached (its address is set, or the usual socket exists)."""
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    getuid = getattr(os, "getuid", None)
    return getuid is not None and os.path.exists(f"/run/user/{getuid()}/bus")


def current() -> PlatformSupport:
    """The support object for the system this runs on."""
    return for_platform(sys.platform)
