"""Who may connect to the local socket, and how a refused connection is told so.

:func:`foreign_peer` asks the kernel who connected (:mod:`.peer`): only the
user the app runs as is served. A refused connection (another user, or too
many connections) gets one error line and is closed — but not at once: a
client that connected and writes its request a moment later would otherwise
meet a closed socket (EPIPE; a C client without a SIGPIPE handler dies) and
never read why. :class:`Refusals` keeps each refused connection open for a
short linger, reading and dropping what the client writes, and closes it
when the client hangs up or the linger ends. At most ``limit`` refused
connections linger at a time; beyond that they are closed as soon as the
line is written, so refusing costs bounded resources under a flood.
"""

from __future__ import annotations

import json
import logging
import os

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QLocalSocket

from .peer import Peer, fd_peer, pipe_peer

log = logging.getLogger(__name__)

#: How long a refused connection stays open for its client to read the error line.
DEFAULT_LINGER_SECONDS = 2.0
#: Refused connections lingering at once, at most.
DEFAULT_LINGER_LIMIT = 256


def qt_peer(sock: QLocalSocket, *, server: bool) -> Peer:
    """The other end of a connected Qt socket: its server (``server``, on a probe) or its client; OSError if unknown."""
    handle = int(sock.socketDescriptor())
    return pipe_peer(handle, server=server) if os.name == "nt" else fd_peer(handle)


def foreign_peer(sock: QLocalSocket) -> str | None:
    """Why the client of ``sock`` is not served (another user, or unknown), or None when it is this user."""
    try:
        who = qt_peer(sock, server=False)
    except OSError as exc:
        return f"popup-client cannot tell who connected ({exc.strerror or exc}), so it refuses the connection"
    if who.ours:
        return None
    return f"popup-client serves only the user it runs as; this connection comes from {who.label} and is refused"


class Refusals(QObject):
    """Refused connections: one error line each, then a short linger before the close."""

    def __init__(
        self, parent: QObject, *, linger: float = DEFAULT_LINGER_SECONDS, limit: int = DEFAULT_LINGER_LIMIT
    ) -> None:
        super().__init__(parent)
        self.linger = linger
        self.limit = limit
        self._lingering: set[QLocalSocket] = set()
        self._finished: list[QLocalSocket] = []

    @property
    def lingering(self) -> int:
        return len(self._lingering)

    def refuse(self, sock: QLocalSocket, error: str) -> None:
        """Write ``{"error": error}`` to the client, then close the connection (after a linger if there is room)."""
        sock.setParent(self)
        sock.write(_line(error).encode("utf-8"))
        sock.flush()  # a short line into an empty socket buffer: written now, not on a later turn
        if len(self._lingering) >= self.limit:
            self._retire(sock)
            return
        self._lingering.add(sock)
        sock.readyRead.connect(lambda: sock.readAll())  # dropped: only the close matters
        sock.disconnected.connect(lambda: self._finish(sock))
        QTimer.singleShot(max(1, int(self.linger * 1000)), self, lambda: self._finish(sock))

    def _finish(self, sock: QLocalSocket) -> None:
        if sock not in self._lingering:
            return
        self._lingering.discard(sock)
        sock.readyRead.disconnect()
        sock.disconnected.disconnect()
        self._retire(sock)

    def _retire(self, sock: QLocalSocket) -> None:
        """Drop the socket on the next turn of the event loop (not inside one of its own signals)."""
        self._finished.append(sock)
        if len(self._finished) == 1:
            QTimer.singleShot(0, self, self._dispose)

    def _dispose(self) -> None:
        finished, self._finished = self._finished, []
        for sock in finished:
            sock.abort()
            sock.setParent(None)  # owned by Python from here: freed with the last reference

    def close(self) -> None:
        """Close every lingering connection now (the server stops)."""
        for sock in list(self._lingering):
            self._finish(sock)
        self._dispose()


def _line(error: str) -> str:
    return json.dumps({"error": error}, ensure_ascii=False, separators=(",", ":")) + "\n"
