"""Fixtures for the D-Bus tests: a private session bus, a stand-in stack, real clients.

- :func:`private_bus` starts a ``dbus-daemon`` of our own (no service
  directories, so nothing is ever auto-started) and ends it afterwards;
- :class:`PresentingService` is the real service, recording the presentation
  each submission carried;
- :class:`FakeStack` does what the app's popup stack does with the service:
  shows what it is handed, replaces in place, closes on request;
- :func:`run_client` runs a real client process while the Qt event loop turns;
- :class:`BusClient` is a jeepney client on its own thread (no Qt) that calls
  methods and collects signals with their wire signatures;
- the ``h`` fixture: a served bus (service, stack, server, subscribed client).
"""

from __future__ import annotations

import textwrap

import os
import shutil
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty, Queue
from typing import Any

import pytest
from jeepney import DBusAddress, HeaderFields, MatchRule, Message, MessageType, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.threading import DBusRouter, open_dbus_connection

from popup_client.core.clock import FixedClock
from popup_client.core.journal import CloseHow, Journal
from popup_client.core.presentation import DEFAULT_PRESENTATION, Presentation
from popup_client.core.prefs import PrefsStore
from popup_client.core.rules import Sender
from popup_client.service import PopupService
from popup_client.submission import RawPayload, Submission
from popup_client.transports.dbus.server import NotificationServer
from tests.helpers.rules import EXAMPLES_NOW

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <!-- No <servicedir>: nothing is ever auto-started, whatever is installed. -->
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
  <!-- The limits of Debian's session.conf (the built-in ones are the system bus's). -->
  <limit name="max_incoming_bytes">1000000000</limit>
  <limit name="max_outgoing_bytes">1000000000</limit>
  <limit name="max_message_size">1000000000</limit>
  <limit name="max_names_per_connection">50000</limit>
  <limit name="max_match_rules_per_connection">50000</limit>
  <limit name="max_replies_per_connection">50000</limit>
</busconfig>
"""
NOTIFICATIONS = DBusAddress("/org/freedesktop/Notifications", "org.freedesktop.Notifications", "org.freedesktop.Notifications")
CONTROL = DBusAddress("/org/popupclient/Control", "org.popupclient.Daemon", "org.popupclient.Control1")
#: D-Bus exists on Linux only; there, missing tools fail the test (CI installs them), never skip it.
needs_dbus = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the session bus is a Linux thing")
_PACKAGES = {"dbus-daemon": "dbus-daemon", "notify-send": "libnotify-bin", "gdbus": "libglib2.0-bin"}


def require_tool(name: str) -> None:
    """Fail (not skip) when a client or daemon the tests use is missing."""
    if shutil.which(name) is None:
        pytest.fail(f"{name} is not installed: apt-get install {_PACKAGES.get(name, name)} (scripts/test does it on Debian)")


def _die_with_parent() -> None:
    """In the child: end with the test process, even if it crashes before its teardown (Linux)."""
    import ctypes
    import signal

    ctypes.CDLL(None).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG


@dataclass
class PrivateBus:
    """A running dbus-daemon of our own."""

    address: str
    proc: subprocess.Popen[str]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


@contextmanager
def private_bus(tmp: Path) -> Iterator[PrivateBus]:
    """A session bus of our own, ended on leaving."""
    require_tool("dbus-daemon")
    config = tmp / "bus.conf"
    config.write_text(BUS_CONFIG.format(dir=tmp), encoding="utf-8")
    with (tmp / "bus.log").open("wb") as log, warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # newer Pythons frown on forking with threads alive
        proc = subprocess.Popen(
            ["dbus-daemon", "--nofork", f"--config-file={config}", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            preexec_fn=_die_with_parent,
        )
    bus = PrivateBus("", proc)
    try:
        assert proc.stdout is not None
        bus.address = proc.stdout.readline().strip()
        assert bus.address.startswith("unix:"), f"dbus-daemon did not start: {bus.address!r}"
        yield bus
    finally:
        bus.stop()


@pytest.fixture(scope="module")
def bus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private session bus for the module, exported as DBUS_SESSION_BUS_ADDRESS."""
    with private_bus(tmp_path_factory.mktemp("bus")) as running, pytest.MonkeyPatch.context() as patch:
        patch.setenv("DBUS_SESSION_BUS_ADDRESS", running.address)
        patch.delenv("DISPLAY", raising=False)
        yield running.address


