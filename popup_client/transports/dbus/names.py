"""Connecting to the session bus and owning the notification names, before any Qt. No Qt.

:func:`claim_names` connects, authenticates, says ``Hello`` and requests
``org.freedesktop.Notifications`` (then ``org.popupclient.Daemon``) on a
blocking socket with a deadline. It imports nothing heavy, so ``popup-client
run`` can call it first thing and own the name within milliseconds of
starting; :class:`~.server.NotificationServer` then adopts the
connection and serves it from the event loop. Calls that arrive meanwhile
wait in the socket (or in :attr:`BusSocket.inbox`) and are answered then.

When the name is taken, :class:`NameTaken` says by whom: unique name,
process id and executable. ``popup-client run`` then goes on without serving
desktop notifications (``control_alone``: it still owns the control name if
that is free) and says so once, in :func:`running_without_notifications`.
"""

from __future__ import annotations

import itertools
import logging
import socket
import time
from collections import deque
from dataclasses import dataclass

from jeepney import HeaderFields, Message, MessageFlag, MessageType
from jeepney.auth import BEGIN, AuthenticationError, Authenticator
from jeepney.bus import get_connectable_addresses
from jeepney.bus_messages import DBusNameFlags, message_bus

from .codec import FastParser, encode
from .bus import CONTROL_NAME, NOTIFICATIONS_NAME, session_bus_address
from .peers import PeerInfo, executable_of
from ..errors import DBusError

log = logging.getLogger(__name__)

READ_CHUNK = 64 * 1024
MAX_SERIAL = 0xFFFFFFFF
PRIMARY_OWNER, IN_QUEUE, EXISTS, ALREADY_OWNER = 1, 2, 3, 4


# ------------------------------------------------------------------ messages


def sender_of(msg: Message) -> str:
    """The unique name that sent a message ("" when the bus did not say)."""
    return str(msg.header.fields.get(HeaderFields.sender, ""))


def reply_serial_of(msg: Message) -> int | None:
    value = msg.header.fields.get(HeaderFields.reply_serial)
    return int(value) if value is not None else None


_NO_REPLY_EXPECTED = int(MessageFlag.no_reply_expected)


def wants_reply(msg: Message) -> bool:
    """Whether the caller of a method call waits for a reply."""
    return not int(msg.header.flags) & _NO_REPLY_EXPECTED  # an int test: the flag enum's own ``&`` costs ten times more


def is_error(msg: Message | None) -> bool:
    return msg is None or msg.header.message_type is MessageType.error


def error_text(msg: Message) -> str:
    """An error reply as ``Name: message``."""
    name = msg.header.fields.get(HeaderFields.error_name, "org.freedesktop.DBus.Error.Failed")
    detail = msg.body[0] if msg.body and isinstance(msg.body[0], str) else ""
    return f"{name}: {detail}" if detail else str(name)


def describe(msg: Message) -> str:
    fields = msg.header.fields
    return f"{fields.get(HeaderFields.interface, '')}.{fields.get(HeaderFields.member, '?')}".lstrip(".")


def socket_path(address: str) -> str:
    try:
        return next(get_connectable_addresses(address))
    except (RuntimeError, ValueError, StopIteration) as exc:
        raise DBusError(f"cannot use the D-Bus address {address!r}: {exc}") from None


# ------------------------------------------------------------------ a blocking connection


class BusSocket:
    """A bus connection in its blocking start-up phase: connected, authenticated, named.

    Messages that are not the reply awaited are kept in :attr:`inbox`, in order,
    for whoever takes the connection over.
    """

    def __init__(self, address: str | None = None, *, timeout: float = 5.0) -> None:
        self.address = address or session_bus_address()
        self.parser = FastParser()
        self.inbox: deque[Message] = deque()
        self.serials = itertools.count(1)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self.sock.settimeout(timeout)
            self.sock.connect(socket_path(self.address))
            self._authenticate(time.monotonic() + timeout)
        except (OSError, AuthenticationError) as exc:
            self.sock.close()
            raise DBusError(f"cannot connect to the D-Bus session bus at {self.address}: {exc}") from None
        except BaseException:
            self.sock.close()
            raise
        self.unique_name = str(self.call(message_bus.Hello(), timeout).body[0])

    def _authenticate(self, deadline: float) -> None:
        auth = Authenticator()
        for line in auth:
            self.sock.sendall(line)
            self.sock.settimeout(max(deadline - time.monotonic(), 0.001))
            data = self.sock.recv(1024)
            if not data:
                raise OSError("the bus closed the connection during authentication")
            auth.feed(data)
        self.sock.sendall(BEGIN)

    def next_serial(self) -> int:
        serial = next(self.serials)
        if serial >= MAX_SERIAL:
            self.serials = itertools.count(1)
        return serial

    def call(self, msg: Message, timeout: float = 5.0) -> Message:
        """Send a call and wait for its reply; an error reply raises :class:`DBusError`."""
        serial = self.next_serial()
        try:
            self.sock.sendall(encode(msg, serial))
            reply = self._wait_reply(serial, time.monotonic() + timeout)
        except OSError as exc:
            raise DBusError(f"the D-Bus call {describe(msg)} failed: {exc}") from None
        if is_error(reply):
            raise DBusError(f"the D-Bus call {describe(msg)} failed: {error_text(reply)}")
        return reply

    def _wait_reply(self, serial: int, deadline: float) -> Message:
        while True:
            msg = self.parser.get_next_message()
            if msg is None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise OSError("no reply in time")
                self.sock.settimeout(remaining)
                data = self.sock.recv(READ_CHUNK)
                if not data:
                    raise OSError("the bus closed the connection")
                self.parser.add_data(data)
                continue
            if reply_serial_of(msg) == serial:
                return msg
            self.inbox.append(msg)

    def close(self) -> None:
        self.sock.close()


