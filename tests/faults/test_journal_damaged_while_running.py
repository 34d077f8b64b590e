"""The journal damaged under the running app: kept aside, a fresh one started, said once, popups go on.

Another program overwrites the journal file while the app has it open. The
app notices at its next use of the journal, moves the damaged file aside
(as it does at start), starts a new one and says so once. Where the damage
is found decides the one request in between: found as a batch of requests
begins (the file's first page is garbage), the request is answered from the
new journal; found while answering it (only later pages damaged), that
request gets an error reply, since it could not be journaled.
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest

from tests.e2e.conftest import start_app
from tests.faults.test_degraded import SERVICE_EXAMPLE, aside, said_once, send

pytestmark = pytest.mark.e2e


def damage(journal: Path, *, start: int) -> bytes:
    """Checkpoint (so the file holds everything), then write garbage over it from ``start`` on, keeping its length."""
    with sqlite3.connect(journal) as other:
        busy, _, _ = other.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    other.close()
    assert busy == 0
    size = journal.stat().st_size
    with open(journal, "r+b") as f:
        f.seek(start)
        f.write(random.Random(size).randbytes(size - start))
    return journal.read_bytes()


@pytest.mark.parametrize("where", ["whole-file", "after-the-first-page"])
def test_a_journal_damaged_while_running_is_replaced_and_said_once(tmp_path: Path, where: str) -> None:
    data_dir = tmp_path / "data"
    app = start_app(tmp_path, "--no-dbus")
    try:
        first = send(app, "live-1")
        assert (first["decision"], first["id"]) == ("show", 1), first
        garbage = damage(data_dir / "journal.sqlite3", start=0 if where == "whole-file" else 4096)

        if where == "whole-file":
            # Found by the check before a turn: the turn is tried again on the new journal. Found by a read inside
            # the turn (the file's stat unchanged within its time granularity): that request is told, as below.
            done = app.cli("send", "--json", str(_payload(tmp_path, "live-2")))
            if done.returncode == 0:
                assert (json.loads(done.stdout)["decision"], json.loads(done.stdout)["id"]) == ("show", 1), done.stdout
                expected = ["live-2", "live-3"]
            else:
                assert "could not journal the request, so it was not shown" in done.stderr, done.stderr
                expected = ["live-3"]
        else:
            done = app.cli("send", "--json", str(_payload(tmp_path, "live-2")))
            assert done.returncode == 1, (done.stdout, done.stderr)
            assert "could not journal the request, so it was not shown" in done.stderr, done.stderr
            assert "malformed" in done.stderr and "a new, empty journal was started" in done.stderr, done.stderr
            expected = ["live-3"]

        third = send(app, "live-3")
        assert third["decision"] == "show", third
        assert third["id"] == len(expected), "journaled in the new file"

        kept = aside(data_dir, "journal.sqlite3")
        assert kept.read_bytes() == garbage, "what the user had is kept, byte for byte"
        said_once(app.output(), f"it was moved to {kept} and a new, empty journal was started")
        history = json.loads(app.cli("history", "--json").stdout)
        assert sorted(row["popup_id"] for row in history) == expected
        assert send(app, "live-1")["decision"] == "show", "the new journal does not know the lost popups"
        said_once(app.output(), f"it was moved to {kept}")  # still once
    finally:
        assert app.stop() == 0


def _payload(folder: Path, popup_id: str) -> Path:
    doc = json.loads(SERVICE_EXAMPLE.read_text(encoding="utf-8"))
    doc["id"] = popup_id
    path = folder / f"{popup_id}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path
