"""Every reason the app gives for the shipped examples and the hostile corpus, as the journal reads it back.

The corpus payloads go through ``PopupService.submit`` as tests/corpus does
(its time, senders and repeats); the examples go through it twice, once with
the default preferences and once with preferences under which every
preference rule fires, from an unverified sender.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from popup_client.core.journal import HistoryRow
from popup_client.core.payload import KINDS
from popup_client.core.prefs import Preferences
from popup_client.core.rules import Sender
from tests.helpers.service import make_service

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"
CORPUS = ROOT / "tests" / "corpus"


def payload_files() -> dict[str, bytes]:
    """Every payload file of the examples and the hostile corpus, by a name unique across both folders."""
    found: dict[str, bytes] = {}
    for folder in (EXAMPLES, CORPUS / "payloads"):
        for path in sorted(folder.glob("*.json")):
            if path.name != "expected.json":
                found[f"{folder.name}/{path.name}"] = path.read_bytes()
    return found


def _provider_id(path: Path) -> str | None:
    try:
        data: Any = json.loads(path.read_bytes())
    except ValueError:
        return None
    provider = data.get("provider") if isinstance(data, dict) else None
    found = provider.get("id") if isinstance(provider, dict) else None
    return found if isinstance(found, str) else None


def strict_prefs(provider_ids: list[str]) -> Preferences:
    """Preferences under which every preference rule fires for every valid popup."""
    return Preferences.validate(
        {
            "paused_until": "2099-01-01T00:00:00+08:00",
            "opt_out": {"kinds": list(KINDS), "providers": provider_ids},
            "quiet_hours": "00:00-23:59",
            "minors_mode": True,
            "topic_max": 0,
            "caps": {"global_hourly": 0, "provider_hourly": 0, "provider_daily": 0, "service_per_minute": 0},
            "unverified_providers": "reject",
        }
    )


def journal_rows(tmp: Path) -> list[tuple[str, HistoryRow]]:
    """(payload name, journal row) for every submission described above, each on a fresh service."""
    rows: list[tuple[str, HistoryRow]] = []
    expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
    now = datetime.fromisoformat(expected["now"])
    for name, case in sorted(expected["cases"].items()):
        service = make_service(tmp, now=now)[0]
        for _ in range(case.get("repeat", 1)):
            submission = service.submit((CORPUS / case["file"]).read_bytes(), Sender("corpus", **case.get("sender", {})))
            row = service.journal.get(submission.receipt_id)
            assert row is not None
            rows.append((name, row))
    examples = sorted(EXAMPLES.glob("*.json"))
    strict = strict_prefs(sorted({pid for pid in map(_provider_id, examples) if pid and "." in pid}))
    for prefs in (Preferences(), strict):
        for path in examples:
            service = make_service(tmp)[0]
            service.change_prefs(lambda _, prefs=prefs: prefs)
            submission = service.submit(path.read_bytes(), Sender("socket", verified=False))
            row = service.journal.get(submission.receipt_id)
            assert row is not None
            rows.append((path.stem, row))
    return rows


def all_reasons(tmp: Path) -> list[tuple[str, str]]:
    """(payload name, reason) of every row of :func:`journal_rows`; errors count as reasons too."""
    found: list[tuple[str, str]] = []
    for name, row in journal_rows(tmp):
        found += [(name, reason) for reason in row.reasons]
        if row.error:
            found.append((name, row.error))
    return found
