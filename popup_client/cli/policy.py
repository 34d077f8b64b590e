"""Commands of signed policy bundles (issue 18): ``policy keygen|sign|verify|install|show|history``.

A vendor makes a key (``keygen``) and signs a bundle body (``sign``); the
machine's trust store (``trust/`` of the machine-wide folder) holds the
public key; ``install`` verifies and installs the bundle for this user, or
machine-wide with ``--system``. Refusals (unsigned, edited, unknown issuer,
an old bundle replayed) exit 1 with the reason; nothing installed before is
touched. The running app applies the bundles in force to the next popup.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..core.files import FileRefused
from ..core.trust import TrustError
from ..core.trust.bundle import MAX_BUNDLE_BYTES, PolicyBundle, make_bundle
from ..core.trust.in_force import bundles_in_force, system_store, user_store
from ..core.trust.keys import generate_key, key_id, load_private_key_pem, private_key_pem, public_key_pem
from ..core.trust.store import Installed, PolicyStore, describe
from .output import EXIT_FAIL, EXIT_OK, EXIT_USAGE, error, print_json, warn


T = TypeVar("T")

def _read(name: str, limit: int = MAX_BUNDLE_BYTES) -> bytes:
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        raise FileRefused(f"cannot read {name}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise FileRefused(f"{name} is {len(data)} bytes; at most {limit}")
    return data


def _store(args: argparse.Namespace) -> PolicyStore:
    return system_store() if getattr(args, "system", False) else user_store()


def _summary(bundle: PolicyBundle) -> str:
    news = bundle.news_sources
    parts = [f"{len(bundle.providers)} providers", f"news list {news['version']}" if news else "no news list", f"{len(bundle.locks)} locks"]
    title = f" “{bundle.title}”" if bundle.title else ""
    return f"{bundle.label}{title}, {bundle.version_id}: {', '.join(parts)}"


def cmd_keygen(args: argparse.Namespace) -> int:
    private, public = Path(args.key), Path(args.key).with_suffix(".pub.pem")
    key = generate_key()
    try:
        fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        error(f"cannot create {private}: {exc.strerror or exc}")
        return EXIT_USAGE
    with os.fdopen(fd, "wb") as handle:
        handle.write(private_key_pem(key))
    public.write_bytes(public_key_pem(key))
    print(f"{key_id(key)}: private key {private} (keep it offline), public key {public}")
    return EXIT_OK


def cmd_sign(args: argparse.Namespace) -> int:
    key = load_private_key_pem(_read(args.key, 64 * 1024), args.key)
    try:
        body = json.loads(_read(args.body).decode("utf-8-sig"))
    except ValueError as exc:
        error(f"{args.body} is not JSON: {exc}")
        return EXIT_USAGE
    data = make_bundle(key, body)
    Path(args.output).write_bytes(data)
    print(f"signed {args.output} with {key_id(key)}")
    return EXIT_OK


def _on_file(args: argparse.Namespace, act: Callable[[PolicyStore, bytes], T], say: Callable[[PolicyStore, T], None]) -> int:
    """``act`` on the bundle file ``args.file`` with the store ``args`` names, then ``say`` what came of it.

    Exit 1 (said) if the file or the bundle is refused.
    """
    store = _store(args)
    try:
        done = act(store, _read(args.file))
    except (TrustError, FileRefused) as exc:
        error(exc)
        return EXIT_FAIL
    say(store, done)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    def say(store: PolicyStore, bundle: PolicyBundle) -> None:
        refusal = store.refusal(bundle, args.file)
        if args.json:
            print_json({**describe(bundle), "installable": refusal is None, "refusal": refusal})
        else:
            print(f"{args.file}: OK, {_summary(bundle)}")
            print(f"  {refusal}" if refusal else f"  it can be installed in {store.directory}")

    return _on_file(args, lambda store, data: store.verify(data, args.file), say)


def cmd_install(args: argparse.Namespace) -> int:
    def say(store: PolicyStore, done: Installed) -> None:
        what = "installed" if done.outcome == "installed" else "already in force, unchanged:"
        print(f"{what} {_summary(done.bundle)} in {store.directory} (the running app applies it to the next popup)")

    return _on_file(args, lambda store, data: store.install(data, args.file), say)


def cmd_show(args: argparse.Namespace) -> int:
    bundles, refused = bundles_in_force()
    warn(refused)
    if args.json:
        print_json([describe(b) for b in bundles])
    else:
        for bundle in reversed(bundles):
            print(_summary(bundle))
            for provider in bundle.providers:
                print(f"  provider {provider.id} “{provider.name}” {provider.key_id} {provider.complaint_url}")
            for lock in bundle.locks:
                print(f"  lock {lock.key} {lock.op} {json.dumps(lock.bound, ensure_ascii=False)}")
        if not bundles:
            print("no policy bundle in force", file=sys.stderr)
    return EXIT_FAIL if refused else EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    store = _store(args)
    entries = store.history()
    if args.json:
        print_json([vars(e) for e in entries])
        return EXIT_OK
    for e in entries:
        title = f" “{e.title}”" if e.title else ""
        print(f"v{e.version}{title} by {e.issuer}, created {e.created}, installed {e.installed_at}, sha256 {e.sha256[:16]}…")
    if not entries:
        print(f"no bundle was ever installed in {store.directory}", file=sys.stderr)
    return EXIT_OK


