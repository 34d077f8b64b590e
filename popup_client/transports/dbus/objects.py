"""The objects the D-Bus server exports, as introspection XML, and the standard peer calls. No Qt.

``/org/freedesktop/Notifications`` carries ``org.freedesktop.Notifications``
(the signatures ``gdbus call`` and d-spy read from here) and
``/org/popupclient/Control`` the control interface; both also answer
``org.freedesktop.DBus.Introspectable`` and ``org.freedesktop.DBus.Peer``.
"""

from __future__ import annotations

from .dbus_common import CONTROL_INTERFACE, CONTROL_PATH, NOTIFICATIONS_INTERFACE, NOTIFICATIONS_PATH
from .dbus_control import CONTROL_XML

INTROSPECTABLE = "org.freedesktop.DBus.Introspectable"
PEER = "org.freedesktop.DBus.Peer"

NOTIFICATIONS_XML = f"""<interface name="{NOTIFICATIONS_INTERFACE}">
    <method name="Notify">
      <arg name="app_name" type="s" direction="in"/><arg name="replaces_id" type="u" direction="in"/>
      <arg name="app_icon" type="s" direction="in"/><arg name="summary" type="s" direction="in"/>
      <arg name="body" type="s" direction="in"/><arg name="actions" type="as" direction="in"/>
      <arg name="hints" type="a{{sv}}" direction="in"/><arg name="expire_timeout" type="i" direction="in"/>
      <arg name="id" type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg name="id" type="u" direction="in"/></method>
    <method name="GetCapabilities"><arg name="capabilities" type="as" direction="out"/></method>
    <method name="GetServerInformation">
      <arg name="name" type="s" direction="out"/><arg name="vendor" type="s" direction="out"/>
      <arg name="version" type="s" direction="out"/><arg name="spec_version" type="s" direction="out"/>
    </method>
    <signal name="NotificationClosed"><arg name="id" type="u"/><arg name="reason" type="u"/></signal>
    <signal name="ActionInvoked"><arg name="id" type="u"/><arg name="action_key" type="s"/></signal>
  </interface>"""
_STANDARD_XML = f"""<interface name="{INTROSPECTABLE}">
    <method name="Introspect"><arg name="xml" type="s" direction="out"/></method>
  </interface>
  <interface name="{PEER}">
    <method name="Ping"/><method name="GetMachineId"><arg name="id" type="s" direction="out"/></method>
  </interface>"""
OBJECTS = {NOTIFICATIONS_PATH: (NOTIFICATIONS_INTERFACE, NOTIFICATIONS_XML), CONTROL_PATH: (CONTROL_INTERFACE, CONTROL_XML)}
_DOCTYPE = (
    '<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"\n'
    ' "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">\n'
)


def introspect(path: str) -> str:
    """The introspection XML of an object path (its interfaces and child nodes)."""
    parts = [_DOCTYPE, "<node>\n"]
    if path in OBJECTS:
        parts += ["  ", OBJECTS[path][1], "\n  ", _STANDARD_XML, "\n"]
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
