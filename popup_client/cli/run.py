"""Commands that need Qt: ``run`` and ``render``. Qt is imported only when they run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .output import EXIT_OK, EXIT_FAIL, EXIT_USAGE, error, print_json, warn



def cmd_run(args: argparse.Namespace) -> int:
    if args.require_dbus and args.no_dbus:
        print("popup-client: error: --require-dbus and --no-dbus contradict each other", file=sys.stderr)
        return EXIT_USAGE
    claim, dbus = None, not args.no_dbus
    if dbus and sys.platform.startswith("linux"):
        claimed = _claim_bus_names(args.replace, require=args.require_dbus, demo=args.demo)
        if isinstance(claimed, int):
            return claimed
        claim, dbus = claimed
    from .. import pyside_hook  # noqa: F401  (before PySide6, after the bus name: see its docstring)
    from ..app import RunOptions, run

    return run(RunOptions(demo=args.demo, dbus=dbus, replace=args.replace, claim=claim, theme=args.theme))


def _claim_bus_names(replace: bool, *, require: bool = False, demo: bool = False) -> int | tuple[Any, bool]:
    """Own org.freedesktop.Notifications before Qt and the app load (start-up time counts).

    Returns an exit code (when popup-client already runs: it says which,
    and ``demo`` sends it the demo — see :mod:`popup_client.instance`; 1 when
    ``replace`` cannot take the names), or the claim and whether to serve
    D-Bus at all: (None, True) when there is no session bus (the app says
    so). When another server owns the notification name, or the bus cannot
    be used, it says so once and the app runs without serving desktop
    notifications (still serving the control name if that is free) —
    unless ``require`` (``--require-dbus``, for service managers that wait
    for the name): then it is an error, exit 1.
    """
    from ..instance import if_already_running

    running = if_already_running(demo=demo)
    if running is not None:
        return running
    from ..platform import session_bus_available

    if not session_bus_available():
        if require:
            print("popup-client: error: no D-Bus session bus, and --require-dbus was given", file=sys.stderr)
            return EXIT_FAIL
        return None, True

    from ..transports.dbus.names import NameTaken, claim_names, running_without_notifications
    from ..transports.errors import DBusError

    try:
        claim = claim_names(replace=replace, control_alone=not (replace or require))
    except DBusError as exc:
        if replace or require:
            error(exc)
            print("popup-client: (or start it with --no-dbus to run without serving desktop notifications)", file=sys.stderr)
            return EXIT_FAIL
        if isinstance(exc, NameTaken):
            warn([running_without_notifications(exc.owner, owns_control_name=False)])
        else:
            warn([f"{exc}; desktop notifications (notify-send) are not received"])
        return None, False
    if claim.notifications_owner is not None:
        warn([running_without_notifications(claim.notifications_owner, owns_control_name=claim.owns_control_name)])
    return claim, True


def cmd_render(args: argparse.Namespace) -> int:
    from .. import pyside_hook  # noqa: F401  (before PySide6: see its docstring)
    from ..core.errors import PayloadError
    from ..core.payload import parse_popup
    from ..ui.i18n import install_translator
    from ..ui.render import RenderError, ensure_app, render_popup_png
    from ..ui.view import view_from_popup

    try:
        raw = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
        popup = parse_popup(raw)
    except OSError as exc:
        error(f"cannot read {args.file}: {exc.strerror or exc}")
        return EXIT_USAGE
    except PayloadError as exc:
        error(exc)
        return EXIT_FAIL
    install_translator(ensure_app(), args.lang)
    link_ok = _link_passes(raw)
    view = view_from_popup(popup, receipt_id=0, verified=not args.unverified, link_allowed=link_ok)
    try:
        report = render_popup_png(view, Path(args.out), scale=args.scale, dark=_dark(args.theme))
    except RenderError as exc:
        error(exc)
        return EXIT_FAIL
    if args.json:
        print_json(report)
    else:
        print(f"wrote {args.out} ({report['window']['w']}×{report['window']['h']} logical px at scale {args.scale})")
    return EXIT_OK


def _link_passes(raw: bytes) -> bool:
    """Whether the payload's link passes the link rules (only then is 「查看详情」 shown)."""
    from .commands import open_linter

    problems = open_linter().lint(raw)
    return not any(p.rule in ("link-scheme", "third-party-link") and p.path == "link" for p in problems)


def _dark(theme: str) -> bool | None:
    return {"light": False, "dark": True}.get(theme)


def add_commands(sub: Any) -> None:
    p = sub.add_parser("run", help="start the tray app (and, on Linux, the desktop notification server)")
    p.add_argument("--demo", action="store_true", help="also show sample popups of every kind")
    p.add_argument("--replace", action="store_true", help="take over org.freedesktop.Notifications from another server")
    p.add_argument("--no-dbus", action="store_true", help="do not serve org.freedesktop.Notifications")
    p.add_argument(
        "--require-dbus",
        action="store_true",
        help="exit 1 unless org.freedesktop.Notifications can be served (for service managers that wait for the name; "
        "by default the app runs on without it)",
    )
    p.add_argument("--theme", metavar="QSS", help="a vendor theme; refused (with the reasons) if it breaks a guarantee")
    p.set_defaults(handler=cmd_run)

    p = sub.add_parser("render", help="render one popup offscreen to a PNG and print its geometry")
    p.add_argument("file", metavar="FILE", help="a payload JSON file ('-' for standard input)")
    p.add_argument("--out", required=True, metavar="PNG", help="where to write the image")
    p.add_argument("--scale", type=float, default=1.0, help="device pixel ratio, e.g. 2 for HiDPI (default 1)")
    p.add_argument("--theme", choices=["system", "light", "dark"], default="system", help="palette (default: the system's)")
    p.add_argument("--unverified", action="store_true", help="render as from an unverified provider")
    p.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN", help="language of the app's own text (default zh_CN)")
    p.add_argument("--json", action="store_true", help="print the geometry as JSON")
    p.set_defaults(handler=cmd_render)


def gui_main() -> int:
    """The GUI entry point (``popup-client-gui``): ``popup-client run`` with the given options."""
    from . import main

    return main(["run", *sys.argv[1:]])
