"""A plain-Python client of the app's local socket: no Qt, stdlib only.

The protocol is newline-delimited JSON in UTF-8. A request is one line
``{"token": "...", "popup": {...}}`` (``token`` optional); the reply is one
line ``{"id", "decision", "rules", "reasons"}``, or ``{"error": "..."}``
when the line was not a request at all. Replies come in the order of the
requests, so several requests may be written before reading the replies.

Where the socket is: :mod:`.path` (``$XDG_RUNTIME_DIR`` or the
temporary folder on Linux and macOS, a named pipe on Windows). Before it
writes a single byte, the client asks the kernel who serves the connection
it got (:mod:`.peer`) and refuses a server of another user
(:class:`ForeignServer`): a socket file's owner, checked before connecting,
says nothing about who listens on the path a moment later.

A server that refuses the connection (too many connections, another user)
writes one error line and closes; a request written after that close fails
with EPIPE, so the client then reads the error line waiting for it and
raises it as the app's refusal.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from collections.abc import Callable
from typing import Any, Protocol

from ...core.errors import CoreError
from .peer import Peer, pipe_peer, unix_peer
from .protocol import MAX_LINE_BYTES, MAX_POPUP_BYTES, MAX_REPLY_BYTES
from .path import SOCKET_ENV, default_socket_name, foreign_socket, session_socket_address, socket_address

log = logging.getLogger(__name__)


_READ_CHUNK = 64 * 1024
#: After a write failed, how long to wait for the error line the server wrote before closing.
_REFUSAL_WAIT = 0.5
_ERROR_PIPE_BUSY = 231


class ClientError(CoreError):
    """Base class of what the socket client raises."""


class NotRunning(ClientError):
    """No popup-client answers at the socket (``address`` says where it looked)."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__(f"popup-client is not running (no socket at {address}); start it with `popup-client run`")


class SendError(ClientError):
    """The request could not be made or answered; ``reply`` is the app's error reply, if any."""

    def __init__(self, message: str, reply: dict[str, Any] | None = None) -> None:
        self.reply = reply
        super().__init__(message)


class ConnectionLost(SendError):
    """The connection broke before a reply arrived."""


class ForeignServer(SendError):
    """Another user's program serves the socket: nothing was sent to it."""

    def __init__(self, address: str, peer: str) -> None:
        super().__init__(
            f"refusing to talk to {address}: it is served by {peer}, not by a popup-client of yours; "
            "another user may be impersonating popup-client. Nothing was sent (the token included)"
        )


def _verify_server(address: str, ask: Callable[[], Peer], close: Callable[[], None]) -> Peer:
    """The connected server as the kernel says; raise (after ``close``) unless it runs as this user."""
    try:
        who = ask()
    except OSError as exc:
        close()
        raise SendError(f"cannot tell who serves {address} ({exc.strerror or exc}); nothing was sent") from None
    if not who.ours:
        close()
        log.warning("the socket %s is served by %s; nothing was sent", address, who.label)
        raise ForeignServer(address, who.label)
    return who


# ------------------------------------------------------------------ byte streams


class _Stream(Protocol):
    peer: Peer

    def write(self, data: bytes) -> None: ...

    def recv(self, size: int, timeout: float) -> bytes: ...

    def close(self) -> None: ...


