"""The per-user local socket server: popups from providers, in the Qt event loop.

A :class:`QLocalServer` (a socket file readable by this user only on Linux
and macOS, a named pipe with the user's access list on Windows) takes
newline-delimited JSON requests, ``{"token": "...", "popup": {...}}``, and
answers each line with one line, in order: the submission's reply
``{"id", "decision", "rules", "reasons"}``, or ``{"error": "..."}`` when the
line is not a request (not UTF-8, not JSON, not an object, no ``popup``
object, unknown envelope fields; :mod:`.protocol` takes lines apart).
A ``{"ctl": ...}`` line is ``popup-client ctl``'s (:mod:`.control`): the
control interface's answers, for this user's connections only, as on D-Bus.
A request whose popup is a JSON object goes to :meth:`PopupService.submit`
whatever is wrong with the popup itself, so it is journaled.

Complete lines are answered in turns of the event loop: each turn takes one
line from every connection that has one, round and round for at most 2 ms,
answers them in one journal transaction (:meth:`PopupService.batch`) and
writes the replies once it is committed — so a reply means the request is
journaled, and ten busy clients cost one commit per turn, not ten. A popup
with images is first scanned for barcodes on a worker thread
(:meth:`PopupService.scan_ahead`); its connection waits (its later lines
too, so replies stay in order) while the others go on. Limits per connection
(:mod:`.connection`): a line of at most 1 MiB + 64 KiB
(a longer one is answered with an error as soon as the limit is passed and
skipped up to its newline, never buffered whole), an idle timeout, and
back-pressure when the client does not read its replies. Tokens are checked
against :class:`ProviderRegistry` and never logged; a verified popup must
carry the id and the name its token was registered with (rule
``provider-identity``). A signed request is verified against the installed
policy bundles' provider registries instead (:func:`.signed.signed_sender`).

Only the user the app runs as is served: the kernel says who connected
(SO_PEERCRED and the like, :mod:`.gate`); a connection of another user,
or beyond ``max_connections``, is refused with one error line, and kept open
a moment so that its client reads the line rather than a broken pipe.

:meth:`SocketServer.listen` is also the single-instance check: it returns
False when another live server answers on the name, and removes a stale
socket file only after making sure nothing answers.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from ...core.errors import CoreError
from ...core.journal import JournalError
from ...core.rules import Sender
from ...service import PopupService
from ..providers import ProviderRegistry
from ..dbus.control import Control
from .connection import TOO_LONG, WAITING, Scanned, ServerConnection
from .gate import Refusals, foreign_peer, qt_peer
from .path import default_socket_name, foreign_socket, socket_address
from .signed import signed_sender
from .control import answer_control
from .protocol import MAX_LINE_BYTES, ControlRequest, RequestError, parse_request

log = logging.getLogger(__name__)

DEFAULT_IDLE_TIMEOUT = 60.0
DEFAULT_MAX_CONNECTIONS = 256
#: Lines answered in one event-loop turn (one journal transaction), and the time the
#: turn may take, so the popups and the tray stay responsive under a flood.
_TURN_LINES = 64
_TURN_SECONDS = 0.002
_PROBE_TIMEOUT_MS = 1000


class SocketServerError(CoreError):
    """The socket server cannot listen (another user's socket, a path that cannot be created…)."""


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
        self._control = Control(service)  # ``ctl`` requests: the one implementation the D-Bus door answers with too
        self.name = name or default_socket_name()
        self.idle_timeout = idle_timeout
        self.max_connections = max_connections
        self.max_line_bytes = max_line_bytes
        self._connections: set[ServerConnection] = set()
        self._retired: list[ServerConnection] = []
        self._ready: dict[ServerConnection, None] = {}  # connections with work, in the order they asked
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
                self._connections.add(ServerConnection(self, sock))

    def _refuse(self, sock: QLocalSocket, why: str, error: str) -> None:
        """Refuse a connection with an error line (the first refusal of each kind and every 100th are logged)."""
        count = self._refused[why] = self._refused.get(why, 0) + 1
        if count == 1 or count % 100 == 0:
            if why == "full":
                log.warning("socket connection refused: %d connections are open (%d refused so far)", self.max_connections, count)
            else:
                log.warning("socket connection refused: %s (%d refused so far)", error, count)
        self.refusals.refuse(sock, error)

    def retire(self, connection: ServerConnection) -> None:
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

    def forget(self, connection: ServerConnection) -> bool:
        """Drop a finished connection; False if it was already dropped."""
        if connection in self._connections:
            self._connections.discard(connection)
            return True
        return False

    # -------------------------------------------------------- turns

    def wake(self, connection: ServerConnection) -> None:
        """``connection`` may have work: look at it on the next turn."""
        self._ready[connection] = None
        if not self._turn_timer.isActive():
            self._turn_timer.start()

    def _turn(self) -> None:
        """Answer up to a turn's worth of lines, one per connection round and round, in one transaction."""
        deadline = time.monotonic() + _TURN_SECONDS
        answered: list[tuple[ServerConnection, dict[str, Any]]] = []
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
                        if reply is not WAITING:
                            answered.append((connection, reply))
                        if len(answered) >= _TURN_LINES or time.monotonic() >= deadline:
                            break
        except JournalError as exc:  # the batch failed: none of the turn's requests was kept
            if answered:
                log.error("a batch of %d socket requests could not be journaled: %s", len(answered), exc)
            else:  # it could not begin; the requests wait for the next turn
                log.error("a batch of socket requests could not begin: %s", exc)
            failed = {"error": f"popup-client could not journal the request, so it was not shown: {exc}"}
            # A control request's answer stands: what it did (a close asked for, a pause saved) is not undone.
            answered = [(connection, reply if "error" in reply or "ctl" in reply else failed) for connection, reply in answered]
        for connection, reply in answered:
            connection.reply(reply)
        if self._ready:
            self._turn_timer.start()

    def _answer_line(self, connection: ServerConnection, line: bytes | object) -> dict[str, Any]:
        if line is TOO_LONG:
            limit = self.max_line_bytes
            return {
                "error": f"line too long: a request may be at most {limit} bytes (a popup at most 1 MiB, "
                "images included); the rest of the line was skipped"
            }
        if isinstance(line, Scanned):
            return self.answer(line.line)
        assert isinstance(line, bytes)
        return self.answer(line, connection)

    def _report_scan(self, connection: ServerConnection) -> None:
        """On the scanning thread (or this one): hand the finished scan to this object's thread."""
        try:
            self._scan_finished.emit(connection)
        except RuntimeError:  # the server is gone (the app is stopping): nobody waits any more
            pass

    def _on_scan_finished(self, connection: ServerConnection) -> None:
        connection.scanned()

    # -------------------------------------------------------- requests

    def answer(self, line: bytes, waiter: ServerConnection | None = None) -> dict[str, Any]:
        """The reply to one request line.

        With ``waiter``, a popup whose images need scanning is scanned on a
        worker thread first: the line is held by ``waiter`` and
        :data:`WAITING` returned; it is answered on a later turn.
        """
        try:
            request = parse_request(line)
        except RequestError as exc:
            return {"error": str(exc)}
        try:
            if isinstance(request, ControlRequest):
                return answer_control(self._control, request)
            if waiter is not None and (scan := self.service.scan_ahead(request.popup)) is not None:
                waiter.hold(line, scan)
                scan.add_done_callback(lambda _done: self._report_scan(waiter))
                return WAITING
            if request.signed is not None:
                self.service.settings.refresh_policy(now=True)  # a bundle installed meanwhile lists the provider already
                sender = signed_sender(request.signed, self.service.settings.policy_in_force.provider_keys)
            else:
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
