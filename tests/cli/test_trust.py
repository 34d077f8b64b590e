"""``popup-client journal verify``: OK, or the first row edited, removed or cut off the end (exit 1)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from popup_client.cli import main
from popup_client.core.paths import evidence_key_path, journal_path
from popup_client.core.rules import Sender
from popup_client.core.trust.evidence_key import load_or_create_key
from popup_client.service import PopupService
from tests.helpers.memkeyring import MemoryKeyring
from tests.helpers.service import make_service


@pytest.fixture(autouse=True)
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("POPUP_CLIENT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("POPUP_CLIENT_DATA_DIR", str(tmp_path / "data"))
    MemoryKeyring.reset()
    yield tmp_path
    MemoryKeyring.reset()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def keyed_service(tmp_path: Path) -> PopupService:
    service, _ = make_service(tmp_path, journal=journal_path())
    service.journal.checkpoint_key = lambda: load_or_create_key(evidence_key_path()).key
    return service


def journaled(tmp_path: Path, ad: dict[str, Any]) -> None:
    """Two popups, one displayed and closed, a complaint about it; the journal closed (the app's shutdown)."""
    service = keyed_service(tmp_path)
    shown = service.submit(ad, Sender("socket"))
    service.displayed(shown.receipt_id)
    service.report(receipt_id=shown.receipt_id, provider_id=None, reason="广告未标明", text="")
    service.submit({**ad, "id": "ad-2"}, Sender("socket"))
    service.close()


def edit(sql: str) -> None:
    with sqlite3.connect(journal_path()) as conn:
        conn.execute(sql)
    conn.close()


def test_an_untouched_journal_verifies(capsys: pytest.CaptureFixture[str], tmp_path: Path, ad: dict[str, Any]) -> None:
    journaled(tmp_path, ad)
    code, out, _ = run(capsys, "journal", "verify")
    assert code == 0 and out.startswith("journal OK: 5 rows") and "2 signed checkpoints" in out
    report = json.loads(run(capsys, "journal", "verify", "--json")[1])
    assert report["ok"] and report["count"] == 5 and report["problem"] is None


@pytest.mark.parametrize(
    ("sql", "kind", "where"),
    [
        ("UPDATE receipts SET decision = 'suppress' WHERE id = 1", "edited", "(receipts id 1, "),
        ("DELETE FROM events WHERE type = 'display'", "removed", "(complaints id 1, "),
        ("DELETE FROM receipts WHERE id = 2", "truncated", ""),
    ],
)
def test_a_tampered_journal_fails_naming_the_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, ad: dict[str, Any], sql: str, kind: str, where: str
) -> None:
    journaled(tmp_path, ad)
    edit(sql)
    code, out, err = run(capsys, "journal", "verify")
    assert code == 1 and out == "" and err.startswith("journal verify FAILED: ") and where in err
    assert json.loads(run(capsys, "journal", "verify", "--json")[1])["problem"]["kind"] == kind


def test_checkpoints_are_checked_with_the_key_in_the_keyring(capsys: pytest.CaptureFixture[str], tmp_path: Path, ad: dict[str, Any]) -> None:
    journaled(tmp_path, ad)
    MemoryKeyring.reset()  # another key now: the journal's checkpoints are not its
    code, _, err = run(capsys, "journal", "verify")
    assert code == 1 and "not with the journal's key" in err
