"""Commands of trust (issue 18): ``journal verify``; the policy bundle and evidence commands join here.

``journal verify`` recomputes the journal's hash chain and checks its signed
checkpoints with the evidence key: it prints OK, or the first row edited,
removed, reordered, added by hand or cut off the end, and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..core.clock import SystemClock
from ..core.journal import Journal
from ..core.paths import evidence_key_path, journal_path
from ..core.trust.evidence_key import load_or_create_key
from .output import EXIT_FAIL, EXIT_OK, print_json, warn


def _where(rows: list[dict[str, Any]], index: int) -> str:
    """The row at ``index`` as people find it: its table, id and time."""
    if not 0 <= index < len(rows):
        return ""
    row = rows[index]
    when = row.get("received_at") or row.get("at") or ""
    return f" ({row['table']} id {row['id']}, {when})"


def cmd_journal_verify(args: argparse.Namespace) -> int:
    key = load_or_create_key(evidence_key_path())
    with Journal(journal_path(), clock=SystemClock()) as journal:
        warn(journal.warnings)
        rows, _start, heads = journal.chain()
        report = journal.verify(key.key.public_key())
    problem = report.problem
    if args.json:
        print_json({"ok": report.ok, "rows": len(rows), "count": report.count, "head": report.head, "checkpoints": len(heads),
                    "problem": None if problem is None else {"kind": problem.kind, "row": problem.row, "message": problem.message}})  # fmt: skip
    elif problem is None:
        print(f"journal OK: {len(rows)} rows, chain head {report.head[:16]}…, {len(heads)} signed checkpoints")
    else:
        print(f"journal verify FAILED: {problem.message}{_where(rows, problem.index)}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_FAIL
