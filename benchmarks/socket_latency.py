#!/usr/bin/env python3
"""Latency from a socket message to the popup's window being mapped on screen, and idle memory.

Starts a private Xvfb display, then the real app (`popup-client run --no-dbus`)
with its state in a temp dir, waits for it to idle, reads its RSS, and sends
N popups through the local socket API, spaced apart. For each it measures the
time from writing the request line to the X server's MapNotify for a popup
window (watched with python-xlib on the root window), and prints median, p95
and max as JSON, with the app's idle RSS before and RSS after.

    .venv/bin/python benchmarks/socket_latency.py [--count 200] [--gap-ms 150]

Targets (issue 3): median ≤ 10 ms, p95 ≤ 25 ms, idle RSS ≤ 80 MB.
Needs Xvfb (Debian: xvfb) and python-xlib (pip install python-xlib).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from Xlib import X, display

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from popup_client.transports.socket.client import socket_address  # noqa: E402


def free_display() -> int:
    for number in range(90, 200):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number")


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    number = free_display()
    xvfb = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
    for _ in range(100):
        if Path(f"/tmp/.X11-unix/X{number}").exists():
            return xvfb, f":{number}"
        time.sleep(0.05)
    raise RuntimeError("Xvfb did not start")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def payload(i: int) -> bytes:
    popup = {
        "version": 1,
        "id": f"lat-{i}",
        "provider": {"id": f"com.bench{i}.app", "name": f"基准 {i}"},
        "kind": "service",
        "title": f"消息 {i}",
        "body": "延迟测量",
    }
    return (json.dumps({"popup": popup}, ensure_ascii=False) + "\n").encode()


def wait_for_map(disp: display.Display, deadline: float) -> float | None:
    """perf_counter time of the next MapNotify of a popup-sized top-level window."""
    while time.perf_counter() < deadline:
        while disp.pending_events():
            event = disp.next_event()
            if event.type == X.MapNotify:
                return time.perf_counter()
        time.sleep(0.0002)
    return None


def connect(address: str) -> socket.socket:
    for _ in range(200):
        try:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.connect(address)
            return sock
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the app's socket never answered")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--gap-ms", type=int, default=150)
    args = parser.parse_args()
    xvfb, disp_name = start_xvfb()
    home = Path(tempfile.mkdtemp(prefix="popup-bench-"))
    (home / "config").mkdir()
    (home / "config" / "preferences.toml").write_text(
        "max_visible = 10\n[caps]\nglobal_hourly = 100000\nservice_per_minute = 100000\n[timeout_seconds]\nservice = 1\n",
        encoding="utf-8",
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), DISPLAY=disp_name, QT_QPA_PLATFORM="xcb", POPUP_CLIENT_CONFIG_DIR=str(home / "config"),
               POPUP_CLIENT_DATA_DIR=str(home / "data"), POPUP_CLIENT_SOCKET=f"popup-bench-{os.getpid()}")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    exe = Path(sys.executable).with_name("popup-client")
    app = subprocess.Popen([str(exe), "run", "--no-dbus"], env=env, stderr=subprocess.DEVNULL)
    try:
        os.environ["POPUP_CLIENT_SOCKET"] = env["POPUP_CLIENT_SOCKET"]
        sock = connect(socket_address())
        reader = sock.makefile("rb")
        time.sleep(2.0)
        idle = rss_mb(app.pid)
        disp = display.Display(disp_name)
        disp.screen().root.change_attributes(event_mask=X.SubstructureNotifyMask)
        disp.sync()
        latencies, missed = [], 0
        for i in range(args.count):
            while disp.pending_events():
                disp.next_event()
            start = time.perf_counter()
            sock.sendall(payload(i))
            mapped = wait_for_map(disp, start + 2.0)
            reply = json.loads(reader.readline())
            if mapped is None or reply.get("decision") != "show":
                missed += 1
            else:
                latencies.append((mapped - start) * 1000)
            time.sleep(args.gap_ms / 1000)
        after = rss_mb(app.pid)
        ordered = sorted(latencies)
        result = {
            "benchmark": "socket_to_mapped",
            "popups": args.count,
            "measured": len(latencies),
            "missed": missed,
            "median_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2),
            "max_ms": round(ordered[-1], 2),
            "idle_rss_mb": round(idle, 1),
            "rss_after_mb": round(after, 1),
            "targets": {"median_ms": 10, "p95_ms": 25, "idle_rss_mb": 80},
        }
        print(json.dumps(result, indent=2))
    finally:
        app.terminate()
        app.wait(timeout=15)
        xvfb.terminate()
        xvfb.wait(timeout=15)


if __name__ == "__main__":
    main()
