"""Signed payloads: verified by the bundle's registry, or rejected naming why (for the provider-identity rule)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.trust.bundle import PolicyBundle, make_bundle, verify_bundle
from popup_client.core.trust.keys import Ed25519PrivateKey, generate_key, key_id, private_key_pem, sha256_hex
from popup_client.core.trust.signed_payload import ProviderKeys, sign_payload, verify_signed

from .factory import body, provider_entry

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "resources" / "examples" / "sign-payload.py"
NEWS = ROOT / "resources" / "examples" / "valid-news.json"


def installed(vendor_key: Ed25519PrivateKey, *entries: dict[str, Any], version: int = 1) -> ProviderKeys:
    data = make_bundle(vendor_key, body(version, providers=list(entries)))
    return ProviderKeys([verify_bundle(data, {key_id(vendor_key): vendor_key.public_key()})])


def news_text(provider_id: str = "com.example.news") -> str:
    payload = json.loads(NEWS.read_text(encoding="utf-8"))
    payload["provider"]["id"] = provider_id
    return json.dumps(payload, ensure_ascii=False, indent=2)


@pytest.fixture
def registry(vendor_key: Ed25519PrivateKey, provider_key: Ed25519PrivateKey) -> ProviderKeys:
    return installed(vendor_key, provider_entry(provider_key))


def test_a_listed_provider_signing_its_payload_is_verified_with_the_registry_name(
    registry: ProviderKeys, provider_key: Ed25519PrivateKey, bundle_v1: bytes
) -> None:
    text = news_text()
    check = verify_signed(sign_payload(provider_key, text), registry)
    assert check.verified and check.reason is None
    assert (check.provider_id, check.display_name, check.key_id) == ("com.example.news", "示例新闻", key_id(provider_key))
    assert check.payload == text.encode("utf-8")
    assert check.bundle_version is not None and check.bundle_version.startswith("v1+sha256:")


def test_the_envelope_can_be_respaced_and_escaped_without_changing_the_signed_bytes(registry: ProviderKeys, provider_key: Ed25519PrivateKey) -> None:
    line = json.dumps({"signed": sign_payload(provider_key, news_text())}, ensure_ascii=True, indent=4)
    assert verify_signed(json.loads(line)["signed"], registry).verified


def _tampered(signed: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    assert old in signed["payload"]
    return {**signed, "payload": signed["payload"].replace(old, new, 1)}


def test_a_payload_altered_after_signing_is_rejected(registry: ProviderKeys, provider_key: Ed25519PrivateKey) -> None:
    signed = _tampered(sign_payload(provider_key, news_text()), '"kind": "news"', '"kind": "news" ')
    check = verify_signed(signed, registry)
    assert (check.verified, check.code) == (False, "altered")
    assert check.reason == f"the payload was altered after it was signed: its SHA-256 is not the one signed with {key_id(provider_key)}"


def test_an_altered_payload_with_a_recomputed_hash_still_fails_the_signature(registry: ProviderKeys, provider_key: Ed25519PrivateKey) -> None:
    signed = _tampered(sign_payload(provider_key, news_text()), "示例", "别的")
    signed["signature"] = {**signed["signature"], "sha256": sha256_hex(signed["payload"].encode())}
    check = verify_signed(signed, registry)
    assert check.code == "bad-signature" and "com.example.news's key" in str(check.reason)
    del signed["signature"]["sha256"]
    assert verify_signed(signed, registry).code == "bad-signature"


def test_a_provider_in_no_installed_bundle_is_unknown(registry: ProviderKeys) -> None:
    stranger = generate_key()
    check = verify_signed(sign_payload(stranger, news_text("com.stranger.news")), registry)
    assert check.code == "unknown-provider"
    assert check.reason == f"the provider com.stranger.news is not listed in any installed policy bundle, and neither is the key {key_id(stranger)}"


def test_a_listed_provider_signing_with_an_unlisted_key_is_refused(registry: ProviderKeys, provider_key: Ed25519PrivateKey) -> None:
    other = generate_key()
    check = verify_signed(sign_payload(other, news_text()), registry)
    assert check.code == "unknown-key"
    assert check.reason == (
        f"the payload is signed with {key_id(other)}, which no installed policy bundle lists; com.example.news is listed with {key_id(provider_key)}"
    )


def test_a_key_dropped_by_a_newer_bundle_no_longer_verifies(vendor_key: Ed25519PrivateKey, provider_key: Ed25519PrivateKey) -> None:
    rotated = generate_key()
    newer = installed(vendor_key, provider_entry(rotated), version=2)
    assert verify_signed(sign_payload(provider_key, news_text()), newer).code == "unknown-key"
    assert verify_signed(sign_payload(rotated, news_text()), newer).verified


def test_a_payload_claiming_another_provider_is_refused(vendor_key: Ed25519PrivateKey, provider_key: Ed25519PrivateKey) -> None:
    rival = generate_key()
    registry = installed(vendor_key, provider_entry(provider_key), provider_entry(rival, "com.rival.news", "对手"))
    check = verify_signed(sign_payload(rival, news_text("com.example.news")), registry)
    assert check.code == "provider-mismatch"
    assert check.reason == "the payload is signed with the key of com.rival.news, but it claims to come from com.example.news"


@pytest.mark.parametrize(
    "signed",
    [
        None,
        {"payload": {"provider": {"id": "com.example.news"}}, "signature": {"key_id": "k", "sig": ""}},
        {"payload": "{}", "signature": {"key_id": "k", "sig": "", "extra": 1}},
        {"payload": "not json", "signature": {"key_id": "k", "sig": ""}},
        {"payload": '{"provider": {}}', "signature": {"key_id": "k", "sig": ""}},
        {"payload": "\ud800", "signature": {"key_id": "k", "sig": ""}},
        {"payload": "[" * 200_000, "signature": {"key_id": "k", "sig": ""}},
    ],
)
def test_malformed_envelopes_are_rejected(signed: Any, registry: ProviderKeys) -> None:
    check = verify_signed(signed, registry)
    assert (check.verified, check.code) == (False, "malformed") and check.reason


def test_a_signature_that_is_not_base64_is_malformed(registry: ProviderKeys, provider_key: Ed25519PrivateKey) -> None:
    signed = sign_payload(provider_key, news_text())
    signed["signature"]["sig"] = "@@@"
    check = verify_signed(signed, registry)
    assert check.code == "malformed" and check.reason == "the payload's signature is not valid base64"


def test_the_example_script_signs_a_payload_that_verifies(tmp_path: Path, vendor_key: Ed25519PrivateKey) -> None:
    key = generate_key()
    (tmp_path / "provider-key.pem").write_bytes(private_key_pem(key))
    result = subprocess.run(
        [sys.executable, str(EXAMPLE), str(tmp_path / "provider-key.pem"), str(NEWS)], capture_output=True, timeout=60, check=True
    )
    line = result.stdout.decode("utf-8")
    assert line.count("\n") == 1 and line.endswith("\n")  # one request line for the socket
    signed = json.loads(line)["signed"]
    assert signed["payload"] == NEWS.read_text(encoding="utf-8")
    news_provider = json.loads(NEWS.read_text(encoding="utf-8"))["provider"]
    registry = installed(vendor_key, provider_entry(key, news_provider["id"], news_provider["name"]))
    check = verify_signed(signed, registry)
    assert check.verified and check.display_name == news_provider["name"]


def test_the_example_script_is_a_few_lines() -> None:
    code = EXAMPLE.read_text(encoding="utf-8").split('"""', 2)[2].strip().splitlines()
    assert len(code) <= 11


def test_bundle_label_and_registry_stay_in_step(bundle_v1: bytes, vendor_key: Ed25519PrivateKey, provider_key: Ed25519PrivateKey) -> None:
    bundle: PolicyBundle = verify_bundle(bundle_v1, {key_id(vendor_key): vendor_key.public_key()})
    check = verify_signed(sign_payload(provider_key, news_text()), ProviderKeys([bundle]))
    assert check.bundle_version == bundle.version_id
