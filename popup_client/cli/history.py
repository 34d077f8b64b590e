"""``popup-client history`` and ``complaints``: the listings, what the journal keeps and for how long, ``history clear``.

``history clear [--provider ID] [--before DATE] [--yes]`` forgets the
history in scope (docs/privacy.md); it asks first on a terminal, and
refuses elsewhere without ``--yes``. What was shown within the caps'
window (a day, or the topic window if longer) stays as a bare count —
provider, kind, topic, time — so the frequency caps stay right; the
running app's retention removes it once that window has passed.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when a command runs: building the parser stays light
    from ..core.journal.retention import ClearPlan, Kept
    from ..core.prefs import Preferences
    from ..service import PopupService

from ..core.clock import SystemClock
from ..core.paths import journal_path, prefs_path
from ..core.timefmt import parse_rfc3339
from .output import EXIT_FAIL, EXIT_OK, EXIT_USAGE, error, print_json, warn

NOT_KEPT = "(text not kept)"
CLEARED = "(cleared; still counted toward the frequency caps)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """``history``'s own arguments for clearing (``--provider`` is shared with the listing)."""
    p.add_argument("action", nargs="?", choices=["clear"], help="clear: forget the history (see docs/privacy.md)")
    p.add_argument("--before", metavar="DATE", help="clear: only what arrived before DATE (2026-11-27, or RFC 3339)")
    p.add_argument("--yes", action="store_true", help="clear: do not ask for confirmation")


def parse_date(text: str) -> datetime:
    """A date (local midnight) or an RFC 3339 time; ValueError if neither."""
    try:
        return parse_rfc3339(text)
    except ValueError:
        pass
    try:
        day = datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise ValueError(f"--before {text!r} is neither a date (2026-11-27) nor an RFC 3339 time") from None
    return datetime.combine(day, time()).astimezone()


