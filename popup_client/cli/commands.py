"""The command line: ``popup-client COMMAND``.

Core commands (lint, decide, prefs, history, complaints) live here; the
other modules of this package add theirs (:mod:`.run`: run and render;
:mod:`.check`; :mod:`.send`: send and provider; :mod:`.ctl`). Those import
Qt, the D-Bus client or the keyring only when their command runs, so
``--help`` and the core commands stay fast and work without a display.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from typing import TYPE_CHECKING

from .. import __version__
from ..core.clock import Clock, FixedClock, SystemClock
from ..core.errors import CoreError
from ..core.paths import CONFIG_ENV, DATA_ENV, journal_path, prefs_path
from ..core.timefmt import parse_rfc3339

if TYPE_CHECKING:  # the commands import what they use when they run: --version and lint stay fast
    from ..core.prefs import LayeredPrefsStore, Preferences
    from ..core.rules import Sender
    from ..linter import Linter
    from ..service import PopupService

from .narrow import OnlyCommand, command_of, wants_version_only
from .output import EXIT_OK, EXIT_FAIL, EXIT_USAGE, error, print_json, warn

log = logging.getLogger(__name__)



class CliError(Exception):
    """A problem the user can fix; printed without a traceback, exit 2."""


# ------------------------------------------------------------------ helpers



def _clock(now: str | None) -> Clock:
    if not now:
        return SystemClock()
    try:
        return FixedClock(parse_rfc3339(now), SystemClock().local_tz())
    except ValueError as exc:
        raise CliError(f"--now {now!r} {exc}") from None



def open_linter(clock: Clock | None = None) -> Linter:
    """A linter with the user's preferences and the policy bundles in force, and no journal."""
    from ..core.prefs import LayeredPrefsStore
    from ..linter import Linter
    from ..service_settings import Settings

    clock = clock or SystemClock()
    warnings: list[str] = []
    settings = Settings(LayeredPrefsStore(prefs_path()), None, clock=clock, warnings=warnings)
    warn(warnings)
    return Linter(settings, clock=clock)


def open_service(*, clock: Clock | None = None) -> PopupService:
    """The service over the user's journal and preferences."""
    from ..core.journal import Journal
    from ..core.prefs import LayeredPrefsStore
    from ..service import PopupService

    clock = clock or SystemClock()
    try:
        journal = Journal(journal_path(), clock=clock)
    except CoreError as exc:
        raise CliError(str(exc)) from None
    service = PopupService(journal, LayeredPrefsStore(prefs_path()), clock=clock)
    warn(service.warnings)
    return service


def _read_payload(name: str) -> bytes | str:
    """The file's bytes, or a message saying why it cannot be read."""
    try:
        return sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        return f"cannot read {name}: {exc.strerror or exc}"


# ------------------------------------------------------------------ lint, decide


def cmd_lint(args: argparse.Namespace) -> int:
    linter = open_linter(_clock(args.now))
    results = []
    for name in args.files:
        data = _read_payload(name)
        if isinstance(data, str):
            errors = [{"path": "", "message": data, "rule": "contract"}]
        else:
            errors = [p.as_dict() for p in linter.lint(data)]
        results.append({"file": name, "valid": not errors, "errors": errors})
    if args.json:
        print_json(results)
    else:
        for result in results:
            print(f"{result['file']}: {'valid' if result['valid'] else 'INVALID'}")
            for err in result["errors"]:
                print(f"  {err['path'] or '(payload)'}: {err['message']} [{err['rule']}]")
    return EXIT_OK if all(r["valid"] for r in results) else EXIT_FAIL


def cmd_decide(args: argparse.Namespace) -> int:
    from ..core.rules import Sender

    service = open_service(clock=_clock(args.now))
    try:
        return _decide_files(args, service, Sender("cli", verified=False if args.unverified else None))
    finally:
        service.close()  # the journal's head checkpoint, as at any shutdown, and SQLite's WAL folded back


def _decide_files(args: argparse.Namespace, service: PopupService, sender: Sender) -> int:
    results = []
    for name in args.files:
        data = _read_payload(name)
        if isinstance(data, str):
            results.append({"file": name, "decision": "reject", "rules": ["contract"], "reasons": [data]})
            continue
        results.append({"file": name, **service.decide(data, sender).as_dict()})
    if args.json:
        print_json(results)
    else:
        for result in results:
            rules = f" [{', '.join(result['rules'])}]" if result["rules"] else ""
            print(f"{result['file']}: {result['decision']}{rules}")
            for reason in result["reasons"]:
                print(f"  {reason}")
    return EXIT_OK


# ------------------------------------------------------------------ prefs


