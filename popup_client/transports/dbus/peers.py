"""Qt-free pieces shared by the D-Bus server and the ``ctl`` client.

The bus names and paths; :func:`session_bus_address`; :class:`PeerInfo`,
what the bus tells about a connection: its unique name,
its process id (``GetConnectionUnixProcessID``) and the executable
(``/proc/PID/exe``, Linux). :class:`NotificationIds` maps the freedesktop ids
handed out by ``Notify`` to the service's receipt ids: a replacement gets a
new receipt but keeps its freedesktop id.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from .errors import DBusError

NOTIFICATIONS_NAME = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
NOTIFICATIONS_INTERFACE = "org.freedesktop.Notifications"
CONTROL_NAME = "org.popupclient.Daemon"
CONTROL_PATH = "/org/popupclient/Control"
CONTROL_INTERFACE = "org.popupclient.Control1"
_MAX_ID = 0xFFFFFFFF


def session_bus_address() -> str:
    """The session bus address: ``$DBUS_SESSION_BUS_ADDRESS``, else ``$XDG_RUNTIME_DIR/bus``."""
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "").strip()
    if address:
        return address
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.exists(os.path.join(runtime, "bus")):
        return f"unix:path={os.path.join(runtime, 'bus')}"
    raise DBusError("no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set and $XDG_RUNTIME_DIR/bus does not exist")


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

    @property
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


@dataclass
class LiveNotification:
    """A freedesktop id with a popup open: its current receipt and what it may report."""

    receipt_id: int
    provider_id: str | None
    actions: frozenset[str] = field(default_factory=frozenset)


class NotificationIds:
    """Freedesktop ids (> 0) ↔ receipt ids of the popups open under them."""

    def __init__(self) -> None:
        self._next = 1
        self._live: dict[int, LiveNotification] = {}
        self._by_receipt: dict[int, int] = {}

    def allocate(self) -> int:
        """A fresh id, never 0 and never one that is open."""
        while True:
            nid = self._next
            self._next = 1 if self._next >= _MAX_ID else self._next + 1
            if nid not in self._live:
                return nid

    def was_issued(self, nid: int) -> bool:
        """Whether ``nid`` was handed out before (so a caller may reuse it)."""
        return 0 < nid < self._next

    def live(self, nid: int) -> LiveNotification | None:
        return self._live.get(nid)

    def bind(self, nid: int, live: LiveNotification) -> None:
        """``nid`` now shows ``live.receipt_id`` (replacing what it showed)."""
        old = self._live.get(nid)
        if old is not None:
            self._by_receipt.pop(old.receipt_id, None)
        self._live[nid] = live
        self._by_receipt[live.receipt_id] = nid

    def unbind(self, nid: int) -> LiveNotification | None:
        live = self._live.pop(nid, None)
        if live is not None:
            self._by_receipt.pop(live.receipt_id, None)
        return live

    def id_of(self, receipt_id: int) -> int | None:
        """The freedesktop id whose current popup is this receipt, or None."""
        return self._by_receipt.get(receipt_id)

    def receipt_closed(self, receipt_id: int) -> int | None:
        """Forget a closed receipt; returns its id if it was the id's current popup."""
        nid = self._by_receipt.pop(receipt_id, None)
        if nid is None:
            return None
        live = self._live.get(nid)
        if live is not None and live.receipt_id == receipt_id:
            del self._live[nid]
        return nid

    def __len__(self) -> int:
        return len(self._live)
