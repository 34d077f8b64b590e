"""Whether a file may have changed since the last look: the freshness checks every popup makes, made cheap.

Every popup looks whether the preferences file changed (a ``stat``) and
whether the journal did (a ``stat`` and a SQLite read transaction): together
about a third of a decision. :class:`FileWatch` lets them skip the look when
nothing happened to the file since the last one. On Linux one inotify
instance per process watches the files' folders; :meth:`FileWatch.changed`
reads the events without waiting (one system call when there are none) and
says True when any concerns the watched names, so the caller looks as
before. A write returns only once its event is queued, so a change made
before a popup arrived is always seen.

Where a change could escape the folder's events, every call says True (the
caller looks each time, as without a watch): on other systems, without
inotify (its limits reached), in a forked child, for a symbolic link or a file with other hard
links (a write through another name is reported to that name's folder), and
after the folder itself was moved or removed or the event queue overflowed.
A folder of the path replaced by a rename further up is not seen either: so
:data:`LOOK_EVERY` seconds after the last "changed", the next call says
True anyway.

A popup's decision looks at the preferences and at the journal: inside
:class:`OneLook` (``with OneLook():``, the service's decisions) the events are
read once, at the first call of the thread, and the later calls of that
thread compare against what it read. A change made while the decision runs
is then seen by the next one, as if it came a moment later, and the system
call every look costs (most of a look on a machine with speculative-execution
mitigations) is made once.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import stat
import struct
import sys
import termios
import threading
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: Seconds after which a call says "changed" whatever the events (a folder replaced further up the path).
LOOK_EVERY = 1.0

# <sys/inotify.h>
_IN_MODIFY, _IN_ATTRIB, _IN_CLOSE_WRITE = 0x2, 0x4, 0x8
_IN_MOVED_FROM, _IN_MOVED_TO, _IN_CREATE, _IN_DELETE = 0x40, 0x80, 0x100, 0x200
_IN_DELETE_SELF, _IN_MOVE_SELF, _IN_UNMOUNT, _IN_Q_OVERFLOW, _IN_IGNORED = 0x400, 0x800, 0x2000, 0x4000, 0x8000
_IN_ONLYDIR, _IN_NONBLOCK, _IN_CLOEXEC = 0x1000000, 0o4000, 0o2000000
_MASK = (_IN_MODIFY | _IN_ATTRIB | _IN_CLOSE_WRITE | _IN_MOVED_FROM | _IN_MOVED_TO | _IN_CREATE | _IN_DELETE
         | _IN_DELETE_SELF | _IN_MOVE_SELF | _IN_ONLYDIR)  # fmt: skip
_GONE = _IN_DELETE_SELF | _IN_MOVE_SELF | _IN_UNMOUNT | _IN_IGNORED  # the folder watched is no longer at its path
_NOTHING = bytes(4)  # FIONREAD's answer when no event is queued
_ioctl, _FIONREAD = fcntl.ioctl, termios.FIONREAD
_EVENT = struct.Struct("iIII")  # wd, mask, cookie, len; then len bytes of name


class _Looks:
    """The look under way, as one tuple replaced at once: (its thread, how many times entered, whether it read)."""

    __slots__ = ("state",)

    def __init__(self) -> None:
        self.state: tuple[int, int, bool] | None = None  # None: no look is under way


_LOOKS = _Looks()
_get_ident = threading.get_ident


class OneLook:
    """``with OneLook():`` the thread reads the events at its first look only (reentrant; the service's decisions).

    One thread's look at a time: a look entered while another thread's is under way reads at every call, as
    without one (the state is one tuple, replaced whole, so no interleaving of threads leaves a look behind).
    """

    __slots__ = ()

    def __enter__(self) -> None:
        state, me = _LOOKS.state, _get_ident()
        if state is None:
            _LOOKS.state = (me, 1, False)
        elif state[0] == me:
            _LOOKS.state = (me, state[1] + 1, state[2])

    def __exit__(self, *exc: object) -> None:
        state = _LOOKS.state
        if state is not None and state[0] == _get_ident():
            _LOOKS.state = (state[0], state[1] - 1, state[2]) if state[1] > 1 else None


class _Inotify:
    """The process's one inotify instance: events counted by (watch, name), folders gone, overflows."""

    def __init__(self, libc: Any, fd: int) -> None:
        self._libc, self._fd = libc, fd
        self.inherited = False  # True in a forked child: it shares the instance and must not read the parent's events
        self.events = 0  # how many were counted: a watch looks at its own names only when this moved
        self._lock = threading.Lock()
        self.counts: dict[tuple[int, str], int] = {}
        self.gone: set[int] = set()
        self.overflows = 0

    def add(self, folder: str) -> int | None:
        """The watch of ``folder`` (the same for every caller of one folder), or None."""
        wd = int(self._libc.inotify_add_watch(self._fd, os.fsencode(folder), _MASK))
        if wd < 0:
            return None
        with self._lock:
            self.gone.discard(wd)
        return wd

    def drain(self) -> None:
        """Count every event queued (none: one ``ioctl`` that says so, without an exception to catch); once in a :class:`OneLook`."""
        look = _LOOKS.state
        if look is not None and look[0] == _get_ident():  # this thread's look (another's reads for itself)
            if look[2]:
                return  # read once in this look
            _LOOKS.state = (look[0], look[1], True)
        if _ioctl(self._fd, _FIONREAD, _NOTHING) == _NOTHING:
            return
        with self._lock:
            while True:
                try:
                    data = os.read(self._fd, 65536)
                except BlockingIOError:
                    return
                except OSError as exc:  # never expected; treat as an overflow: everyone looks
                    log.debug("reading inotify events failed: %s", exc)
                    self.overflows, self.events = self.overflows + 1, self.events + 1
                    return
                self._count(data)

    def _count(self, data: bytes) -> None:
        offset = 0
        while offset + _EVENT.size <= len(data):
            wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
            offset += _EVENT.size
            name = data[offset : offset + length].rstrip(b"\0").decode("utf-8", "surrogateescape")
            offset += length
            if mask & _IN_Q_OVERFLOW:
                self.overflows += 1
            elif mask & _GONE and not name:
                self.gone.add(wd)
            else:
                self.counts[(wd, name)] = self.counts.get((wd, name), 0) + 1
        self.events += 1


_HUB: _Inotify | None = None
_HUB_TRIED = False
_HUB_LOCK = threading.Lock()


def _hub() -> _Inotify | None:
    """The process's inotify instance, made at first use; None where there is none."""
    global _HUB, _HUB_TRIED
    with _HUB_LOCK:
        if not _HUB_TRIED:
            _HUB_TRIED = True
            _HUB = _open_inotify()
        return _HUB


def _open_inotify() -> _Inotify | None:
    if not sys.platform.startswith("linux") or os.environ.get("POPUP_CLIENT_NO_INOTIFY"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.inotify_init1.argtypes, libc.inotify_add_watch.argtypes = [ctypes.c_int], [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
        fd = int(libc.inotify_init1(_IN_NONBLOCK | _IN_CLOEXEC))
    except (OSError, AttributeError) as exc:
        log.debug("no inotify: %s", exc)
        return None
    if fd < 0:
        log.debug("no inotify: %s", os.strerror(ctypes.get_errno() or errno.EMFILE))
        return None
    hub = _Inotify(libc, fd)
    os.register_at_fork(after_in_child=lambda: setattr(hub, "inherited", True))
    return hub


class FileWatch:
    """Tells whether ``path`` (and the files beside it named ``path`` + a suffix of ``suffixes``) may have changed."""

    def __init__(self, path: Path | str, suffixes: tuple[str, ...] = ()) -> None:
        self._path = os.fspath(path)
        folder, name = os.path.split(os.path.abspath(self._path))
        self._folder, self._names = folder, (name, *(name + s for s in suffixes))
        self._hub = _hub()
        self._wd: int | None = None
        self._seen: tuple[int, ...] = ()
        self._overflows = self._events = -1
        self._looked = -LOOK_EVERY  # the monotonic time of the last "changed"

    def changed(self) -> bool:
        """False only if nothing can have happened to the files since the last call that said True."""
        hub = self._hub
        if hub is None or hub.inherited:
            return True
        hub.drain()
        if hub.events != self._events:  # something happened in a watched folder: to these files?
            self._events = hub.events
            wd = self._wd
            seen = tuple([hub.counts.get((wd, n), 0) for n in self._names]) if wd is not None else ()
            if wd is None or wd in hub.gone or seen != self._seen or hub.overflows != self._overflows:
                self._rewatch(hub)
                return True
        if self._wd is None or time.monotonic() - self._looked >= LOOK_EVERY:
            self._rewatch(hub)
            return True
        return False

    def _rewatch(self, hub: _Inotify) -> None:
        """After a "changed": watch again (the folder may be new), and only a plain file (no other name writes it)."""
        self._looked = time.monotonic()
        self._overflows, self._events = hub.overflows, hub.events
        wd = hub.add(self._folder) if _plain(self._path) else None
        self._wd = wd
        self._seen = tuple([hub.counts.get((wd, n), 0) for n in self._names]) if wd is not None else ()


def _plain(path: str) -> bool:
    """A regular file with one name, or no file yet (its creation is an event of the folder)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_nlink == 1
