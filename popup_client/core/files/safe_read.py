"""Reading a file someone else named, without waiting on it and within a size limit. No Qt.

A path that comes from another program (a notification's icon, an icon
theme in the user's home) may name a FIFO that nobody writes, a device
(``/dev/zero``, ``/dev/watchdog``), a socket, a ``/proc`` or ``/sys`` entry,
a loop of symbolic links, or a file of gigabytes. :func:`read_regular_file`
reads it only when it is a non-empty regular file of at most ``limit`` bytes
on a real file system, and otherwise raises :class:`FileRefused` saying why.

Every check is made on the descriptor, never on the path before opening it
(which a swapped link would defeat). On Linux the path is first opened with
``O_PATH``, which opens nothing (no device is touched, no FIFO waited on);
the checks run on that descriptor, and only then is the same file opened for
reading through ``/proc/self/fd``, non-blocking, and checked again. Elsewhere
it is opened ``O_NONBLOCK`` and checked before the first read. At most
``limit + 1`` bytes are ever read.

Symbolic links are followed: icon themes and distributions link icons to
each other, and what a link points to is checked like anything else.
"""

from __future__ import annotations

import errno
import os
import stat

from popup_client.core.errors import CoreError

#: File systems whose "files" are the kernel's: reading them can block, leak or have side effects.
PSEUDO_FILE_SYSTEMS = frozenset(
    {
        "proc", "sysfs", "devtmpfs", "devpts", "debugfs", "tracefs", "securityfs", "cgroup", "cgroup2",
        "configfs", "bpf", "pstore", "efivarfs", "fusectl", "binfmt_misc", "autofs", "mqueue", "rpc_pipefs",
    }
)  # fmt: skip
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_O_PATH = getattr(os, "O_PATH", 0)
_MOUNTINFO = "/proc/self/mountinfo"
_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)
_ERRNO_REASONS = {
    errno.ENOENT: "does not exist",
    errno.ENOTDIR: "does not exist",
    errno.ELOOP: "is a loop of symbolic links (or too many of them)",
    errno.EACCES: "cannot be read (permission denied)",
    errno.EPERM: "cannot be read (not permitted)",
    errno.ENAMETOOLONG: "is too long a path",
}


class FileRefused(CoreError):
    """A file that is not read; the message says why, e.g. "is a FIFO, not a regular file"."""


def read_regular_file(path: str, *, limit: int) -> bytes:
    """The bytes of the regular file at the absolute ``path``, at most ``limit`` of them.

    Raises :class:`FileRefused` for anything else: a missing file, a link
    loop, a FIFO, device, socket or directory, a file on ``/proc``, ``/sys``
    or another kernel file system, an empty file, or one larger than ``limit``.
    """
    if not os.path.isabs(path) or "\0" in path:
        raise FileRefused("is not an absolute path")
    fd = _open(path)
    try:
        size = _check(os.fstat(fd))
        if size > limit:
            raise FileRefused(f"is {_amount(size)}, more than the {_amount(limit)} limit")
        data = _read_at_most(fd, limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise FileRefused(f"grew past the {_amount(limit)} limit while it was read")
    if not data:
        raise FileRefused("is empty")
    return data


def _open(path: str) -> int:
    """A descriptor open for reading on ``path``, opened only once it is known to be a regular file."""
    try:
        if _O_PATH and os.path.isdir("/proc/self/fd"):
            return _reopen(os.open(path, _O_PATH | os.O_CLOEXEC))
        return os.open(path, _READ_FLAGS)
    except OSError as exc:
        raise FileRefused(_ERRNO_REASONS.get(exc.errno or 0, f"cannot be opened ({exc.strerror})")) from None


def _reopen(probe: int) -> int:
    """Open the file behind the ``O_PATH`` descriptor ``probe`` for reading, after checking it; closes ``probe``."""
    try:
        first = os.fstat(probe)
        _check_kind(first)  # no device is ever opened, no FIFO waited on
        fd = os.open(f"/proc/self/fd/{probe}", _READ_FLAGS)
    finally:
        os.close(probe)
    second = os.fstat(fd)
    if (second.st_dev, second.st_ino) != (first.st_dev, first.st_ino):  # cannot happen: the same open file
        os.close(fd)
        raise FileRefused("changed while it was opened")
    return fd


def _check(info: os.stat_result) -> int:
    """The size of a regular file on a real file system; :class:`FileRefused` for anything else."""
    _check_kind(info)
    fs_type = pseudo_file_system(info.st_dev)
    if fs_type is not None:
        raise FileRefused(f"is on a {fs_type} file system (the kernel's), not a regular file")
    if info.st_size == 0:
        raise FileRefused("is empty")
    return info.st_size


def _check_kind(info: os.stat_result) -> None:
    for test, kind in _KINDS:
        if test(info.st_mode):
            raise FileRefused(f"is {kind}, not a regular file")
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused("is not a regular file")


def pseudo_file_system(device: int) -> str | None:
    """The type of the kernel file system (``proc``, ``sysfs``…) mounted with this device number, or None.

    Read from ``/proc/self/mountinfo`` (Linux); elsewhere always None.
    """
    try:
        with open(_MOUNTINFO, encoding="utf-8", errors="replace") as mounts:
            lines = mounts.read().splitlines()
    except OSError:
        return None
    wanted = f"{os.major(device)}:{os.minor(device)}"
    for line in lines:
        fields, sep, rest = line.partition(" - ")
        parts = fields.split()
        if sep and len(parts) > 2 and parts[2] == wanted:
            fs_type = rest.split(" ", 1)[0]
            if fs_type in PSEUDO_FILE_SYSTEMS:
                return fs_type
    return None


def _read_at_most(fd: int, count: int) -> bytes:
    chunks: list[bytes] = []
    left = count
    while left > 0:
        try:
            chunk = os.read(fd, min(left, 1024 * 1024))
        except BlockingIOError:
            raise FileRefused("would make the app wait to be read") from None
        except OSError as exc:
            raise FileRefused(f"cannot be read ({exc.strerror})") from None
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _amount(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MiB".replace(".0 MiB", " MiB")
    return f"{size / 1024:.0f} KiB" if size >= 1024 else f"{size} bytes"
