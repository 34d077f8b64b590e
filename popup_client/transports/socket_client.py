"""A plain-Python client of the app's local socket: no Qt, stdlib only.

The protocol is newline-delimited JSON in UTF-8. A request is one line
``{"token": "...", "popup": {...}}`` (``token`` optional); the reply is one
line ``{"id", "decision", "rules", "reasons"}``, or ``{"error": "..."}``
when the line was not a request at all. Replies come in the order of the
requests, so several requests may be written before reading the replies.

Where the socket is: :class:`PySide6.QtNetwork.QLocalServer` puts a name
that is not an absolute path in Qt's temporary folder (``$TMPDIR`` or
``/tmp``, symbolic links resolved) on Linux and macOS, and makes it the named
pipe ``\\\\.\\pipe\\NAME`` on Windows. The name is per user,
``popup-client-<uid>`` (``popup-client-<user name>`` on Windows), unless
``POPUP_CLIENT_SOCKET`` names another (a name, an absolute path or a pipe).
On Linux and macOS the client refuses a socket file that another user owns.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket
import stat
import time
from typing import Any, Protocol

from ..core.errors import CoreError

log = logging.getLogger(__name__)

#: Environment variable naming another socket (tests, several instances).
SOCKET_ENV = "POPUP_CLIENT_SOCKET"
#: A popup as received is at most 1 MiB (PAYLOAD.md); the envelope gets 64 KiB more.
MAX_POPUP_BYTES = 1024 * 1024
ENVELOPE_BYTES = 64 * 1024
MAX_LINE_BYTES = MAX_POPUP_BYTES + ENVELOPE_BYTES
#: A reply longer than this is not from popup-client.
MAX_REPLY_BYTES = 1024 * 1024

_PIPE_PREFIX = "\\\\.\\pipe\\"
_READ_CHUNK = 64 * 1024
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


# ------------------------------------------------------------------ where the socket is


def default_socket_name() -> str:
    """The per-user socket name (``POPUP_CLIENT_SOCKET`` overrides it)."""
    override = os.environ.get(SOCKET_ENV, "").strip()
    if override:
        return override
    if os.name == "nt":  # pragma: no cover - Windows
        import getpass

        return "popup-client-" + re.sub(r"[^A-Za-z0-9._-]", "_", getpass.getuser())
    return f"popup-client-{os.getuid()}"


def qt_temp_dir() -> str:
    """The folder ``QDir.tempPath()`` returns on Linux and macOS."""
    return os.path.realpath(os.environ.get("TMPDIR") or "/tmp")


def socket_address(name: str | None = None) -> str:
    """The socket file (Linux, macOS) or named pipe (Windows) of a server name."""
    name = name or default_socket_name()
    if os.name == "nt":  # pragma: no cover - Windows
        return name if name.startswith(_PIPE_PREFIX) else _PIPE_PREFIX + name
    return name if name.startswith("/") else os.path.join(qt_temp_dir(), name)


def foreign_socket(address: str) -> str | None:
    """Why an existing path must not be used as our socket (another user's, not a socket), else None."""
    if os.name == "nt":  # pragma: no cover - the pipe's access list does this on Windows
        return None
    try:
        info = os.lstat(address)
    except OSError:
        return None
    if not stat.S_ISSOCK(info.st_mode):
        return f"{address} exists but is not a socket"
    if info.st_uid != os.geteuid():
        return f"the socket {address} belongs to another user (uid {info.st_uid}); refusing to use it"
    return None


# ------------------------------------------------------------------ byte streams


class _Stream(Protocol):
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
    # In valid JSON a line break can only be white space between tokens.
    return text.strip().replace("\r", " ").replace("\n", " ")


def encode_request(payload: dict[str, Any] | str | bytes, token: str | None = None) -> bytes:
    """One request line (with its newline), refused here when the app would refuse it as too long."""
    head = "{" if token is None else "{" + '"token":' + json.dumps(token) + ","
    line = (head + '"popup":' + _payload_text(payload) + "}\n").encode("utf-8", "surrogatepass")
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
        self._stream: _Stream | None = _open_stream(self.address, timeout)
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
            self.close()
            raise ConnectionLost(f"the connection to popup-client broke: {exc.strerror or exc}") from None

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
    try:
        Connection(name, timeout=timeout).close()
    except ClientError:
        return False
    return True


__all__ = [
    "ClientError",
    "Connection",
    "ConnectionLost",
    "MAX_LINE_BYTES",
    "NotRunning",
    "SOCKET_ENV",
    "SendError",
    "decode_reply",
    "default_socket_name",
    "encode_request",
    "foreign_socket",
    "is_running",
    "socket_address",
]
