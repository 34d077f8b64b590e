"""Commands of the local socket door: ``send`` and ``provider add|list|remove``.

Nothing here needs Qt; the keyring is imported only by ``provider``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from .output import EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_NOT_RUNNING, error, print_json

#: Where ``send`` takes the token from when ``--token`` is not given.
TOKEN_ENV = "POPUP_CLIENT_TOKEN"

_SEND_EPILOG = f"""\
exit status: 0 the app answered (whatever it decided), 1 the app refused the request
or did not answer, or the socket is another user's (nothing is sent to it, the token
least of all), 2 the file cannot be read or is not a JSON object, 3 popup-client
is not running. The token may also come from ${TOKEN_ENV}, which keeps it out of
the process list.
"""




# ------------------------------------------------------------------ send


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    return Path(name).read_bytes()


def _print_reply(reply: dict[str, Any]) -> None:
    rules = f" [{', '.join(reply.get('rules', []))}]" if reply.get("rules") else ""
    print(f"receipt {reply.get('id')}: {reply.get('decision')}{rules}")
    for reason in reply.get("reasons", []):
        print(f"  {reason}")


def cmd_send(args: argparse.Namespace) -> int:
    from ..api import Client, NotRunning, SendError
    from ..transports.socket.client import encode_request

    token = args.token or os.environ.get(TOKEN_ENV) or None
    try:
        payload = _read(args.file)
    except OSError as exc:
        error(f"cannot read {args.file}: {exc.strerror or exc}")
        return EXIT_USAGE
    try:
        encode_request(payload, token)  # refuse locally what cannot be sent at all
    except SendError as exc:
        error(f"{args.file}: {exc}")
        return EXIT_USAGE
    try:
        with Client(token=token, timeout=args.timeout) as client:
            reply = client.send(payload)
    except NotRunning as exc:
        error(str(exc))
        return EXIT_NOT_RUNNING
    except SendError as exc:
        if args.json and exc.reply is not None:
            print_json(exc.reply)
        error(str(exc))
        return EXIT_FAIL
    print_json(reply) if args.json else _print_reply(reply)
    return EXIT_OK


# ------------------------------------------------------------------ provider


def _provider_add(registry: Any, args: argparse.Namespace) -> int:
    token = registry.add(args.id, args.name, args.domain)
    print(token)
    print(
        f"registered {args.id}; the line above is its token, shown only this once. Keep it secret and "
        f"send with it (`popup-client send --token`, ${TOKEN_ENV}, or popup_client.api.send(token=...)). "
        "Adding the provider again issues a new token and the old one stops working.",
        file=sys.stderr,
    )
    return EXIT_OK


def _provider_list(registry: Any, args: argparse.Namespace) -> int:
    providers = registry.list()
    if args.json:
        print_json([p.as_dict() for p in providers])
        return EXIT_OK
    for p in providers:
        domain = f" ({p.domain})" if p.domain else ""
        print(f"{p.id}\t{p.name}{domain}\ttoken issued {p.added_at or '?'}")
    if not providers:
        print("no providers registered (add one with `popup-client provider add ID --name NAME`)", file=sys.stderr)
    return EXIT_OK


def _provider_remove(registry: Any, args: argparse.Namespace) -> int:
    registry.remove(args.id)
    print(f"removed {args.id}; its token no longer verifies", file=sys.stderr)
    return EXIT_OK


def cmd_provider(args: argparse.Namespace) -> int:
    from ..transports.providers import ProviderRegistry

    actions = {"add": _provider_add, "list": _provider_list, "remove": _provider_remove}
    return actions[args.provider_action](ProviderRegistry(), args)


# ------------------------------------------------------------------ parser


def add_commands(sub: Any) -> None:
    """Add ``send`` and ``provider`` to the command line's subparsers."""
    p = sub.add_parser(
        "send",
        help="send a popup payload to the running popup-client and print its decision",
        epilog=_SEND_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE", help="payload JSON file ('-' for standard input)")
    p.add_argument("--token", metavar="TOKEN", help=f"the provider's token (default: ${TOKEN_ENV})")
    p.add_argument("--timeout", type=float, default=5.0, metavar="SECONDS", help="how long to wait for the app (default 5)")
    p.add_argument("--json", action="store_true", help="print the reply as JSON")
    p.set_defaults(handler=cmd_send)

    p = sub.add_parser("provider", help="register providers and issue their tokens")
    actions = p.add_subparsers(dest="provider_action", metavar="ACTION", required=True)
    a = actions.add_parser("add", help="register a provider (again) and print its new token once")
    a.add_argument("id", metavar="ID", help="the provider id, reverse-DNS: com.example.news")
    a.add_argument("--name", required=True, help="the name shown on its popups (1–40 characters)")
    a.add_argument("--domain", help="its own site, a bare host name: example.com")
    a = actions.add_parser("list", help="the registered providers (never their tokens)")
    a.add_argument("--json", action="store_true", help="machine-readable output")
    a = actions.add_parser("remove", help="unregister a provider; its token stops working")
    a.add_argument("id", metavar="ID")
    p.set_defaults(handler=cmd_provider)
