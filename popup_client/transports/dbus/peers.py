"""Who is calling: what the bus tells about a connection. No Qt.

:class:`PeerInfo` is a connection's unique name, its process id
(``GetConnectionUnixProcessID``) and the executable (``/proc/PID/exe``, Linux).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class PeerInfo:
    """A bus connection: unique name, and pid and executable where known."""

    name: str
    pid: int | None = None
    exe: str | None = None

    def details(self) -> dict[str, Any]:
        """The sender details for the journal (only what is known)."""
        result: dict[str, Any] = {"dbus_name": self.name}
        if self.pid is not None:
            result["pid"] = self.pid
        if self.exe is not None:
            result["exe"] = self.exe
        return result

    @cached_property  # asked on every call the connection makes
    def exe_name(self) -> str | None:
        """The executable's file name (``firefox-esr``), or None."""
        return os.path.basename(self.exe) if self.exe else None

    def describe(self) -> str:
        """``:1.4 (pid 1234, /usr/bin/dunst)`` with whatever is known."""
        parts = [f"pid {self.pid}" if self.pid is not None else "pid unknown"]
        if self.exe:
            parts.append(self.exe)
        return f"{self.name} ({', '.join(parts)})"


def executable_of(pid: int | None) -> str | None:
    """The executable of a process (Linux ``/proc``), or None when it cannot be read."""
    if not pid:
        return None
    try:
        exe = os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return None
    return exe.removesuffix(" (deleted)")
