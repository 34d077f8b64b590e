"""Another user takes the socket path before the app starts (issue 12 item 3), against the real app.

In the shared temporary folder any local user can create the path first.
With ``$XDG_RUNTIME_DIR`` (the user's private folder, as every desktop login
sets it) the socket lives there and the squatter changes nothing; without
it, ``popup-client run`` stops with a message naming the squatter, never
silently (nor by "already running").
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from popup_client.transports.socket.path import qt_temp_dir
from tests.e2e.conftest import app_env, start_app
from tests.helpers.unix_user import UnixUser, other_user

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a second Unix user")]


@pytest.fixture
def squatter() -> Iterator[tuple[str, Path, UnixUser]]:
    """A socket name whose path in the temporary folder another user holds: a socket bound and left there."""
    user = other_user()
    if user is None:
        pytest.skip("needs a second Unix user: run as root (CI does)")
    name = f"popup-client-test-{uuid.uuid4().hex[:12]}"
    path = Path(qt_temp_dir()) / name
    bind = "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])"
    subprocess.run(user.as_user(["/usr/bin/python3", "-c", bind, str(path)]), check=True, cwd="/")
    try:
        yield name, path, user
    finally:
        path.unlink()


def test_without_a_runtime_folder_the_app_names_the_squatter(tmp_path: Path, squatter: tuple[str, Path, UnixUser]) -> None:
    name, path, user = squatter
    env = app_env(tmp_path, POPUP_CLIENT_SOCKET=name)
    env.pop("XDG_RUNTIME_DIR", None)
    exe = Path(sys.executable).with_name("popup-client")
    done = subprocess.run([str(exe), "run", "--no-dbus"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert f"popup-client: error: {path} is taken by another user: it is a socket owned by user {user.name} (uid {user.uid})" in done.stderr
    assert "already running" not in done.stderr


def test_with_a_runtime_folder_the_squatter_changes_nothing(tmp_path: Path, squatter: tuple[str, Path, UnixUser]) -> None:
    name, path, _user = squatter
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    app = start_app(tmp_path, "--no-dbus", env=app_env(tmp_path, POPUP_CLIENT_SOCKET=name, XDG_RUNTIME_DIR=str(runtime)))
    try:
        sent = app.cli("send", "--json", str(Path(__file__).resolve().parents[2] / "resources" / "examples" / "valid-service.json"))
        assert sent.returncode == 0, sent.stderr
        assert (runtime / name).is_socket()
    finally:
        assert app.stop() == 0
    assert path.is_socket()  # the squatter's file was neither used nor removed
