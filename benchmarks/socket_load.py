#!/usr/bin/env python3
"""Throughput of the local socket API under a flood, with the event loop's lag and the app's memory.

Starts the real app (``popup-client run --no-dbus``, offscreen unless a
display is set, state in a temp dir, measuring its event-loop lag into a
file), opens idle connections, then has N clients send M requests each as
fast as the app takes them (content and service popups from one provider per
client, one in fifty invalid), and prints as JSON:

- ``messages_per_s``: replies received per second of the flood;
- ``lag_ms``: p50, p99 and max of how late the app's 10 ms timer fired during the flood;
- ``rss_mb``: the app's resident memory idle (with the idle connections), at its peak, and the growth;
- ``app_cpu_ms_per_message``: the app's CPU time per request, and
  ``clients_cpu_ms_per_message`` the clients' (they share the machine);
- ``decisions``: how many were shown, suppressed and rejected (the caps suppress most);
- ``targets`` and ``targets_met``.

    .venv/bin/python benchmarks/socket_load.py [--clients 10] [--messages 1000] [--idle 200] [--check]
                                               [--profile app.prof]

``--profile`` runs the app under cProfile and writes its statistics there
(read them with ``python -m pstats app.prof``); the figures are then slower.

Targets (issue 6): ≥ 2 000 messages/s with 10 clients, lag p99 ≤ 50 ms, RSS growth ≤ 50 MB.
With ``--check`` the exit status is 1 when a target is missed. Linux (reads /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from popup_client.transports.socket.client import Connection, is_running, socket_address  # noqa: E402
from popup_client.ui.lag import percentile, read_lag_file  # noqa: E402
from tests.faults.flood import Client, flood_lines, rss_mb, run_clients  # noqa: E402

TARGETS = {"messages_per_s": 2000, "lag_p99_ms": 50, "rss_growth_mb": 50}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_app(home: Path, profile: Path | None = None) -> tuple[subprocess.Popen[bytes], dict[str, str]]:
    env = dict(os.environ)
    env.update(
        POPUP_CLIENT_CONFIG_DIR=str(home / "config"),
        POPUP_CLIENT_DATA_DIR=str(home / "data"),
        POPUP_CLIENT_SOCKET=f"popup-client-bench-{os.getpid()}",
        POPUP_CLIENT_LAG_FILE=str(home / "lag.txt"),
        PYTHONPATH=str(ROOT),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env["QT_QPA_PLATFORM"] = "offscreen"
    command = [str(Path(sys.executable).with_name("popup-client")), "run", "--no-dbus"]
    if profile is not None:
        command = [sys.executable, "-m", "cProfile", "-o", str(profile.resolve()), "-m", "popup_client.cli", *command[1:]]
    log = open(home / "app.log", "wb")  # noqa: SIM115 - lives as long as the app
    app = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    os.environ["POPUP_CLIENT_SOCKET"] = env["POPUP_CLIENT_SOCKET"]
    deadline = time.monotonic() + 30
    while not is_running(env["POPUP_CLIENT_SOCKET"]):
        if app.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the app did not start:\n{(home / 'app.log').read_text(errors='replace')}")
        time.sleep(0.1)
    return app, env


def measure(clients: int, messages: int, idle: int, profile: Path | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="popup-client-bench-") as tmp:
        home = Path(tmp)
        app, env = start_app(home, profile)
        try:
            time.sleep(1.0)  # let start-up settle
            rss_start = rss_mb(app.pid)
            idle_connections = [Connection(env["POPUP_CLIENT_SOCKET"], timeout=10) for _ in range(idle)]
            time.sleep(0.5)
            rss_idle = rss_mb(app.pid)
            flood = [Client(f"c{i}", data, messages) for i, data in enumerate(flood_lines(clients, messages))]
            cpu_before, own_before = cpu_seconds(app.pid), cpu_seconds(os.getpid())
            run = run_clients(socket_address(env["POPUP_CLIENT_SOCKET"]), flood, pid=app.pid, timeout=600)
            cpu, own = cpu_seconds(app.pid) - cpu_before, cpu_seconds(os.getpid()) - own_before
            time.sleep(1.2)  # the lag file is appended once a second
            lags = read_lag_file(home / "lag.txt", since=run.started, until=run.ended)
            for connection in idle_connections:
                connection.close()
        finally:
            app.terminate()
            app.wait(timeout=30)
    replies = run.replies()
    broken = [c.name for c in flood if c.broken]
    total = clients * messages
    result = {
        "clients": clients,
        "messages_per_client": messages,
        "idle_connections": idle,
        "replies": len(replies),
        "broken_clients": broken,
        "seconds": round(run.seconds, 3),
        "messages_per_s": round(len(replies) / run.seconds, 1),
        "lag_ms": {
            "ticks": len(lags),
            "p50": percentile(lags, 50),
            "p99": percentile(lags, 99),
            "max": max(lags, default=0.0),
        },
        "rss_mb": {
            "started": round(rss_start, 1),
            "idle": round(rss_idle, 1),
            "peak": round(run.peak_rss_mb, 1),
            "growth": round(run.peak_rss_mb - rss_idle, 1),
        },
        "app_cpu_ms_per_message": round(cpu * 1000 / max(1, len(replies)), 3),
        "clients_cpu_ms_per_message": round(own * 1000 / max(1, len(replies)), 3),
        "decisions": dict(Counter(r.get("decision", "error") for r in replies)),
        "targets": TARGETS,
    }
    result["targets_met"] = {
        "messages_per_s": result["messages_per_s"] >= TARGETS["messages_per_s"] and len(replies) == total,
        "lag_p99_ms": result["lag_ms"]["p99"] <= TARGETS["lag_p99_ms"],
        "rss_growth_mb": result["rss_mb"]["growth"] <= TARGETS["rss_growth_mb"],
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=10, help="clients flooding at once (default 10)")
    parser.add_argument("--messages", type=int, default=1000, help="requests per client (default 1000)")
    parser.add_argument("--idle", type=int, default=200, help="idle connections held open meanwhile (default 200)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--profile", type=Path, metavar="FILE", help="run the app under cProfile, statistics to FILE")
    args = parser.parse_args(argv)
    if not Path("/proc/self/status").exists():
        print("this benchmark reads the app's memory and CPU time from /proc (Linux)", file=sys.stderr)
        return 2
    result = measure(args.clients, args.messages, args.idle, args.profile)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 1 if args.check and not all(result["targets_met"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
