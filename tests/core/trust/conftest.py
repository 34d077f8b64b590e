"""Fixtures of the trust tests: a vendor key in a stand-in trust store, a provider key, a bundle body."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from popup_client.core.clock import FixedClock
from popup_client.core.trust.bundle import make_bundle
from popup_client.core.trust.keys import Ed25519PrivateKey, generate_key, public_key_pem
from popup_client.core.trust.store import PolicyStore, TrustStore

from .factory import body, provider_entry

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def vendor_key() -> Ed25519PrivateKey:
    return generate_key()


@pytest.fixture(scope="session")
def provider_key() -> Ed25519PrivateKey:
    return generate_key()


@pytest.fixture
def trust_dir(tmp_path: Path, vendor_key: Ed25519PrivateKey) -> Path:
    directory = tmp_path / "etc" / "xdg" / "popup-client" / "trust"
    directory.mkdir(parents=True)
    (directory / "vendor.pem").write_bytes(public_key_pem(vendor_key))
    return directory


@pytest.fixture
def store(tmp_path: Path, trust_dir: Path) -> PolicyStore:
    return PolicyStore(TrustStore(trust_dir), tmp_path / "etc" / "xdg" / "popup-client" / "policy", clock=FixedClock(NOW))


@pytest.fixture
def bundle_v1(vendor_key: Ed25519PrivateKey, provider_key: Ed25519PrivateKey) -> bytes:
    return make_bundle(
        vendor_key,
        body(
            1,
            providers=[provider_entry(provider_key)],
            news_sources={"version": "2026-11-01", "title": "list", "sources": [{"name": "新华社", "aliases": ["新华网"], "domains": ["news.cn"]}]},
            defaults={"caps": {"global_hourly": 4}, "quiet_hours": "22:00-07:00"},
            locks={"minors_mode": {"force": True}, "caps.global_hourly": {"max": 3}},
        ),
    )
