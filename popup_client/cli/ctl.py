"""``popup-client ctl``: control the running app from scripts, like makoctl and dunstctl.

``ctl list``, ``ctl dismiss ID|--all``, ``ctl pause [DURATION]``,
``ctl resume``, ``ctl history`` and the keyboard's commands —
``ctl focus-newest``, ``close-newest``, ``close-all``, ``report-newest``, for
a desktop shortcut to bind (docs/accessibility.md) — call the control interface the running
app serves (:mod:`popup_client.transports.dbus.control`; the signatures come
from its table in :mod:`popup_client.transports.dbus.objects`): at the
app's local socket (:mod:`popup_client.transports.socket.control`, every
platform; found as ``send`` finds it, ``POPUP_CLIENT_SOCKET`` included), or
on the session bus where only that answers (:func:`connect` says why in that
order). Both answer with the same implementation, so the output is the same
either way. Blocking clients, no Qt; the app is never started by a ``ctl`` call.

Exit status: 0 done, 1 the app refused (e.g. no such popup), 2 bad usage,
3 popup-client is not running (neither at its socket nor on the session bus).
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeAlias

from ..transports.errors import DBusError

if TYPE_CHECKING:  # the D-Bus modules load when a ctl command runs: the other commands start without them
    from ..transports.dbus.peers import PeerInfo
    from ..transports.socket.control import SocketControl

from .output import EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_NOT_RUNNING, error, print_json

CALL_TIMEOUT = 10.0
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"^(?:\d+[smhd])+$")
_PART = re.compile(r"(\d+)([smhd])")

_EPILOG = """\
DURATION is a number with a unit, s m h or d, and may combine them: 30m, 2h, 1d, 1h30m.
ID is the receipt id shown by `ctl list` and `popup-client history`.
exit status: 0 done, 1 the app refused, 2 bad usage, 3 popup-client is not running.
"""


class NotRunning(DBusError):
    """popup-client does not serve the control interface on this session bus."""


class Refused(DBusError):
    """The app answered a control call with an error."""


def parse_duration(text: str) -> int:
    """Seconds in ``30m``, ``2h``, ``1d``, ``1h30m``…; raises ValueError with advice."""
    value = text.strip().lower()
    if not _DURATION.match(value):
        raise ValueError(f"{text!r} is not a duration; write a number and a unit (s, m, h, d), e.g. 30m, 2h, 1d, 1h30m")
    seconds = sum(int(n) * _UNITS[unit] for n, unit in _PART.findall(value))
    if seconds <= 0:
        raise ValueError(f"{text!r} is no time at all; give a positive duration, or none to pause until resume")
    return seconds


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 0xFFFFFFFF:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return value


# ------------------------------------------------------------------ the client


class ControlClient:
    """A blocking connection to the running app's control interface."""

    def __init__(self, address: str | None = None, *, timeout: float = CALL_TIMEOUT) -> None:
        from ..transports.dbus.bus import session_bus_address

        self.timeout = timeout
        try:
            from jeepney.io.blocking import open_dbus_connection
        except ImportError:  # not installed off Linux
            raise NotRunning("no D-Bus client library (jeepney)") from None
        try:
            address = address or session_bus_address()
        except DBusError as exc:
            raise NotRunning(str(exc)) from None
        try:
            self._conn = open_dbus_connection(address, auth_timeout=timeout)
        except (OSError, ValueError, RuntimeError) as exc:
            raise NotRunning(f"cannot connect to the D-Bus session bus at {address}: {exc}") from None

    def __enter__(self) -> ControlClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    def _bus(self, method: str, *args: Any) -> Any:
        from jeepney.bus_messages import message_bus

        reply = self._conn.send_and_get_reply(getattr(message_bus, method)(*args), timeout=self.timeout)
        return reply.body[0] if reply.header.message_type.name == "method_return" else None

    def check_running(self) -> None:
        """Raise :class:`NotRunning`, naming the notification server if another one runs."""
        from ..transports.dbus.bus import CONTROL_NAME, NOTIFICATIONS_NAME

        if self._bus("NameHasOwner", CONTROL_NAME):
            return
        message = "popup-client is not running on this session bus"
        if self._bus("NameHasOwner", NOTIFICATIONS_NAME):
            message += f" (the notification server is {self._owner(NOTIFICATIONS_NAME).describe()})"
        raise NotRunning(message)

    def _owner(self, name: str) -> PeerInfo:
        from ..transports.dbus.peers import PeerInfo, executable_of

        unique = self._bus("GetNameOwner", name) or "(unknown)"
        pid = self._bus("GetConnectionUnixProcessID", unique)
        return PeerInfo(unique, pid, executable_of(pid))

    def call(self, method: str, *args: Any) -> tuple[Any, ...]:
        """Call a control method (never auto-starting the app); an error reply raises :class:`Refused`."""
        from jeepney import DBusAddress, MessageFlag, new_method_call

        from ..transports.dbus.bus import CONTROL_INTERFACE, CONTROL_NAME, CONTROL_PATH
        from ..transports.dbus.objects import CONTROL

        address = DBusAddress(CONTROL_PATH, CONTROL_NAME, CONTROL_INTERFACE)
        msg = new_method_call(address, method, CONTROL[method].in_signature or None, args)
        msg.header.flags |= MessageFlag.no_auto_start
        try:
            reply = self._conn.send_and_get_reply(msg, timeout=self.timeout)
        except TimeoutError:
            raise Refused(f"popup-client did not answer {method} within {self.timeout:g} s") from None
        if reply.header.message_type.name == "error":
            text = reply.body[0] if reply.body else "(no message)"
            raise Refused(str(text))
        return tuple(reply.body)


