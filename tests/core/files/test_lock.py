"""The exclusive lock between processes: one holder at a time, a bounded wait, released by the holder."""

from __future__ import annotations

import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from popup_client.core.errors import CoreError
from popup_client.core.files import LockBusy, exclusive


def test_a_second_holder_waits_until_the_first_lets_go(tmp_path: Path) -> None:
    lock = tmp_path / "x.lock"
    order: list[str] = []
    held = threading.Event()
    release = threading.Event()

    def first() -> None:
        with exclusive(lock):
            order.append("first in")
            held.set()
            release.wait(10)
            order.append("first out")

    thread = threading.Thread(target=first)
    thread.start()
    assert held.wait(10)
    waits: list[float] = []

    def pause(seconds: float) -> None:  # the second holder's wait: let the first go on its first retry
        waits.append(seconds)
        release.set()
        thread.join(10)

    with exclusive(lock, pause=pause):
        order.append("second in")
    assert order == ["first in", "first out", "second in"] and len(waits) == 1


def test_a_lock_held_too_long_is_refused(tmp_path: Path) -> None:
    lock = tmp_path / "x.lock"
    with exclusive(lock):
        with pytest.raises(LockBusy, match="locked by another process"), exclusive(lock, timeout=0):
            pytest.fail("entered a held lock")
    with exclusive(lock, timeout=0):
        pass  # released when the holder left
    assert issubclass(LockBusy, CoreError)


def test_the_lock_is_released_when_the_block_raises(tmp_path: Path) -> None:
    lock = tmp_path / "x.lock"
    with pytest.raises(ValueError), exclusive(lock):
        raise ValueError("boom")
    with exclusive(lock, timeout=0):
        pass


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_lock_file_is_private_and_kept(tmp_path: Path) -> None:
    lock = tmp_path / "x.lock"
    with exclusive(lock):
        pass
    assert stat.S_IMODE(os.stat(lock).st_mode) == 0o600
