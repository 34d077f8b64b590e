"""Space: deleted text is zeroed, freed pages are given back, old journals are converted once."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from popup_client.core.journal import SCHEMA_VERSION
from popup_client.core.journal.retention import Forgetter, Retention, file_bytes
from popup_client.core.journal.schema import MIGRATIONS
from tests.core.journal.privacy_rows import ids, journal_at, record_ago

DAY = timedelta(days=1)
MARK = "ZEBRA-7731-秘密"


def _bytes(path: Path) -> bytes:
    return b"".join(Path(f"{path}{s}").read_bytes() for s in ("", "-wal", "-shm") if Path(f"{path}{s}").exists())


def test_a_version_2_journal_gets_incremental_vacuum_and_a_fingerprint_key(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with sqlite3.connect(path) as raw:
        for statements in MIGRATIONS[:2]:
            for statement in statements:
                raw.execute(statement)
        raw.execute("PRAGMA user_version = 2")
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA auto_vacuum").fetchone()[0] == 0
    journal, clock = journal_at(path)
    record_ago(journal, clock, "ad", DAY)
    journal.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        assert raw.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # incremental
        assert len(raw.execute("SELECT key FROM privacy_key").fetchone()[0]) == 32


def test_cleared_text_leaves_no_trace_in_the_file_wal_or_shm(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    journal, clock = journal_at(path)
    for n in range(50):
        record_ago(journal, clock, "ad", 3 * DAY, n=n, text=MARK * 20)
    recent = record_ago(journal, clock, "news", timedelta(hours=1), n=99, text=MARK)
    assert MARK.encode() in _bytes(path)
    Forgetter(journal).clear(retention=Retention())
    assert ids(journal) == {recent}  # stripped, kept for the caps
    assert MARK.encode() not in _bytes(path)
    journal.close()


def test_pruning_gives_the_space_back(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    journal, clock = journal_at(path)
    with journal.batch():
        for n in range(3000):
            record_ago(journal, clock, "service", 10 * DAY, n=n, text="x" * 300)
    forgetter = Forgetter(journal)
    forgetter.vacuum(checkpoint=True)
    full = path.stat().st_size
    assert forgetter.prune_all(Retention()) == 3000
    assert forgetter.vacuum(checkpoint=True) > 0
    assert path.stat().st_size < full / 4
    assert file_bytes(journal) == sum(Path(f"{path}{s}").stat().st_size for s in ("", "-wal", "-shm"))
    kept = forgetter.kept()
    assert (kept.service, kept.push, kept.cleared, kept.complaints) == (0, 0, 0, 0)
    journal.close()
