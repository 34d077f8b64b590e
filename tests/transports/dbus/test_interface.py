"""One table per interface: the introspection XML, the signature checks and the dispatch all come from it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

from popup_client.transports.dbus.control import Control
from popup_client.transports.dbus.interface import INTROSPECTABLE, PEER, CallRefused, Interface, Method, SignalSpec
from popup_client.transports.dbus.objects import CONTROL, NOTIFICATIONS, introspect
from popup_client.transports.dbus.standard import STANDARD_CALLS
from popup_client.transports.dbus.server import NotificationServer


def _methods(xml: str, interface: str) -> dict[str, tuple[str, str]]:
    """method → (in signature, out signature), as a D-Bus client reads them from the XML."""
    root = ET.fromstring(xml.split("\n", 2)[2])  # past the DOCTYPE
    node = next(i for i in root.iter("interface") if i.get("name") == interface)
    result = {}
    for method in node.iter("method"):
        sig = {"in": "", "out": ""}
        for arg in method.iter("arg"):
            sig[arg.get("direction", "in")] += arg.get("type", "")
        result[method.get("name", "")] = (sig["in"], sig["out"])
    return result


def test_the_introspected_signatures_are_the_freedesktop_ones() -> None:
    methods = _methods(introspect("/org/freedesktop/Notifications"), "org.freedesktop.Notifications")
    assert methods == {
        "Notify": ("susssasa{sv}i", "u"),
        "CloseNotification": ("u", ""),
        "GetCapabilities": ("", "as"),
        "GetServerInformation": ("", "ssss"),
    }
    assert _methods(introspect("/org/popupclient/Control"), "org.popupclient.Control1") == {
        m.name: (m.in_signature, m.out_signature) for m in CONTROL.methods
    }


def test_the_command_line_reads_the_tables_without_loading_the_bus_library() -> None:
    import subprocess
    import sys

    code = "import sys, popup_client.cli; popup_client.cli.build_parser(); print(sorted(m for m in sys.modules if m.startswith('jeepney')))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"


def test_every_method_of_a_table_has_its_handler() -> None:
    assert NOTIFICATIONS.missing_handlers(NotificationServer) == []
    assert INTROSPECTABLE.missing_handlers(STANDARD_CALLS) == PEER.missing_handlers(STANDARD_CALLS) == []
    assert CONTROL.missing_handlers(Control) == []


class _Echo:
    def _shout(self, text: str) -> tuple[Any, ...]:
        return (text.upper(),)


def test_dispatch_checks_the_signature_from_the_same_table() -> None:
    table = Interface("org.example.Echo", (Method("Shout", "text:s", "loud:s"),), (SignalSpec("Heard", "text:s"),))
    method, body = table.dispatch(_Echo(), "Shout", "s", ("hi",))
    assert (method.out_signature, body) == ("s", ("HI",))
    with pytest.raises(CallRefused) as wrong:
        table.dispatch(_Echo(), "Shout", "u", (1,))
    assert wrong.value.name == "org.freedesktop.DBus.Error.InvalidArgs" and "takes (s), not (u)" in str(wrong.value)
    with pytest.raises(CallRefused) as unknown:
        table.dispatch(_Echo(), "Whisper", "", ())
    assert unknown.value.name == "org.freedesktop.DBus.Error.UnknownMethod"
    assert '<signal name="Heard"><arg name="text" type="s"/></signal>' in table.xml()
    assert table.signal("Heard").signature == "s"
