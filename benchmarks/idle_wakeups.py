#!/usr/bin/env python3
"""How often the idle app wakes up: context switches and CPU time while nothing happens.

A notifier is idle most of the day; every wake-up costs a laptop's battery
(powertop lists the programs that wake the CPU). Starts a private Xvfb and a
private session bus, then the app (``popup-client run``, owning
org.freedesktop.Notifications, its state in a temp dir, a preferences file
present), and after it settled counts, over ``--seconds``, the context
switches of all its threads (``/proc/PID/task/*/status``: each wake-up of a
thread that then sleeps again is one voluntary switch) and the CPU time it
used; then again after three notifications came and went (``after_popups``:
what showing them started must stop with them). The same for dunst when it
is installed (started as ``dbus_server.py`` starts it: a copy of the
system's dunstrc, as a new user runs dunst), on its own fresh display and bus.

Prints one JSON object. Target: no periodic wake-up (0 a minute, allowing
one or two for a stray event); before this benchmark the app woke about 4
times a second (a 250 ms timer for signal handling, a 500 ms preferences
poll, a 2 s dock poll on X11).

    .venv/bin/python benchmarks/idle_wakeups.py [--seconds 30] [--settle 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dbus_server import Client, notify  # noqa: E402
from notification_servers import prepare, start_bus, stop  # noqa: E402
from socket_latency import start_xvfb  # noqa: E402

#: Long enough for the popups to time out (the app's service popups: 6 s; dunst's default: 10 s) and the server to settle.
GONE_S = 13.0


def switches(pid: int) -> dict[str, int]:
    """Context switches so far of each thread of ``pid``, by thread id."""
    counts = {}
    for status in Path(f"/proc/{pid}/task").glob("*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue  # the thread ended meanwhile
        counts[status.parent.name] = sum(
            int(line.split()[1]) for line in text.splitlines() if line.startswith(("voluntary_ctxt", "nonvoluntary_ctxt"))
        )
    return counts


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100  # utime + stime, in clock ticks (USER_HZ = 100)


def idle(process: subprocess.Popen[bytes], settle: float, seconds: float) -> dict[str, float]:
    time.sleep(settle)
    if process.poll() is not None:
        raise RuntimeError(f"the server exited with {process.returncode} before it was measured")
    before, cpu = switches(process.pid), cpu_s(process.pid)
    time.sleep(seconds)
    after = switches(process.pid)
    woke = sum(n - before.get(tid, 0) for tid, n in after.items())  # a thread that ended meanwhile is not counted
    used = cpu_s(process.pid) - cpu
    return {"wakeups_per_minute": round(woke * 60 / seconds, 1), "cpu_ms_per_minute": round(used * 1000 * 60 / seconds, 1)}


def after_popups(process: subprocess.Popen[bytes], address: str, seconds: float) -> dict[str, float]:
    client = Client(address)
    try:
        for i in range(3):
            client.call(notify("Wakeups", f"弹窗 {i}", i))
    finally:
        client.conn.close()
    return idle(process, GONE_S, seconds)


def measure(server: str, settle: float, seconds: float) -> dict[str, Any]:
    """Idle figures of ``popup-client`` or ``dunst``, each on a fresh display and bus."""
    xvfb, display_name = start_xvfb()
    with tempfile.TemporaryDirectory(prefix="popup-wakeups-") as tmp:
        root = Path(tmp)
        bus, address = start_bus(root)
        launch = prepare(server, root / "home", display_name, address)
        if server == "popup-client":  # a preferences file present, as a user's would be (it is watched)
            (root / "home" / "config" / "preferences.toml").write_text("max_visible = 5\n", encoding="utf-8")
        process = launch.start()
        try:
            figures: dict[str, Any] = dict(idle(process, settle, seconds))
            figures["after_popups"] = after_popups(process, address, seconds)
            return figures
        finally:
            stop(process)
            bus.terminate()
            bus.wait()
            xvfb.terminate()
            xvfb.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="how long to count (default 30)")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds after start before counting (default 3)")
    args = parser.parse_args()
    result: dict[str, Any] = {"benchmark": "idle_wakeups", "seconds": args.seconds}
    result["app"] = app = measure("popup-client", args.settle, args.seconds)
    result["dunst"] = measure("dunst", args.settle, args.seconds) if shutil.which("dunst") else None
    result["target_wakeups_per_minute"] = 2
    result["meets_target"] = max(app["wakeups_per_minute"], app["after_popups"]["wakeups_per_minute"]) <= 2
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
