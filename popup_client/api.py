"""The Python API for providers: send popups to the running popup-client.

>>> from popup_client.api import send
>>> send({"version": 1, "id": "s-1", "provider": {"id": "org.example.files", "name": "文件同步"},
...       "kind": "service", "title": "同步完成"}, token=TOKEN)          # doctest: +SKIP
{'id': 42, 'decision': 'show', 'rules': [], 'reasons': []}

``send`` opens a connection for one popup; :class:`Client` keeps one open
for many. The reply is the app's decision whatever it is (``show``,
``suppress`` or ``reject`` with the rule ids and reasons). Errors derive from
:class:`ClientError`: :class:`NotRunning` when no popup-client of this user
is running, :class:`SendError` when the request could not be made or was
refused (too long, not JSON, too many connections), :class:`ForeignServer`
(a :class:`SendError`) when another user's program serves the socket: the
kernel is asked who serves the connection before anything, the token
included, is written. No Qt, stdlib only.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import TracebackType
from typing import Any

from .transports.socket.client import (
    ClientError,
    Connection,
    ConnectionLost,
    ForeignServer,
    NotRunning,
    SendError,
    decode_reply,
    encode_request,
    is_running,
)

Payload = dict[str, Any] | str | bytes

#: Requests written before their replies are read, in :meth:`Client.send_many`.
_WINDOW = 32


class Client:
    """One connection to popup-client for many popups.

    ``token`` is the provider's token (from ``popup-client provider add``);
    without it the popup is shown as unverified, or rejected if the user
    accepts only verified providers. ``timeout`` bounds the connection and
    each reply, in seconds. ``name`` is another socket name (tests).
    A connection the app closed meanwhile (it closes idle ones) is reopened
    once, transparently.
    """

    def __init__(self, *, token: str | None = None, timeout: float = 5.0, name: str | None = None) -> None:
        self.token = token
        self.timeout = timeout
        self.name = name
        self._conn: Connection | None = Connection(name, timeout=timeout)
        self._used = False

    def send(self, payload: Payload, *, token: str | None = None) -> dict[str, Any]:
        """Send one popup and return the app's reply ``{"id", "decision", "rules", "reasons"}``."""
        line = encode_request(payload, token if token is not None else self.token)
        return decode_reply(self._exchange([line])[0])

    def send_many(self, payloads: Iterable[Payload], *, token: str | None = None) -> list[dict[str, Any]]:
        """Send several popups, pipelined; one reply each, in order.

        A request the app refused as a request appears as ``{"error": "..."}``
        in its place rather than raising, so the other replies are not lost.
        """
        use = token if token is not None else self.token
        lines = [encode_request(p, use) for p in payloads]
        replies: list[dict[str, Any]] = []
        for start in range(0, len(lines), _WINDOW):
            for raw in self._exchange(lines[start : start + _WINDOW]):
                try:
                    replies.append(decode_reply(raw))
                except SendError as exc:
                    if exc.reply is None:
                        raise
                    replies.append(exc.reply)
        return replies

    def _exchange(self, lines: list[bytes]) -> list[bytes]:
        """Write the lines and read one reply line each; reopen once if an idle connection was closed."""
        for attempt in range(2):
            conn, reused = self._connection()
            replies: list[bytes] = []
            try:
                conn.write(b"".join(lines))
                while len(replies) < len(lines):
                    replies.append(conn.read_line(self.timeout))
            except ConnectionLost:
                self._conn = None
                if attempt or not reused or replies:
                    raise
                continue
            self._used = True
            return replies
        raise AssertionError("unreachable")

    def _connection(self) -> tuple[Connection, bool]:
        if self._conn is None or self._conn.closed:
            self._conn = Connection(self.name, timeout=self.timeout)
            self._used = False
        return self._conn, self._used

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Client:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def send(payload: Payload, *, token: str | None = None, timeout: float = 5.0, name: str | None = None) -> dict[str, Any]:
    """Send one popup to the running popup-client and return its reply.

    ``payload`` is the popup (docs/payload.md) as a dict, or as JSON text or bytes
    (sent as they are). Raises :class:`NotRunning` when the app is not
    running and :class:`SendError` when the request fails.
    """
    with Client(token=token, timeout=timeout, name=name) as client:
        return client.send(payload)


__all__ = ["Client", "ClientError", "ForeignServer", "NotRunning", "SendError", "is_running", "send"]