def _format_value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def cmd_prefs(args: argparse.Namespace) -> int:
    from ..core.prefs import LayeredPrefsStore, dump, get_pref, pref_fields, toml_value

    store = LayeredPrefsStore(prefs_path())
    action = args.action
    if action in ("set", "reset"):
        store.update(lambda prefs: _changed(prefs, args), pin=args.pin)
        warn(store.warnings)
        print(f"saved {store.path}", file=sys.stderr)
        return EXIT_OK
    prefs = store.load()
    warn(store.warnings)
    if action == "show":
        if args.json:
            print_json(dump(prefs))
        else:
            print(f"# {store.path} (this output is TOML: it loads back as these preferences)")
            for field in pref_fields():
                locked = _lock_note(store, prefs, field.key)
                print(f"{field.key} = {toml_value(get_pref(prefs, field.key))}    # {locked + '; ' if locked else ''}{field.description}")
        return EXIT_OK
    value = get_pref(prefs, args.key)
    print_json(value) if args.json else print(_format_value(value))
    note = _lock_note(store, prefs, args.key)
    if note:
        print(f"popup-client: {args.key}: {note}", file=sys.stderr)
    return EXIT_OK


def _lock_note(store: LayeredPrefsStore, prefs: Preferences, key: str) -> str:
    """``locked (max 3) by policy bundle v1 (…)``, and the user's own value when the lock overrides it; "" if not locked."""
    from ..core.prefs import get_pref, toml_value

    lock = store.lock_of(key)
    if lock is None:
        return ""
    bound = ", ".join(lock.bound) if isinstance(lock.bound, tuple) else toml_value(lock.bound)
    note = f"locked ({lock.op} {bound}) by {', '.join(lock.set_by)}"
    own = get_pref(store.own, key)
    if own != get_pref(prefs, key):
        note += f"; your own value {toml_value(own)} is kept in your file"
    return note


def _changed(prefs: Preferences, args: argparse.Namespace) -> Preferences:
    """``prefs`` (as saved now) with the one setting ``prefs set`` or ``prefs reset`` names changed."""
    from ..core.prefs import Preferences, reset_pref, set_pref

    if args.action == "set":
        return set_pref(prefs, args.key, args.value)
    return reset_pref(prefs, args.key) if args.key else Preferences()


def cmd_pin(args: argparse.Namespace) -> int:
    from ..core.guardian import GuardianLock

    lock = GuardianLock()
    if not lock.available():
        raise CliError(f"the guardian PIN is unavailable: {lock.unavailable_reason}")
    if args.pin_action == "set":
        lock.set_pin(args.pin, old_pin=args.old)
        print("guardian PIN set: turning minors mode off now needs it", file=sys.stderr)
    else:
        lock.clear(args.pin)
        print("guardian PIN cleared", file=sys.stderr)
    return EXIT_OK


# ------------------------------------------------------------------ history, complaints


def cmd_history(args: argparse.Namespace) -> int:
    from . import history

    if args.action != "clear":
        return history.cmd_list(args)
    service = open_service()
    try:
        return history.cmd_clear(args, service)
    finally:
        service.close()


def cmd_complaints(args: argparse.Namespace) -> int:
    from . import history

    if args.export_evidence:
        from .evidence import export_evidence

        written = export_evidence(Path(args.export_evidence), screenshot=not args.no_screenshot)
        for folder in written:
            print(folder)
        print(f"exported the evidence of {len(written)} complaints to {args.export_evidence}", file=sys.stderr)
        return EXIT_OK
    from ..core.journal import Journal

    with Journal(journal_path(), clock=SystemClock()) as journal:
        warn(journal.warnings)
        rows = [history.complaint_dict(r) for r in journal.complaints()]
    if args.export:
        history.export_complaints(Path(args.export), rows)
        print(f"exported {len(rows)} complaints to {args.export}", file=sys.stderr)
    elif args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"#{row['id']} {row['at']} {row['provider_id'] or '?'}: {row['reason']} {row['text'] or ''}".rstrip())
        if not rows:
            print("no complaints recorded", file=sys.stderr)
    return EXIT_OK


# ------------------------------------------------------------------ parser


