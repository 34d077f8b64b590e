#!/usr/bin/env python3
"""The trust building blocks (issue 18): how much they add to each decision, and how long checks take.

Times, on one core:

- ``seal_per_s``: journal rows sealed into the hash chain (a receipt-shaped
  row with a ~1 KiB payload), what each decision would add to its write;
- ``verify_chain_per_s``: rows of a chain of N verified (``journal verify``);
- ``verify_signed_per_s``: signed payloads (~0.5 KiB) verified against a
  registry of 200 providers, beside ``ed25519_verify_per_s``, the bare
  signature check of ``cryptography`` (OpenSSL) on the same machine, which
  bounds it;
- ``bundle_verify_ms``: one bundle of 200 providers and 2 000 news sources
  verified (each start of the app, each ``policy verify``);
- ``evidence_ms``: one evidence folder written and verified (200 KiB screenshot).

Prints one JSON object. Targets: sealing ≥ 20 000 rows/s (≤ 50 µs, a small
part of the 200 µs a decision may take at 5 000 decisions/s); a signed
payload verified at ≥ 70 % of the bare Ed25519 rate (the rest is parsing and
look-up); a bundle verified in ≤ 100 ms.

    .venv/bin/python benchmarks/trust.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from popup_client.core.trust.bundle import make_bundle, verify_bundle  # noqa: E402
from popup_client.core.trust.chain import GENESIS, HASH_FIELD, seal, verify_chain  # noqa: E402
from popup_client.core.trust.evidence import write_evidence, verify_evidence  # noqa: E402
from popup_client.core.trust.keys import generate_key, key_id, public_key_b64  # noqa: E402
from popup_client.core.trust.signed_payload import ProviderKeys, sign_payload, verify_signed  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "resources" / "examples"
NOW = datetime(2026, 12, 2, 20, 0, tzinfo=timezone.utc)


def per_second(count: int, seconds: float) -> int:
    return round(count / seconds)


def chain_figures(rows: int) -> dict[str, int]:
    payload = (EXAMPLES / "valid-content.json").read_text(encoding="utf-8")[:1024]
    plain = [{"table": "receipts", "id": i, "ts": 1796212800.0 + i, "provider_id": f"com.p{i % 200}.app", "decision": "show",
              "rules": "[]", "reasons": "[]", "payload": payload, "verified": 1} for i in range(rows)]  # fmt: skip
    start = time.perf_counter()
    prev, sealed = GENESIS, []
    for row in plain:
        sealed.append(seal(row, prev))
        prev = sealed[-1][HASH_FIELD]
    seal_s = time.perf_counter() - start
    start = time.perf_counter()
    assert verify_chain(sealed).ok
    return {"rows": rows, "seal_per_s": per_second(rows, seal_s), "verify_chain_per_s": per_second(rows, time.perf_counter() - start)}


def payload_figures(count: int) -> dict[str, float]:
    vendor = generate_key()
    keys = [generate_key() for _ in range(200)]
    providers = [{"id": f"com.p{i}.app", "name": f"P{i}", "public_key": public_key_b64(k.public_key()),
                  "complaint_url": f"https://p{i}.example.com/c"} for i, k in enumerate(keys)]  # fmt: skip
    sources = [{"name": f"来源{i}", "aliases": [f"别名{i}"], "domains": [f"s{i}.example.cn"]} for i in range(2000)]
    data = make_bundle(vendor, {"version": 1, "created": "2026-12-02T20:00:00Z", "providers": providers,
                                "news_sources": {"version": "2026-12-01", "sources": sources}})  # fmt: skip
    trusted = {key_id(vendor): vendor.public_key()}
    start = time.perf_counter()
    for _ in range(10):
        bundle = verify_bundle(data, trusted)
    bundle_ms = (time.perf_counter() - start) * 100
    registry = ProviderKeys([bundle])
    base = json.loads((EXAMPLES / "valid-content.json").read_text(encoding="utf-8"))
    base.pop("image", None)
    base["provider"].pop("icon", None)
    signed = []
    for i in range(count):
        base["provider"]["id"], base["id"] = f"com.p{i % 200}.app", f"bench-{i}"
        signed.append(sign_payload(keys[i % 200], json.dumps(base, ensure_ascii=False)))
    start = time.perf_counter()
    assert all(verify_signed(s, registry).verified for s in signed)
    seconds = time.perf_counter() - start
    return {"bundle_bytes": len(data), "bundle_verify_ms": round(bundle_ms, 1), "payload_bytes": len(signed[0]["payload"].encode()),
            "verify_signed_per_s": per_second(count, seconds)}  # fmt: skip


def bare_verify_rate(count: int) -> int:
    key = generate_key()
    public, data = key.public_key(), b"x" * 500
    signature = key.sign(data)
    start = time.perf_counter()
    for _ in range(count):
        public.verify(signature, data)
    return per_second(count, time.perf_counter() - start)


def evidence_figures() -> dict[str, float]:
    key = generate_key()
    files = {"payload.json": b"{}" * 512, "decision.json": b"{}", "screenshot.png": os.urandom(200 * 1024)}
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        folder = write_evidence(Path(tmp) / "e", files, key, NOW)
        assert verify_evidence(folder, key.public_key()).ok
        return {"evidence_ms": round((time.perf_counter() - start) * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--payloads", type=int, default=5_000)
    args = parser.parse_args()
    chain, payloads = chain_figures(args.rows), payload_figures(args.payloads)
    bare = bare_verify_rate(args.payloads)
    figures: dict[str, object] = {**chain, **payloads, "ed25519_verify_per_s": bare, **evidence_figures()}
    figures["targets_met"] = {
        "seal": chain["seal_per_s"] >= 20_000,
        "verify_signed": payloads["verify_signed_per_s"] >= 0.7 * bare,
        "bundle_verify": payloads["bundle_verify_ms"] <= 100,
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
