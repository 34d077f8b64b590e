"""The per-user local socket server: popups from providers, in the Qt event loop.

A :class:`QLocalServer` (a socket file readable by this user only on Linux
and macOS, a named pipe with the user's access list on Windows) takes
newline-delimited JSON requests, ``{"token": "...", "popup": {...}}``, and
answers each line with one line, in order: the submission's reply
``{"id", "decision", "rules", "reasons"}``, or ``{"error": "..."}`` when the
line is not a request (not UTF-8, not JSON, not an object, no ``popup``
object, unknown envelope fields; :mod:`.socket_requests` takes lines apart).
A request whose popup is a JSON object goes to :meth:`PopupService.submit`
whatever is wrong with the popup itself, so it is journaled.

Complete lines are answered in turns of the event loop: each turn takes one
line from every connection that has one, round and round for at most 2 ms,
answers them in one journal transaction (:meth:`PopupService.batch`) and
writes the replies once it is committed — so a reply means the request is
journaled, and ten busy clients cost one commit per turn, not ten. A popup
with images is first scanned for barcodes on a worker thread
(:meth:`PopupService.scan_ahead`); its connection waits (its later lines
too, so replies stay in order) while the others go on. Limits per connection: a line of at most 1 MiB + 64 KiB
(a longer one is answered with an error as soon as the limit is passed and
skipped up to its newline, never buffered whole), an idle timeout, and
back-pressure when the client does not read its replies. Tokens are checked
against :class:`ProviderRegistry` and never logged; a verified popup must
carry the id and the name its token was registered with (rule
``provider-identity``).

Only the user the app runs as is served: the kernel says who connected
(SO_PEERCRED and the like, :mod:`.socket_gate`); a connection of another user,
or beyond ``max_connections``, is refused with one error line, and kept open
a moment so that its client reads the line rather than a broken pipe.

:meth:`SocketServer.listen` is also the single-instance check: it returns
False when another live server answers on the name, and removes a stale
socket file only after making sure nothing answers.
"""

from __future__ import annotations

import json
import logging
import os
import time
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from ..core.errors import CoreError
from ..core.journal import JournalError
from ..core.rules import Sender
from ..service import PopupService
from .providers import ProviderRegistry
from .socket_client import MAX_LINE_BYTES
from .socket_gate import Refusals, foreign_peer, qt_peer
from .socket_path import default_socket_name, foreign_socket, socket_address
from .socket_requests import RequestError, parse_request

log = logging.getLogger(__name__)

DEFAULT_IDLE_TIMEOUT = 60.0
DEFAULT_MAX_CONNECTIONS = 256
#: Lines answered in one event-loop turn (one journal transaction), and the time the
#: turn may take, so the popups and the tray stay responsive under a flood.
_TURN_LINES = 64
_TURN_SECONDS = 0.002
_READ_CHUNK = 64 * 1024
#: Qt's own read buffer per connection; the kernel holds the rest (back-pressure).
_QT_READ_BUFFER = 256 * 1024
#: Replies waiting to be written before the connection stops reading requests.
_MAX_PENDING_OUTPUT = 1024 * 1024
_PROBE_TIMEOUT_MS = 1000
_REPLY_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class SocketServerError(CoreError):
    """The socket server cannot listen (another user's socket, a path that cannot be created…)."""


# ------------------------------------------------------------------ one connection


def _ms(seconds: float) -> int:
    return max(1, int(seconds * 1000))


_TOO_LONG = object()
#: What :meth:`SocketServer.answer` returns for a request that waits for its image scan.
_WAITING: dict[str, Any] = {}


class _Connection(QObject):
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
            return _Scanned(line)
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
        """The next complete line, ``_TOO_LONG`` once per over-long line, or None for now."""
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
                return _TOO_LONG if len(line) > self._server.max_line_bytes else line
            elif len(self._buffer) > self._server.max_line_bytes:
                self._buffer.clear()
                self._scanned = 0
                self._discarding = True
                return _TOO_LONG
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
class _Scanned:
    """A request line whose images were scanned ahead: submitted without waiting again."""

    line: bytes


# ------------------------------------------------------------------ the server