# ------------------------------------------------------------------ names


def owner_of(bus: BusSocket, name: str) -> PeerInfo:
    """The current owner of a name, with its pid and executable where the bus tells."""
    try:
        unique = str(bus.call(message_bus.GetNameOwner(name)).body[0])
    except DBusError:
        return PeerInfo("(unknown)")
    try:
        pid: int | None = int(bus.call(message_bus.GetConnectionUnixProcessID(unique)).body[0])
    except DBusError:
        pid = None
    return PeerInfo(unique, pid, executable_of(pid))


def request_name(bus: BusSocket, name: str, *, replace: bool) -> int:
    """RequestName with "allow replacement", never queued; "replace existing" with ``replace``."""
    flags = DBusNameFlags.allow_replacement | DBusNameFlags.do_not_queue
    if replace:
        flags |= DBusNameFlags.replace_existing
    return int(bus.call(message_bus.RequestName(name, flags)).body[0])


class NameTaken(DBusError):
    """Another server owns org.freedesktop.Notifications (:attr:`owner`), and it was not taken over."""

    def __init__(self, message: str, owner: PeerInfo) -> None:
        super().__init__(message)
        self.owner = owner


@dataclass
class NameClaim:
    """A connection that owns org.freedesktop.Notifications (and, if free, the control name).

    With ``control_alone`` (see :func:`claim_names`) it may own the control
    name only: then :attr:`notifications_owner` is the server that has the
    notification name.
    """

    bus: BusSocket
    owns_control_name: bool
    notifications_owner: PeerInfo | None = None


def claim_names(
    *, replace: bool = False, address: str | None = None, timeout: float = 5.0, control_alone: bool = False
) -> NameClaim:
    """Own the notification name now; raises :class:`NameTaken` naming the owner if it is taken.

    ``control_alone`` (never with ``replace``): when the notification name is
    taken, own the control name alone instead, if it is free; only when both
    are taken does it raise.
    """
    bus = BusSocket(address, timeout=timeout)
    try:
        notifications_owner = None
        if request_name(bus, NOTIFICATIONS_NAME, replace=replace) not in (PRIMARY_OWNER, ALREADY_OWNER):
            notifications_owner = owner_of(bus, NOTIFICATIONS_NAME)
            if replace or not control_alone:
                raise NameTaken(_taken(notifications_owner, replace), notifications_owner)
        owns_control = request_name(bus, CONTROL_NAME, replace=replace) in (PRIMARY_OWNER, ALREADY_OWNER)
        if notifications_owner is not None and not owns_control:
            raise NameTaken(_taken(notifications_owner, replace), notifications_owner)
        if not owns_control:
            owner = owner_of(bus, CONTROL_NAME).describe()
            log.warning("%s is taken by %s; popup-client ctl will not reach this instance", CONTROL_NAME, owner)
    except BaseException:
        bus.close()
        raise
    return NameClaim(bus, owns_control, notifications_owner)


def _taken(owner: PeerInfo, replace: bool) -> str:
    if replace:
        advice = "it does not allow replacement; stop it first (e.g. `systemctl --user stop dunst` or `pkill -x mako`)"
    else:
        advice = "stop it, or start popup-client with --replace to take the name over"
    return f"another notification server owns {NOTIFICATIONS_NAME}: {owner.describe()}; {advice}"


def running_without_notifications(owner: PeerInfo, *, owns_control_name: bool) -> str:
    """What ``popup-client run`` says, once, when it goes on without the notification name."""
    works = "its own popups, the tray and `popup-client ctl` work" if owns_control_name else "its own popups and the tray work"
    return (
        f"another notification server owns {NOTIFICATIONS_NAME}: {owner.describe()}; desktop notifications "
        f"(notify-send) keep going to it and popup-client runs without them ({works}); "
        "to serve them instead, restart popup-client with --replace (or after stopping that server)"
    )
