"""Impersonation and access, against the real app: whose socket, whose token, whose files.

A provider registered with ``popup-client provider add`` (tokens in a test
keyring shared by the CLI and the app) sends through the real socket:

- with its token and its own ``provider.id`` and registered name: verified;
- with its token but another provider's id, or another name than the one
  it registered: rejected (``provider-identity``);
- with a wrong or no token: unverified, marked so, whatever it claims.

The token never appears in the app's log, the journal file or the history;
the socket and every file the app creates are the user's alone.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from popup_client.transports.socket.client import socket_address
from tests.e2e.conftest import RunningApp, app_env, start_app
from tests.faults.flood import Client, request_line, run_clients

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")]

AD = json.loads((Path(__file__).resolve().parents[2] / "resources" / "examples" / "valid-ad.json").read_text(encoding="utf-8"))


@pytest.fixture
def app(tmp_path: Path) -> RunningApp:
    env = app_env(
        tmp_path,
        PYTHON_KEYRING_BACKEND="tests.helpers.filekeyring.FileKeyring",
        POPUP_CLIENT_TEST_KEYRING=str(tmp_path / "keyring.json"),
    )
    return start_app(tmp_path, "--no-dbus", env=env)


def _register(app: RunningApp, provider_id: str, name: str, domain: str) -> str:
    done = app.cli("provider", "add", provider_id, "--name", name, "--domain", domain)
    assert done.returncode == 0, done.stderr
    token = done.stdout.strip()
    assert len(token) >= 40
    return token


def _ad(popup_id: str, provider_id: str = "com.example.shop", name: str = "示例商城") -> dict[str, object]:
    doc = json.loads(json.dumps(AD))
    doc.pop("image", None)
    doc["id"] = popup_id
    doc["provider"]["id"] = provider_id
    doc["provider"]["name"] = name
    doc.pop("sent_at", None)
    doc["review"]["reviewed_at"] = "2020-01-01T00:00:00Z"
    return doc  # type: ignore[no-any-return]


def test_tokens_identify_providers_and_never_leak(app: RunningApp) -> None:
    try:
        token = _register(app, "com.example.shop", "示例商城", "shop.example.com")
        other = _register(app, "com.example.other", "另一家", "other.example.com")
        requests = [
            request_line(_ad("own-1"), token),  # its own id, its own token
            request_line(_ad("claim-1", "com.example.other"), token),  # claims another registered provider
            request_line(_ad("claim-2", "com.bank.example"), token),  # claims an unregistered one
            request_line(_ad("wrong-1"), token[:-2] + "xx"),  # a forged token
            request_line(_ad("none-1")),  # no token at all
            request_line(_ad("other-1", "com.example.other", "另一家"), other),
            request_line(_ad("name-1", name="另一家"), token),  # its own id, another's name
        ]
        client = Client("access", b"".join(requests), expect=len(requests))
        run_clients(socket_address(app.env["POPUP_CLIENT_SOCKET"]), [client])
        decisions = [(r["decision"], r["rules"]) for r in client.replies]
        assert decisions[0] == ("show", [])
        assert decisions[1][0] == "reject" and "provider-identity" in decisions[1][1]
        assert decisions[2][0] == "reject" and "provider-identity" in decisions[2][1]
        assert decisions[3][0] in ("show", "suppress") and "provider-identity" not in decisions[3][1]
        assert decisions[4][0] in ("show", "suppress")
        assert decisions[5][0] in ("show", "suppress") and "provider-identity" not in decisions[5][1]
        assert decisions[6][0] == "reject" and "provider-identity" in decisions[6][1]
        history = {row["popup_id"]: row for row in json.loads(app.cli("history", "--json").stdout)}
        assert history["own-1"]["verified"] is True and history["other-1"]["verified"] is True
        assert history["wrong-1"]["verified"] is False and history["none-1"]["verified"] is False
        assert "com.example.other" in " ".join(history["claim-1"]["reasons"])
        assert history["name-1"]["verified"] is True and history["name-1"]["decision"] == "reject"
        assert '"示例商城"' in " ".join(history["name-1"]["reasons"]), "the reason names the registered name"
    finally:
        assert app.stop() == 0
    _check_no_token_anywhere(app, [token, other])
    _check_private_files(app)


def _check_no_token_anywhere(app: RunningApp, tokens: list[str]) -> None:
    haystacks = {"app log": app.output().encode()}
    for path in (app.home / "data").iterdir():
        haystacks[path.name] = path.read_bytes()
    haystacks["providers.toml"] = (app.home / "config" / "providers.toml").read_bytes()
    for token in tokens:
        for where, data in haystacks.items():
            assert token.encode() not in data, f"a token was found in {where}"
            assert token[:16].encode() not in data, f"part of a token was found in {where}"


def _check_private_files(app: RunningApp) -> None:
    for folder in (app.home / "data", app.home / "config"):
        assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0, folder
        for path in folder.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, f"{path} is readable by others: {oct(path.stat().st_mode)}"


def test_the_socket_is_the_users_alone(app: RunningApp) -> None:
    try:
        where = socket_address(app.env["POPUP_CLIENT_SOCKET"])
        info = os.stat(where)
        assert stat.S_ISSOCK(info.st_mode) and info.st_uid == os.geteuid()
        assert stat.S_IMODE(info.st_mode) & 0o077 == 0, oct(info.st_mode)
    finally:
        assert app.stop() == 0
