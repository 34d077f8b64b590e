"""Issue 18 end to end with the building blocks, as docs/vendors.md will walk through it.

A vendor makes a key and signs a bundle; the machine trusts the key and
installs the bundle; two settings are locked; a provider signs a popup; the
journal seals its rows; the user's complaint becomes evidence that verifies,
and stops verifying once anything in it is touched.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from popup_client.core.trust.bundle import make_bundle
from popup_client.core.trust.chain import chain_proof, make_checkpoint, seal, verify_chain
from popup_client.core.trust.evidence import EvidenceRecord, record_files, verify_evidence, write_evidence
from popup_client.core.trust.evidence_key import load_or_create_key
from popup_client.core.trust.keys import generate_key, private_key_pem, public_key_pem
from popup_client.core.trust.layers import layered, read_system_policy
from popup_client.core.trust.signed_payload import ProviderKeys, sign_payload, verify_signed
from popup_client.core.trust.store import PolicyStore, TrustStore, installed_bundles
from popup_client.core.trust.system_dirs import system_config_dirs
from tests.helpers.memkeyring import memory_keyring

from .factory import provider_entry

AT = datetime(2026, 12, 2, 20, 0, tzinfo=timezone.utc)


def test_vendor_bundle_locks_signed_popup_sealed_journal_and_evidence(tmp_path: Path) -> None:
    # The vendor: a key (kept offline), its public half in the machine's trust store, a signed bundle.
    vendor, provider = generate_key(), generate_key()
    (tmp_path / "vendor-key.pem").write_bytes(private_key_pem(vendor))
    (machine,) = [d for d in system_config_dirs("linux", {"XDG_CONFIG_DIRS": str(tmp_path / "etc" / "xdg")}) if tmp_path in d.parents]
    (machine / "trust").mkdir(parents=True)
    (machine / "trust" / "examplesoft.pem").write_bytes(public_key_pem(vendor))
    data = make_bundle(vendor, {
        "version": 1, "created": "2026-12-02T09:00:00+08:00", "title": "ExampleOS",
        "providers": [provider_entry(provider, "com.example.news", "示例新闻")],
        "locks": {"minors_mode": {"force": True}, "caps.global_hourly": {"max": 3}},
    })  # fmt: skip
    PolicyStore(TrustStore(machine / "trust"), machine / "policy").install(data, "examplesoft-1.json")

    # The app starts: the bundle and the machine's files, over what the user set.
    bundles, problems = installed_bundles([machine])
    assert problems == []
    prefs = layered({"caps": {"global_hourly": 6}, "minors_mode": False}, {"caps": {"global_hourly": 10}}, bundles=bundles,
                    system=read_system_policy([machine]))  # fmt: skip
    assert prefs.values == {"caps": {"global_hourly": 3}, "minors_mode": True}
    assert [(f.key, f.set_by) for f in prefs.locked] == [
        ("caps.global_hourly", ("policy bundle v1 (" + bundles[0].issuer + ")",)),
        ("minors_mode", ("policy bundle v1 (" + bundles[0].issuer + ")",)),
    ]

    # A provider signs a popup; it is verified under the registry's name, with no token on this machine.
    text = '{"version": 1, "kind": "service", "provider": {"id": "com.example.news", "name": "示例新闻"}, "title": "订阅已续费"}'
    check = verify_signed(sign_payload(provider, text), ProviderKeys(bundles))
    assert check.verified and check.display_name == "示例新闻" and check.bundle_version == bundles[0].version_id

    # The journal seals the receipt with the bundle version in force; a head checkpoint at the complaint.
    with memory_keyring():
        journal_key = load_or_create_key(tmp_path / "data" / "evidence-key.pem").key
    receipt = seal({"table": "receipts", "id": 1, "payload": text, "decision": "show", "policy_version": check.bundle_version}, "0" * 64)
    rows = [receipt, seal({"table": "complaints", "id": 2, "receipt_id": 1, "reason": "misleading"}, receipt["chain_hash"])]
    head = make_checkpoint(journal_key, "head", 2, rows[-1]["chain_hash"], AT)
    assert verify_chain(rows, heads=[head], key=journal_key.public_key()).ok

    # The complaint's evidence: written, verified by anyone, and any touch is found.
    record = EvidenceRecord(
        payload=text.encode(), decision={"decision": "show", "rules": [], "policy_version": check.bundle_version},
        times={"received_at": "2026-12-02T19:59:00Z"}, complaint={"reason": "misleading"}, chain_proof=chain_proof(rows, 0),
    )  # fmt: skip
    folder = write_evidence(tmp_path / "evidence" / "complaint-2", record_files(record), journal_key, AT)
    assert verify_evidence(folder, journal_key.public_key()).ok
    (folder / "payload.json").write_bytes(text.replace("续费", "免费").encode())
    assert verify_evidence(folder).problems == ("payload.json was changed: its SHA-256 is not the one in the manifest",)