class _UnixStream:
    """An ``AF_UNIX`` stream socket (Linux, macOS)."""

    def __init__(self, address: str, timeout: float) -> None:
        problem = foreign_socket(address)
        if problem:
            raise SendError(problem)
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.settimeout(max(timeout, 0.001))
        try:
            self._connect(address, timeout)
        except (FileNotFoundError, ConnectionRefusedError):
            self._sock.close()
            raise NotRunning(address) from None
        except (socket.timeout, TimeoutError):
            self._sock.close()
            raise SendError(f"popup-client at {address} did not accept the connection within {timeout:g} s") from None
        except OSError as exc:
            self._sock.close()
            raise SendError(f"cannot connect to {address}: {exc.strerror or exc}") from None
        self.peer = _verify_server(address, lambda: unix_peer(self._sock), self._sock.close)

    def _connect(self, address: str, timeout: float) -> None:
        """Connect; while the app's accept queue is full (EAGAIN on a Unix socket), retry until ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self._sock.connect(address)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise socket.timeout from None
                time.sleep(0.005)

    def write(self, data: bytes) -> None:
        self._sock.sendall(data)

    def recv(self, size: int, timeout: float) -> bytes:
        self._sock.settimeout(max(timeout, 0.001))
        try:
            return self._sock.recv(size)
        except socket.timeout:
            raise TimeoutError from None

    def close(self) -> None:
        self._sock.close()


class _PipeStream:  # pragma: no cover - Windows only
    """A Windows named pipe opened as a file; reads poll ``PeekNamedPipe`` to honour timeouts."""

    def __init__(self, address: str, timeout: float) -> None:
        import ctypes
        import msvcrt

        deadline = time.monotonic() + timeout
        while True:
            try:
                self._file = open(address, "r+b", buffering=0)  # noqa: SIM115 - closed in close()
                break
            except FileNotFoundError:
                raise NotRunning(address) from None
            except OSError as exc:
                if getattr(exc, "winerror", None) == _ERROR_PIPE_BUSY and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                raise SendError(f"cannot connect to {address}: {exc.strerror or exc}") from None
        self._handle = msvcrt.get_osfhandle(self._file.fileno())  # type: ignore[attr-defined,unused-ignore]
        self._kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
        self.peer = _verify_server(address, lambda: pipe_peer(self._handle, server=True), self._file.close)

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = self._file.write(view)
            view = view[written or 0 :]

    def _available(self) -> int:
        """Bytes waiting in the pipe; -1 when the other end has closed it."""
        import ctypes
        from ctypes import wintypes

        avail = wintypes.DWORD(0)
        ok = self._kernel32.PeekNamedPipe(wintypes.HANDLE(self._handle), None, 0, None, ctypes.byref(avail), None)
        return int(avail.value) if ok else -1

    def recv(self, size: int, timeout: float) -> bytes:
        deadline = time.monotonic() + timeout
        while True:
            available = self._available()
            if available < 0:
                return b""
            if available > 0:
                return self._file.read(min(available, size)) or b""
            if time.monotonic() >= deadline:
                raise TimeoutError
            time.sleep(0.005)

    def close(self) -> None:
        self._file.close()


def _open_stream(address: str, timeout: float) -> _Stream:
    """The platform's byte stream to the server."""
    if os.name == "nt":  # pragma: no cover - Windows
        return _PipeStream(address, timeout)
    return _UnixStream(address, timeout)


# ------------------------------------------------------------------ requests


