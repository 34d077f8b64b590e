#!/usr/bin/env python3
"""Where the tray app's idle memory goes: the app beside the floors of the stack it is built on.

Starts a private Xvfb display and measures, each in a fresh process on it, the
resident memory (VmRSS) two seconds after start-up of:

1. ``python``: the interpreter alone;
2. ``qt``: a PySide6 QApplication (QtWidgets + QtNetwork) showing one empty
   QWidget — the least a Qt tray app can be;
3. ``qt+model``: the same after importing popup-client's payload
   model and preferences (what any process that checks payloads holds);
4. ``qt+model+text``: the same after laying out one line of Chinese text (the
   font machinery: fontconfig, FreeType, HarfBuzz, a CJK fallback font);
5. ``app``: ``popup-client run --no-dbus`` idle, and ``app_after_popups``:
   idle again after 20 popups came and went through the socket API;
6. ``dunst``: the dunst notification daemon beside it, for comparison: on
   the same display with a private session bus, a fresh HOME and a dunstrc
   the benchmark writes (a copy of the system's, as a new user runs dunst;
   ``notification_servers.py``),
   two seconds after it owns org.freedesktop.Notifications. Null when dunst
   is not installed, with the reason in ``not_measured``.

Prints one JSON object (MB). The issue-3 target is app ≤ 80 MB, issue 16's
≤ 72 MiB (``issue_16``, beside the floor); the floors say how much of the
app's figure is the stack's. Linux only (reads /proc).

    .venv/bin/python benchmarks/idle_memory.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from notification_servers import prepare, start_bus, stop, wait_for_name  # noqa: E402
from socket_latency import connect, payload, rss_mb, start_xvfb  # noqa: E402

from popup_client.transports.socket.client import socket_address  # noqa: E402

TARGET_MB = 80
#: Issue 16 (lean): the app idle in at most this much (MiB); the floors say how much the stack alone holds.
TARGET_16_MB = 72
SETTLE_S = 2.0

_REPORT = textwrap.dedent(
    """
    import re, sys
    def report():
        rss = re.search(r"VmRSS:\\s+(\\d+)", open("/proc/self/status").read()).group(1)
        print(int(rss) / 1024, flush=True)
    """
)
_QT = textwrap.dedent(
    """
    import popup_client.pyside_hook
    {imports}
    from PySide6.QtCore import QTimer
    from PySide6.QtNetwork import QLocalServer
    from PySide6.QtWidgets import QApplication, QLabel, QWidget
    app = QApplication([])
    window = QLabel({text!r}) if {text!r} else QWidget()
    window.show()
    QTimer.singleShot({settle_ms}, lambda: (report(), app.quit()))
    app.exec()
    """
)
_MODEL = "import popup_client.core.payload, popup_client.core.prefs, popup_client.core.journal"


def floor(env: dict[str, str], imports: str = "", text: str = "") -> float:
    if imports == "python":
        code = _REPORT + f"import time; time.sleep({SETTLE_S}); report()"
    else:
        code = _REPORT + _QT.format(imports=imports, text=text, settle_ms=int(SETTLE_S * 1000))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    return round(float(out.strip().splitlines()[-1]), 1)


def app_memory(env: dict[str, str], home: Path) -> tuple[float, float]:
    (home / "config").mkdir(parents=True)
    (home / "config" / "preferences.toml").write_text(
        "max_visible = 5\n[caps]\nglobal_hourly = 100000\nservice_per_minute = 100000\n[timeout_seconds]\nservice = 1\n",
        encoding="utf-8",
    )
    env = dict(env, POPUP_CLIENT_CONFIG_DIR=str(home / "config"), POPUP_CLIENT_DATA_DIR=str(home / "data"),
               POPUP_CLIENT_SOCKET=f"popup-idle-{os.getpid()}")
    app = subprocess.Popen([str(Path(sys.executable).with_name("popup-client")), "run", "--no-dbus"],
                           env=env, stderr=subprocess.DEVNULL)
    try:
        os.environ["POPUP_CLIENT_SOCKET"] = env["POPUP_CLIENT_SOCKET"]
        sock = connect(socket_address())
        reader = sock.makefile("rb")
        time.sleep(SETTLE_S)
        idle = rss_mb(app.pid)
        for i in range(20):
            sock.sendall(payload(i))
            reader.readline()
            time.sleep(0.05)
        time.sleep(SETTLE_S + 1.0)  # the service popups time out after 1 s
        after = rss_mb(app.pid)
        sock.close()
        return round(idle, 1), round(after, 1)
    finally:
        app.terminate()
        app.wait(timeout=30)


def dunst_memory(display_name: str, home: Path) -> float | None:
    """dunst's RSS two seconds after it owns the name, on its own private bus; None when it is not installed."""
    if shutil.which("dunst") is None:
        return None
    bus, address = start_bus(home)
    dunst = None
    try:
        dunst = prepare("dunst", home / "dunst", display_name, address).start()
        wait_for_name(address)
        time.sleep(SETTLE_S)
        return round(rss_mb(dunst.pid), 1)
    finally:
        if dunst is not None:
            stop(dunst)
        bus.terminate()
        bus.wait(timeout=15)


def main() -> int:
    if not Path("/proc/self/status").exists():
        print("this benchmark reads memory from /proc (Linux)", file=sys.stderr)
        return 2
    xvfb, display_name = start_xvfb()
    env = dict(os.environ, DISPLAY=display_name, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    try:
        result: dict[str, Any] = {
            "python": floor(env, "python"),
            "qt": floor(env),
            "qt+model": floor(env, _MODEL),
            "qt+model+text": floor(env, _MODEL, "推送服务 popup-client"),
        }
        with tempfile.TemporaryDirectory(prefix="popup-idle-") as tmp:
            result["app"], result["app_after_popups"] = app_memory(env, Path(tmp))
            result["dunst"] = dunst_memory(display_name, Path(tmp))
    finally:
        xvfb.terminate()
        xvfb.wait()
    if result["dunst"] is None:
        result["not_measured"] = {"dunst": "dunst is not installed (not on PATH)"}
    result["app_over_floor"] = round(result["app"] - result["qt+model+text"], 1)
    result["target_app_mb"] = TARGET_MB
    result["meets_target"] = result["app"] <= TARGET_MB
    stack_floor = result["qt+model+text"]
    result["issue_16"] = {
        "app_idle_mb": {"figure": result["app"], "target": TARGET_16_MB, "met": result["app"] <= TARGET_16_MB},
        # What any PySide6 app that checks a payload and draws one line of Chinese holds, before any of the app's own:
        "floor_mb": stack_floor,
        "floor_meets_target": stack_floor <= TARGET_16_MB,
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
