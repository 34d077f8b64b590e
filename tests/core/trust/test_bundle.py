"""Policy bundles: made and verified; unsigned, wrong-key, edited, unknown-issuer and malformed ones refused, saying why."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from popup_client.core.trust.bundle import BundleRejected, make_bundle, news_source_list, verify_bundle
from popup_client.core.trust.keys import Ed25519PrivateKey, canonical_json, generate_key, key_id, sign

from .factory import body, provider_entry


def trusted(key: Ed25519PrivateKey) -> dict[str, Any]:
    return {key_id(key): key.public_key()}


def envelope(data: bytes) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(data)
    return value


def body_of(data: bytes) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(base64.b64decode(envelope(data)["body"]))
    return value


def reseal(data: bytes, new_body: bytes, key: Ed25519PrivateKey | None = None) -> bytes:
    """The envelope with ``new_body``, signed by ``key`` (or keeping the old signature)."""
    env = envelope(data)
    env["body"] = base64.b64encode(new_body).decode()
    if key is not None:
        env["signature"]["sig"] = sign(key, new_body)
    return json.dumps(env).encode()


def test_a_made_bundle_verifies_with_every_field(bundle_v1: bytes, vendor_key: Ed25519PrivateKey, provider_key: Ed25519PrivateKey) -> None:
    bundle = verify_bundle(bundle_v1, trusted(vendor_key))
    assert bundle.version == 1 and bundle.issuer == key_id(vendor_key)
    assert bundle.title == "ExampleOS policy" and bundle.created == "2026-12-01T09:00:00+08:00"
    (entry,) = bundle.providers
    assert (entry.id, entry.name, entry.key_id) == ("com.example.news", "示例新闻", key_id(provider_key))
    assert entry.complaint_url == "https://example.example.com/complaints"
    assert bundle.news_sources is not None and bundle.news_sources["sources"][0]["name"] == "新华社"
    assert bundle.defaults == {"caps": {"global_hourly": 4}, "quiet_hours": "22:00-07:00"}
    assert {(lock.key, lock.op, lock.bound) for lock in bundle.locks} == {("minors_mode", "force", True), ("caps.global_hourly", "max", 3)}
    assert all(lock.source == bundle.label for lock in bundle.locks)
    assert bundle.version_id == f"v1+sha256:{bundle.sha256[:12]}"
    assert bundle.data == bundle_v1


def test_the_news_sources_become_the_list_the_news_rule_uses(bundle_v1: bytes, vendor_key: Ed25519PrivateKey) -> None:
    bundle = verify_bundle(bundle_v1, trusted(vendor_key))
    listed = news_source_list(bundle)
    assert listed is not None and listed.version == "2026-11-01" and listed.path == bundle.label
    assert "新华网" in listed and "人民日报" not in listed
    assert news_source_list(verify_bundle(make_bundle(vendor_key, body(2)), trusted(vendor_key))) is None


def test_the_signature_covers_the_body_bytes_not_the_envelope_spacing(bundle_v1: bytes, vendor_key: Ed25519PrivateKey) -> None:
    respaced = json.dumps(envelope(bundle_v1), separators=(",", ":")).encode()
    assert verify_bundle(respaced, trusted(vendor_key)).sha256 == verify_bundle(bundle_v1, trusted(vendor_key)).sha256


def test_an_unsigned_bundle_is_refused(bundle_v1: bytes, vendor_key: Ed25519PrivateKey) -> None:
    env = envelope(bundle_v1)
    del env["signature"]
    with pytest.raises(BundleRejected, match="not signed"):
        verify_bundle(json.dumps(env).encode(), trusted(vendor_key), "vendor.json")


def test_an_edited_body_is_refused(bundle_v1: bytes, vendor_key: Ed25519PrivateKey) -> None:
    edited = body_of(bundle_v1)
    edited["locks"] = {}  # someone drops the locks and keeps the vendor's signature
    with pytest.raises(BundleRejected, match=r"vendor\.json is refused: the signature does not match the body: it was edited after signing"):
        verify_bundle(reseal(bundle_v1, canonical_json(edited)), trusted(vendor_key), "vendor.json")


def test_a_single_flipped_byte_in_the_body_is_refused(bundle_v1: bytes, vendor_key: Ed25519PrivateKey) -> None:
    raw = bytearray(base64.b64decode(envelope(bundle_v1)["body"]))
    raw[raw.index(b'"version":1') + len('"version":')] = ord("9")
    with pytest.raises(BundleRejected, match="does not match the body"):
        verify_bundle(reseal(bundle_v1, bytes(raw)), trusted(vendor_key))


def test_a_bundle_signed_by_another_key_under_the_trusted_key_id_is_refused(bundle_v1: bytes, vendor_key: Ed25519PrivateKey) -> None:
    intruder = generate_key()
    raw = base64.b64decode(envelope(bundle_v1)["body"])
    with pytest.raises(BundleRejected, match="signed by another key than " + key_id(vendor_key)):
        verify_bundle(reseal(bundle_v1, raw, intruder), trusted(vendor_key))


def test_a_bundle_of_an_unknown_issuer_is_refused(vendor_key: Ed25519PrivateKey) -> None:
    stranger = generate_key()
    data = make_bundle(stranger, body(5))
    with pytest.raises(BundleRejected, match=f"signed by {key_id(stranger)}, an unknown issuer: that key is not in the trust store"):
        verify_bundle(data, trusted(vendor_key))


def test_the_body_must_name_its_signer_as_issuer(bundle_v1: bytes, vendor_key: Ed25519PrivateKey) -> None:
    other = generate_key()
    changed = body_of(bundle_v1)
    changed["issuer"] = key_id(other)
    with pytest.raises(BundleRejected, match=f"names the issuer {key_id(other)}, but it is signed by {key_id(vendor_key)}"):
        verify_bundle(reseal(bundle_v1, canonical_json(changed), vendor_key), trusted(vendor_key))


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"\xff\xfe", "not UTF-8 JSON"),
        (b"[]", "not a policy bundle"),
        (b'{"format": "popup-client-policy/2"}', "not a policy bundle"),
        (b'{"format": "popup-client-policy/1", "body": "", "signature": {"key_id": "x"}}', "signature"),
        (b'{"format": "popup-client-policy/1", "extra": 1}', "unknown fields: extra"),
    ],
)
def test_malformed_files_are_refused(data: bytes, why: str, vendor_key: Ed25519PrivateKey) -> None:
    with pytest.raises(BundleRejected, match=why):
        verify_bundle(data, trusted(vendor_key))


def test_a_body_that_is_not_base64_is_refused(bundle_v1: bytes, vendor_key: Ed25519PrivateKey) -> None:
    env = envelope(bundle_v1)
    env["body"] = "not base64!"
    with pytest.raises(BundleRejected, match='its "body" is not valid base64'):
        verify_bundle(json.dumps(env).encode(), trusted(vendor_key))


def _signed_raw(key: Ed25519PrivateKey, raw: bytes) -> bytes:
    env = {"format": "popup-client-policy/1", "body": base64.b64encode(raw).decode(), "signature": {"key_id": key_id(key), "sig": sign(key, raw)}}
    return json.dumps(env).encode()


def test_a_non_canonical_body_is_refused_even_when_signed(vendor_key: Ed25519PrivateKey) -> None:
    fields = {"schema": 1, "version": 2, "issuer": key_id(vendor_key), "created": "2026-12-01T09:00:00Z"}
    raw = json.dumps(fields, indent=1).encode()
    with pytest.raises(BundleRejected, match="not canonical JSON"):
        verify_bundle(_signed_raw(vendor_key, raw), trusted(vendor_key))


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"version": 0}, '"version" must be a whole number'),
        ({"version": True}, '"version" must be a whole number'),
        ({"created": "2026-12-01 09:00"}, '"created"'),
        ({"surprise": 1}, "unknown fields surprise"),
        ({"schema": 2}, "schema 2"),
        ({"locks": {"caps.global_hourly": {"min": 50}}}, "lock on caps.global_hourly refused: 'min' would not make the user safer"),
        ({"locks": {"minors_mode": {"force": False}}}, "can only force it to true"),
        ({"providers": [{"id": "com.example.news"}]}, "providers\\[0\\] must have exactly"),
        ({"news_sources": {"version": "", "sources": []}}, '"news_sources" must be'),
    ],
)
def test_invalid_bodies_are_refused(vendor_key: Ed25519PrivateKey, change: dict[str, Any], why: str) -> None:
    fields = {"schema": 1, "version": 2, "issuer": key_id(vendor_key), "created": "2026-12-01T09:00:00Z", **change}
    with pytest.raises(BundleRejected, match=why):
        verify_bundle(_signed_raw(vendor_key, canonical_json(fields)), trusted(vendor_key))


def test_a_fractional_number_is_refused(vendor_key: Ed25519PrivateKey) -> None:
    raw = canonical_json({"schema": 1, "version": 2, "issuer": key_id(vendor_key), "created": "2026-12-01T09:00:00Z"})
    raw = raw.replace(b'"version":2', b'"version":2.0')
    with pytest.raises(BundleRejected, match="no fractional numbers"):
        verify_bundle(_signed_raw(vendor_key, raw), trusted(vendor_key))


@pytest.mark.parametrize(
    ("entry", "why"),
    [
        ({"public_key": "AAAA"}, "public_key is 3 bytes long; it must be 32"),
        ({"complaint_url": "http://example.com/c"}, "https complaint URL"),
        ({"id": "Not An Id"}, "providers\\[0\\]: id"),
        ({"name": "\u200b"}, "a visible name"),
    ],
)
def test_bad_provider_entries_are_refused(vendor_key: Ed25519PrivateKey, provider_key: Ed25519PrivateKey, entry: dict[str, str], why: str) -> None:
    with pytest.raises(BundleRejected, match=why):
        make_bundle(vendor_key, body(2, providers=[{**provider_entry(provider_key), **entry}]))


def test_a_provider_or_key_listed_twice_is_refused(vendor_key: Ed25519PrivateKey, provider_key: Ed25519PrivateKey) -> None:
    twice = [provider_entry(provider_key), provider_entry(provider_key, "com.other.news", "别的")]
    with pytest.raises(BundleRejected, match="the same public_key more than once"):
        make_bundle(vendor_key, body(2, providers=twice))


def test_deeply_nested_junk_is_refused_not_a_crash(vendor_key: Ed25519PrivateKey) -> None:
    with pytest.raises(BundleRejected, match="not a policy bundle"):
        verify_bundle(b"[" * 200_000 + b"]" * 200_000, trusted(vendor_key))
