"""popup_client.core.digests gives the same bytes as hashlib, hmac and secrets, without loading OpenSSL."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from popup_client.core import digests

ROOT = Path(__file__).resolve().parents[2]
_rng = random.Random(16)


def _blobs() -> list[bytes]:
    """Empty, short, block-sized and long inputs, at and around SHA-256's 64-byte block and its 55-byte padding edge."""
    sizes = [0, 1, 2, 31, 32, 33, 54, 55, 56, 57, 63, 64, 65, 127, 128, 129, 1000, 4096, 100_003]
    sizes += [_rng.randrange(0, 300) for _ in range(60)]
    return [_rng.randbytes(n) for n in sizes]


BLOBS = _blobs()


@pytest.mark.parametrize("data", BLOBS, ids=lambda b: f"{len(b)}B")
def test_sha256_equals_hashlib(data: bytes) -> None:
    assert digests.sha256(data).digest() == hashlib.sha256(data).digest()
    assert digests.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()


def test_sha256_fed_in_pieces_equals_one_call() -> None:
    data = b"".join(BLOBS[:20])
    h = digests.sha256(b"")
    for i in range(0, len(data), 37):
        h.update(data[i : i + 37])
    assert h.hexdigest() == hashlib.sha256(data).hexdigest()


def test_sha256_is_the_interpreters_own_not_openssls() -> None:
    assert digests.sha256.__module__ in ("_sha256", "_sha2"), digests.sha256


@pytest.mark.parametrize("data", BLOBS[:30], ids=lambda b: f"{len(b)}B")
@pytest.mark.parametrize("size", [16, 20, 32, 64])
def test_blake2b_equals_hashlib(data: bytes, size: int) -> None:
    assert digests.blake2b(data, digest_size=size).digest() == hashlib.blake2b(data, digest_size=size).digest()


# RFC 4231's HMAC-SHA256 test cases 1, 2, 4 and 6 (key longer than the block); case 3 and 5 are covered by the sweep.
RFC_4231 = [
    (b"\x0b" * 20, b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    (b"Jefe", b"what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    (bytes(range(1, 26)), b"\xcd" * 50, "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    (
        b"\xaa" * 131,
        b"Test Using Larger Than Block-Size Key - Hash Key First",
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    ),
]


@pytest.mark.parametrize(("key", "message", "expected"), RFC_4231)
def test_hmac_sha256_meets_rfc_4231(key: bytes, message: bytes, expected: str) -> None:
    assert digests.hmac_sha256(key, message).hex() == expected


@pytest.mark.parametrize("key_size", [0, 1, 16, 32, 63, 64, 65, 100, 128, 129, 1000])
def test_hmac_sha256_equals_the_stdlibs_for_every_key_length(key_size: int) -> None:
    """Keys shorter than, equal to and longer than the 64-byte block (hashed first), the empty key too."""
    key = _rng.randbytes(key_size)
    for message in BLOBS:
        assert digests.hmac_sha256(key, message) == hmac.new(key, message, hashlib.sha256).digest()


def test_hmac_sha256_of_text_as_the_journal_redacts_it() -> None:
    """redaction.py fingerprints UTF-8 text (lone surrogates replaced): the same 16 hex digits as before."""
    key = _rng.randbytes(32)
    for text in ["", "广告", "推送服务 popup-client", "\ud800 lone", "x" * 500]:
        data = text.encode("utf-8", "replace")
        assert digests.hmac_sha256(key, data).hex()[:16] == hmac.new(key, data, hashlib.sha256).hexdigest()[:16]


def test_compare_digest_answers_as_hmacs() -> None:
    pairs = [(b"", b""), (b"a", b"a"), (b"a", b"b"), (b"abc", b"ab"), (bytes(32), bytes(32)), (bytes(32), bytes(31) + b"\x01")]
    for a, b in pairs:
        assert digests.compare_digest(a, b) is hmac.compare_digest(a, b) is (a == b)
    assert digests.compare_digest("abc", "abc") and not digests.compare_digest("abc", "abd")
    with pytest.raises(TypeError):
        digests.compare_digest("abc", b"abc")


def test_tokens_are_random_and_shaped_like_secrets() -> None:
    assert len(digests.token_bytes(16)) == 16 and digests.token_bytes(16) != digests.token_bytes(16)
    assert digests.token_bytes(0) == b""
    for n in (0, 1, 2, 3, 16, 31, 32, 33):
        token = digests.token_urlsafe(n)
        assert "=" not in token and len(token) == len(base64.urlsafe_b64encode(bytes(n)).rstrip(b"="))
        assert base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).__len__() == n
        assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert len({digests.token_urlsafe(32) for _ in range(100)}) == 100


def test_the_module_loads_neither_hashlib_nor_openssl() -> None:
    code = "import sys, json, popup_client.core.digests as d; d.hmac_sha256(b'k', b'm'); d.blake2b(b''); d.token_urlsafe(8)\n"
    code += "print(json.dumps(sorted(m for m in ('hashlib', '_hashlib', 'hmac', 'secrets') if m in sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(done.stdout) == []


def test_hmac_sha256_under_a_key_used_again_and_many_keys() -> None:
    keys = [bytes([n]) * (n + 1) for n in range(20)]  # more keys than are kept
    for _ in range(2):
        for key in keys:
            for message in (b"", b"first", "第二条消息".encode(), b"first"):  # the kept start of the hash is copied, never changed
                assert digests.hmac_sha256(key, message) == hmac.new(key, message, hashlib.sha256).digest()


def test_bulk_sha256_is_the_built_in_until_a_burst_then_openssls_with_the_same_digests() -> None:
    """A process that never bursts never maps libcrypto; one that does hashes with OpenSSL from then on, the same bytes."""
    code = (
        "import sys, json\n"
        "import popup_client.core.digests as d\n"
        "quiet = d.bulk_sha256(burst=False)\n"
        "loaded_quiet = '_hashlib' in sys.modules\n"
        "bulk = d.bulk_sha256(burst=True)\n"
        "after = d.bulk_sha256(burst=False)\n"
        "data = bytes(range(256)) * 9\n"
        "print(json.dumps([quiet is d.sha256, loaded_quiet, bulk.__module__, after is bulk, bulk(data).hexdigest(), quiet(data).hexdigest()]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    quiet_is_builtin, loaded_quiet, module, stays, bulk_hex, quiet_hex = json.loads(done.stdout)
    assert quiet_is_builtin and not loaded_quiet
    assert module == "_hashlib" and stays
    assert bulk_hex == quiet_hex == hashlib.sha256(bytes(range(256)) * 9).hexdigest()