class PresentingService(PopupService):
    """The real service, remembering the ``presentation`` each submission was given."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.presentations: dict[int, Presentation | None] = {}

    def submit(
        self, raw: RawPayload, sender: Sender, *, replaces: int | None = None, presentation: Presentation | None = None
    ) -> Submission:
        submission = super().submit(raw, sender, replaces=replaces, presentation=presentation or DEFAULT_PRESENTATION)
        self.presentations[submission.receipt_id] = presentation
        return submission


@dataclass
class FakeStack:
    """The popup stack's side of the service: shows, replaces in place, closes when asked.

    It shows at once, inside the service's call (the app's stack gets its
    shows queued, after the reply: the server must cope with both).
    ``display`` False keeps what comes waiting, never on screen.
    """

    service: PopupService
    visible: dict[int, Submission] = field(default_factory=dict)
    display: bool = True

    def __post_init__(self) -> None:
        self.service.show_listeners.append(self._on_show)
        self.service.close_request_listeners.append(self._on_close_request)

    def _on_show(self, submission: Submission) -> None:
        self.visible.pop(submission.replaces, None)  # in place: the service closed the old one already
        self.visible[submission.receipt_id] = submission
        if self.display:
            self.service.displayed(submission.receipt_id)

    def _on_close_request(self, receipt_id: int) -> None:
        self.close(receipt_id, CloseHow.API)

    def close(self, receipt_id: int, how: CloseHow) -> None:
        if self.visible.pop(receipt_id, None) is not None:
            self.service.closed(receipt_id, how)

    def titles(self) -> list[str]:
        return [s.popup.title for s in self.visible.values() if s.popup is not None]


def make_service(tmp: Path, clock: Any, journal: str | Path = ":memory:") -> PresentingService:
    return PresentingService(Journal(journal, clock=clock), PrefsStore(tmp / "preferences.toml"), clock=clock)


@dataclass
class Done:
    rc: int
    out: str
    err: str


def run_client(qtbot: Any, args: list[str], *, timeout: float = 15.0, input_text: str | None = None) -> Done:
    """Run a client process to its end while the Qt event loop keeps serving."""
    if not os.path.isabs(args[0]):
        require_tool(args[0])
    proc = subprocess.Popen(
        args,
        stdin=subprocess.PIPE if input_text is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    with ThreadPoolExecutor(1) as pool:
        result = pool.submit(proc.communicate, input_text)
        try:
            qtbot.waitUntil(result.done, timeout=int(timeout * 1000))
        except BaseException:
            proc.kill()
            raise
        out, err = result.result()
    return Done(proc.returncode, out, err)


def python_client(code: str) -> list[str]:
    return [sys.executable, "-c", code]


@dataclass(frozen=True)
class Received:
    """A signal or reply as it came off the wire."""

    member: str
    signature: str
    body: tuple[Any, ...]


class BusClient:
    """A jeepney client on its own threads: calls wait in a worker, signals queue up."""

    def __init__(self, address: str) -> None:
        self.conn = open_dbus_connection(address)
        self.router = DBusRouter(self.conn)
        self.signals: Queue[Received] = Queue()
        self._pool = ThreadPoolExecutor(2)
        self._filters: list[Any] = []

    @property
    def unique_name(self) -> str:
        return str(self.conn.unique_name)

    def subscribe(self, interface: str = "org.freedesktop.Notifications") -> None:
        rule = MatchRule(type="signal", interface=interface)
        self.router.send_and_get_reply(message_bus.AddMatch(rule), timeout=5)
        self._filters.append(self.router.filter(rule, queue=_SignalQueue(self.signals)))

    def call(self, msg: Message, timeout: float = 10) -> Future[Message]:
        return self._pool.submit(self.router.send_and_get_reply, msg, timeout=timeout)

    def close(self) -> None:
        for handle in self._filters:
            handle.close()
        self._pool.shutdown(wait=True)
        self.router.close()
        self.conn.close()


class _SignalQueue(Queue):  # type: ignore[type-arg]
    """Turns matched messages into :class:`Received` as they are queued."""

    def __init__(self, target: Queue[Received]) -> None:
        super().__init__()
        self._target = target

    def put_nowait(self, msg: Message) -> None:
        self._target.put_nowait(received(msg))


def received(msg: Message) -> Received:
    fields = msg.header.fields
    member = str(fields.get(HeaderFields.member, fields.get(HeaderFields.error_name, "")))
    return Received(member, str(fields.get(HeaderFields.signature, "")), tuple(msg.body))


def wait_reply(qtbot: Any, future: Future[Message], timeout: float = 10) -> Received:
    """Wait (turning the loop) for a call's reply; an error reply fails the test."""
    qtbot.waitUntil(future.done, timeout=int(timeout * 1000))
    msg = future.result()
    reply = received(msg)
    assert msg.header.message_type is MessageType.method_return, f"error reply: {reply}"
    return reply


