"""The command line's trust commands (``policy``, ``journal``, ``report``, ``evidence``): their arguments.

Each handler lives in its own module (:mod:`.policy`, :mod:`.trust`,
:mod:`.evidence`), imported when the command runs: building the parser
loads no cryptography, validation models or SQLite, so ``--version`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Any


def _run(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """The handler ``name`` of ``popup_client.cli.<module>``, imported when it is called."""

    def handler(args: argparse.Namespace) -> int:
        return int(getattr(importlib.import_module(f"popup_client.cli.{module}"), name)(args))

    return handler


def add_commands(sub: Any) -> None:
    """Add ``policy``, ``journal``, ``report`` and ``evidence`` to the command line's subparsers."""
    _add_policy(sub)
    _add_journal(sub)
    _add_evidence(sub)


def _add_policy(sub: Any) -> None:
    """Add ``policy`` to the command line's subparsers."""
    p = sub.add_parser("policy", help="signed policy bundles: make, sign, verify, install, show")
    actions = p.add_subparsers(dest="policy_action", metavar="ACTION", required=True)
    a = actions.add_parser("keygen", help="make an Ed25519 signing key: KEY (private, 0600) and KEY's .pub.pem")
    a.add_argument("key", metavar="KEY.pem")
    a = actions.add_parser("sign", help="sign a bundle body (JSON) with a private key")
    a.add_argument("body", metavar="BODY.json")
    a.add_argument("--key", required=True, metavar="KEY.pem", help="the vendor's private key")
    a.add_argument("-o", "--output", required=True, metavar="BUNDLE.json")
    for name, text in (("verify", "check a bundle's signature against the trust store, and whether it can be installed"),
                       ("install", "verify and install a bundle (for this user; --system: machine-wide)")):  # fmt: skip
        a = actions.add_parser(name, help=text)
        a.add_argument("file", metavar="FILE")
        a.add_argument("--system", action="store_true", help="the machine-wide policy folder (needs an administrator)")
        a.add_argument("--json", action="store_true", help="machine-readable output (verify)")
    a = actions.add_parser("show", help="the bundles in force: providers, news list, locks")
    a.add_argument("--json", action="store_true", help="machine-readable output")
    a = actions.add_parser("history", help="every bundle installed, oldest first")
    a.add_argument("--system", action="store_true", help="the machine-wide history")
    a.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=lambda args: _run("policy", "cmd_" + args.policy_action)(args))


def _add_journal(sub: Any) -> None:
    """Add ``journal`` to the command line's subparsers."""
    p = sub.add_parser("journal", help="check the journal's tamper evidence")
    actions = p.add_subparsers(dest="journal_action", metavar="ACTION", required=True)
    a = actions.add_parser("verify", help="recompute the hash chain: OK, or the first row edited, removed or reordered (exit 1)")
    a.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=_run("trust", "cmd_journal_verify"))


def _add_evidence(sub: Any) -> None:
    """Add ``report`` and ``evidence`` to the command line's subparsers."""
    p = sub.add_parser("report", help="file a complaint (举报) about a popup in the history, as its 举报 button does")
    p.add_argument("receipt", type=int, metavar="RECEIPT", help="the popup's receipt id (popup-client history)")
    p.add_argument("--reason", required=True, help="why: 违法违规, 低俗, 广告未标明, 无法关闭, 频次过高, 虚假信息, 其他")
    p.add_argument("--text", default="", help="what the user says about it")
    p.set_defaults(handler=_run("evidence", "cmd_report"))
    p = sub.add_parser("evidence", help="check complaint evidence exported with `complaints --export-evidence`")
    actions = p.add_subparsers(dest="evidence_action", metavar="ACTION", required=True)
    a = actions.add_parser("verify", help="check an evidence folder (or every complaint-* in DIR); exit 1 naming what was changed")
    a.add_argument("dir", metavar="DIR")
    a.add_argument("--key", metavar="PUB.pem", help="the public key the evidence must be signed with")
    a = actions.add_parser("key", help="print the public key that signs your evidence (PEM)")
    a.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=lambda args: _run("evidence", "cmd_evidence_verify" if args.evidence_action == "verify" else "cmd_evidence_key")(args))
