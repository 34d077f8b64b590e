"""Owning the bus names before Qt loads, on a private bus: who owns what when a name is taken."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator

import pytest
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

from popup_client.transports.dbus.bus import CONTROL_NAME, NOTIFICATIONS_NAME
from popup_client.transports.dbus.peers import PeerInfo
from popup_client.transports.dbus.names import NameTaken, claim_names, running_without_notifications
from popup_client.transports.errors import DBusError
from tests.transports.dbus.fixtures import NAME_OWNER_SCRIPT, bus, needs_dbus, python_client, wait_names_free

__all__ = ["bus"]  # the module-scoped private bus fixture

pytestmark = needs_dbus

Owner = Callable[[str], "subprocess.Popen[str]"]


@pytest.fixture
def owner(bus: str) -> Iterator[Owner]:
    """Start processes that own a name each (not allowing replacement); ended after the test."""
    procs: list[subprocess.Popen[str]] = []

    def start(name: str) -> subprocess.Popen[str]:
        proc = subprocess.Popen([*python_client(NAME_OWNER_SCRIPT), name, "0"], stdout=subprocess.PIPE, text=True)
        procs.append(proc)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "owned"
        return proc

    yield start
    for proc in procs:
        proc.kill()
        proc.communicate()
    wait_names_free(bus)


def name_owner(bus: str, name: str) -> str:
    with open_dbus_connection(bus) as conn:
        return str(conn.send_and_get_reply(message_bus.GetNameOwner(name), timeout=5).body[0])


def test_a_taken_notification_name_raises_naming_its_owner(bus: str, owner: Owner) -> None:
    proc = owner(NOTIFICATIONS_NAME)
    for replace, advice in ((False, "--replace"), (True, "does not allow replacement")):
        with pytest.raises(NameTaken) as info:
            claim_names(address=bus, replace=replace, control_alone=replace)  # replace wins over control_alone
        assert isinstance(info.value, DBusError) and info.value.owner.pid == proc.pid
        assert advice in str(info.value) and os.path.realpath(sys.executable) in str(info.value)
    with open_dbus_connection(bus) as conn:
        assert not conn.send_and_get_reply(message_bus.NameHasOwner(CONTROL_NAME), timeout=5).body[0]


def test_control_alone_owns_the_free_control_name_and_names_the_notification_server(bus: str, owner: Owner) -> None:
    proc = owner(NOTIFICATIONS_NAME)
    claim = claim_names(address=bus, control_alone=True)
    try:
        assert claim.owns_control_name and claim.notifications_owner is not None
        assert claim.notifications_owner.pid == proc.pid
        assert name_owner(bus, CONTROL_NAME) == claim.bus.unique_name
        assert name_owner(bus, NOTIFICATIONS_NAME) != claim.bus.unique_name
    finally:
        claim.bus.close()
    assert proc.poll() is None, "the other server keeps its name"


def test_control_alone_raises_when_both_names_are_taken(bus: str, owner: Owner) -> None:
    proc = owner(NOTIFICATIONS_NAME)
    owner(CONTROL_NAME)
    with pytest.raises(NameTaken) as info:
        claim_names(address=bus, control_alone=True)
    assert info.value.owner.pid == proc.pid


def test_control_alone_changes_nothing_when_the_names_are_free(bus: str) -> None:
    claim = claim_names(address=bus, control_alone=True)
    try:
        assert claim.owns_control_name and claim.notifications_owner is None
        assert name_owner(bus, NOTIFICATIONS_NAME) == claim.bus.unique_name
    finally:
        claim.bus.close()
    wait_names_free(bus)


def test_the_message_says_who_has_the_name_what_still_works_and_how_to_take_it() -> None:
    dunst = PeerInfo(":1.12", 2041, "/usr/bin/dunst")
    with_ctl = running_without_notifications(dunst, owns_control_name=True)
    without_ctl = running_without_notifications(dunst, owns_control_name=False)
    for text in (with_ctl, without_ctl):
        assert "\n" not in text and ":1.12 (pid 2041, /usr/bin/dunst)" in text and NOTIFICATIONS_NAME in text
        assert "keep going to it" in text and "--replace" in text
    assert "popup-client ctl" in with_ctl and "popup-client ctl" not in without_ctl
