"""``popup-client check``: lint payloads, render them, and hold each rendering to every ui-* guarantee.

Exit status: 0 if every payload lints clean and every measurement passes
(and the theme, if given, is accepted); 1 otherwise; 2 if a file or the
theme cannot be read. Qt is imported only when the command runs.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def _screen(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{3,5})[x×](\d{3,5})", value.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"{value!r} is not WIDTHxHEIGHT, e.g. 1280x720")
    return int(match.group(1)), int(match.group(2))


def _now(value: str | None) -> Any:
    if not value:
        return None
    from popup_client.core.timefmt import parse_rfc3339

    try:
        return parse_rfc3339(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--now {value!r} {exc}") from None


def cmd_check(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRect

    from popup_client.ui.render import ensure_app

    from .model import ConformanceError
    from .ours import check_payload, read_payload
    from .report import report_data, write_report
    from .theme import ThemeError, ThemeRejected, read_theme, validate_theme

    try:
        now = _now(args.now)
    except argparse.ArgumentTypeError as exc:
        print(f"popup-client: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for name in args.files:
        try:
            read_payload(Path(name))
        except ConformanceError as exc:
            print(f"popup-client: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
    ensure_app()
    qss = None
    if args.theme:
        try:
            qss = read_theme(args.theme)
        except ThemeError as exc:
            print(f"popup-client: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
    width, height = args.screen
    available = QRect(0, 0, width, height) if args.screen_given else None
    results = []
    for name in args.files:
        result = check_payload(Path(name), scale=args.scale, dark=args.palette == "dark", qss=qss,
                               verified=not args.unverified, now=now, available=available)  # fmt: skip
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
    context = {"scale": args.scale, "palette": args.palette, "theme": args.theme, "now": args.now,
               "screen": f"{width}x{height}" if args.screen_given else None}  # fmt: skip
    if args.report:
        page = write_report(results, Path(args.report), context=context)
        print(f"wrote {page}", file=sys.stderr)
    if args.json:
        print(json.dumps(report_data(results, context=context), ensure_ascii=False, indent=2))
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
        "every guarantee of RULES.md: geometry, hit-tests, rendered contrast, glyphs, and real clicks and keys. "
        "Exit 0 only if everything passes.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="payload JSON files")
    p.add_argument("--theme", metavar="QSS", help="apply this QSS theme; it is refused (exit 1) if it breaks a guarantee")
    p.add_argument("--scale", type=float, choices=[1.0, 2.0], default=1.0, help="device pixel ratio to render at (1 or 2)")
    p.add_argument("--palette", choices=["light", "dark"], default="light", help="the window's palette (default light)")
    p.add_argument("--screen", type=_screen, default=None, metavar="WxH",
                   help="the available screen area for ui-bounds (default: the screen's; 1280x720 offscreen)")
    p.add_argument("--unverified", action="store_true", help="render as from an unverified provider")
    p.add_argument("--now", metavar="RFC3339", help="lint time-dependent rules at this time")
    p.add_argument("--report", metavar="DIR", help="write index.html, report.json and screenshots into DIR")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--all", dest="verbose_checks", action="store_true", help="print every measurement, not only failures")
    p.set_defaults(handler=_handler)


def _handler(args: argparse.Namespace) -> int:
    args.screen_given = args.screen is not None
    if args.screen is None:
        args.screen = (1280, 720)
    return cmd_check(args)
