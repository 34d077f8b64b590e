"""``popup-client check``: lint payloads, render them, and hold each rendering to every ui-* guarantee.

Exit status: 0 if every payload lints clean and every measurement passes
(and the theme, if given, is accepted); 1 otherwise; 2 if a file or the
theme cannot be read. Qt is imported only when the command runs.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

from .output import EXIT_OK, EXIT_FAIL, EXIT_USAGE, error, print_json

log = logging.getLogger(__name__)

#: ``--palette``: what the popup window is given (True dark, False light, or a theme's name).
_PALETTES: dict[str, bool | str] = {
    "light": False, "dark": True, "high-contrast-light": "high-contrast-light", "high-contrast-dark": "high-contrast-dark",
}  # fmt: skip


def _text_size(value: str) -> int:
    if not value.isdigit() or not 100 <= int(value) <= 200:
        raise argparse.ArgumentTypeError(f"{value!r} is not a text size in percent from 100 to 200")
    return int(value)


def _screen(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{3,5})[x×](\d{3,5})", value.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"{value!r} is not WIDTHxHEIGHT, e.g. 1280x720")
    return int(match.group(1)), int(match.group(2))


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 60:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds from 0 to 60")
    return seconds


def _now(value: str | None) -> Any:
    if not value:
        return None
    from popup_client.core.timefmt import parse_rfc3339

    try:
        return parse_rfc3339(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--now {value!r} {exc}") from None


def cmd_check_live(args: argparse.Namespace) -> int:
    """``check --live``: the running app on this desktop, measured from screenshots."""
    from PySide6.QtWidgets import QApplication

    from ..conformance.live import LiveOptions, run_live_check
    from ..conformance.model import ConformanceError
    from ..conformance.report import report_data, write_report

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "popup-client"])
    assert isinstance(app, QApplication)
    shots = Path(args.report) if args.report else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    options = LiveOptions(count=args.count, screenshot_command=args.screenshot_command, shots_dir=shots, timeout=args.wait)
    try:
        result = run_live_check(app, options)
    except ConformanceError as exc:
        error(exc)
        return EXIT_USAGE
    context = {"live": True, "count": args.count, "screenshot_command": args.screenshot_command}
    if args.report:
        page = write_report([result], Path(args.report), title="Live placement check", context=context)
        print(f"wrote {page}", file=sys.stderr)
    if args.json:
        print_json(report_data([result], context=context))
    else:
        print(result.report_text(all_lines=args.verbose_checks))
    return EXIT_OK if result.passed else EXIT_FAIL


def cmd_check(args: argparse.Namespace) -> int:
    from ..conformance.headless import choose_platform

    note = choose_platform("popup-client check")
    if note:
        print(note, file=sys.stderr)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # payloads are rendered unmapped, on any desktop
    from PySide6.QtCore import QRect

    from popup_client.ui.render import ensure_app

    from ..conformance.model import ConformanceError
    from ..conformance.ours import check_payload, read_payload
    from ..conformance.quarantine import hold_late_urls
    from ..conformance.report import report_data, write_report
    from ..conformance.theme import ThemeError, ThemeRejected, read_theme, validate_theme

    try:
        now = _now(args.now)
    except argparse.ArgumentTypeError as exc:
        error(exc)
        return EXIT_USAGE
    for name in args.files:
        try:
            read_payload(Path(name))
        except ConformanceError as exc:
            error(exc)
            return EXIT_USAGE
    ensure_app()
    hold_late_urls()  # nothing a checked popup opens reaches a browser, even after its watch
    qss = None
    if args.theme:
        try:
            qss = read_theme(args.theme)
        except ThemeError as exc:
            error(exc)
            return EXIT_USAGE
    width, height = args.screen
    available = QRect(0, 0, width, height) if args.screen_given else None
    watch = {"settle_ms": round(args.watch * 1000)} if args.watch is not None else {}
    results = []
    for name in args.files:
        result = check_payload(Path(name), scale=args.scale, dark=_PALETTES[args.palette], qss=qss,
                               verified=not args.unverified, now=now, available=available,
                               text_scale=args.text_size / 100, **watch)  # fmt: skip
        result.subject = name
        results.append(result)
        if not args.json:
            print(result.report_text(all_lines=args.verbose_checks))
    theme_message = None
    if qss is not None:
        try:
            validate_theme(qss, name=args.theme, scale=args.scale)
            theme_message = f"theme {args.theme}: accepted"
        except ThemeRejected as exc:
            theme_message = str(exc)
            results.extend(exc.results)
    context = {"scale": args.scale, "palette": args.palette, "text_size": args.text_size, "theme": args.theme, "now": args.now,
               "screen": f"{width}x{height}" if args.screen_given else None}  # fmt: skip
    if args.report:
        page = write_report(results, Path(args.report), context=context)
        print(f"wrote {page}", file=sys.stderr)
    if args.json:
        print_json(report_data(results, context=context))
    if theme_message:
        print(theme_message, file=sys.stderr if args.json else sys.stdout)
    passed = all(r.passed for r in results)
    if not args.json:
        print(f"{sum(r.passed for r in results)} of {len(results)} popups conform" + ("" if passed else " — FAIL"))
    return EXIT_OK if passed else EXIT_FAIL


def add_commands(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="render payloads and check every rendering against the ui-* guarantees (conformance kit)",
        description="Lint each payload, render it with popup-client's renderer (offscreen) and measure it against "
        "every guarantee of docs/rules.md: geometry, hit-tests, rendered contrast, glyphs, and real clicks and keys. "
        "Exit 0 only if everything passes.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="payload JSON files (none with --live)")
    p.add_argument("--live", action="store_true",
                   help="check the running app on this desktop instead: send it test popups and measure them on screen "
                   "(placement, overlap, bounds, keyboard focus); see docs/qa.md")
    p.add_argument("--count", type=int, default=3, choices=range(1, 6), metavar="N",
                   help="with --live: how many test popups to show (1-5, default 3)")
    p.add_argument("--wait", type=float, default=15.0, metavar="SECONDS",
                   help="with --live: how long to wait for the popups to appear (default 15)")
    p.add_argument("--screenshot-command", metavar="CMD",
                   help="with --live: how to take a screenshot here, e.g. 'grim {file}' (default: chosen for the desktop)")
    p.add_argument("--theme", metavar="QSS", help="apply this QSS theme; it is refused (exit 1) if it breaks a guarantee")
    p.add_argument("--scale", type=float, choices=[1.0, 2.0], default=1.0, help="device pixel ratio to render at (1 or 2)")
    p.add_argument("--palette", choices=list(_PALETTES), default="light", help="the window's palette (default light)")
    p.add_argument("--text-size", type=_text_size, default=100, metavar="PERCENT",
                   help="render with this text size, 100-200 (the appearance.text_size preference; default 100)")
    p.add_argument("--screen", type=_screen, default=None, metavar="WxH",
                   help="the available screen area for ui-bounds (default: the screen Qt reports; offscreen, the "
                   "1/8 share is of 1280x720)")
    p.add_argument("--unverified", action="store_true", help="render as from an unverified provider")
    p.add_argument("--watch", type=_seconds, default=None, metavar="SECONDS",
                   help="how long to watch each popup after showing and clicking it, for late effects (default 2)")
    p.add_argument("--now", metavar="RFC3339", help="lint time-dependent rules at this time")
    p.add_argument("--report", metavar="DIR", help="write index.html, report.json and screenshots into DIR")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--all", dest="verbose_checks", action="store_true", help="print every measurement, not only failures")
    p.set_defaults(handler=_handler)


def _handler(args: argparse.Namespace) -> int:
    if args.live:
        if args.files:
            print("popup-client: error: --live checks the running app; give no payload files with it", file=sys.stderr)
            return EXIT_USAGE
        return cmd_check_live(args)
    if not args.files:
        print("popup-client: error: give payload files to check, or --live to check the running app", file=sys.stderr)
        return EXIT_USAGE
    args.screen_given = args.screen is not None
    if args.screen is None:
        args.screen = (1280, 720)
    return cmd_check(args)
