"""The Python API and its plain socket client, against small fake servers (no Qt here).

The real server is exercised through this API in tests/transports/socket/test_server.py.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from popup_client import api
from popup_client.core.errors import CoreError
from popup_client.core.payload import MAX_PAYLOAD_BYTES
from popup_client.transports.socket import client as socket_client
from popup_client.transports.socket.client import MAX_POPUP_BYTES, SOCKET_ENV, encode_request, socket_address

posix_only = pytest.mark.skipif(os.name == "nt", reason="AF_UNIX fake servers")
POPUP = {"version": 1, "id": "s-1", "provider": {"id": "org.example.files", "name": "文件同步"}, "kind": "service", "title": "好"}
SHOW = b'{"id":7,"decision":"show","rules":[],"reasons":[]}\n'


@pytest.fixture
def name(monkeypatch: pytest.MonkeyPatch) -> str:
    value = f"popup-client-test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setenv(SOCKET_ENV, value)
    return value


@contextmanager
def fake_server(name: str, respond: Callable[[bytes], bytes | None]) -> Iterator[list[bytes]]:
    """Accept connections one after another; answer each line with respond(line) (None: hang up)."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_address(name))
    listener.listen()
    listener.settimeout(0.02)
    received: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except (socket.timeout, TimeoutError):
                continue
            conn.settimeout(None)
            with conn, conn.makefile("rb") as lines:
                for line in lines:
                    received.append(line)
                    answer = respond(line)
                    if answer is None:
                        break
                    conn.sendall(answer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield received
    finally:
        stop.set()
        thread.join(5)
        listener.close()
        os.unlink(socket_address(name))


# ------------------------------------------------------------------ requests as sent


def test_the_limits_match_the_payload_contract() -> None:
    assert MAX_POPUP_BYTES == MAX_PAYLOAD_BYTES


def test_a_dict_is_sent_as_one_compact_line() -> None:
    line = encode_request({"title": "第一行\n第二行"}, token="t0k")
    assert line == '{"token":"t0k","popup":{"title":"第一行\\n第二行"}}\n'.encode()
    assert json.loads(line) == {"token": "t0k", "popup": {"title": "第一行\n第二行"}}


def test_text_is_sent_as_it_is_on_one_line() -> None:
    text = '\ufeff{\r\n  "id": "a",\n  "id": "b"\n}\n'  # a BOM, pretty-printed, a duplicate key for the app to judge
    assert encode_request(text) == b'{"popup":{    "id": "a",   "id": "b" }}\n'
    assert encode_request(text.encode("utf-8")) == encode_request(text)


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        (b"\xff{}", "not valid UTF-8"),
        ("{oops", "not valid JSON"),
        ("[1]", "must be a JSON object"),
        ({"x": float("nan")}, "cannot be written as JSON"),
        ({"image": "a" * MAX_POPUP_BYTES, "more": "b" * 70_000}, "at most 1048576 bytes"),
    ],
)
def test_what_cannot_be_sent_is_refused_before_connecting(payload: Any, problem: str, name: str) -> None:
    with pytest.raises(api.SendError, match=problem):
        encode_request(payload)


# ------------------------------------------------------------------ no app


def test_not_running(name: str) -> None:
    assert api.is_running() is False
    with pytest.raises(api.NotRunning) as err:
        api.send(POPUP)
    assert isinstance(err.value, api.ClientError) and isinstance(err.value, CoreError)
    assert str(err.value) == f"popup-client is not running (no socket at {socket_address(name)}); start it with `popup-client run`"
    assert err.value.address == socket_address(name)


@posix_only
def test_a_stale_socket_file_is_not_running(name: str) -> None:
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(socket_address(name))
    dead.close()
    try:
        assert not api.is_running()
        with pytest.raises(api.NotRunning):
            api.send(POPUP)
    finally:
        os.unlink(socket_address(name))


@posix_only
def test_a_file_that_is_not_a_socket_is_refused(name: str) -> None:
    Path(socket_address(name)).write_text("", encoding="utf-8")
    try:
        with pytest.raises(api.SendError, match="exists but is not a socket"):
            api.send(POPUP)
        assert not api.is_running()
    finally:
        os.unlink(socket_address(name))


