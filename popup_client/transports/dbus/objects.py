"""The objects the D-Bus server exports and their introspection XML, built from the interface tables. No Qt.

``/org/freedesktop/Notifications`` carries ``org.freedesktop.Notifications``
(:data:`NOTIFICATIONS`: the signatures ``gdbus call`` and d-spy read, and the
server's dispatch) and ``/org/popupclient/Control`` the control interface
(:data:`CONTROL`, served by :mod:`.control`); both also answer
``org.freedesktop.DBus.Introspectable`` and ``org.freedesktop.DBus.Peer``.
"""

from __future__ import annotations

from .bus import CONTROL_INTERFACE, CONTROL_PATH, NOTIFICATIONS_INTERFACE, NOTIFICATIONS_PATH
from .interface import INTROSPECTABLE, PEER, Interface, Method, SignalSpec

#: freedesktop Desktop Notifications 1.3.
NOTIFICATIONS = Interface(
    NOTIFICATIONS_INTERFACE,
    (
        Method(
            "Notify",
            "app_name:s replaces_id:u app_icon:s summary:s body:s actions:as hints:a{sv} expire_timeout:i",
            "id:u",
        ),
        Method("CloseNotification", "id:u"),
        Method("GetCapabilities", gives="capabilities:as"),
        Method("GetServerInformation", gives="name:s vendor:s version:s spec_version:s"),
    ),
    (SignalSpec("NotificationClosed", "id:u reason:u"), SignalSpec("ActionInvoked", "id:u action_key:s")),
)
#: The private control interface (:mod:`.control` serves it, ``popup-client ctl`` calls it).
CONTROL = Interface(
    CONTROL_INTERFACE,
    (
        Method("List", gives=":aa{sv}"),
        Method("Dismiss", "id:u", ":b"),
        Method("DismissAll", gives=":u"),
        Method("Pause", "seconds:u", ":s"),
        Method("Resume"),
        Method("History", "limit:u", ":aa{sv}"),
        Method("Status", gives=":a{sv}"),
        Method("FocusNewest", gives="id:u"),
        Method("CloseNewest", gives="id:u"),
        Method("ReportNewest", gives="id:u"),
    ),
)
#: object path → the interface it serves (besides Introspectable and Peer).
OBJECTS: dict[str, Interface] = {NOTIFICATIONS_PATH: NOTIFICATIONS, CONTROL_PATH: CONTROL}
_DOCTYPE = (
    '<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"\n'
    ' "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">\n'
)


def introspect(path: str) -> str:
    """The introspection XML of an object path (its interfaces and child nodes)."""
    parts = [_DOCTYPE, "<node>\n"]
    if path in OBJECTS:
        parts += [f"  {interface.xml()}\n" for interface in (OBJECTS[path], INTROSPECTABLE, PEER)]
    prefix = path.rstrip("/") + "/"
    children = sorted({p[len(prefix) :].split("/")[0] for p in OBJECTS if p.startswith(prefix) and p != path})
    parts += [f'  <node name="{child}"/>\n' for child in children]
    parts.append("</node>\n")
    return "".join(parts)


def machine_id() -> str:
    """``Peer.GetMachineId``: this machine's D-Bus id ("" if it has none)."""
    for path in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            with open(path, encoding="ascii") as handle:
                return handle.read().strip()
        except OSError:
            continue
    return ""
