"""Bundle bodies and provider entries for the trust tests."""

from __future__ import annotations

from typing import Any

from popup_client.core.trust.keys import Ed25519PrivateKey, public_key_b64


def provider_entry(key: Ed25519PrivateKey, provider_id: str = "com.example.news", name: str = "示例新闻") -> dict[str, Any]:
    return {
        "id": provider_id,
        "name": name,
        "public_key": public_key_b64(key.public_key()),
        "complaint_url": f"https://{provider_id.split('.')[1]}.example.com/complaints",
    }


def body(version: int = 1, **extra: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {"version": version, "created": "2026-12-01T09:00:00+08:00", "title": "ExampleOS policy"}
    return {**fields, **extra}
