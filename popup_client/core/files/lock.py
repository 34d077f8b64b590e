"""An exclusive lock between processes, held on a small file beside the data it guards.

:func:`exclusive` takes the lock (``fcntl.flock`` on POSIX, ``msvcrt.locking``
on Windows), waiting at most ``timeout`` seconds, and releases it when the
``with`` block ends or the process dies (the OS drops the lock with the
descriptor, so a crash never leaves it held). The lock file itself is kept:
deleting it would let two processes lock two different files.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from popup_client.core.errors import CoreError

log = logging.getLogger(__name__)

#: Between two tries while another process holds the lock.
RETRY_SECONDS = 0.01


class LockBusy(CoreError):
    """Another process held the lock for longer than the caller would wait."""


def _try_lock(fd: int) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover - Windows only
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined,unused-ignore]
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def exclusive(path: Path, *, timeout: float = 5.0, pause: Callable[[float], None] = time.sleep) -> Iterator[None]:
    """Hold the lock on ``path`` (created 0600 if missing) for the ``with`` block.

    ``timeout`` 0 tries once. Raises :class:`LockBusy` when another process
    holds it longer, :class:`OSError` when the lock file cannot be opened.
    """
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise LockBusy(f"{path} is locked by another process")
            pause(RETRY_SECONDS)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
