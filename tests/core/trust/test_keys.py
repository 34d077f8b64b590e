"""Keys, key ids, canonical JSON and strict base64: one value, one encoding; only Ed25519."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from popup_client.core.trust.errors import TrustError
from popup_client.core.trust.keys import (
    b64_bytes,
    canonical_json,
    generate_key,
    key_id,
    load_private_key_pem,
    load_public_key_pem,
    private_key_pem,
    public_key_b64,
    public_key_from_b64,
    public_key_pem,
    sha256_hex,
    sign,
    signature_valid,
)


def test_key_ids_name_the_public_key() -> None:
    key = generate_key()
    assert key_id(key) == key_id(key.public_key()) and key_id(key).startswith("ed25519:") and len(key_id(key)) == 8 + 32
    assert key_id(key) != key_id(generate_key())
    assert key_id(public_key_from_b64(public_key_b64(key.public_key()))) == key_id(key)


def test_pem_round_trips_and_other_algorithms_are_refused() -> None:
    key = generate_key()
    assert key_id(load_public_key_pem(public_key_pem(key))) == key_id(key)
    assert key_id(load_private_key_pem(private_key_pem(key))) == key_id(key)
    ec_pem = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    with pytest.raises(TrustError, match=r"vendor.pem holds a key of another algorithm \(ECPublicKey\); only Ed25519 keys are used"):
        load_public_key_pem(ec_pem, "vendor.pem")
    with pytest.raises(TrustError, match="vendor.pem is not a PEM public key"):
        load_public_key_pem(b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "vendor.pem")


def test_canonical_json_has_one_encoding() -> None:
    assert canonical_json({"b": [1, "中"], "a": None}) == '{"a":null,"b":[1,"中"]}'.encode()
    with pytest.raises(ValueError):
        canonical_json({"x": float("nan")})


def test_sha256_is_the_standard_one() -> None:
    assert sha256_hex(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_strict_base64_and_signatures() -> None:
    key = generate_key()
    signature = sign(key, b"data")
    assert signature_valid(key.public_key(), signature, b"data")
    assert not signature_valid(key.public_key(), signature, b"Data")
    assert not signature_valid(generate_key().public_key(), signature, b"data")
    with pytest.raises(TrustError, match="the thing is not valid base64"):
        b64_bytes("ab c=", "the thing")
    with pytest.raises(TrustError, match="must be base64 text"):
        b64_bytes(42, "the thing")
