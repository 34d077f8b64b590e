"""Signed payloads over the socket (issue 18): verified by the policy bundle's registry, no token; tampering rejected."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal
from popup_client.core.prefs import PrefsStore
from popup_client.core.trust.bundle import make_bundle, verify_bundle
from popup_client.core.trust.keys import generate_key, key_id, private_key_pem, public_key_b64
from popup_client.core.trust.signed_payload import sign_payload
from popup_client.service import PopupService
from popup_client.transports.providers import ProviderRegistry
from popup_client.transports.socket.protocol import RequestError, parse_request
from popup_client.transports.socket.server import SocketServer
from tests.helpers.rules import EXAMPLES_NOW

ROOT = Path(__file__).resolve().parents[3]
VENDOR, PROVIDER, STRANGER = generate_key(), generate_key(), generate_key()
ENTRY = {"id": "org.example.files", "name": "文件同步", "public_key": public_key_b64(PROVIDER.public_key()), "complaint_url": "https://files.example.com/report"}


@pytest.fixture
def service(tmp_path: Path) -> PopupService:
    data = make_bundle(VENDOR, {"version": 3, "created": "2026-12-02T09:00:00+08:00", "providers": [ENTRY]})
    bundle = verify_bundle(data, {key_id(VENDOR): VENDOR.public_key()})
    clock = FixedClock(EXAMPLES_NOW)
    return PopupService(Journal(":memory:", clock=clock), PrefsStore(tmp_path / "preferences.toml"), clock=clock, bundles=[bundle])


@pytest.fixture
def server(qapp: Any, service: PopupService, tmp_path: Path) -> Iterator[SocketServer]:
    yield SocketServer(service, ProviderRegistry(tmp_path / "providers.toml"), name="unused")  # answer() only: never listens


def payload_text(name: str = "文件同步", title: str = "同步完成") -> str:
    data = json.loads((ROOT / "resources" / "examples" / "valid-service.json").read_text(encoding="utf-8"))
    data["provider"] = {**data["provider"], "id": "org.example.files", "name": name}
    data["title"] = title
    return json.dumps(data, ensure_ascii=False, indent=2)  # pretty-printed: the bytes signed are these, newlines and all


def line(envelope: dict[str, Any]) -> bytes:
    return json.dumps(envelope, ensure_ascii=False).encode("utf-8")


def test_a_signed_payload_is_shown_verified_under_the_registry_name_without_a_token(server: SocketServer, service: PopupService) -> None:
    text = payload_text()
    reply = server.answer(line({"signed": sign_payload(PROVIDER, text)}))
    assert reply["decision"] == "show", reply
    row = service.journal.get(reply["id"])
    assert row is not None and row.verified and row.provider_id == "org.example.files"
    assert row.sender["signature"]["key_id"] == key_id(PROVIDER) and row.sender["policy"] == service.settings.policy_in_force.version


def test_the_detached_form_signs_the_popups_exact_text_in_the_line(server: SocketServer, service: PopupService) -> None:
    text = json.dumps(json.loads(payload_text()), ensure_ascii=False)
    signature = sign_payload(PROVIDER, text)["signature"]
    request = b'{"popup": ' + text.encode() + b', "signature": ' + json.dumps(signature).encode() + b"}"
    assert server.answer(request)["decision"] == "show"
    respaced = b'{"popup": ' + text.replace('": ', '":').encode() + b', "signature": ' + json.dumps(signature).encode() + b"}"
    reply = server.answer(respaced)
    assert reply["decision"] == "reject" and reply["rules"][0] == "provider-identity", "other bytes than those signed"


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        (lambda s: {**s, "payload": s["payload"].replace("同步完成", "免费领取")},
         "the payload was altered after it was signed: its SHA-256 is not the one signed with"),
        (lambda s: {"payload": s["payload"].replace("同步完成", "免费领取"), "signature": {k: v for k, v in s["signature"].items() if k != "sha256"}},
         "the signature does not verify with org.example.files's key"),
        (lambda s: sign_payload(STRANGER, s["payload"]), "is signed with ed25519:"),
    ],
    ids=["altered", "altered-no-hash", "unlisted-key"],
)  # fmt: skip
def test_a_tampered_or_unlisted_signature_is_a_provider_identity_rejection_naming_why(
    server: SocketServer, service: PopupService, tamper: Any, reason: str
) -> None:
    reply = server.answer(line({"signed": tamper(sign_payload(PROVIDER, payload_text()))}))
    assert reply["decision"] == "reject" and "provider-identity" in reply["rules"]
    assert any(reason in r for r in reply["reasons"]), reply["reasons"]
    row = service.journal.get(reply["id"])
    assert row is not None and not row.verified and row.sender["signature_refused"] in ("altered", "bad-signature", "unknown-key")


def test_a_signed_popup_must_show_the_registry_name(server: SocketServer) -> None:
    reply = server.answer(line({"signed": sign_payload(PROVIDER, payload_text(name="官方客服"))}))
    assert reply["decision"] == "reject" and any('registered with the name "文件同步"' in r for r in reply["reasons"])


def test_malformed_signed_requests_get_an_error(server: SocketServer) -> None:
    assert "error" in server.answer(b'{"signed": {"payload": {"not": "text"}}}')
    with pytest.raises(RequestError, match="inside"):
        parse_request(line({"signed": sign_payload(PROVIDER, "{}"), "popup": {}}))
    request = parse_request(line({"token": "t", "signed": sign_payload(PROVIDER, "{}")}))
    assert (request.token, request.popup) == ("t", b"{}")


def test_the_example_script_signs_a_request_the_server_accepts(server: SocketServer, tmp_path: Path) -> None:
    (tmp_path / "provider.pem").write_bytes(private_key_pem(PROVIDER))
    (tmp_path / "popup.json").write_text(payload_text(), encoding="utf-8")
    script = ROOT / "resources" / "examples" / "sign-payload.py"
    done = subprocess.run([sys.executable, str(script), "provider.pem", "popup.json"], cwd=tmp_path, capture_output=True, check=True)
    assert server.answer(done.stdout.strip())["decision"] == "show"


def test_the_client_sends_a_signed_request_as_it_is(server: SocketServer) -> None:
    from popup_client.transports.socket.client import encode_request

    signed = sign_payload(PROVIDER, payload_text())
    for given in ({"signed": signed}, json.dumps({"signed": signed}, indent=2), json.dumps({"signed": signed}).encode()):
        request = parse_request(encode_request(given, token=None).rstrip(b"\n"))
        assert request.signed == signed and request.popup == payload_text().encode()
    assert server.answer(encode_request({"signed": signed}))["decision"] == "show"
