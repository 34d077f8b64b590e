"""``complaints --export-evidence DIR`` and ``evidence verify``: signed evidence of each complaint, any change found."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.paths import evidence_key_path, journal_path
from popup_client.core.rules import Sender
from popup_client.core.trust.evidence_key import load_or_create_key
from popup_client.core.trust.keys import generate_key, public_key_pem
from tests.cli.test_trust import run, state  # noqa: F401  (state: the autouse fixture of private folders and keyring)
from tests.helpers.service import make_service

ROOT = Path(__file__).resolve().parents[2]


def complained(tmp_path: Path, ad: dict[str, Any]) -> int:
    """A popup shown, closed and reported, and a second one; the journal closed. The complaint's id."""
    service, _ = make_service(tmp_path, journal=journal_path())
    service.journal.checkpoint_key = lambda: load_or_create_key(evidence_key_path()).key
    shown = service.submit(ad, Sender("socket"))
    service.displayed(shown.receipt_id)
    service.closed(shown.receipt_id, "button")  # type: ignore[arg-type]
    complaint = service.report(receipt_id=shown.receipt_id, provider_id=None, reason="广告未标明", text="说是免费")
    service.submit({**ad, "id": "ad-2"}, Sender("socket"))
    service.close()
    return complaint


@pytest.fixture
def folder(capsys: pytest.CaptureFixture[str], tmp_path: Path, ad: dict[str, Any]) -> Path:
    complaint = complained(tmp_path, ad)
    code, out, _ = run(capsys, "complaints", "--export-evidence", str(tmp_path / "evidence"), "--no-screenshot")
    assert code == 0 and out.strip() == str(tmp_path / "evidence" / f"complaint-{complaint}")
    return tmp_path / "evidence" / f"complaint-{complaint}"


def test_the_evidence_holds_the_payload_decision_times_and_chain_and_verifies(capsys: pytest.CaptureFixture[str], folder: Path, ad: dict[str, Any]) -> None:
    assert sorted(p.name for p in folder.iterdir()) == [
        "chain.json", "checkpoint.json", "complaint.json", "decision.json", "manifest.json", "manifest.sig", "payload.json", "times.json",
    ]  # fmt: skip
    assert json.loads(folder.joinpath("payload.json").read_bytes())["title"] == ad["title"]
    decision = json.loads(folder.joinpath("decision.json").read_text(encoding="utf-8"))
    assert decision["decision"] == "show" and decision["provider_id"] == ad["provider"]["id"] and "policy_version" in decision
    times = json.loads(folder.joinpath("times.json").read_text(encoding="utf-8"))
    assert set(times) == {"received_at", "shown_at", "closed_at", "closed_how", "reported_at"} and times["closed_how"] == "button"
    assert json.loads(folder.joinpath("complaint.json").read_text(encoding="utf-8"))["text"] == "说是免费"
    code, out, _ = run(capsys, "evidence", "verify", str(folder.parent))
    assert code == 0 and out.startswith(f"{folder.name}: OK, 6 files signed by ed25519:")
    pub = folder.parent / "mine.pem"
    pub.write_text(run(capsys, "evidence", "key")[1], encoding="ascii")
    assert run(capsys, "evidence", "verify", "--key", str(pub), str(folder))[0] == 0


@pytest.mark.parametrize(
    ("name", "change", "problem"),
    [
        ("payload.json", lambda b: b.replace(b'"kind":"ad"', b'"kind":"service"'), "payload.json was changed: its SHA-256 is not the one in the manifest"),
        ("decision.json", lambda b: b.replace(b'"show"', b'"reject"'), "decision.json was changed"),
        ("times.json", lambda b: b.replace(b"2026", b"2025"), "times.json was changed"),
        ("manifest.json", lambda b: b.replace(b'"bytes": ', b'"bytes": 1'), "manifest.json was changed after it was signed"),
        ("complaint.json", None, "complaint.json was removed: the manifest lists it"),
    ],
)
def test_a_changed_or_removed_file_is_named(capsys: pytest.CaptureFixture[str], folder: Path, name: str, change: Any, problem: str) -> None:
    path = folder / name
    if change is None:
        path.unlink()
    else:
        path.write_bytes(change(path.read_bytes()))
    code, out, err = run(capsys, "evidence", "verify", str(folder))
    assert code == 1 and out == "" and err.startswith(f"{folder.name}: FAILED") and problem in err


