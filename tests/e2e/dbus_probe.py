"""A freedesktop notifications client that reports what came over the wire, as JSON.

Run as a process of its own (``python -m tests.e2e.dbus_probe COMMAND``) on
the session bus in ``DBUS_SESSION_BUS_ADDRESS``; only jeepney, nothing of
popup-client. Every reply and signal is reported with its D-Bus signature,
so tests can check ``u``, ``uu``, ``us`` and ``ssss`` as they really went out.

- ``info``: GetServerInformation and GetCapabilities;
- ``notify [options]``: subscribe to the interface's signals, Notify, maybe
  CloseNotification, then report the signals about that id until it closes;
- ``flood N``: N Notify calls pipelined on one connection, every reply read,
  then one more call timed, then the NotificationClosed signals counted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from jeepney import DBusAddress, HeaderFields, MatchRule, Message, MessageType, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection

NOTIFICATIONS = DBusAddress("/org/freedesktop/Notifications", "org.freedesktop.Notifications", "org.freedesktop.Notifications")
SIGNALS = MatchRule(type="signal", interface="org.freedesktop.Notifications")


class Probe:
    """One blocking connection; replies are matched by serial, everything else is kept."""

    def __init__(self) -> None:
        self.conn: DBusConnection = open_dbus_connection("SESSION")
        self.serial = 1000
        self.signals: list[Message] = []
        self.replies: dict[int, Message] = {}

    def send(self, msg: Message) -> int:
        self.serial += 1
        self.conn.send(msg, serial=self.serial)
        return self.serial

    def wait_reply(self, serial: int, timeout: float = 10) -> Message:
        deadline = time.monotonic() + timeout
        while serial not in self.replies:
            self._receive(deadline)
        return self.replies.pop(serial)

    def _receive(self, deadline: float) -> None:
        msg = self.conn.receive(timeout=max(deadline - time.monotonic(), 0))
        if msg.header.message_type is MessageType.signal:
            self.signals.append(msg)
        else:
            self.replies[int(msg.header.fields.get(HeaderFields.reply_serial, -1))] = msg

    def call(self, msg: Message, timeout: float = 10) -> Message:
        return self.wait_reply(self.send(msg), timeout)

    def subscribe(self) -> None:
        self.call(message_bus.AddMatch(SIGNALS))

    def wait_signals(self, done: Any, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not done() and time.monotonic() < deadline:
            try:
                self._receive(deadline)
            except TimeoutError:
                break


def wire(msg: Message) -> dict[str, Any]:
    """A message as it came: kind, member or error, signature, body."""
    fields = msg.header.fields
    return {
        "type": msg.header.message_type.name,
        "member": fields.get(HeaderFields.member) or fields.get(HeaderFields.error_name),
        "signature": fields.get(HeaderFields.signature, ""),
        "body": [list(v) if isinstance(v, tuple) else v for v in msg.body],
    }


def notify_call(args: argparse.Namespace, app: str | None = None) -> Message:
    hints = {k: tuple(v) for k, v in json.loads(args.hints).items()}
    actions = args.actions.split(",") if args.actions else []
    body = (app or args.app, args.replaces, args.icon, args.summary, args.body, actions, hints, args.expire)
    return new_method_call(NOTIFICATIONS, "Notify", "susssasa{sv}i", body)


def cmd_info(probe: Probe, args: argparse.Namespace) -> dict[str, Any]:
    info = probe.call(new_method_call(NOTIFICATIONS, "GetServerInformation"))
    caps = probe.call(new_method_call(NOTIFICATIONS, "GetCapabilities"))
    return {"info": wire(info), "capabilities": wire(caps)}


def cmd_notify(probe: Probe, args: argparse.Namespace) -> dict[str, Any]:
    probe.subscribe()
    reply = probe.call(notify_call(args))
    result: dict[str, Any] = {"reply": wire(reply)}
    nid = reply.body[0] if reply.header.message_type is MessageType.method_return else None
    if args.close and nid is not None:
        result["close_reply"] = wire(probe.call(new_method_call(NOTIFICATIONS, "CloseNotification", "u", (nid,))))

    def closed() -> bool:
        return any(s.header.fields.get(HeaderFields.member) == "NotificationClosed" and s.body[0] == nid for s in probe.signals)

    probe.wait_signals(closed, args.wait)
    result["signals"] = [wire(s) for s in probe.signals if s.body and s.body[0] == nid]
    return result


def cmd_flood(probe: Probe, args: argparse.Namespace) -> dict[str, Any]:
    probe.subscribe()
    started = time.perf_counter()
    serials = [probe.send(notify_call(args, args.app)) for _ in range(args.count)]
    replies = [probe.wait_reply(s, timeout=60) for s in serials]
    elapsed = time.perf_counter() - started
    before = time.perf_counter()
    info = probe.call(new_method_call(NOTIFICATIONS, "GetServerInformation"))
    next_call_ms = (time.perf_counter() - before) * 1000
    ok = [r for r in replies if r.header.message_type is MessageType.method_return]
    ids = [r.body[0] for r in ok]

    def closed() -> list[Message]:
        return [s for s in probe.signals if s.header.fields.get(HeaderFields.member) == "NotificationClosed"]

    probe.wait_signals(lambda: len(closed()) >= args.expect_closed, args.wait)
    return {
        "elapsed_s": elapsed,
        "answered": len(ok),
        "refused": [wire(r) for r in replies if r.header.message_type is not MessageType.method_return][:5],
        "reply_signatures": sorted({str(r.header.fields.get(HeaderFields.signature)) for r in ok}),
        "unique_ids": len(set(ids)),
        "next_call_ms": next_call_ms,
        "next_call_signature": info.header.fields.get(HeaderFields.signature),
        "closed": [list(s.body) for s in closed()],
        "closed_signatures": sorted({str(s.header.fields.get(HeaderFields.signature)) for s in closed()}),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dbus_probe")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("info")
    for name in ("notify", "flood"):
        p = sub.add_parser(name)
        p.add_argument("--app", default="Probe")
        p.add_argument("--summary", default="探针")
        p.add_argument("--body", default="")
        p.add_argument("--icon", default="")
        p.add_argument("--replaces", type=int, default=0)
        p.add_argument("--expire", type=int, default=-1)
        p.add_argument("--actions", default="")
        p.add_argument("--hints", default="{}", help='JSON: {"urgency": ["y", 2]}')
        p.add_argument("--wait", type=float, default=5.0, help="seconds to wait for signals")
    sub.choices["notify"].add_argument("--close", action="store_true", help="CloseNotification right after")
    sub.choices["flood"].add_argument("count", type=int)
    sub.choices["flood"].add_argument("--expect-closed", type=int, default=0)
    args = parser.parse_args(argv)
    probe = Probe()
    try:
        result = {"info": cmd_info, "notify": cmd_notify, "flood": cmd_flood}[args.command](probe, args)
    finally:
        probe.conn.close()
    json.dump(result, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