def wait_signals(qtbot: Any, client: BusClient, count: int, timeout: float = 10) -> list[Received]:
    """Wait (turning the loop) until ``count`` signals arrived; returns them."""
    got: list[Received] = []

    def enough() -> bool:
        while True:
            try:
                got.append(client.signals.get_nowait())
            except Empty:
                return len(got) >= count

    qtbot.waitUntil(enough, timeout=int(timeout * 1000))
    return got


def drain(qtbot: Any, client: BusClient, wait_ms: int = 150) -> list[Received]:
    """Every signal that arrives within ``wait_ms``."""
    qtbot.wait(wait_ms)
    got = []
    while True:
        try:
            got.append(client.signals.get_nowait())
        except Empty:
            return got


def notify_msg(
    summary: str = "标题",
    body: str = "正文",
    *,
    app_name: str = "Demo",
    replaces_id: int = 0,
    app_icon: str = "",
    actions: list[str] | None = None,
    hints: dict[str, tuple[str, Any]] | None = None,
    expire_timeout: int = -1,
) -> Message:
    args = (app_name, replaces_id, app_icon, summary, body, actions or [], hints or {}, expire_timeout)
    return new_method_call(NOTIFICATIONS, "Notify", "susssasa{sv}i", args)


def wait_names_free(address: str, *names: str, timeout: float = 5.0) -> None:
    """Block until nobody owns these names (a stopped server's names are released asynchronously)."""
    from jeepney.io.blocking import open_dbus_connection as blocking_connection

    names = names or (NOTIFICATIONS.bus_name, CONTROL.bus_name)
    with blocking_connection(address) as conn:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            owned = [n for n in names if conn.send_and_get_reply(message_bus.NameHasOwner(n), timeout=5).body[0]]
            if not owned:
                return
            time.sleep(0.01)
    raise AssertionError(f"{owned} still owned after {timeout} s")


# ------------------------------------------------------------------ a served bus


@dataclass
class Harness:
    service: PresentingService
    stack: FakeStack
    server: NotificationServer
    client: BusClient
    bus: str

    def notify(self, qtbot: Any, **kw: Any) -> int:
        reply = wait_reply(qtbot, self.client.call(notify_msg(**kw)))
        assert reply.signature == "u"
        nid = int(reply.body[0])
        assert nid > 0
        return nid

    def receipt_of(self, nid: int) -> int:
        for row in self.service.journal.history(limit=50):
            if row.sender.get("dbus_id") == nid:
                return row.id
        raise AssertionError(f"no receipt for D-Bus id {nid}")

    def set_pref(self, key: str, value: str) -> None:
        self.service.set_pref(key, value)


def start_server(service: PresentingService, **kw: Any) -> NotificationServer:
    server = NotificationServer(service, icon_resolver=lambda ref: None, **kw)
    server.start()
    return server


@pytest.fixture
def h(tmp_path: Path, bus: str, qtbot: Any) -> Iterator[Harness]:
    service = make_service(tmp_path, FixedClock(EXAMPLES_NOW))
    stack = FakeStack(service)
    server = start_server(service)
    client = BusClient(bus)
    client.subscribe()
    try:
        yield Harness(service, stack, server, client, bus)
    finally:
        client.close()
        server.stop()
        wait_names_free(bus)


#: A process that owns a bus name (argv: NAME FLAGS), prints "owned", and "lost" when replaced.
NAME_OWNER_SCRIPT = textwrap.dedent(
    """
    import sys
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection
    conn = open_dbus_connection("SESSION")
    code = conn.send_and_get_reply(message_bus.RequestName(sys.argv[1], int(sys.argv[2]))).body[0]
    print("owned" if code == 1 else f"code {code}", flush=True)
    while True:
        msg = conn.receive()
        if msg.header.fields.get(3) == "NameLost":
            print("lost", flush=True)
            break
    """
)
