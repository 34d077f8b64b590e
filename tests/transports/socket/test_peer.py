"""Another Unix user at the socket (issue 12 item 3): impostors, squatters, foreign clients.

The attacker is a real second user (``tests/helpers/unix_user.py``; these
tests need root to create it and skip otherwise, CI runs as root). It binds
a socket at the victim's socket path, over and over (``tests/helpers/impostor.py``),
while the victim sends with a real token; it leaves a file at the socket path
before the app starts; it connects to the app's socket when the socket file's
permissions would let it. The kernel's word on who is at the other end of a
connection decides, never the socket file's owner checked beforehand.
"""

from __future__ import annotations

import json
import os
import re
import sys
import textwrap
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from popup_client import api, cli
from popup_client.service import PopupService
from popup_client.transports.socket import client as socket_client
from popup_client.transports.socket import server as socket_server
from popup_client.cli.output import EXIT_FAIL, EXIT_NOT_RUNNING
from popup_client.transports.providers import ProviderRegistry
from popup_client.transports.socket.client import SOCKET_ENV, socket_address
from popup_client.transports.socket.path import qt_temp_dir
from popup_client.transports.socket.server import SocketServer, SocketServerError
from tests.helpers.impostor import SYSTEM_PYTHON, accepted_lines, impostor, shared_folder
from tests.helpers.memkeyring import memory_keyring
from tests.helpers.qtproc import run_command
from tests.helpers.service import make_service
from tests.helpers.unix_user import UnixUser, other_user

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a second Unix user, SO_PEERCRED")

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "resources" / "examples" / "valid-service.json"
#: The race ends once this many attempts reached the impostor, or after MAX_ATTEMPTS.
CONNECTED_ENOUGH, MAX_ATTEMPTS = 10, 4000


@pytest.fixture
def other() -> UnixUser:
    user = other_user()
    if user is None:
        pytest.skip("needs a second Unix user: run as root (CI does)")
    return user


@pytest.fixture
def shared() -> Iterator[Path]:
    with shared_folder() as folder:
        yield folder


@pytest.fixture
def token(tmp_path: Path) -> Iterator[str]:
    with memory_keyring():
        yield ProviderRegistry(tmp_path / "providers.toml").add("org.example.files", "文件同步")


@pytest.fixture
def service(tmp_path: Path) -> PopupService:
    return make_service(tmp_path)[0]


def _no_token_reached(log: Path, token: str) -> list[bytes]:
    received = accepted_lines(log)
    leaked = [data for data in received if token.encode() in data or token[:12].encode() in data]
    assert not leaked, f"the impostor received the token on {len(leaked)} of {len(received)} connections"
    assert all(data == b"" for data in received), "nothing at all is written to another user's server"
    return received


# ------------------------------------------------------------------ the client: an impostor at the path