@posix_only
def test_the_socket_is_per_user_in_qts_temporary_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(SOCKET_ENV, raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)  # else the socket is there (tests/transports/socket/test_path.py)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "." / ""))
    assert socket_client.default_socket_name() == f"popup-client-{os.getuid()}"
    assert socket_address() == str(tmp_path.resolve() / f"popup-client-{os.getuid()}")
    assert socket_address("/run/user/1/pc.sock") == "/run/user/1/pc.sock"


# ------------------------------------------------------------------ fake servers


@posix_only
def test_send_returns_the_reply_and_sends_the_token(name: str) -> None:
    with fake_server(name, lambda line: SHOW) as received:
        assert api.is_running()
        assert api.send(POPUP, token="secret") == {"id": 7, "decision": "show", "rules": [], "reasons": []}
    assert json.loads(received[-1]) == {"token": "secret", "popup": POPUP}


@posix_only
def test_a_client_sends_many_on_one_connection(name: str) -> None:
    answers = iter([SHOW, b'{"error":"line too long"}\n', SHOW])
    with fake_server(name, lambda line: next(answers)) as received:
        with api.Client(token="t") as client:
            assert client.send(POPUP)["decision"] == "show"
            replies = client.send_many([POPUP, POPUP])
    assert replies == [{"error": "line too long"}, json.loads(SHOW)]
    assert len(received) == 3


@posix_only
def test_an_error_reply_raises_with_the_reply(name: str) -> None:
    with fake_server(name, lambda line: b'{"error":"the line is not valid JSON"}\n'):
        with pytest.raises(api.SendError, match="the app refused the request: the line is not valid JSON") as err:
            api.send(POPUP)
    assert err.value.reply == {"error": "the line is not valid JSON"}


@posix_only
def test_no_answer_times_out(name: str) -> None:
    with fake_server(name, lambda line: b""):
        with pytest.raises(api.SendError, match="did not answer within 0.2 s"):
            api.send(POPUP, timeout=0.2)


@posix_only
def test_a_server_that_hangs_up(name: str) -> None:
    with fake_server(name, lambda line: None):
        with pytest.raises(api.SendError, match="closed the connection before answering"):
            api.send(POPUP)


@posix_only
def test_a_reply_that_is_not_json(name: str) -> None:
    with fake_server(name, lambda line: b"HTTP/1.1 400 Bad Request\n"):
        with pytest.raises(api.SendError, match="not JSON"):
            api.send(POPUP)


@posix_only
def test_a_refusal_written_before_the_close_is_read_even_when_the_write_breaks(name: str) -> None:
    """The server refused (too many connections) and closed before the request was written: EPIPE, then its line."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_address(name))
    listener.listen()
    refused = b'{"error":"too many connections to popup-client; try again later"}\n'
    try:
        client = api.Client(timeout=5)  # connects now, sends later
        conn, _ = listener.accept()
        conn.sendall(refused)
        conn.close()
        with pytest.raises(api.SendError) as err:
            client.send(POPUP)
        client.close()
    finally:
        listener.close()
        os.unlink(socket_address(name))
    assert not isinstance(err.value, socket_client.ConnectionLost)
    assert str(err.value) == "the app refused the request: too many connections to popup-client; try again later"
    assert err.value.reply == json.loads(refused)


@posix_only
def test_without_xdg_runtime_dir_the_sessions_app_is_still_found(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A provider's cron job (no XDG_RUNTIME_DIR) reaches the app of the desktop session in /run/user/<uid>."""
    session = tmp_path / "run-user" / str(os.geteuid())
    session.mkdir(parents=True, mode=0o700)
    monkeypatch.setattr("popup_client.transports.socket.path.SESSION_RUNTIME_ROOT", str(tmp_path / "run-user"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(session))
    with fake_server(name, lambda line: SHOW) as received:  # the app, started in the session
        monkeypatch.delenv("XDG_RUNTIME_DIR")
        assert socket_address(name) != str(session / name)
        assert api.send(POPUP, token="t") == json.loads(SHOW)
        session.chmod(0o755)  # not private: not looked at
        with pytest.raises(api.NotRunning):
            api.send(POPUP)
        session.chmod(0o700)
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(session))  # for the fake server's clean-up
    assert len(received) == 1