def hours(plan_window: Any) -> int:
    return int(plan_window.total_seconds() // 3600)


def describe_plan(plan: ClearPlan, caps_hours: int) -> str:
    """What clearing does (or would do): what is deleted, and what the caps still count (two lines)."""
    text = f"{plan.deleted} entries and {plan.complaints} complaints deleted"
    if plan.cited:
        text += f"; {plan.cited} entries stay because a complaint outside the scope cites them"
    return (
        f"{text}\n{plan.kept_for_caps} popups shown in the last {caps_hours} h are kept as bare counts "
        f"(provider, kind, topic, time; no text, no sender) so the frequency caps still count them, "
        f"until they are {caps_hours} h old"
    )


def cmd_list(args: argparse.Namespace) -> int:
    """``popup-client history``: the latest decisions, then what the journal keeps and for how long."""
    from ..core.journal import Journal
    from ..core.journal.retention import Forgetter
    from ..core.prefs import LayeredPrefsStore

    with Journal(journal_path(), clock=SystemClock()) as journal:
        warn(journal.warnings)
        rows = [history_row(r) for r in journal.history(limit=args.limit, provider_id=args.provider, decision=args.decision)]
        kept = Forgetter(journal).kept()
    if args.json:
        print_json(rows)
        return EXIT_OK
    for row in rows:
        rules = f" [{', '.join(row['rules'])}]" if row["rules"] else ""
        events = ", ".join(e["type"] + (f"({e['how']})" if "how" in e else "") for e in row["events"])
        print(f"#{row['id']} {local(row['received_at'])} {provider_label(row)} {row['kind'] or '?'}: {row['decision']}{rules}")
        if row["title"] or not row["text_kept"]:
            print(f"    {row['title'] or (CLEARED if row['cleared'] else NOT_KEPT)}")
        if events:
            print(f"    {events}")
    if not rows:
        print("no popups recorded yet", file=sys.stderr)
    store = LayeredPrefsStore(prefs_path())
    prefs = store.load()
    warn(store.warnings)
    print("\n".join(kept_lines(kept, prefs, str(journal_path()))))
    return EXIT_OK


def cmd_clear(args: argparse.Namespace, service: PopupService) -> int:
    try:
        before = parse_date(args.before) if args.before else None
    except ValueError as exc:
        error(exc)
        return EXIT_USAGE
    caps_hours = hours(service.history.retention().caps)
    plan = service.plan_clear(provider_id=args.provider, before=before)
    scope = " of " + args.provider if args.provider else ""
    scope += f" before {before.isoformat()}" if before else ""
    if not args.yes:
        if not sys.stdin.isatty():
            error("history clear deletes the history; not on a terminal, it needs --yes")
            return EXIT_USAGE
        print(f"Clear the history{scope}: {describe_plan(plan, caps_hours)}.")
        answer = input("Go ahead? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing cleared", file=sys.stderr)
            return EXIT_FAIL
    done = service.clear_history(provider_id=args.provider, before=before)
    if args.json:
        print_json({"deleted": done.deleted, "complaints": done.complaints, "kept_for_caps": done.kept_for_caps,
                    "cited": done.cited, "caps_hours": caps_hours})  # fmt: skip
    else:
        print(f"cleared{scope}: {describe_plan(done, caps_hours)}")
    return EXIT_OK


def size_text(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB"):
        if n < 1024 or unit == "MiB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)  # pragma: no cover


def kept_lines(kept: Kept, prefs: Preferences, where: str) -> list[str]:
    """What the journal keeps, for how long, and how big it is (the end of ``history``)."""
    p = prefs.privacy
    text = "with their text" if p.keep_service_text else "without their text"
    lines = [
        f"kept: {kept.service} service popups for {p.service_days} days ({text}), "
        f"{kept.push} ads/news/content for {p.push_days} days, "
        f"{kept.complaints} complaints (and the popups they cite) until you delete them",
    ]
    if kept.cleared:
        lines.append(f"      {kept.cleared} cleared entries, still counted toward the frequency caps for a day")
    lines.append(f"journal: {where} ({size_text(kept.file_bytes)}); see docs/privacy.md, `popup-client history clear`")
    return lines


# ------------------------------------------------------------------ the listings


def history_row(row: Any) -> dict[str, Any]:
    from ..core.journal.redaction import text_summary

    summary = text_summary(row.payload)
    return {
        "id": row.id,
        "received_at": row.received_at,
        "transport": row.transport,
        "sender": row.sender,
        "provider_id": row.provider_id,
        "provider_name": payload_text(row.payload, "provider", "name"),
        "popup_id": row.popup_id,
        "kind": row.kind,
        "verified": row.verified,
        "decision": row.decision,
        "rules": list(row.rules),
        "reasons": list(row.reasons),
        "title": payload_text(row.payload, "title"),
        "text_kept": summary is None,
        "cleared": bool(summary and summary.get("cleared")),
        "events": [{"type": e.type, "at": e.at, **(e.detail or {})} for e in row.events],
    }


def payload_text(payload: str | None, *path: str) -> str | None:
    """The text at ``path`` in the journaled payload (``title``; ``provider``, ``name``), or None."""
    try:
        value: Any = json.loads(payload or "")
    except ValueError:
        return None
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value if isinstance(value, str) and value else None


def provider_label(row: dict[str, Any]) -> str:
    """The provider as people read it: its name, with the id it is known by (``示例应用 (desktop.xn--…)``)."""
    name, provider_id = row["provider_name"], row["provider_id"]
    if name and provider_id and name != provider_id:
        return f"{name} ({provider_id})"
    return name or provider_id or "?"


def local(stamp: str) -> str:
    """An ISO timestamp as local wall-clock time, to the second."""
    try:
        return parse_rfc3339(stamp).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return stamp


def complaint_dict(row: Any) -> dict[str, Any]:
    return {k: getattr(row, k) for k in ("id", "at", "receipt_id", "provider_id", "reason", "text", "title")}


def export_complaints(path: Path, rows: list[dict[str, Any]]) -> None:
    fields = ["id", "at", "receipt_id", "provider_id", "reason", "text", "title"]
    try:
        if path.suffix.lower() == ".csv":
            import csv

            with path.open("w", newline="", encoding="utf-8-sig") as handle:
                writer = csv.DictWriter(handle, fieldnames=fields)
                writer.writeheader()
                writer.writerows(rows)
        else:
            path.write_text(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror or exc}") from None