def _add_core_commands(sub: Any) -> None:
    p = sub.add_parser("lint", help="check payload files against the contract and every content rule")
    p.add_argument("files", nargs="+", metavar="FILE", help="payload JSON files ('-' for standard input)")
    p.add_argument("--now", metavar="RFC3339", help="evaluate time-dependent rules at this time")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_lint)

    p = sub.add_parser("decide", help="the decision each payload would get now (nothing is recorded)")
    p.add_argument("files", nargs="+", metavar="FILE", help="payload JSON files ('-' for standard input)")
    p.add_argument("--now", metavar="RFC3339", help="decide as if it were this time")
    p.add_argument("--unverified", action="store_true", help="treat the provider as unverified (no token)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_decide)

    p = sub.add_parser("prefs", help="show or change preferences")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("show", help="every preference with its value and meaning")
    a.add_argument("--json", action="store_true", help="machine-readable output")
    a = actions.add_parser("get", help="one preference's value")
    a.add_argument("key", metavar="KEY")
    a.add_argument("--json", action="store_true", help="machine-readable output")
    a = actions.add_parser("set", help="change one preference (validated)")
    a.add_argument("key", metavar="KEY")
    a.add_argument("value", metavar="VALUE", help='a TOML value: 10, true, ["ad"], 22:00-08:00')
    a.add_argument("--pin", help="the guardian PIN, to turn minors mode off when it is locked")
    a = actions.add_parser("reset", help="restore one preference, or all, to the default")
    a.add_argument("key", metavar="KEY", nargs="?")
    a.add_argument("--pin", help="the guardian PIN, when resetting would turn minors mode off")
    a = actions.add_parser("pin", help="set or clear the guardian PIN that locks minors mode")
    pin = a.add_subparsers(dest="pin_action", metavar="set|clear", required=True)
    b = pin.add_parser("set", help="set (or change) the PIN: 4–12 digits")
    b.add_argument("pin", metavar="PIN")
    b.add_argument("--old", metavar="PIN", help="the current PIN, when changing it")
    b = pin.add_parser("clear", help="remove the PIN")
    b.add_argument("pin", metavar="PIN")
    p.set_defaults(handler=lambda a: cmd_pin(a) if a.action == "pin" else cmd_prefs(a))

    p = sub.add_parser("history", help="what arrived, and what was decided")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="newest N entries (default 50)")
    p.add_argument("--provider", metavar="ID", help="only this provider")
    p.add_argument("--decision", choices=["show", "suppress", "reject"], help="only this decision")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    if isinstance(p, argparse.ArgumentParser):  # not skipped (narrow.py): only then is the history module needed
        importlib.import_module(f"{__package__}.history").add_arguments(p)
    p.set_defaults(handler=cmd_history)

    p = sub.add_parser("complaints", help="the complaints (举报) recorded")
    p.add_argument("--export", metavar="FILE", help="write them to FILE (.csv, else JSON)")
    p.add_argument("--export-evidence", metavar="DIR", help="write signed evidence of each complaint to DIR/complaint-<id>/")
    p.add_argument("--no-screenshot", action="store_true", help="with --export-evidence: no rendered screenshot (no Qt)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_complaints)


#: The commands each other module adds, in ``--help``'s order: a command line imports its command's module only.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "run": ("run", "render"), "check": ("check",), "send": ("send", "provider"), "ctl": ("ctl",),
    "trust_commands": ("policy", "journal", "report", "evidence"),
}  # fmt: skip


def _add_extension_commands(sub: Any, wanted: str | None) -> None:
    """The commands of the other modules (``wanted``: the one run; None: every one, "": none)."""
    for module, commands in EXTENSIONS.items():
        if wanted is None or wanted in commands:
            importlib.import_module(f"{__package__}.{module}").add_commands(sub)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser; given ``argv``, with only the subcommand it runs (:mod:`.narrow`)."""
    wanted = None if argv is None else ("" if wants_version_only(argv) else command_of(argv))
    parser = argparse.ArgumentParser(
        prog="popup-client",
        description="A desktop popup notifier that enforces the rules for internet popup push services "
        "(互联网弹窗信息推送服务管理规定): provider named, ads labelled 「广告」, one-click close, "
        "frequency in the user's hands.",
    )
    parser.add_argument("--version", action="version", version=f"popup-client {__version__}")
    parser.add_argument("--config-dir", metavar="DIR", help=f"where preferences live (env {CONFIG_ENV})")
    parser.add_argument("--data-dir", metavar="DIR", help=f"where the journal lives (env {DATA_ENV})")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    target = sub if wanted is None else OnlyCommand(sub, wanted)
    _add_core_commands(target)
    _add_extension_commands(target, wanted)
    if isinstance(target, OnlyCommand) and not target.found and wanted:
        return build_parser()  # not a command: every command, for the error and its list
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
    if args.config_dir:
        os.environ[CONFIG_ENV] = str(Path(args.config_dir).resolve())
    if args.data_dir:
        os.environ[DATA_ENV] = str(Path(args.data_dir).resolve())
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose, 2)]
    logging.basicConfig(level=level, format="popup-client: %(levelname)s: %(name)s: %(message)s")
    try:
        return int(args.handler(args))
    except (CliError, CoreError) as exc:  # PrefError is a CoreError
        error(exc)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
