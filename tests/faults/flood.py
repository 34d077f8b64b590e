"""Flooding the real app's local socket: many clients in one selector loop, and what to read back.

:func:`run_clients` drives any number of non-blocking Unix-socket clients
from a single thread: each writes its bytes as fast as the app takes them
and collects its reply lines, so ten clients × 1 000 requests measure the
app, not the test. A client may close right after sending (a disconnect in
the middle of a line), and the whole run can be cut short by a callback (a
``kill -9`` in the middle of a flood). While it runs, the app's resident
memory is sampled.

Also here: the flood's payloads, reading the app's memory from ``/proc``,
and opening the journal file read-only. Used by ``tests/faults`` and by
``benchmarks/socket_load.py``.
"""

from __future__ import annotations

import errno
import json
import selectors
import socket
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

#: Every this-many-th flood message is invalid: a broken popup (journaled) or a bad link (rejected).
INVALID_EVERY = 50


def request_line(popup: dict[str, Any], token: str | None = None) -> bytes:
    envelope: dict[str, Any] = {"popup": popup} if token is None else {"token": token, "popup": popup}
    return (json.dumps(envelope, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def provider_of(client: int, prefix: str = "load") -> str:
    return f"com.{prefix}.c{client}"


def flood_popup(client: int, index: int, *, now: datetime, prefix: str = "load") -> dict[str, Any]:
    """Message ``index`` of flood client ``client``: content and service in turn, now and then invalid."""
    popup: dict[str, Any] = {
        "version": 1,
        "id": f"{prefix}-{client}-{index}",
        "provider": {"id": provider_of(client, prefix), "name": f"压测 {client}", "domain": f"c{client}.example.com"},
        "kind": "content" if index % 2 else "service",
        "title": f"消息 {index}",
        "body": "负载测试：每个客户端一千条消息。" * 3,
    }
    if popup["kind"] == "content":
        reviewed = (now - timedelta(minutes=1)).astimezone(timezone.utc).replace(microsecond=0)
        popup["review"] = {"reviewer": "load-test", "reviewed_at": reviewed.isoformat().replace("+00:00", "Z")}
        popup["topic"] = f"topic-{index % 7}"
    if index % INVALID_EVERY == INVALID_EVERY - 1:
        if index % (2 * INVALID_EVERY) == INVALID_EVERY - 1:
            popup["title"] = ""  # does not parse: journaled with its error
        else:
            popup["link"] = "javascript:alert(1)"  # parses, rejected by link-scheme
    return popup


def flood_lines(clients: int, per_client: int, *, now: datetime | None = None, prefix: str = "load") -> list[bytes]:
    """One byte string of ``per_client`` request lines for each client."""
    now = now or datetime.now(timezone.utc)
    return [b"".join(request_line(flood_popup(c, i, now=now, prefix=prefix)) for i in range(per_client)) for c in range(clients)]


# ------------------------------------------------------------------ the app's memory


def rss_mb(pid: int, field_name: str = "VmRSS") -> float:
    """A memory figure of a process from /proc (Linux), in MiB; NaN where unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


# ------------------------------------------------------------------ clients


@dataclass
class Client:
    """One connection: what it sends, and what came back."""

    name: str
    data: bytes
    expect: int  # replies expected; the run waits for them
    close_after_send: bool = False
    keep_open: bool = False  # stays connected (and silent) once finished
    sock: socket.socket | None = None
    sent: int = 0
    buffer: bytearray = field(default_factory=bytearray)
    replies: list[dict[str, Any]] = field(default_factory=list)
    broken: str | None = None  # why the connection ended early
    done_at: float | None = None

    @property
    def finished(self) -> bool:
        return self.broken is not None or (len(self.replies) >= self.expect and (self.sent == len(self.data) or self.close_after_send))


@dataclass
class Run:
    """The outcome of :func:`run_clients`."""

    clients: list[Client]
    started: float  # time.time() when the first byte was written
    ended: float
    peak_rss_mb: float
    rss_samples: list[float]
    stopped_early: bool

    @property
    def seconds(self) -> float:
        return self.ended - self.started

    def replies(self) -> list[dict[str, Any]]:
        return [reply for client in self.clients for reply in client.replies]


def connect(address: str, *, timeout: float = 10.0) -> socket.socket:
    """A connected socket; retried while the app's accept queue is full (EAGAIN)."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    deadline = time.monotonic() + timeout
    while True:
        try:
            sock.connect(address)
            return sock
        except BlockingIOError:
            if time.monotonic() > deadline:
                sock.close()
                raise
            time.sleep(0.005)


def _parse_replies(client: Client) -> None:
    while (end := client.buffer.find(b"\n")) >= 0:
        line = bytes(client.buffer[:end])
        del client.buffer[: end + 1]
        client.replies.append(json.loads(line))


def _pump(client: Client, events: int) -> None:
    assert client.sock is not None
    try:
        if events & selectors.EVENT_READ:
            chunk = client.sock.recv(256 * 1024)
            if not chunk:
                client.broken = client.broken or "closed by the app"
            client.buffer += chunk
            _parse_replies(client)
        if events & selectors.EVENT_WRITE and client.sent < len(client.data):
            client.sent += client.sock.send(memoryview(client.data)[client.sent : client.sent + 256 * 1024])
    except BlockingIOError:
        pass
    except OSError as exc:
        if exc.errno not in (errno.EPIPE, errno.ECONNRESET, errno.ENOTCONN):
            raise
        client.broken = f"connection lost: {exc.strerror}"


def _rearm(client: Client, sel: selectors.BaseSelector) -> None:
    assert client.sock is not None
    if client.sent == len(client.data) and client.close_after_send and client.broken is None:
        client.broken = "closed by the client"
    if client.finished:
        client.done_at = client.done_at or time.time()
        sel.unregister(client.sock)
        if not (client.keep_open and client.broken is None):
            client.sock.close()
        return
    mask = selectors.EVENT_READ | (selectors.EVENT_WRITE if client.sent < len(client.data) else 0)
    sel.modify(client.sock, mask, client)


def run_clients(
    address: str,
    clients: list[Client],
    *,
    pid: int | None = None,
    timeout: float = 120.0,
    stop: Callable[[list[Client]], bool] | None = None,
) -> Run:
    """Connect every client, send and read until each has its replies (or ``stop`` says so)."""
    sel = selectors.DefaultSelector()
    for client in clients:
        client.sock = connect(address)
        client.sock.setblocking(False)
        sel.register(client.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, client)
    samples: list[float] = []
    started = time.time()
    deadline = time.monotonic() + timeout
    next_sample = 0.0
    stopped = False
    while sel.get_map():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the flood did not finish in {timeout} s: " + ", ".join(f"{c.name} {len(c.replies)}/{c.expect}" for c in clients))
        for key, events in sel.select(timeout=0.05):
            client = key.data
            _pump(client, events)
            _rearm(client, sel)
        if pid is not None and time.monotonic() >= next_sample:
            samples.append(rss_mb(pid))
            next_sample = time.monotonic() + 0.1
        if stop is not None and not stopped and stop(clients):
            stopped = True
            deadline = min(deadline, time.monotonic() + 10)
    ended = max((c.done_at or time.time()) for c in clients)
    peak = max(samples, default=float("nan"))
    return Run(clients, started, ended, peak, samples, stopped)


# ------------------------------------------------------------------ the journal


def open_journal(path: Path) -> sqlite3.Connection:
    """The journal file, read-only (the app may still be writing it)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    conn.row_factory = sqlite3.Row
    return conn


def shown_within(times: list[float], window: float) -> int:
    """The most rows falling in any closed window of ``window`` seconds ending at a row."""
    times = sorted(times)
    most, start = 0, 0
    for end, at in enumerate(times):
        while times[start] < at - window:
            start += 1
        most = max(most, end - start + 1)
    return most
