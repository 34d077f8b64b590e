"""The bus connection on the Qt event loop: what a turn of dispatching takes in."""

from __future__ import annotations

import itertools
import socket
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from jeepney import DBusAddress, Message, new_method_call

from popup_client.transports.dbus.codec import FastParser
from popup_client.transports.dbus.wire import BusConnection

NOTIFICATIONS = DBusAddress("/org/freedesktop/Notifications", "org.freedesktop.Notifications", "org.freedesktop.Notifications")


class _Socket:
    """A :class:`~popup_client.transports.dbus.names.BusSocket` whose bus is the other end of a socket pair."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.parser = FastParser()
        self.inbox: deque[Message] = deque()
        self.serials = itertools.count(1)
        self.unique_name = ":1.1"

    def next_serial(self) -> int:
        return next(self.serials)

    def close(self) -> None:
        self.sock.close()


def _call(serial: int) -> bytes:
    return bytes(new_method_call(NOTIFICATIONS, "GetCapabilities").serialise(serial=serial))


def test_calls_that_arrive_while_a_turn_runs_are_dispatched_in_that_turn(qtbot: Any) -> None:
    ours, bus = socket.socketpair()
    conn = BusConnection(_Socket(ours))
    turns: list[int] = []

    @contextmanager
    def turn() -> Iterator[None]:
        turns.append(len(turns) + 1)
        yield

    seen: list[tuple[int, int]] = []

    def on_message(msg: Message) -> None:
        seen.append((turns[-1], msg.header.serial))
        if msg.header.serial == 1:
            bus.sendall(_call(2) + _call(3))  # in the socket before this turn is over

    conn.turn, conn.on_message = turn, on_message
    try:
        conn.attach()
        bus.sendall(_call(1))
        qtbot.waitUntil(lambda: len(seen) == 3, timeout=5000)
        (first, _), *_ = seen
        assert seen == [(first, 1), (first, 2), (first, 3)]  # one turn (one journal commit), not two
    finally:
        conn.close()
        bus.close()
