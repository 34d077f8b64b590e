"""One client connection of the local socket server: its lines in, its replies out, its limits.

The server's turns (:class:`~.server.SocketServer`) ask
:meth:`ServerConnection.next_line` for work and hand the replies back to
:meth:`ServerConnection.reply`. A line longer than the server's limit is
reported once as :data:`TOO_LONG` and skipped up to its newline, never
buffered whole; the connection stops reading while too many replies wait to
be written (back-pressure), closes when idle, and a request waiting for its
image scan is held (with every later line) and comes back first as
:class:`Scanned` once the scan is done.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QLocalSocket

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .server import SocketServer

log = logging.getLogger(__name__)

_READ_CHUNK = 64 * 1024
#: Qt's own read buffer per connection; the kernel holds the rest (back-pressure).
_QT_READ_BUFFER = 256 * 1024
#: Replies waiting to be written before the connection stops reading requests.
_MAX_PENDING_OUTPUT = 1024 * 1024
_REPLY_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _ms(seconds: float) -> int:
    return max(1, int(seconds * 1000))


TOO_LONG = object()
#: What :meth:`SocketServer.answer` returns for a request that waits for its image scan.
WAITING: dict[str, Any] = {}


class ServerConnection(QObject):
    """One client: reads lines, answers each in order, enforces the limits.

    The server's turns ask :meth:`next_line` for work and hand the replies
    back to :meth:`reply`; a request waiting for its image scan is held
    (:meth:`hold`) and comes first once the scan is done.
    """

    def __init__(self, server: SocketServer, sock: QLocalSocket) -> None:
        super().__init__(server)
        self._server = server
        self._sock = sock
        self._buffer = bytearray()
        self._scanned = 0  # bytes at the start of the buffer known to hold no newline
        self._discarding = False
        self._closed = False  # no more reading for the client (closed by us, or it hung up)
        self._gone = False  # the client hung up: lines already received are answered, replies dropped
        self._held: bytes | None = None
        self._waiting: Future[None] | None = None
        sock.setParent(self)
        sock.setReadBufferSize(_QT_READ_BUFFER)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._on_idle)
        self._last_activity = time.monotonic()
        sock.readyRead.connect(self._on_ready_read)
        sock.bytesWritten.connect(self._on_bytes_written)
        sock.disconnected.connect(self._on_disconnected)
        self._idle.start(_ms(server.idle_timeout))
        if sock.bytesAvailable() > 0:
            server.wake(self)

    # -------------------------------------------------------- events

    def _on_ready_read(self) -> None:
        # The idle timer is not restarted on every read; it checks the last activity when it fires.
        self._last_activity = time.monotonic()
        self._server.wake(self)

    def _on_bytes_written(self, _count: int) -> None:
        if self._sock.bytesToWrite() <= _MAX_PENDING_OUTPUT // 2:
            self._server.wake(self)

    def _on_idle(self) -> None:
        if self._waiting is not None:
            self._idle.start(_ms(self._server.idle_timeout))  # the wait is ours, not the client's
            return
        remaining = self._server.idle_timeout - (time.monotonic() - self._last_activity)
        if remaining > 0:
            self._idle.start(_ms(remaining))
            return
        log.debug("closing a socket connection idle for %g s", self._server.idle_timeout)
        self.close(graceful=self._sock.bytesToWrite() == 0)

    def _on_disconnected(self) -> None:
        # Complete requests already received are still answered and journaled (their replies cannot be sent).
        if self._closed:
            self._finish()
            return
        self._closed = self._gone = True
        self._server.wake(self)

    # -------------------------------------------------------- lines

    def next_line(self) -> bytes | object | None:
        """The next request to answer, or None while there is none (or it must wait)."""
        if self._waiting is not None or (self._closed and not self._gone):
            return None
        if self._held is not None:
            line, self._held = self._held, None
            return Scanned(line)
        if not self._gone and self._sock.bytesToWrite() > _MAX_PENDING_OUTPUT:
            return None  # woken by bytesWritten
        return self._next_line()

    def hold(self, line: bytes, scan: Future[None]) -> None:
        """Keep ``line`` (and every later one) until ``scan`` is done; then it is answered first."""
        self._held, self._waiting = line, scan

    def scanned(self) -> None:
        """The held request's images are scanned: answer it on the next turn."""
        self._waiting = None
        self._server.wake(self)

    def settled(self) -> None:
        """A turn found nothing more to do here: a client that hung up is finished with."""
        if self._gone and self._waiting is None and self._held is None:
            self._finish()

    def _next_line(self) -> bytes | object | None:
        """The next complete line, ``TOO_LONG`` once per over-long line, or None for now."""
        while True:
            end = self._buffer.find(b"\n", self._scanned)
            if self._discarding:
                if end >= 0:
                    del self._buffer[: end + 1]
                    self._discarding = False
                    self._scanned = 0
                    continue
                self._buffer.clear()
                self._scanned = 0
            elif end >= 0:
                line = bytes(self._buffer[:end])
                del self._buffer[: end + 1]
                self._scanned = 0
                return TOO_LONG if len(line) > self._server.max_line_bytes else line
            elif len(self._buffer) > self._server.max_line_bytes:
                self._buffer.clear()
                self._scanned = 0
                self._discarding = True
                return TOO_LONG
            self._scanned = len(self._buffer)
            chunk = self._read_chunk()
            if not chunk:
                return None
            self._buffer += chunk

    def _read_chunk(self) -> bytes:
        if self._sock.bytesAvailable() <= 0:
            return b""
        return bytes(self._sock.read(_READ_CHUNK).data())

    def reply(self, reply: dict[str, Any]) -> None:
        """Send one reply line (dropped when the client is gone)."""
        if self._gone or self._sock.state() != QLocalSocket.LocalSocketState.ConnectedState:
            return
        data = (_REPLY_ENCODER.encode(reply) + "\n").encode("utf-8")
        self._sock.write(data)  # Qt writes it when control returns to the event loop

    # -------------------------------------------------------- closing

    def close(self, *, graceful: bool = False) -> None:
        """End the connection: after its replies are written (``graceful``), or at once."""
        if self._closed:
            return
        self._closed = True
        if graceful and self._sock.state() == QLocalSocket.LocalSocketState.ConnectedState:
            self._sock.disconnectFromServer()  # disconnected → _finish
            if self._sock.state() != QLocalSocket.LocalSocketState.UnconnectedState:
                return
        else:
            self._sock.abort()
        self._finish()

    def _finish(self) -> None:
        if self._server.forget(self):
            self._idle.stop()
            for signal in (self._sock.readyRead, self._sock.bytesWritten, self._sock.disconnected):
                signal.disconnect()
            self._server.retire(self)

    def dispose(self) -> None:
        """Delete the Qt objects now; only from outside any of this socket's signals."""
        self._sock.abort()
        self.setParent(None)  # owned by Python from here: freed when the last reference goes


@dataclass(frozen=True)
class Scanned:
    """A request line whose images were scanned ahead: submitted without waiting again."""

    line: bytes