def _payload_text(payload: dict[str, Any] | str | bytes) -> str:
    """The popup as one line of JSON text; a str or bytes payload keeps its exact text."""
    if isinstance(payload, dict):
        try:
            return json.dumps(payload, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        except (TypeError, ValueError) as exc:
            raise SendError(f"the payload cannot be written as JSON: {exc}") from None
    if isinstance(payload, bytes):
        try:
            payload = payload.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SendError(f"the payload is not valid UTF-8 (byte {exc.start}); send UTF-8 JSON") from None
    text = payload.removeprefix("\ufeff")
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise SendError(f"the payload is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise SendError("the payload must be a JSON object")
    if set(value) == {"signed"}:  # a signed request as a provider's signing script wrote it
        return _payload_text(value)
    # In valid JSON a line break can only be white space between tokens.
    return text.strip().replace("\r", " ").replace("\n", " ")


def encode_request(payload: dict[str, Any] | str | bytes, token: str | None = None) -> bytes:
    """One request line (with its newline), refused here when the app would refuse it as too long.

    A payload that is ``{"signed": {…}}`` (a signed payload, as
    ``resources/examples/sign-payload.py`` writes it) is sent as a signed request.
    """
    head = "{" if token is None else "{" + '"token":' + json.dumps(token) + ","
    text = _payload_text(payload)
    if text.startswith('{"signed":'):  # ``{"signed": {"payload": "…", "signature": {…}}}``: sent as that request
        member = '"signed":' + text.removeprefix('{"signed":').removesuffix("}")
    else:
        member = '"popup":' + text
    line = (head + member + "}\n").encode("utf-8", "surrogatepass")
    if len(line) > MAX_LINE_BYTES:
        raise SendError(
            f"the request is {len(line)} bytes; a popup may be at most {MAX_POPUP_BYTES} bytes (1 MiB), images included"
        )
    return line


def decode_reply(line: bytes) -> dict[str, Any]:
    """A reply line as a dict; an error reply raises :class:`SendError`."""
    try:
        reply = json.loads(line)
    except ValueError:
        raise SendError("the app sent a reply that is not JSON") from None
    if not isinstance(reply, dict):
        raise SendError("the app sent a reply that is not a JSON object")
    if "error" in reply:
        raise SendError(f"the app refused the request: {reply['error']}", reply)
    return reply


class Connection:
    """One connection to the app's socket, exchanging JSON lines."""

    def __init__(self, name: str | None = None, *, timeout: float = 5.0) -> None:
        self.address = socket_address(name)
        try:
            self._stream: _Stream | None = _open_stream(self.address, timeout)
        except NotRunning:
            session = session_socket_address(name)
            if session is None or not os.path.exists(session):
                raise
            self.address = session  # the desktop session's app, seen from cron or ssh
            self._stream = _open_stream(session, timeout)
        self.peer = self._stream.peer  # who serves it (its pid, on Linux and Windows)
        self._buffer = bytearray()

    @property
    def closed(self) -> bool:
        return self._stream is None

    def write(self, data: bytes) -> None:
        """Write request lines; a broken connection raises :class:`ConnectionLost`."""
        if self._stream is None:
            raise ConnectionLost("the connection is closed")
        try:
            self._stream.write(data)
        except (socket.timeout, TimeoutError):
            self.close()
            raise SendError("the app did not take the request in time") from None
        except OSError as exc:
            self._raise_refusal()
            self.close()
            raise ConnectionLost(f"the connection to popup-client broke: {exc.strerror or exc}") from None

    def _raise_refusal(self) -> None:
        """Raise the error line a server that closed on us left behind (too many connections…), if any."""
        try:
            line = self.read_line(_REFUSAL_WAIT)
            reply = json.loads(line)
        except (ClientError, ValueError):
            return
        if isinstance(reply, dict) and isinstance(reply.get("error"), str):
            self.close()
            raise SendError(f"the app refused the request: {reply['error']}", reply)

    def read_line(self, timeout: float) -> bytes:
        """The next line (without its newline), waiting at most ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while (end := self._buffer.find(b"\n")) < 0:
            self._fill(deadline, timeout)
        line = bytes(self._buffer[:end])
        del self._buffer[: end + 1]
        return line

    def _fill(self, deadline: float, timeout: float) -> None:
        if self._stream is None:
            raise ConnectionLost("the connection is closed")
        if len(self._buffer) > MAX_REPLY_BYTES:
            self.close()
            raise SendError("the reply is too long; is that really popup-client at the other end?")
        try:
            chunk = self._stream.recv(_READ_CHUNK, deadline - time.monotonic())
        except TimeoutError:
            self.close()
            raise SendError(f"popup-client did not answer within {timeout:g} s") from None
        except OSError as exc:
            self.close()
            raise ConnectionLost(f"the connection to popup-client broke: {exc.strerror or exc}") from None
        if not chunk:
            self.close()
            raise ConnectionLost("popup-client closed the connection before answering")
        self._buffer += chunk

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None


def is_running(name: str | None = None, *, timeout: float = 1.0) -> bool:
    """Whether a popup-client of this user answers at the socket."""
    return running_instance(name, timeout=timeout) is not None


def running_instance(name: str | None = None, *, timeout: float = 1.0) -> tuple[str, Peer] | None:
    """Where a popup-client of this user answers (its socket's address) and who it is, or None."""
    try:
        connection = Connection(name, timeout=timeout)
    except ClientError:
        return None
    connection.close()
    return connection.address, connection.peer


__all__ = [
    "ClientError",
    "Connection",
    "ConnectionLost",
    "ForeignServer",
    "MAX_LINE_BYTES",
    "NotRunning",
    "SOCKET_ENV",
    "SendError",
    "decode_reply",
    "default_socket_name",
    "encode_request",
    "foreign_socket",
    "is_running",
    "running_instance",
    "socket_address",
]
