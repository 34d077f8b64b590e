"""`popup-client run --demo` on a real X server (Xvfb) with a tray: popups of every kind are mapped."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import app_env, start_app

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed (scripts/test installs it on Debian)")


@pytest.fixture
def xserver() -> Iterator[str]:
    number = next(n for n in range(120, 220) if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists())
    xvfb = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            assert time.monotonic() < deadline, "Xvfb did not start"
            time.sleep(0.05)
        yield f":{number}"
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)


def _popup_windows(display_name: str) -> list[tuple[int, int, int, int]]:
    from Xlib import X, display

    disp = display.Display(display_name)
    try:
        found = []
        for window in disp.screen().root.query_tree().children:
            attrs = window.get_attributes()
            if attrs.map_state != X.IsViewable:
                continue
            geo = window.get_geometry()
            if geo.width == 360:
                found.append((geo.x, geo.y, geo.width, geo.height))
        return found
    finally:
        disp.close()


def test_demo_on_a_desktop_with_a_tray(tmp_path: Path, xserver: str) -> None:
    env = app_env(tmp_path, DISPLAY=xserver, QT_QPA_PLATFORM="xcb")
    tray = subprocess.Popen(["trayer", "--edge", "top", "--align", "right"], env=env, stderr=subprocess.DEVNULL) if shutil.which("trayer") else None
    time.sleep(0.5)
    app = start_app(tmp_path, "--no-dbus", "--demo", env=env)
    try:
        deadline = time.monotonic() + 15
        windows: list[tuple[int, int, int, int]] = []
        while time.monotonic() < deadline and len(windows) < 3:
            time.sleep(0.3)
            windows = _popup_windows(xserver)
        assert len(windows) == 3, windows  # max_visible: the rest wait in the queue
        for x, y, w, h in windows:
            assert 0 <= x and x + w <= 1280 and 0 <= y and y + h <= 800
            assert w * h <= 1280 * 800 / 8
        shot = tmp_path / "desktop.png"
        grab = "from PySide6.QtWidgets import QApplication; a = QApplication([]); a.primaryScreen().grabWindow(0).save(%r)" % str(shot)
        subprocess.run([sys.executable, "-c", grab], env=env, check=True, timeout=60)
        assert shot.stat().st_size > 10_000
    finally:
        assert app.stop() == 0
        if tray is not None:
            tray.terminate()
            tray.wait(timeout=10)
    if tray is not None:
        assert "no system tray" not in app.output()
