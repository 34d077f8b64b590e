"""Where the socket is (issue 12 item 3): the user's private runtime folder when there is one.

``$XDG_RUNTIME_DIR`` is used only when it is what the XDG spec promises: an
absolute path to a folder of this user that nobody else may open. Otherwise
(``su`` and ``sudo`` often carry another user's value along) the temporary
folder is used, as before, with its ownership checks.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
from pathlib import Path

import pytest

from popup_client.transports.socket import path as socket_path
from popup_client.transports.socket.peer import unix_peer
from popup_client.transports.socket.path import SOCKET_ENV, qt_temp_dir, runtime_dir, socket_address, user_label
from tests.helpers.unix_user import other_user

pytestmark = pytest.mark.skipif(os.name == "nt", reason="socket files exist on Linux and macOS only")


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    monkeypatch.delenv(SOCKET_ENV, raising=False)
    socket_path._warned.clear()
    return folder


def test_the_socket_is_in_the_private_runtime_folder(runtime: Path) -> None:
    assert runtime_dir() == str(runtime)
    assert socket_address() == str(runtime / f"popup-client-{os.getuid()}")
    assert socket_address("other-name") == str(runtime / "other-name")
    assert socket_address("/elsewhere/pc.sock") == "/elsewhere/pc.sock"  # an absolute POPUP_CLIENT_SOCKET is kept


def test_popup_client_socket_still_chooses_the_name(runtime: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SOCKET_ENV, "popup-client-test-x")
    assert socket_address() == str(runtime / "popup-client-test-x")


@pytest.mark.parametrize(
    ("spoil", "why"),
    [
        (lambda folder: folder.chmod(0o755), "others may open it (mode 755, not 700)"),
        (lambda folder: folder.rmdir(), "No such file or directory"),
        (lambda folder: (folder.rmdir(), folder.write_text("")), "not a folder"),
    ],
    ids=["open to others", "missing", "a file"],
)
def test_an_unusable_runtime_folder_falls_back_to_the_temp_folder(
    runtime: Path, spoil: object, why: str, caplog: pytest.LogCaptureFixture
) -> None:
    spoil(runtime)  # type: ignore[operator]
    with caplog.at_level(logging.WARNING):
        assert runtime_dir() is None
        assert socket_address("n") == os.path.join(qt_temp_dir(), "n")
        assert runtime_dir() is None
    warnings = [r.getMessage() for r in caplog.records if r.name == socket_path.__name__]
    assert len(warnings) == 1 and why in warnings[0] and str(runtime) in warnings[0], warnings  # said once


def test_another_users_runtime_folder_is_not_used(runtime: Path) -> None:
    """``su`` keeps the first user's XDG_RUNTIME_DIR: the socket must not go there."""
    other = other_user()
    if other is None:
        pytest.skip("needs a second Unix user: run as root (CI does)")
    other.chown(runtime)
    assert runtime_dir() is None


def test_a_relative_runtime_folder_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", "run/user")
    assert runtime_dir() is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pid from SO_PEERCRED")
def test_the_kernel_names_the_peer() -> None:
    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    with a, b:
        peer = unix_peer(a)
    assert peer.ours and peer.label == user_label(os.geteuid(), os.getpid())
    assert f"(uid {os.geteuid()}, pid {os.getpid()})" in peer.label