@pytest.mark.slow
def test_an_impostor_racing_the_socket_path_never_gets_the_token(
    other: UnixUser, shared: Path, token: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`popup-client send --token` hundreds of times while another user binds and unbinds the socket path."""
    path = shared / "popup-client.sock"
    monkeypatch.setenv(SOCKET_ENV, str(path))
    attempts: list[tuple[int, str, str]] = []
    with impostor(other, path, shared) as log:
        while len(attempts) < MAX_ATTEMPTS and (len(attempts) % 20 or len(accepted_lines(log)) < CONNECTED_ENOUGH):
            rc = cli.main(["send", str(EXAMPLE), f"--token={token}"])
            attempts.append((rc, *capsys.readouterr()))
    received = _no_token_reached(log, token)
    assert not [a for a in attempts if a[0] == 0 or a[1]], "the impostor's reply was taken for the app's"
    outcomes = Counter(_outcome(*attempt, other) for attempt in attempts)
    print(dict(outcomes), f"{len(received)} connections accepted by the impostor")
    assert outcomes["connected to the impostor, refused"] >= 1, f"the race never reached the impostor: {dict(outcomes)}"


def _outcome(rc: int, out: str, err: str, other: UnixUser) -> str:
    """What one `send` said; each way it can end is a clear message and a non-zero exit."""
    if "refusing to talk to" in err:
        assert rc == EXIT_FAIL and f"user popup-client-test (uid {other.uid}, pid" in err and "Nothing was sent" in err, err
        return "connected to the impostor, refused"
    if "is taken by another user" in err:
        assert rc == EXIT_FAIL and f"owned by user popup-client-test (uid {other.uid})" in err, err
        return "the path is another user's"
    assert rc == EXIT_NOT_RUNNING and "is not running" in err, (rc, err)
    return "nothing there"


def test_the_client_asks_the_kernel_who_serves_not_the_socket_files_owner(
    other: UnixUser, shared: Path, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even when the check of the path is passed (the race won), nothing is sent to another user's server."""
    path = shared / "popup-client.sock"
    monkeypatch.setenv(SOCKET_ENV, str(path))
    monkeypatch.setattr(socket_client, "foreign_socket", lambda _address: None)  # as if the path changed after the check
    with impostor(other, path, shared, steady=True) as log:
        for _ in range(20):
            with pytest.raises(api.SendError) as refused:
                api.send(json.loads(EXAMPLE.read_text(encoding="utf-8")), token=token)
            assert isinstance(refused.value, api.ForeignServer)
            assert f"refusing to talk to {path}: it is served by user popup-client-test (uid {other.uid}, pid" in str(refused.value)
        assert api.is_running() is False
    assert len(_no_token_reached(log, token)) == 21


# ------------------------------------------------------------------ the server: impostors, squatters, foreign clients


def test_the_server_does_not_take_an_impostor_for_a_running_instance(
    qapp: Any, other: UnixUser, shared: Path, service: PopupService, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = shared / "popup-client.sock"
    monkeypatch.setattr(socket_server, "foreign_socket", lambda _address: None)  # the impostor binds right after the check
    with impostor(other, path, shared, steady=True):
        server = SocketServer(service, ProviderRegistry(shared / "none.toml"), name=str(path))
        with pytest.raises(SocketServerError, match=rf"is answered by user popup-client-test \(uid {other.uid}, pid \d+\)"):
            server.listen()
        assert not server.is_listening()


FOREIGN_CLIENT = textwrap.dedent(
    """
    import socket, sys
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sys.argv[1])
    s.sendall(sys.stdin.buffer.read())
    got = b""
    while chunk := s.recv(65536):
        got += chunk
    sys.stdout.write(got.decode())
    """
)


def test_the_server_refuses_another_users_connection_with_an_error_line(
    qtbot: Any, tmp_path: Path, other: UnixUser, shared: Path, service: PopupService
) -> None:
    """Where socket permissions are not enforced (or the folder is shared), the kernel's word still keeps others out."""
    path = shared / "popup-client.sock"
    server = SocketServer(service, ProviderRegistry(tmp_path / "providers.toml"), name=str(path))
    assert server.listen()
    try:
        path.chmod(0o777)  # as if the permissions of the socket file were ignored
        request = json.dumps({"popup": json.loads(EXAMPLE.read_text(encoding="utf-8"))}).encode() + b"\n"
        done = run_command(qtbot, tmp_path, other.as_user([SYSTEM_PYTHON, "-c", FOREIGN_CLIENT, str(path)]), stdin=request, cwd=shared)
    finally:
        server.close()
    assert done.rc == 0, done.err
    (reply,) = done.lines()
    expected = rf"popup-client serves only the user it runs as; this connection comes from user popup-client-test \(uid {other.uid}, pid \d+\) and is refused"
    assert list(reply) == ["error"] and re.fullmatch(expected, reply["error"]), reply
    assert service.journal.history() == [], "nothing another user sends is handled"


@pytest.fixture
def squatted(other: UnixUser) -> Iterator[tuple[str, Path]]:
    """A socket name whose path in the temporary folder another user took first: (name, path)."""
    name = f"popup-client-test-{uuid.uuid4().hex[:12]}"
    path = Path(qt_temp_dir()) / name
    path.write_text("mine now\n", encoding="utf-8")
    other.chown(path)
    try:
        yield name, path
    finally:
        path.unlink()


def test_a_squatter_in_the_temp_folder_is_named_when_there_is_no_runtime_dir(
    qapp: Any, squatted: tuple[str, Path], service: PopupService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, path = squatted
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    server = SocketServer(service, ProviderRegistry(tmp_path / "providers.toml"), name=name)
    with pytest.raises(SocketServerError) as refused:
        server.listen()
    assert f"{path} is taken by another user: it is not a socket owned by user popup-client-test (uid" in str(refused.value)
    assert "XDG_RUNTIME_DIR" in str(refused.value)  # and what to do about it
    with pytest.raises(api.SendError, match="is taken by another user"):
        api.send({}, name=name)


def test_a_squatter_in_the_temp_folder_is_harmless_with_a_runtime_dir(
    qtbot: Any, squatted: tuple[str, Path], service: PopupService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, squatter = squatted
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    server = SocketServer(service, ProviderRegistry(tmp_path / "providers.toml"), name=name)
    assert server.listen()
    try:
        assert server.address == socket_address(name) == str(runtime / name)
        env = {**os.environ, "PYTHONPATH": str(ROOT), SOCKET_ENV: name}
        send = f"from popup_client.api import send; print(send({json.loads(EXAMPLE.read_text(encoding='utf-8'))!r})['decision'])"
        done = run_command(qtbot, tmp_path, [sys.executable, "-c", send], env=env)
    finally:
        server.close()
    assert (done.rc, done.out.strip()) == (0, "show"), done.err
    assert squatter.read_text(encoding="utf-8") == "mine now\n"  # neither used nor touched