# ------------------------------------------------------------------ commands



Client: TypeAlias = "ControlClient | SocketControl"


def connect() -> Client:
    """The app's control: at its local socket, else on the session bus.

    The socket first: it is there on every platform, ``POPUP_CLIENT_SOCKET``
    picks the instance as for ``send``, the kernel vouches that its server
    runs as this user, and it does not depend on who owns the control name on
    the bus. The bus stays for an app reachable only there (no socket door).
    Raises :class:`NotRunning` when neither answers; a socket of another user
    (or one that cannot be reached) raises the socket client's error: nothing
    is asked of it, and the bus is not tried behind its back.
    """
    from ..transports.socket import client as socket_client
    from ..transports.socket.control import SocketControl

    try:
        return SocketControl()
    except socket_client.NotRunning as exc:
        at_socket = exc
    try:
        client = ControlClient()
    except NotRunning:  # no session bus (Windows, macOS, a bare ssh login): the socket says where it looked
        raise NotRunning(str(at_socket)) from None
    try:
        client.check_running()
    except NotRunning as exc:
        client.close()
        raise NotRunning(f"{exc}, nor at its socket {at_socket.address}; start it with `popup-client run`") from None
    return client


def _local(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")
    except ValueError:
        return stamp


def _list(client: Client, args: argparse.Namespace) -> int:
    from ..transports.dbus.interface import plain

    (items,) = client.call("List")
    popups = plain(items)
    if args.json:
        print_json(popups)
        return EXIT_OK
    for p in popups:
        dbus = f" [D-Bus {p['dbus_id']}]" if p.get("dbus_id") else ""
        waiting = "" if p.get("on_screen", True) else " (waiting)"
        print(f"#{p['id']}{dbus} {p['provider_name']} ({p['provider_id']}) {p['kind']}: {p['title']}{waiting}")
    if not popups:
        print("no popups open", file=sys.stderr)
    return EXIT_OK


def _dismiss(client: Client, args: argparse.Namespace) -> int:
    if args.all:
        (count,) = client.call("DismissAll")
        print(f"dismissed {count} popup{'s' if count != 1 else ''}")
        return EXIT_OK
    (done,) = client.call("Dismiss", args.id)
    if not done:
        error(f"no open popup #{args.id} (see `popup-client ctl list`)")
        return EXIT_FAIL
    print(f"dismissed #{args.id}")
    return EXIT_OK


def _pause(client: Client, args: argparse.Namespace) -> int:
    (until,) = client.call("Pause", args.seconds)
    print("paused until resumed (`popup-client ctl resume`)" if until.startswith("9999-") else f"paused until {_local(until)}")
    return EXIT_OK


def _resume(client: Client, args: argparse.Namespace) -> int:
    client.call("Resume")
    print("resumed")
    return EXIT_OK


def _history(client: Client, args: argparse.Namespace) -> int:
    from ..transports.dbus.interface import plain

    (rows,) = client.call("History", args.limit)
    entries = plain(rows)
    if args.json:
        print_json(entries)
        return EXIT_OK
    for row in entries:
        rules = f" [{', '.join(row['rules'])}]" if row["rules"] else ""
        sender = row["sender"]
        who = f" via {row['transport']}" + (f" ({sender.get('exe') or sender.get('dbus_name')})" if sender.get("dbus_name") else "")
        name, provider_id = row.get("provider_name") or "", row["provider_id"]
        provider = f"{name} ({provider_id})" if name and provider_id and name != provider_id else name or provider_id or "?"
        print(f"#{row['id']} {_local(row['received_at'])} {provider} {row['kind'] or '?'}: {row['decision']}{rules}{who}")
        if row["title"] or row.get("text_kept") is False:
            print(f"    {row['title'] or '(text not kept)'}")
        if row["events"]:
            print(f"    {', '.join(row['events'])}")
    if not entries:
        print("no popups recorded yet", file=sys.stderr)
    return EXIT_OK


#: The keyboard's commands on the newest popup on screen: ctl action → (control method, what is printed).
_NEWEST = {
    "focus-newest": ("FocusNewest", "focused #{}: Tab walks its buttons, Enter or Space presses one, Esc closes it"),
    "close-newest": ("CloseNewest", "closed #{}"),
    "report-newest": ("ReportNewest", "reporting #{}"),
}


def _newest(client: Client, args: argparse.Namespace) -> int:
    method, said = _NEWEST[args.ctl_action]
    (receipt_id,) = client.call(method)
    if not receipt_id:
        error("no popup on screen")
        return EXIT_FAIL
    print(said.format(receipt_id))
    return EXIT_OK


def _close_all(client: Client, args: argparse.Namespace) -> int:
    (count,) = client.call("DismissAll")
    print(f"closed {count} popup{'s' if count != 1 else ''}")
    return EXIT_OK


_ACTIONS = {
    "list": _list, "dismiss": _dismiss, "pause": _pause, "resume": _resume, "history": _history,
    "close-all": _close_all, **dict.fromkeys(_NEWEST, _newest),
}  # fmt: skip


def cmd_ctl(args: argparse.Namespace) -> int:
    if args.ctl_action == "dismiss" and (args.all == (args.id is not None)):
        print("popup-client: error: ctl dismiss takes an ID or --all (not both)", file=sys.stderr)
        return EXIT_USAGE
    if args.ctl_action == "pause":
        try:
            args.seconds = parse_duration(args.duration) if args.duration else 0
        except ValueError as exc:
            error(exc)
            return EXIT_USAGE
    from ..transports.socket import client as socket_client

    try:
        with connect() as client:
            return _ACTIONS[args.ctl_action](client, args)
    except NotRunning as exc:
        error(exc)
        return EXIT_NOT_RUNNING
    except (DBusError, socket_client.ClientError) as exc:
        error(exc)
        return EXIT_FAIL


def add_commands(sub: Any) -> None:
    """Add ``ctl`` and its actions to the ``popup-client`` parser."""
    p = sub.add_parser(
        "ctl",
        help="control the running app: list, dismiss, pause, resume, history, focus-newest…",
        description="Control the running popup-client from scripts (like makoctl and dunstctl).",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = p.add_subparsers(dest="ctl_action", metavar="ACTION", required=True)
    a = actions.add_parser("list", help="the popups open now (shown or waiting)")
    a.add_argument("--json", action="store_true", help="machine-readable output")
    a = actions.add_parser("dismiss", help="close one open popup, or all of them")
    a.add_argument("id", metavar="ID", type=_positive, nargs="?", help="the popup's id, as `ctl list` shows it")
    a.add_argument("--all", action="store_true", help="close every open popup")
    a = actions.add_parser("pause", help="no popups for a while (until `ctl resume` without DURATION)")
    a.add_argument("duration", metavar="DURATION", nargs="?", help="30m, 2h, 1d, 1h30m…")
    actions.add_parser("resume", help="end a pause")
    a = actions.add_parser("history", help="what arrived lately, and what was decided")
    a.add_argument("--limit", type=_positive, default=20, metavar="N", help="newest N entries (default 20, at most 1000)")
    a.add_argument("--json", action="store_true", help="machine-readable output")
    actions.add_parser("focus-newest", help="give the newest popup the keyboard (for a desktop shortcut)")
    actions.add_parser("close-newest", help="close the newest popup on screen")
    actions.add_parser("close-all", help="close every open popup (as dismiss --all)")
    actions.add_parser("report-newest", help="open 举报 (report) for the newest popup on screen")
    p.set_defaults(handler=cmd_ctl)
