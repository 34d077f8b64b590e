"""The hostile-payload corpus: every file gets its stated outcome, quickly, in bounded memory.

Each payload in ``payloads/`` goes through the real path, ``PopupService.submit``
(parse → policy → journal, on a fresh SQLite journal, at the fixed time of
``expected.json``), and the decision, rule ids, reasons, normalized fields
and the journal row are checked against ``expected.json``. Every payload
must be handled within a time budget; image payloads also within a memory
budget, measured both as Python allocations (tracemalloc) and as the
process's peak resident memory (Pillow and zxing allocate outside Python's
allocator). The whole corpus also goes through ``popup-client lint --json``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.rules import Sender
from tests.corpus import make_corpus
from tests.helpers.service import make_service

HERE = Path(__file__).resolve().parent
EXPECTED: dict[str, Any] = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
NOW = datetime.fromisoformat(EXPECTED["now"])
CASES: dict[str, dict[str, Any]] = EXPECTED["cases"]
#: Seconds one payload may take, parse to journal row.
TIME_BUDGET = 2.0
_PROC_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


# ------------------------------------------------------------------ measuring


@dataclass
class Usage:
    seconds: float = 0.0
    python_mb: float = 0.0
    native_mb: float | None = None  # peak RSS growth; None where it cannot be measured


def _status_kb(field: str) -> int | None:
    try:
        for line in _PROC_STATUS.read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak_rss() -> bool:
    """Reset the kernel's peak-RSS mark (VmHWM) of this process; False where that is impossible."""
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


@contextmanager
def measured(*, memory: bool) -> Iterator[Usage]:
    usage = Usage()
    rss_before = _status_kb("VmRSS") if memory and _reset_peak_rss() else None
    if memory:
        tracemalloc.start()
    start = time.perf_counter()
    try:
        yield usage
    finally:
        usage.seconds = time.perf_counter() - start
        if memory:
            usage.python_mb = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            peak = _status_kb("VmHWM")
            if rss_before is not None and peak is not None:
                usage.native_mb = max(0, peak - rss_before) / 1024


# ------------------------------------------------------------------ the corpus itself


def test_the_corpus_is_what_make_corpus_makes() -> None:
    assert make_corpus.main(["--check"]) == 0, "run tests/corpus/make_corpus.py and commit the result"


def test_the_corpus_covers_the_issue() -> None:
    assert len(CASES) >= 60
    categories = {case["category"] for case in CASES.values()}
    assert {"encoding", "json", "spoofing", "markup", "links", "images", "time", "missing", "types", "duplicate"} <= categories
    assert {case["decision"] for case in CASES.values()} == {"show", "reject"}
    biggest = max(case["bytes"] for case in CASES.values())
    assert biggest == 1024 * 1024 + 1
    for name, case in CASES.items():
        assert (HERE / case["file"]).is_file(), name
        assert case["decision"] == "show" or case["rules"], f"{name}: a rejection names its rules"


# ------------------------------------------------------------------ submit: parse → policy → journal


def _field(popup: Any, path: str) -> Any:
    value = popup
    for part in path.split("."):
        value = getattr(value, part)
    return list(value) if isinstance(value, (list, tuple)) else value


@pytest.mark.parametrize("name", sorted(CASES))
def test_submit(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    data = (HERE / case["file"]).read_bytes()
    service, _clock = make_service(tmp_path, now=NOW)
    sender = Sender("corpus", **case.get("sender", {}))
    image = "memory" in case
    submission = None
    for _ in range(case.get("repeat", 1)):
        with measured(memory=image) as usage:
            submission = service.submit(data, sender)
        assert usage.seconds < TIME_BUDGET, f"{name} took {usage.seconds:.2f} s"
        if image:
            bounds = case["memory"]
            assert usage.python_mb < bounds["python_mb"], f"{name}: {usage.python_mb:.1f} MiB of Python allocations"
            if usage.native_mb is not None:
                assert usage.native_mb < bounds["native_mb"], f"{name}: peak RSS grew by {usage.native_mb:.1f} MiB"
    assert submission is not None
    decision = submission.decision
    reasons = "\n".join(decision.reasons)
    assert (decision.decision, list(decision.rules)) == (case["decision"], case["rules"]), reasons
    if decision.decision == "reject":
        assert decision.reasons and all(reason.strip() for reason in decision.reasons)
    assert len(decision.reasons) <= 60 and len(reasons) < 32_000, "the error stays proportionate to a human reader"
    if "error" in case:
        assert case["error"] in reasons, reasons
    for path, value in case.get("popup", {}).items():
        assert submission.popup is not None
        assert _field(submission.popup, path) == value, path
    rows = service.journal.history(limit=10)
    assert len(rows) == case.get("repeat", 1), "every submission is journaled"
    assert rows[0].id == submission.receipt_id
    assert (rows[0].decision, list(rows[0].rules)) == (case["decision"], case["rules"])
    assert list(rows[0].reasons) == list(decision.reasons)


# ------------------------------------------------------------------ lint, the command


@pytest.mark.slow
def test_lint_json_on_the_whole_corpus() -> None:
    exe = Path(sys.executable).with_name("popup-client")
    files = [str(HERE / case["file"]) for case in CASES.values()]
    env = {**os.environ, "PYTHONPATH": str(HERE.parents[1])}
    done = subprocess.run(
        [str(exe), "lint", "--json", "--now", EXPECTED["now"], *files], capture_output=True, text=True, timeout=300, env=env
    )
    assert done.returncode == 1, done.stderr  # some are invalid
    results = {Path(r["file"]).stem: r for r in json.loads(done.stdout)}
    assert set(results) == set(CASES)
    for name, case in CASES.items():
        got = results[name]
        rules = list(dict.fromkeys(e["rule"] for e in got["errors"]))
        assert {"valid": got["valid"], "rules": rules} == case["lint"], name
        assert all(e["message"].strip() for e in got["errors"]), name
