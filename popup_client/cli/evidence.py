"""Evidence a complaint can rest on (issue 18): ``complaints --export-evidence DIR`` and ``evidence verify|key``.

For each complaint about a popup, ``complaints --export-evidence DIR`` writes
``DIR/complaint-<id>/`` (:mod:`popup_client.core.trust.evidence`): the
payload as the journal sealed it (normalized, images by hash), its exact
bytes as received (``payload-received.json``, when it came as text of at
most 64 KiB, sealed with it), the decision with its rules, reasons and
the policy and news-list versions in force, the times, the complaint, a
screenshot of the popup rendered offscreen from that payload (images the
journal keeps only by their hash are left out of it), the chain proof that
the receipt leads to the journal's head, the signed head checkpoint written
at the export, and a manifest signed with the evidence key from the keyring.
``evidence verify DIR`` checks one folder or every ``complaint-*`` folder
under DIR: every file against the signed manifest, the chain proof, the
payload against the row the journal sealed, the checkpoint against the
proof's head and the manifest's key (``--key PUB.pem``: the key the user
published); it exits 1 naming what does not hold. ``evidence key`` prints
that public key.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.clock import SystemClock
from ..core.journal import HistoryRow, Journal
from ..core.paths import evidence_key_path, journal_path
from ..core.trust.chain import chain_proof
from ..core.trust.evidence import EvidenceRecord, record_files, verify_evidence, write_evidence
from ..core.trust.evidence_key import load_or_create_key
from ..core.trust.keys import (
    canonical_json,
    key_id,
    load_public_key_pem,
    public_key_from_b64,
    public_key_pem,
    signature_valid,
)
from .output import EXIT_FAIL, EXIT_OK, error, print_json, warn

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

CHECKPOINT = "checkpoint.json"
RECEIVED = "payload-received.json"


def _screenshot(payload: str | None) -> bytes | None:
    """The popup rendered offscreen from its journaled payload (PNG), or None if it cannot be."""
    if not payload:
        return None
    from .. import pyside_hook  # noqa: F401  (before PySide6: see its docstring)
    from ..core.errors import PayloadError
    from ..core.payload import parse_popup
    from ..ui.render import RenderError, ensure_app, render_popup_png
    from ..ui.view import view_from_popup

    data = json.loads(payload)
    provider = data.get("provider") if isinstance(data.get("provider"), dict) else {}
    for table, key in ((data, "image"), (provider, "icon")):
        if str(table.get(key, "")).startswith("<image "):  # the journal keeps an image only by its hash
            del table[key]
    try:
        popup = parse_popup(json.dumps(data, ensure_ascii=False).encode("utf-8"))
        ensure_app()
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "popup.png"
            render_popup_png(view_from_popup(popup, receipt_id=0, verified=True), out, dark=False)
            return out.read_bytes()
    except (PayloadError, RenderError, OSError) as exc:
        warn([f"the popup cannot be rendered for its evidence: {exc}"])
        return None


def _times(receipt: HistoryRow, complaint_at: str) -> dict[str, Any]:
    times: dict[str, Any] = {"received_at": receipt.received_at.isoformat(), "reported_at": complaint_at}
    for event in receipt.events:
        key = {"display": "shown_at", "close": "closed_at"}.get(event.type)
        if key is not None and key not in times:
            times[key] = event.at.isoformat()
            if event.type == "close":
                times["closed_how"] = event.detail.get("how")
    return times


def _record(journal: Journal, complaint: Any, rows: list[dict[str, Any]], removed: list[dict[str, Any]], screenshot: bool) -> EvidenceRecord | None:
    receipt = journal.get(complaint.receipt_id) if complaint.receipt_id is not None else None
    index = next((i for i, r in enumerate(rows) if r["table"] == "receipts" and r["id"] == complaint.receipt_id), None)
    if receipt is None or index is None or receipt.payload is None:
        return None
    decision = {
        "decision": str(receipt.decision), "rules": list(receipt.rules), "reasons": [str(r) for r in receipt.reasons],
        "provider_id": receipt.provider_id, "verified": receipt.verified, "transport": receipt.transport, "sender": receipt.sender,
        "policy_version": receipt.policy_version, "news_list_version": receipt.news_list_version,
    }  # fmt: skip
    report = {"id": complaint.id, "at": complaint.at.isoformat(), "provider_id": complaint.provider_id, "reason": complaint.reason, "text": complaint.text}
    return EvidenceRecord(
        payload=receipt.payload.encode("utf-8"), decision=decision, times=_times(receipt, report["at"]), complaint=report,
        chain_proof=chain_proof(rows, index, removed), screenshot_png=_screenshot(receipt.payload) if screenshot else None,
    )  # fmt: skip


def export_evidence(target: Path, *, screenshot: bool = True) -> list[Path]:
    """Write the evidence of every complaint about a popup under ``target``; the folders written."""
    key = load_or_create_key(evidence_key_path()).key
    clock = SystemClock()
    with Journal(journal_path(), clock=clock) as journal:
        warn(journal.warnings)
        journal.checkpoint_key = lambda: key
        checkpoint = journal.checkpoint()  # the head as exported, signed
        rows, _start, _heads = journal.chain()
        removed = journal.removed()
        report = journal.verify(key.public_key())
        if not report.ok and report.problem is not None:
            warn([f"the journal does not verify ({report.problem.message}); the evidence says what it holds now"])
        written = []
        for complaint in journal.complaints():
            record = _record(journal, complaint, rows, removed, screenshot)
            if record is None:
                warn([f"complaint {complaint.id} names no popup in the journal: no evidence written for it"])
                continue
            files = record_files(record)
            received = journal.get(complaint.receipt_id)
            if received is not None and received.payload_exact is not None:
                files[RECEIVED] = received.payload_exact.encode("utf-8")  # the bytes received, as sealed
            if checkpoint is not None:
                files[CHECKPOINT] = (json.dumps(checkpoint, indent=2) + "\n").encode("utf-8")
            written.append(write_evidence(target / f"complaint-{complaint.id}", files, key, clock.now()))
    return written


def _checkpoint_problem(folder: Path, kid: str | None) -> str | None:
    """The checkpoint is signed with the manifest's key and its head is the chain proof's; None if so (or absent)."""
    if not (folder / CHECKPOINT).is_file():
        return None
    checkpoint = json.loads((folder / CHECKPOINT).read_text(encoding="utf-8"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    public = public_key_from_b64(manifest["public_key"])
    body = checkpoint.get("checkpoint", {})
    if body.get("key_id") != kid or not signature_valid(public, checkpoint.get("sig"), canonical_json(body), CHECKPOINT):
        return f"{CHECKPOINT} is not signed with the evidence's key"
    proof = json.loads((folder / "chain.json").read_text(encoding="utf-8"))
    if body.get("hash") != proof.get("head"):
        return f"{CHECKPOINT} signed another head than the one chain.json leads to"
    return None


def _received_problem(folder: Path) -> str | None:
    """The payload's bytes as received are those the journal sealed in the chain proof's row; None if so (or absent)."""
    if not (folder / RECEIVED).is_file():
        return None
    row = json.loads((folder / "chain.json").read_text(encoding="utf-8")).get("row", {})
    if row.get("payload_exact") is None or row["payload_exact"].encode("utf-8") != (folder / RECEIVED).read_bytes():
        return f"{RECEIVED} is not the payload the journal sealed in chain.json"
    return None


def _folders(target: Path) -> list[Path]:
    return [target] if (target / "manifest.json").exists() else sorted(p for p in target.glob("complaint-*") if p.is_dir())


def cmd_evidence_verify(args: argparse.Namespace) -> int:
    expected: Ed25519PublicKey | None = load_public_key_pem(Path(args.key).read_bytes(), args.key) if args.key else None
    folders = _folders(Path(args.dir))
    if not folders:
        error(f"{args.dir} holds no evidence folder (manifest.json, or complaint-*/)")
        return EXIT_FAIL
    failed = 0
    for folder in folders:
        report = verify_evidence(folder, expected)
        problems = list(report.problems)
        if not problems:
            problems += [p for p in (_checkpoint_problem(folder, report.key_id), _received_problem(folder)) if p]
        if problems:
            failed += 1
            print(f"{folder.name}: FAILED", file=sys.stderr)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
        else:
            print(f"{folder.name}: OK, {len(report.files)} files signed by {report.key_id}")
    return EXIT_FAIL if failed else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """File a complaint about a journaled popup, as its 「举报」 button does (a signed head checkpoint with it)."""
    with Journal(journal_path(), clock=SystemClock()) as journal:
        warn(journal.warnings)
        journal.checkpoint_key = lambda: load_or_create_key(evidence_key_path()).key
        receipt = journal.get(args.receipt)
        if receipt is None:
            error(f"no popup with receipt {args.receipt} in the journal (see `popup-client history`)")
            return EXIT_FAIL
        complaint = journal.record_complaint(receipt_id=receipt.id, provider_id=None, reason=args.reason, text=args.text)
    print(f"complaint {complaint} recorded about receipt {receipt.id} ({receipt.provider_id})")
    return EXIT_OK


def cmd_evidence_key(args: argparse.Namespace) -> int:
    key = load_or_create_key(evidence_key_path()).key
    if args.json:
        print_json({"key_id": key_id(key), "public_key_pem": public_key_pem(key).decode("ascii")})
    else:
        sys.stdout.write(public_key_pem(key).decode("ascii"))
        print(f"# {key_id(key)}: give this public key with your evidence; `evidence verify --key` checks against it", file=sys.stderr)
    return EXIT_OK
