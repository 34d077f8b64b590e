"""When popup-client already runs: which instance it is, how to reach or stop it; ``--demo`` is sent to it.

``popup-client run`` (and ``scripts/run``) finds a running app by its local
socket — the one ``POPUP_CLIENT_SOCKET`` names, else the per-user one (see
:mod:`.transports.socket.path`) — and asks the kernel who serves it, so it
can say which process that is. Instead of a bare "already running" it
prints the pid, the socket, and the commands that reach the app (``send``,
``ctl``) or stop it. With ``--demo`` it sends the demo popups to that app
through the socket API, as any provider would (no token, so they are marked
「未验证」), and prints the decision each one got. Qt is loaded only for the
demo payloads.
"""

from __future__ import annotations

import logging
import sys
from datetime import datetime, timezone

from .transports.socket.peer import Peer
from .transports.socket.client import ClientError, Connection, decode_reply, encode_request, running_instance
from .transports.socket.path import SOCKET_ENV

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAIL = 0, 1
#: How long the running app has to answer each demo popup, in seconds.
REPLY_TIMEOUT = 10.0


def _say(message: str) -> None:
    print(f"popup-client: {message}", file=sys.stderr)


def describe(address: str, peer: Peer) -> list[str]:
    """The lines saying which instance runs and how to reach or stop it."""
    who = f"pid {peer.pid}" if peer.pid else "its pid is unknown"
    import shlex  # only when another instance runs

    socket = shlex.quote(address)
    stop = f"kill {peer.pid}" if peer.pid else f"end the process serving {address}"
    return [
        f"popup-client is already running ({who}, socket {address})",
        f"  send it popups:  {SOCKET_ENV}={socket} popup-client send FILE.json   (`popup-client run --demo` sends it the demo)",
        "  see or close what it shows:  popup-client ctl list; popup-client history --limit 5",
        f"  stop it:  {stop}   (it quits cleanly), then start again",
    ]


def send_demo(address: str) -> int:
    """Send the demo popups to the app at ``address``; print each decision; 0 when every one was answered."""
    from .demo import demo_payloads

    payloads = demo_payloads(datetime.now(timezone.utc))
    try:
        connection = Connection(address, timeout=REPLY_TIMEOUT)
        connection.write(b"".join(encode_request(payload) for payload in payloads))
        replies = [decode_reply(connection.read_line(REPLY_TIMEOUT)) for _ in payloads]
        connection.close()
    except ClientError as exc:
        _say(f"error: the demo could not be sent to it: {exc}")
        return EXIT_FAIL
    _say(f"sent the demo to it instead ({len(payloads)} popups, through the socket API, unverified: no token):")
    for payload, reply in zip(payloads, replies):
        rules = f" [{', '.join(reply.get('rules') or [])}]" if reply.get("rules") else ""
        print(f"{payload['kind']} {payload['id']} ({payload['provider']['name']}): {reply.get('decision')}{rules}")
    return EXIT_OK


def if_already_running(*, demo: bool) -> int | None:
    """None when no popup-client of this user runs; else say which one does (and send it the demo): the exit code."""
    found = running_instance()
    if found is None:
        return None
    address, peer = found
    for line in describe(address, peer):
        print(line, file=sys.stderr)
    return send_demo(address) if demo else EXIT_OK