class SocketServer(QObject):
    """The local socket server of popup-client (one per user session)."""

    #: A connection's image scan finished (emitted on the scanning thread, handled on this one).
    _scan_finished = Signal(object)

    def __init__(
        self,
        service: PopupService,
        registry: ProviderRegistry | None = None,
        *,
        name: str | None = None,
        idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        max_line_bytes: int = MAX_LINE_BYTES,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.registry = registry if registry is not None else ProviderRegistry()
        self.name = name or default_socket_name()
        self.idle_timeout = idle_timeout
        self.max_connections = max_connections
        self.max_line_bytes = max_line_bytes
        self._connections: set[_Connection] = set()
        self._retired: list[_Connection] = []
        self._ready: dict[_Connection, None] = {}  # connections with work, in the order they asked
        self._turn_timer = QTimer(self)
        self._turn_timer.setSingleShot(True)
        self._turn_timer.setInterval(0)
        self._turn_timer.timeout.connect(self._turn)
        self._scan_finished.connect(self._on_scan_finished)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)
        self.refusals = Refusals(self)
        self._refused: dict[str, int] = {}

    @property
    def address(self) -> str:
        """The socket file or pipe (Qt's full server name once listening)."""
        return self._server.fullServerName() or socket_address(self.name)

    @property
    def connection_count(self) -> int:
        return len(self._connections)

    def is_listening(self) -> bool:
        return self._server.isListening()

    # -------------------------------------------------------- listening

    def listen(self) -> bool:
        """Start serving; False when another popup-client of this user already answers on this name.

        On Linux and macOS Qt is given the full path (:func:`socket_address`:
        ``$XDG_RUNTIME_DIR`` when it is private, else the temporary folder),
        so the server and every client agree on it. A path another user holds
        raises :class:`SocketServerError` naming that user.
        """
        if self._server.isListening():
            return True
        address = socket_address(self.name)
        problem = foreign_socket(address)
        if problem:
            raise SocketServerError(problem)
        if self._answers():
            log.info("another popup-client answers at %s", address)
            return False
        if not self._server.listen(self._listen_name()):
            if self._server.serverError() != QAbstractSocket.SocketError.AddressInUseError:
                raise SocketServerError(f"cannot listen on {address}: {self._server.errorString()}")
            if self._answers():
                return False
            log.info("removing the stale socket %s", address)
            QLocalServer.removeServer(self._listen_name())
            if not self._server.listen(self._listen_name()):
                raise SocketServerError(f"cannot listen on {address}: {self._server.errorString()}")
        log.info("listening on %s", self._server.fullServerName())
        return True

    def _listen_name(self) -> str:
        """What Qt is given: the full socket path (Linux, macOS) or the pipe name (Windows)."""
        return self.name if os.name == "nt" else socket_address(self.name)

    def _answers(self) -> bool:
        """Whether a live server of this user accepts connections on the name (another user's raises)."""
        probe = QLocalSocket()
        probe.connectToServer(self._listen_name())
        alive = probe.waitForConnected(_PROBE_TIMEOUT_MS)
        try:
            who = qt_peer(probe, server=True) if alive else None
        except OSError as exc:
            raise SocketServerError(f"cannot tell who answers at {socket_address(self.name)}: {exc.strerror or exc}") from None
        finally:
            probe.abort()
        if who is not None and not who.ours:
            raise SocketServerError(
                f"{socket_address(self.name)} is answered by {who.label}, not by a popup-client of yours; "
                "popup-client will not serve there (another user may be impersonating it)"
            )
        return alive

    def close(self) -> None:
        """Stop listening (the socket file goes) and end every connection."""
        for connection in list(self._connections):
            connection.close()
        self._dispose_retired()
        self.refusals.close()
        self._server.close()

    # -------------------------------------------------------- connections

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            problem = foreign_peer(sock)
            if problem:
                self._refuse(sock, "foreign", problem)
            elif len(self._connections) >= self.max_connections:
                self._refuse(sock, "full", "too many connections to popup-client; try again later")
            else:
                self._connections.add(_Connection(self, sock))

    def _refuse(self, sock: QLocalSocket, why: str, error: str) -> None:
        """Refuse a connection with an error line (the first refusal of each kind and every 100th are logged)."""
        count = self._refused[why] = self._refused.get(why, 0) + 1
        if count == 1 or count % 100 == 0:
            if why == "full":
                log.warning("socket connection refused: %d connections are open (%d refused so far)", self.max_connections, count)
            else:
                log.warning("socket connection refused: %s (%d refused so far)", error, count)
        self.refusals.refuse(sock, error)

    def retire(self, connection: _Connection) -> None:
        """Dispose of a finished connection on the next turn of the event loop.

        Not at once (it may be inside one of its socket's signals) and not with
        deleteLater (a Python wrapper collected while a deferred delete is
        pending crashes PySide): it is kept here until :meth:`_dispose_retired`.
        """
        self._retired.append(connection)
        if len(self._retired) == 1:
            QTimer.singleShot(0, self._dispose_retired)

    def _dispose_retired(self) -> None:
        retired, self._retired = self._retired, []
        for connection in retired:
            connection.dispose()

    def forget(self, connection: _Connection) -> bool:
        """Drop a finished connection; False if it was already dropped."""
        if connection in self._connections:
            self._connections.discard(connection)
            return True
        return False

    # -------------------------------------------------------- turns

    def wake(self, connection: _Connection) -> None:
        """``connection`` may have work: look at it on the next turn."""
        self._ready[connection] = None
        if not self._turn_timer.isActive():
            self._turn_timer.start()

    def _turn(self) -> None:
        """Answer up to a turn's worth of lines, one per connection round and round, in one transaction."""
        deadline = time.monotonic() + _TURN_SECONDS
        answered: list[tuple[_Connection, dict[str, Any]]] = []
        try:
            with self.service.batch():
                while self._ready and len(answered) < _TURN_LINES and time.monotonic() < deadline:
                    for connection in list(self._ready):
                        line = connection.next_line()
                        del self._ready[connection]
                        if line is None:
                            connection.settled()
                            continue
                        self._ready[connection] = None  # to the back: the next round (or turn) serves the others first
                        reply = self._answer_line(connection, line)
                        if reply is not _WAITING:
                            answered.append((connection, reply))
                        if len(answered) >= _TURN_LINES or time.monotonic() >= deadline:
                            break
        except JournalError as exc:  # the batch failed: none of the turn's requests was kept
            if answered:
                log.error("a batch of %d socket requests could not be journaled: %s", len(answered), exc)
            else:  # it could not begin; the requests wait for the next turn
                log.error("a batch of socket requests could not begin: %s", exc)
            failed = {"error": f"popup-client could not journal the request, so it was not shown: {exc}"}
            answered = [(connection, reply if "error" in reply else failed) for connection, reply in answered]
        for connection, reply in answered:
            connection.reply(reply)
        if self._ready:
            self._turn_timer.start()

    def _answer_line(self, connection: _Connection, line: bytes | object) -> dict[str, Any]:
        if line is _TOO_LONG:
            limit = self.max_line_bytes
            return {
                "error": f"line too long: a request may be at most {limit} bytes (a popup at most 1 MiB, "
                "images included); the rest of the line was skipped"
            }
        if isinstance(line, _Scanned):
            return self.answer(line.line)
        assert isinstance(line, bytes)
        return self.answer(line, connection)

    def _report_scan(self, connection: _Connection) -> None:
        """On the scanning thread (or this one): hand the finished scan to this object's thread."""
        try:
            self._scan_finished.emit(connection)
        except RuntimeError:  # the server is gone (the app is stopping): nobody waits any more
            pass

    def _on_scan_finished(self, connection: _Connection) -> None:
        connection.scanned()

    # -------------------------------------------------------- requests

    def answer(self, line: bytes, waiter: _Connection | None = None) -> dict[str, Any]:
        """The reply to one request line.

        With ``waiter``, a popup whose images need scanning is scanned on a
        worker thread first: the line is held by ``waiter`` and
        :data:`_WAITING` returned; it is answered on a later turn.
        """
        try:
            request = parse_request(line)
        except RequestError as exc:
            return {"error": str(exc)}
        try:
            if waiter is not None and (scan := self.service.scan_ahead(request.popup)) is not None:
                waiter.hold(line, scan)
                scan.add_done_callback(lambda _done: self._report_scan(waiter))
                return _WAITING
            provider = self.registry.identify(request.token) if request.token else None
            sender = Sender(
                "socket",
                verified=provider is not None,
                token_provider_id=provider.id if provider else None,
                token_provider_name=provider.name if provider else None,
                details={"peer": "local socket"},
            )
            return self.service.submit(request.popup, sender).reply()
        except JournalError as exc:
            log.error("a socket request could not be journaled: %s", exc)
            return {"error": f"popup-client could not journal the request, so it was not shown: {exc}"}
        except Exception:  # a bug must not take the server down; the client gets a sentence
            log.exception("a socket request could not be handled")
            return {"error": "popup-client could not handle the request (an internal error; see its log)"}
