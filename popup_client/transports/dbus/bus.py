"""Where the session bus is, and the names, paths and interfaces the app serves on it. No Qt.

Shared by the server (:mod:`.server`) and the ``ctl`` client.
"""

from __future__ import annotations

import os

from ..errors import DBusError

NOTIFICATIONS_NAME = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
NOTIFICATIONS_INTERFACE = "org.freedesktop.Notifications"
CONTROL_NAME = "org.popupclient.Daemon"
CONTROL_PATH = "/org/popupclient/Control"
CONTROL_INTERFACE = "org.popupclient.Control1"


def session_bus_address() -> str:
    """The session bus address: ``$DBUS_SESSION_BUS_ADDRESS``, else ``$XDG_RUNTIME_DIR/bus``."""
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "").strip()
    if address:
        return address
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.exists(os.path.join(runtime, "bus")):
        return f"unix:path={os.path.join(runtime, 'bus')}"
    raise DBusError("no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set and $XDG_RUNTIME_DIR/bus does not exist")
