"""Evidence folders: written whole and signed; any changed, added or removed file, or a re-signed manifest, is named."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from popup_client.core.trust.chain import chain_proof, seal_all
from popup_client.core.trust.evidence import EvidenceError, EvidenceRecord, record_files, verify_evidence, write_evidence
from popup_client.core.trust.keys import Ed25519PrivateKey, b64, generate_key, key_id, sha256_hex, sign

AT = datetime(2026, 12, 2, 20, 0, tzinfo=timezone.utc)
PAYLOAD = '{"version": 1, "kind": "ad", "title": "限时优惠"}'.encode()
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return generate_key()


def record() -> EvidenceRecord:
    journal = seal_all([
        {"table": "receipts", "id": 1, "payload": "{}", "decision": "show"},
        {"table": "receipts", "id": 2, "payload": PAYLOAD.decode(), "decision": "show"},
        {"table": "events", "id": 3, "receipt_id": 2, "type": "display"},
    ])  # fmt: skip
    return EvidenceRecord(
        payload=PAYLOAD,
        decision={"decision": "show", "rules": [], "reasons": [], "policy_version": "v3+sha256:0123456789ab"},
        times={"received_at": "2026-12-02T19:59:58Z", "shown_at": "2026-12-02T19:59:58Z", "reported_at": "2026-12-02T20:00:00Z"},
        complaint={"reason": "misleading", "text": "关不掉"},
        chain_proof=chain_proof(journal, 1),
        screenshot_png=PNG,
    )


@pytest.fixture
def folder(tmp_path: Path, key: Ed25519PrivateKey) -> Path:
    return write_evidence(tmp_path / "complaint-7", record_files(record()), key, AT)


def test_written_evidence_verifies(folder: Path, key: Ed25519PrivateKey) -> None:
    names = {"payload.json", "decision.json", "times.json", "complaint.json", "chain.json", "screenshot.png"}
    assert {p.name for p in folder.iterdir()} == names | {"manifest.json", "manifest.sig"}
    assert (folder / "payload.json").read_bytes() == PAYLOAD and (folder / "screenshot.png").read_bytes() == PNG
    report = verify_evidence(folder, key.public_key())
    assert report.ok and report.key_id == key_id(key) and set(report.files) == names
    assert verify_evidence(folder).ok  # anyone can check it with the key in the manifest
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]  # no staging folder left


def test_a_changed_file_is_named(folder: Path) -> None:
    (folder / "decision.json").write_text('{"decision": "reject"}')
    assert verify_evidence(folder).problems == ("decision.json was changed: its SHA-256 is not the one in the manifest",)


def test_a_changed_screenshot_byte_is_named(folder: Path) -> None:
    data = bytearray((folder / "screenshot.png").read_bytes())
    data[-1] ^= 1
    (folder / "screenshot.png").write_bytes(bytes(data))
    assert verify_evidence(folder).problems == ("screenshot.png was changed: its SHA-256 is not the one in the manifest",)


def test_added_and_removed_files_are_named(folder: Path) -> None:
    (folder / "times.json").unlink()
    (folder / "note.txt").write_text("added later")
    (folder / "extra").mkdir()
    (folder / "extra" / "more.png").write_bytes(PNG)
    assert verify_evidence(folder).problems == (
        "extra/more.png was added: the manifest does not list it",
        "note.txt was added: the manifest does not list it",
        "times.json was removed: the manifest lists it",
    )


def test_a_manifest_edited_to_match_a_changed_file_fails_its_signature(folder: Path) -> None:
    (folder / "decision.json").write_text('{"decision": "reject"}')
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"]["decision.json"]["sha256"] = sha256_hex((folder / "decision.json").read_bytes())
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
    assert verify_evidence(folder).problems == ("manifest.json was changed after it was signed: manifest.sig does not match it",)


def test_a_folder_re_signed_with_another_key_is_refused_when_the_key_is_pinned(folder: Path, key: Ed25519PrivateKey) -> None:
    other = generate_key()
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest.update(key_id=key_id(other), public_key=b64(other.public_key().public_bytes_raw()))
    data = json.dumps(manifest).encode()
    (folder / "manifest.json").write_bytes(data)
    (folder / "manifest.sig").write_text(sign(other, data))
    assert verify_evidence(folder).ok  # self-consistent …
    (problem,) = verify_evidence(folder, key.public_key()).problems  # … but not the user's key
    assert problem == f"the evidence is signed with {key_id(other)}, not with the expected key {key_id(key)}"


def test_a_missing_or_junk_signature_is_named(folder: Path) -> None:
    (folder / "manifest.sig").write_text("junk!")
    assert verify_evidence(folder).problems == ("manifest.sig is not valid base64",)
    (folder / "manifest.sig").unlink()
    (problem,) = verify_evidence(folder).problems
    assert "is not an evidence folder: manifest.json or manifest.sig is missing" in problem


def test_a_chain_proof_that_does_not_match_the_payload_is_named(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    files = record_files(record())
    files["payload.json"] = b'{"version": 1, "kind": "content"}'
    folder = write_evidence(tmp_path / "e", files, key, AT)
    assert verify_evidence(folder).problems == ("payload.json is not the payload the journal sealed in chain.json",)


def test_a_chain_proof_with_an_edited_row_is_named(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    files = record_files(record())
    proof = json.loads(files["chain.json"])
    proof["row"]["decision"] = "reject"
    files["chain.json"] = json.dumps(proof).encode()
    folder = write_evidence(tmp_path / "e", files, key, AT)
    assert verify_evidence(folder).problems == ("chain.json: the row in the chain proof was edited: it no longer gives its hash",)


def test_nothing_is_written_over_an_existing_folder_or_under_odd_names(folder: Path, tmp_path: Path, key: Ed25519PrivateKey) -> None:
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises(EvidenceError, match="already exists and is not an empty folder; nothing was written"):
        write_evidence(folder, {"payload.json": b"{}"}, key, AT)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    for name in ("../escape.json", "manifest.json", ".hidden", "a/b"):
        with pytest.raises(EvidenceError, match="plain names"):
            write_evidence(tmp_path / "odd", {name: b"x"}, key, AT)
    (tmp_path / "empty").mkdir()
    assert verify_evidence(write_evidence(tmp_path / "empty", {"payload.json": b"{}"}, key, AT)).ok
