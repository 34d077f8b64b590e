#!/usr/bin/env python3
"""Issue 16's command-line and activation figures: `--version`, `lint`, and notify-send starting the app.

Measures, each over several runs (median, min and max; wall time and the
child's CPU time, which the other processes on a shared machine disturb less):

- ``version``: `popup-client --version` (target ≤ 80 ms);
- ``lint``: `popup-client lint` of one example payload (target ≤ 200 ms);
- floors beside them: the interpreter alone (`python -c pass`), and the
  interpreter importing the payload and preference models (msgspec Structs)
  and making the default preferences (what any command that checks a
  payload must load);
- ``activation``: at login no notification server runs; `notify-send`
  D-Bus-activates the app. A private Xvfb display and a private session bus
  whose service directory holds packaging/dbus's
  org.freedesktop.Notifications.service (Exec pointed at this checkout's
  `popup-client run --require-dbus`, state in a temp dir), then `notify-send`:
  the time from the call to the X server's MapNotify of the popup, and to
  notify-send's exit (it exits once the app replied). A fresh bus and app each run.

Prints one JSON object, each figure beside its target.

    .venv/bin/python benchmarks/lean.py [--runs 9] [--activations 5]

Needs Xvfb, dbus-daemon and notify-send (Debian: xvfb dbus-daemon libnotify-bin) for the activation.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from socket_latency import start_xvfb, wait_for_map  # noqa: E402

TARGETS_MS = {"version": 80, "lint": 200}
EXE = Path(sys.executable).with_name("popup-client")
EXAMPLE = ROOT / "resources" / "examples" / "valid-ad.json"
MODELS = "import popup_client.core.payload, popup_client.core.prefs; popup_client.core.prefs.Preferences()"
SERVICE_FILE = ROOT / "packaging" / "dbus" / "org.freedesktop.Notifications.service"
BUS_CONFIG = """<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <servicedir>{services}</servicedir>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
"""


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode compiled
    return env


def timed(command: list[str], runs: int) -> dict[str, Any]:
    """Median, min and max wall and CPU milliseconds of ``command`` (one warm-up run first)."""
    env = _env()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
        walls.append((time.perf_counter() - started) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return {"median_ms": _r(statistics.median(walls)), "min_ms": _r(min(walls)), "max_ms": _r(max(walls)),
            "cpu_median_ms": _r(statistics.median(cpus))}  # fmt: skip


def _r(value: float) -> float:
    return round(value, 1)


# ------------------------------------------------------------------ D-Bus activation


def activation(root: Path, disp_name: str) -> dict[str, float | None]:
    """One login: a fresh bus that starts the app for the first notification."""
    from Xlib import X, display

    services = root / "services"
    services.mkdir(parents=True)
    text = SERVICE_FILE.read_text(encoding="utf-8").replace("/usr/bin/popup-client", str(EXE))
    text = "\n".join(line for line in text.splitlines() if not line.startswith("SystemdService="))
    (services / SERVICE_FILE.name).write_text(text + "\n", encoding="utf-8")
    config = root / "bus.conf"
    config.write_text(BUS_CONFIG.format(dir=root, services=services), encoding="utf-8")
    env = dict(_env(), DISPLAY=disp_name, QT_QPA_PLATFORM="xcb", POPUP_CLIENT_CONFIG_DIR=str(root / "config"),
               POPUP_CLIENT_DATA_DIR=str(root / "data"), POPUP_CLIENT_SOCKET=f"popup-bench-lean-{os.getpid()}-{root.name}")  # fmt: skip
    bus = subprocess.Popen(["dbus-daemon", "--nofork", f"--config-file={config}", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)  # fmt: skip
    disp = display.Display(disp_name)
    disp.screen().root.change_attributes(event_mask=X.SubstructureNotifyMask)
    disp.sync()
    try:
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        while disp.pending_events():
            disp.next_event()
        started = time.perf_counter()
        sender = subprocess.Popen(["notify-send", "-a", "Login", "欢迎", "已登录"], env=dict(env, DBUS_SESSION_BUS_ADDRESS=address))
        mapped, replied = None, None
        while (mapped is None or replied is None) and time.perf_counter() < started + 30:
            if mapped is None:
                mapped = wait_for_map(disp, time.perf_counter() + 0.001)
            if replied is None and sender.poll() is not None:
                replied = time.perf_counter()
        sender.wait(timeout=30)
        return {"to_popup_mapped_ms": None if mapped is None else (mapped - started) * 1000,
                "to_notify_send_exit_ms": None if replied is None else (replied - started) * 1000}  # fmt: skip
    finally:
        disp.close()
        _stop_activated(root)
        bus.terminate()
        bus.wait(timeout=15)


def _stop_activated(root: Path) -> None:
    """Stop the app the bus started (found by its private data dir in its environment)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            environ = (proc / "environ").read_bytes()
        except OSError:
            continue
        if f"POPUP_CLIENT_DATA_DIR={root / 'data'}".encode() in environ.split(b"\0"):
            pid = int(proc.name)
            if pid == os.getpid():
                continue
            os.kill(pid, 15)
            for _ in range(300):
                if not Path(f"/proc/{pid}").exists():
                    break
                time.sleep(0.05)


def activations(runs: int) -> dict[str, Any]:
    root = Path(tempfile.mkdtemp(prefix="popup-bench-lean-"))
    xvfb, disp_name = start_xvfb()
    try:
        results = [activation(root / f"login-{i}", disp_name) for i in range(runs)]
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=15)
    mapped = [r["to_popup_mapped_ms"] for r in results if r["to_popup_mapped_ms"] is not None]
    exits = [r["to_notify_send_exit_ms"] for r in results if r["to_notify_send_exit_ms"] is not None]
    return {
        "runs": runs,
        "popup_mapped_ms": [_r(t) for t in mapped],
        "popup_mapped_median_ms": _r(statistics.median(mapped)) if mapped else None,
        "notify_send_exit_median_ms": _r(statistics.median(exits)) if exits else None,
        "missed": runs - len(mapped),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each command (default 9)")
    parser.add_argument("--activations", type=int, default=5, help="logins with D-Bus activation (default 5; 0: none)")
    args = parser.parse_args()
    py = sys.executable
    figures = {
        "version": timed([str(EXE), "--version"], args.runs),
        "lint": timed([str(EXE), "lint", str(EXAMPLE)], args.runs),
    }
    floors = {
        "python": timed([py, "-c", "pass"], args.runs),
        "python+models": timed([py, "-c", MODELS], args.runs),
    }
    result: dict[str, Any] = {"benchmark": "lean", **figures, "floors": floors}
    result["targets_ms"] = TARGETS_MS
    result["met"] = {name: figures[name]["median_ms"] <= target for name, target in TARGETS_MS.items()}
    if args.activations:
        result["activation"] = activations(args.activations)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
