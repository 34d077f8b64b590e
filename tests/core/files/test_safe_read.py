"""Files named by other programs are read only when they are small regular files (:mod:`popup_client.core.files.safe_read`).

Every hostile kind of path is refused at once, with the reason: a FIFO nobody
writes (opening it would wait for ever), devices, ``/proc`` and ``/sys``
entries, a loop of links, a directory, an empty or too large file. The
short timeouts turn a regression (a wait) into a quick failure.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from popup_client.core.files import safe_read as safe_files
from popup_client.core.files import FileRefused, pseudo_file_system, read_regular_file

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc, /sys and /dev are Linux's")

pytestmark = pytest.mark.timeout(10)


@pytest.fixture
def pipe_read_end() -> Iterator[int]:
    """The read end of a pipe whose write end stays open and silent: reading it would wait for ever."""
    read_end, write_end = os.pipe()
    try:
        yield read_end
    finally:
        os.close(read_end)
        os.close(write_end)


def test_a_small_regular_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(b"x" * 100)
    assert read_regular_file(str(tmp_path / "a.png"), limit=100) == b"x" * 100


def test_links_are_followed_to_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "real.png").write_bytes(b"data")
    (tmp_path / "link.png").symlink_to(tmp_path / "real.png")
    assert read_regular_file(str(tmp_path / "link.png"), limit=10) == b"data"


def _make(kind: str, folder: Path) -> Path:
    """A path of the given kind in ``folder``."""
    path = folder / f"{kind}.png"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    elif kind == "link-loop":
        path.symlink_to(path)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "too-large":
        path.write_bytes(b"x" * 101)
    return path


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("fifo", "is a FIFO, not a regular file"),
        ("directory", "is a directory, not a regular file"),
        ("missing", "does not exist"),
        ("link-loop", "is a loop of symbolic links"),
        ("empty", "is empty"),
        ("too-large", "is 101 bytes, more than the 100 bytes limit"),
    ],
)
def test_what_is_not_a_small_regular_file_is_refused_with_the_reason(tmp_path: Path, kind: str, reason: str) -> None:
    with pytest.raises(FileRefused, match=reason):
        read_regular_file(str(_make(kind, tmp_path)), limit=100)


def test_a_file_larger_than_the_limit_is_refused_before_any_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "huge.svg"
    with big.open("wb") as out:
        out.truncate(85 * 1024 * 1024)  # sparse: 85 MiB that cost nothing
    reads: list[int] = []
    monkeypatch.setattr(safe_files.os, "read", lambda fd, n: reads.append(n) or b"")
    with pytest.raises(FileRefused, match="is 85 MiB, more than the 8 MiB limit"):
        read_regular_file(str(big), limit=8 * 1024 * 1024)
    assert reads == []


def test_a_file_that_grows_while_read_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "growing.png").write_bytes(b"x" * 500)
    monkeypatch.setattr(safe_files, "_check", lambda info: 10)  # as if it were 10 bytes when checked
    with pytest.raises(FileRefused, match="grew past the 100 bytes limit"):
        read_regular_file(str(tmp_path / "growing.png"), limit=100)


def test_relative_paths_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FileRefused, match="absolute"):
        read_regular_file("icon.png", limit=100)


@linux_only
@pytest.mark.parametrize("path", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused(path: str) -> None:
    with pytest.raises(FileRefused, match="is a character device, not a regular file"):
        read_regular_file(path, limit=100)


@linux_only
def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    (tmp_path / "icon.png").symlink_to("/dev/zero")
    with pytest.raises(FileRefused, match="character device"):
        read_regular_file(str(tmp_path / "icon.png"), limit=100)


@linux_only
@pytest.mark.parametrize("path", ["/proc/self/environ", "/proc/self/status", "/sys/kernel/mm/transparent_hugepage/enabled"])
def test_kernel_files_are_refused(path: str) -> None:
    if not os.path.exists(path):
        pytest.skip(f"{path} is not here")
    with pytest.raises(FileRefused, match=r"is on a (proc|sysfs) file system \(the kernel's\)"):
        read_regular_file(path, limit=1024 * 1024)


@linux_only
def test_a_proc_link_to_a_silent_pipe_is_refused_at_once(pipe_read_end: int) -> None:
    with pytest.raises(FileRefused, match="is a FIFO"):
        read_regular_file(f"/proc/{os.getpid()}/fd/{pipe_read_end}", limit=100)


@linux_only
def test_a_fifo_is_never_opened_for_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The type is checked on an ``O_PATH`` descriptor: the FIFO is not opened, not even non-blocking."""
    os.mkfifo(tmp_path / "fifo")
    opened: list[int] = []
    real_open = os.open

    def spy(path: str, flags: int, *args: int) -> int:
        opened.append(flags)
        return real_open(path, flags, *args)

    monkeypatch.setattr(safe_files.os, "open", spy)
    with pytest.raises(FileRefused, match="FIFO"):
        read_regular_file(str(tmp_path / "fifo"), limit=100)
    assert opened == [os.O_PATH | os.O_CLOEXEC]


@linux_only
def test_pseudo_file_systems_are_known_by_device() -> None:
    assert pseudo_file_system(os.stat("/proc/self/status").st_dev) == "proc"
    assert pseudo_file_system(os.stat(__file__).st_dev) is None