def test_the_exact_bytes_received_are_kept_sealed_and_checked(capsys: pytest.CaptureFixture[str], tmp_path: Path, ad: dict[str, Any]) -> None:
    import sqlite3

    service, _ = make_service(tmp_path, journal=journal_path())
    sent = json.dumps(ad, ensure_ascii=False, indent=3).encode("utf-8")  # spacing of the sender's own
    receipt = service.submit(sent, Sender("socket")).receipt_id
    service.report(receipt_id=receipt, provider_id=None, reason="其他", text="")
    service.close()
    assert run(capsys, "complaints", "--export-evidence", str(tmp_path / "ev"), "--no-screenshot")[0] == 0
    (folder,) = (tmp_path / "ev").iterdir()
    assert (folder / "payload-received.json").read_bytes() == sent
    assert run(capsys, "evidence", "verify", str(folder))[0] == 0
    with sqlite3.connect(journal_path()) as conn:
        conn.execute("UPDATE receipts SET payload_exact = replace(payload_exact, '示例', '官方')")
    conn.close()
    code, _, err = run(capsys, "journal", "verify")
    assert code == 1 and "row 1 was edited" in err


def test_evidence_re_signed_by_another_key_is_refused_against_the_published_key(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    pub = folder.parent / "mine.pem"
    pub.write_text(run(capsys, "evidence", "key")[1], encoding="ascii")
    other = folder.parent / "other.pem"
    other.write_bytes(public_key_pem(generate_key()))
    code, _, err = run(capsys, "evidence", "verify", "--key", str(other), str(folder))
    assert code == 1 and "not with the expected key" in err


def test_a_journal_row_edited_after_the_export_does_not_touch_the_evidence_but_journal_verify_finds_it(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    import sqlite3

    with sqlite3.connect(journal_path()) as conn:
        conn.execute("UPDATE receipts SET decision = 'suppress' WHERE id = 1")
    conn.close()
    assert run(capsys, "evidence", "verify", str(folder))[0] == 0
    code, _, err = run(capsys, "journal", "verify")
    assert code == 1 and "row 1 was edited" in err


def test_the_export_renders_a_screenshot_of_the_popup(tmp_path: Path, ad: dict[str, Any]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHON_KEYRING_BACKEND": "tests.helpers.filekeyring.FileKeyring",
           "POPUP_CLIENT_TEST_KEYRING": str(tmp_path / "keyring.json"), "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    seed = "import json, sys; from pathlib import Path; from tests.cli.test_evidence import complained; complained(Path(sys.argv[1]), json.loads(sys.argv[2]))"
    subprocess.run([sys.executable, "-c", seed, str(tmp_path), json.dumps(ad)], env=env, check=True, cwd=ROOT)
    cli = [sys.executable, "-m", "popup_client.cli"]
    subprocess.run([*cli, "complaints", "--export-evidence", str(tmp_path / "ev")], env=env, check=True, capture_output=True)
    (shot,) = tmp_path.glob("ev/complaint-*/screenshot.png")
    assert shot.read_bytes().startswith(b"\x89PNG") and len(shot.read_bytes()) > 1000
    done = subprocess.run([*cli, "evidence", "verify", str(tmp_path / "ev")], env=env, capture_output=True, text=True)
    assert done.returncode == 0 and "7 files signed by" in done.stdout, done.stderr


def test_report_files_a_complaint_whose_evidence_verifies(capsys: pytest.CaptureFixture[str], tmp_path: Path, ad: dict[str, Any]) -> None:
    complained(tmp_path, ad)
    code, out, _ = run(capsys, "report", "2", "--reason", "频次过高", "--text", "一小时五次")
    assert code == 0 and out.startswith("complaint 2 recorded about receipt 2")
    assert run(capsys, "report", "99", "--reason", "其他")[0] == 1
    code, out, _ = run(capsys, "complaints", "--export-evidence", str(tmp_path / "ev"), "--no-screenshot")
    assert code == 0 and len(out.split()) == 2
    assert run(capsys, "evidence", "verify", str(tmp_path / "ev"))[0] == 0
    assert "4 signed checkpoints" in run(capsys, "journal", "verify")[1]  # two complaints, the close, the export
