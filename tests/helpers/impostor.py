"""An impostor of popup-client's socket, run as another Unix user: it binds a listening
socket at the victim's socket path, over and over, and records what it receives.

:func:`impostor` runs it with the system's ``python3`` as the other user
(stdlib only, so that user needs no access to the project's virtual
environment). Each cycle binds the path, accepts whatever connects for a
moment (answering each connection with a fake ``show`` reply, as a real
attacker would), then closes and unlinks it and binds again: the path
appears and disappears hundreds of times a second, racing any check made on
it before connecting. ``steady`` keeps one socket bound instead. The log
gets one line per accepted connection, ``accepted <hex of the bytes
received>``; :func:`accepted_lines` reads them back.

:func:`shared_folder` makes a folder like ``/tmp`` (world-writable, sticky)
that both users can reach, for the socket path to be fought over in.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.helpers.impostor_main import FAKE_REPLY
from tests.helpers.unix_user import UnixUser

#: The impostor's source (run with ``python3 -c``).
IMPOSTOR = Path(__file__).with_name("impostor_main.py").read_text(encoding="utf-8")
#: A Python any user can run (a virtual environment in root's home is not readable by others).
SYSTEM_PYTHON = "/usr/bin/python3"

__all__ = ["FAKE_REPLY", "accepted_lines", "impostor", "shared_folder"]


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A fresh world-writable, sticky folder in /tmp (like /tmp itself), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="popup-client-shared-", dir="/tmp"))
    try:
        folder.chmod(0o1777)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def impostor(user: UnixUser, path: Path, folder: Path, *, steady: bool = False, timeout: float = 10) -> Iterator[Path]:
    """Run the impostor as ``user`` at ``path`` (its log and stop file in ``folder``); yields the log."""
    log, stop = folder / f"impostor-{os.getpid()}.log", folder / f"impostor-{os.getpid()}.stop"
    command = [SYSTEM_PYTHON, "-c", IMPOSTOR, str(path), str(log), str(stop), "steady" if steady else "churn"]
    process = subprocess.Popen(user.as_user(command), cwd=folder)
    try:
        deadline = time.monotonic() + timeout
        while not _started(log, steady):
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the impostor did not start (exit {process.poll()})")
            time.sleep(0.01)
        yield log
    finally:
        stop.touch()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _started(log: Path, steady: bool) -> bool:
    """The impostor runs (``steady``: and listens, not merely bound)."""
    try:
        text = log.read_text(encoding="ascii")
    except FileNotFoundError:
        return False
    return "listening\n" in text if steady else text.startswith("ready\n")


def accepted_lines(log: Path) -> list[bytes]:
    """What the impostor received on each connection it accepted."""
    try:
        text = log.read_text(encoding="ascii")
    except FileNotFoundError:
        return []
    return [bytes.fromhex(line.split(" ", 1)[1]) for line in text.splitlines() if line.startswith("accepted ")]
