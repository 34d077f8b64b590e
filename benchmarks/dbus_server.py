#!/usr/bin/env python3
"""The freedesktop notification server: Notify → mapped latency, start → owning the name, a burst.

Starts a private Xvfb display and a private session bus (a dbus-daemon with
no service directories), then measures the real app (`popup-client run`,
its state in a temp dir) from outside, with a jeepney client:

- ``start_to_name``: from spawning `popup-client run` to the bus announcing
  the new owner of org.freedesktop.Notifications (NameOwnerChanged), over
  several starts;
- ``notify_to_mapped``: from writing a Notify call to the X server's
  MapNotify of the popup window, one app name per popup (so the flood guard
  never applies) and each popup closed with CloseNotification before the next;
- ``burst``: 1 000 Notify calls from one sender, pipelined on one
  connection: the time until every reply is in (waiting ``--burst-timeout``
  seconds at most), calls refused, the app's CPU and peak RSS during the
  burst, popups put on screen (MapNotify within two seconds), receipts in
  the journal, and the reply time of one Notify sent right after.

Prints one JSON object with the targets of issue 4 and whether each is met:
Notify → mapped median ≤ 10 ms; owning the name ≤ 400 ms after start; the
burst answered in ≤ 1 s with no call refused, only cap-many popups shown,
every call journaled, and the next call answered in ≤ 20 ms.

dunst, the same way (``--also-dunst``: its figures under ``dunst``, after the
app's, each server on its own fresh Xvfb, bus and homes; ``--server dunst``:
dunst's alone). dunst reads only a dunstrc the benchmark writes, in a fresh
HOME (``notification_servers.py``): a copy of the system's
``/etc/xdg/dunst/dunstrc``, as a new user runs dunst (``--dunst-config
builtin``: a file that sets nothing, dunst's built-in defaults, which look up
no icon theme and draw faster). dunst shows every notification in one X
window, mapped while it shows any and unmapped when the last is closed: its
Notify → MapNotify is measured as the app's, and ``unmapped_between`` counts
the popups after which the window was seen unmapped again. What cannot be
measured the same way (popups on screen after the burst, the journal) is
null, with the reason in ``not_measured`` (``dbus_figures.py``). dunst
answers a 1 000-call burst in a minute or more: a smaller ``--burst`` makes a
quick run.

    .venv/bin/python benchmarks/dbus_server.py [--count 100] [--starts 5] [--burst 1000]
        [--burst-timeout 120] [--server popup-client|dunst] [--also-dunst]

Needs Xvfb, dbus-daemon (Debian: xvfb dbus-daemon) and python-xlib; dunst for its figures.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from jeepney import DBusAddress, HeaderFields, MatchRule, Message, MessageType, Parser, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from Xlib import X, display

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from dbus_figures import app_result, dunst_result  # noqa: E402
import notification_servers as servers  # noqa: E402
from notification_servers import NAME, SERVERS, dunst_version, prepare, spawn_server, start_bus, stop  # noqa: E402
from socket_latency import rss_mb, start_xvfb, wait_for_map  # noqa: E402

NOTIFICATIONS = DBusAddress("/org/freedesktop/Notifications", NAME, NAME)


def notify(app_name: str, summary: str, serial_hint: int = 0) -> Message:
    body = (app_name, 0, "", summary, f"基准 {serial_hint}", [], {}, -1)
    return new_method_call(NOTIFICATIONS, "Notify", "susssasa{sv}i", body)


class Client:
    """A blocking connection that keeps signals aside while waiting for replies."""

    def __init__(self, bus: str) -> None:
        self.conn: DBusConnection = open_dbus_connection(bus)
        self.serial = 10

    def send(self, msg: Message) -> int:
        self.serial += 1
        self.conn.send(msg, serial=self.serial)
        return self.serial

    def reply(self, serial: int, timeout: float = 10) -> Message:
        deadline = time.monotonic() + timeout
        while True:
            msg = self.conn.receive(timeout=max(deadline - time.monotonic(), 0))
            if msg.header.fields.get(HeaderFields.reply_serial) == serial:
                return msg

    def call(self, msg: Message, timeout: float = 10) -> Message:
        return self.reply(self.send(msg), timeout)


# ------------------------------------------------------------------ start → owning the name


def start_to_name(server: str, root: Path, disp: str, bus: str, runs: int) -> list[float]:
    watcher = Client(bus)
    rule = MatchRule(type="signal", sender="org.freedesktop.DBus", member="NameOwnerChanged")
    rule.add_arg_condition(0, NAME)
    watcher.call(message_bus.AddMatch(rule))
    times = []
    for run in range(runs):
        launch = prepare(server, root / f"start-{run}", disp, bus)
        started = time.perf_counter()
        app = launch.start()
        try:
            times.append((_owner_change(watcher, owned=True) - started) * 1000)
        finally:
            stop(app)
            _owner_change(watcher, owned=False)
    watcher.conn.close()
    return times


def _owner_change(watcher: Client, *, owned: bool, timeout: float = 30) -> float:
    deadline = time.monotonic() + timeout
    while True:
        msg = watcher.conn.receive(timeout=max(deadline - time.monotonic(), 0))
        if msg.header.message_type is MessageType.signal and msg.body[0] == NAME and bool(msg.body[2]) == owned:
            return time.perf_counter()


# ------------------------------------------------------------------ Notify → mapped


def watch_maps(disp_name: str) -> display.Display:
    disp = display.Display(disp_name)
    disp.screen().root.change_attributes(event_mask=X.SubstructureNotifyMask)
    disp.sync()
    return disp


def drain(disp: display.Display) -> int:
    """Discard the pending X events: how many were UnmapNotify."""
    unmaps = 0
    while disp.pending_events():
        unmaps += disp.next_event().type == X.UnmapNotify
    return unmaps


def notify_to_mapped(client: Client, disp: display.Display, count: int, gap_ms: int) -> tuple[list[float], int, int]:
    """Latencies (ms), popups missed, and popups whose window was unmapped again in the gap after CloseNotification."""
    latencies, missed, unmapped = [], 0, 0
    for i in range(count):
        drain(disp)
        msg = notify(f"Bench{i}", f"消息 {i}", i)
        start = time.perf_counter()
        serial = client.send(msg)
        mapped = wait_for_map(disp, start + 2.0)
        reply = client.reply(serial)
        if mapped is None or reply.header.message_type is not MessageType.method_return:
            missed += 1
        else:
            latencies.append((mapped - start) * 1000)
            client.call(new_method_call(NOTIFICATIONS, "CloseNotification", "u", (reply.body[0],)))
        time.sleep(gap_ms / 1000)
        unmapped += drain(disp) > 0
    return latencies, missed, unmapped


# ------------------------------------------------------------------ the burst


def reset_peak_rss(pid: int) -> bool:
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process so far (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def burst(client: Client, disp: display.Display, pid: int, count: int, timeout: float) -> dict[str, Any]:
    """``count`` Notify calls pipelined, their replies awaited for at most ``timeout`` s; then one more call, as long."""
    messages = []
    first = client.serial + 1
    for i in range(count):
        client.serial += 1
        messages.append(notify("Burst", f"突发 {i}", i).serialise(serial=client.serial))
    data = b"".join(messages)
    drain(disp)
    peak_reset = reset_peak_rss(pid)
    parser = Parser()
    answered, refused = 0, 0
    cpu_before = cpu_s(pid)
    started = time.perf_counter()
    sock = client.conn.sock
    sock.sendall(data)
    while answered + refused < count:
        left = started + timeout - time.perf_counter()
        if left <= 0 or not select.select([sock], [], [], left)[0]:
            break  # timed out: the replies still to come are read past (Client.reply skips them)
        parser.add_data(sock.recv(1 << 20))
        for msg in iter(parser.get_next_message, None):
            serial = msg.header.fields.get(HeaderFields.reply_serial, -1)
            if first <= serial < first + count:
                if msg.header.message_type is MessageType.method_return:
                    answered += 1
                else:
                    refused += 1
    elapsed = time.perf_counter() - started
    app_cpu = cpu_s(pid) - cpu_before
    client.conn.parser = parser  # keep what was read past the last reply
    before_next = time.perf_counter()
    try:
        client.call(notify("AfterBurst", "之后"), timeout=max(timeout, 10))
        next_ms: float | None = (time.perf_counter() - before_next) * 1000
    except TimeoutError:
        next_ms = None  # still busy with the burst after that long
    mapped = count_maps(disp, 2.0)
    return {"elapsed_s": elapsed, "answered": answered, "refused": refused, "next_call_ms": next_ms,
            "mapped": mapped, "peak_rss_mb": peak_rss_mb(pid), "peak_rss_reset": peak_reset, "app_cpu_s": app_cpu}  # fmt: skip


def count_maps(disp: display.Display, seconds: float) -> int:
    deadline, maps = time.perf_counter() + seconds, 0
    while time.perf_counter() < deadline:
        while disp.pending_events():
            if disp.next_event().type == X.MapNotify:
                maps += 1
        time.sleep(0.005)
    return maps


def journaled(home: Path, provider: str) -> dict[str, int]:
    with sqlite3.connect(f"file:{home / 'data' / 'journal.sqlite3'}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT decision, count(*) FROM receipts WHERE provider_id = ? GROUP BY decision", (provider,)).fetchall()
    return {str(decision): int(n) for decision, n in rows}


def measure(server: str, args: argparse.Namespace) -> dict[str, Any]:
    """Every figure of ``server``, on a fresh Xvfb, a fresh private bus and fresh homes: the raw measurements."""
    root = Path(tempfile.mkdtemp(prefix="popup-bench-dbus-" if server == "popup-client" else f"popup-bench-dbus-{server}-"))
    xvfb, disp_name = start_xvfb()
    bus, address = start_bus(root)
    proc = None
    try:
        raw: dict[str, Any] = {"starts": start_to_name(server, root, disp_name, address, args.starts)}
        home = root / "main"
        proc = spawn_server(server, home, disp_name, address)
        client = Client(address)
        while not client.call(message_bus.NameHasOwner(NAME)).body[0]:
            time.sleep(0.05)
        time.sleep(2.0)  # let it idle, as a session would
        raw["idle"] = rss_mb(proc.pid)
        disp = watch_maps(disp_name)
        notify_to_mapped(client, disp, 5, args.gap_ms)  # warm-up: fonts, first windows
        raw["latencies"], raw["missed"], raw["unmapped"] = notify_to_mapped(client, disp, args.count, args.gap_ms)
        time.sleep(0.5)
        raw["burst"] = burst(client, disp, proc.pid, args.burst, args.burst_timeout)
        time.sleep(0.3)
        if server == "popup-client":
            raw["decisions"] = journaled(home, "desktop.burst")
        client.conn.close()
        return raw
    finally:
        if proc is not None:
            stop(proc)
        bus.terminate()
        bus.wait(timeout=15)
        xvfb.terminate()
        xvfb.wait(timeout=15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100, help="popups for the latency (default 100)")
    parser.add_argument("--gap-ms", type=int, default=100)
    parser.add_argument("--starts", type=int, default=5, help="app starts timed (default 5)")
    parser.add_argument("--burst", type=int, default=1000)
    parser.add_argument("--burst-timeout", type=float, default=120.0, help="seconds to wait for the burst's replies (default 120)")
    parser.add_argument("--server", choices=SERVERS, default="popup-client", help="the server measured (default popup-client)")
    parser.add_argument("--also-dunst", action="store_true", help="then dunst the same way, its figures under 'dunst'")
    parser.add_argument("--dunst-config", choices=servers.DUNST_CONFIGS, default=servers.DUNST_CONFIG,
                        help="dunst's dunstrc: the system's, as a new user runs it (default), or its built-in defaults")
    args = parser.parse_args()
    if args.also_dunst and args.server == "dunst":
        parser.error("--also-dunst goes with --server popup-client")
    if (args.server == "dunst" or args.also_dunst) and shutil.which("dunst") is None:
        parser.error("dunst is not installed (not on PATH)")
    servers.DUNST_CONFIG = args.dunst_config
    if args.server == "dunst":
        result = {"benchmark": "dbus_server", **dunst_result(measure("dunst", args), args, dunst_version())}
    else:
        result = app_result(measure("popup-client", args), args)
        if args.also_dunst:
            result["dunst"] = dunst_result(measure("dunst", args), args, dunst_version())
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
