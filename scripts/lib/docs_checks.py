"""The conformance kit's checks, as scripts/make-docs lists them: found in the source, and measured on the examples.

:func:`check_ids_in_code` reads every call in popup_client/conformance that
builds a measurement; :func:`kit_run` runs the kit (offscreen) on the shipped
valid examples and keeps each check's threshold as the report prints it.
"""

from __future__ import annotations

import ast
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"
CONFORMANCE = ROOT / "popup_client" / "conformance"


class DocsError(Exception):
    """The code and the hand-kept sentences disagree, or the code cannot be read: say which id."""


def check_ids_in_code() -> dict[str, tuple[str, str | None]]:
    """Check name → (guarantee, literal threshold or None), from every call in the kit that builds a measurement.

    A call counts when two of its arguments in a row are strings (a literal, or
    a local variable assigned one) and the first is a guarantee id.
    """
    from popup_client.conformance.model import RULES

    found: dict[str, tuple[str, str | None]] = {}
    for path in sorted(CONFORMANCE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
            names = _string_assignments(func)
            for call in [n for n in ast.walk(func) if isinstance(n, ast.Call)]:
                strings = [_string_of(a, names) for a in call.args]
                for i in range(len(strings) - 1):
                    rule, name = strings[i], strings[i + 1]
                    if rule in RULES and name:
                        threshold = strings[i + 4] if i == 0 and len(strings) > 4 else None
                        found[name] = (rule, threshold or found.get(name, (rule, None))[1])
    if not found:
        raise DocsError("no conformance checks found in popup_client/conformance")
    return found


def _string_assignments(func: ast.AST) -> dict[str, str]:
    names: dict[str, str] = {}
    for node in ast.walk(func):
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target, value = node.targets[0], node.value
        pairs = (zip(target.elts, value.elts) if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple)
                 else [(target, value)])  # fmt: skip
        for t, v in pairs:
            if isinstance(t, ast.Name) and isinstance(v, ast.Constant) and isinstance(v.value, str):
                names[t.id] = v.value
    return names


def _string_of(node: ast.AST, names: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return names.get(node.id) if isinstance(node, ast.Name) else None


def kit_run() -> dict[str, tuple[str, str, list[str]]]:
    """Check name → (guarantee, threshold, where it applies), from the kit run on the shipped valid examples."""
    import tempfile
    from datetime import datetime

    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the same figures wherever it runs
    os.environ["POPUP_CLIENT_CONFIG_DIR"] = tempfile.mkdtemp(prefix="make-docs-")  # default preferences, not yours

    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    from popup_client.conformance.ours import check_payload

    def quiet(kind: QtMsgType, _context: object, message: str) -> None:
        if "does not support raise()" not in message:  # the offscreen platform says it for every popup
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)

    now = datetime.fromisoformat(json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))["now"])
    runs = [(kind, kind, True) for kind in ("ad", "news", "content", "service")] + [("service", "unverified", False)]
    seen: dict[str, tuple[str, set[str], list[str]]] = {}
    for kind, label, verified in runs:
        result = check_payload(EXAMPLES / f"valid-{kind}.json", now=now, verified=verified)
        if not result.passed:
            raise DocsError(f"the shipped valid-{kind}.json does not pass the kit:\n{result.report_text()}")
        for check in result.checks:
            rule, thresholds, where = seen.setdefault(check.name, (check.rule, set(), []))
            if check.applicable:
                thresholds.add(check.threshold)
                where.append(label)
    return {name: (rule, " / ".join(sorted(t)), where) for name, (rule, t, where) in seen.items()}
