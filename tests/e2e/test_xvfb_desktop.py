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
from tests.helpers.xvfb import xvfb

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed (scripts/test installs it on Debian)")


@pytest.fixture
def xserver() -> Iterator[str]:
    with xvfb() as name:
        yield name


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


def _click_and_press_escape(display_name: str, x: int, y: int) -> None:
    """A real click at (x, y) and a real Esc key press, through the X server's XTEST extension."""
    from Xlib import X, XK, display
    from Xlib.ext import xtest

    disp = display.Display(display_name)
    try:
        xtest.fake_input(disp, X.MotionNotify, x=x, y=y)
        xtest.fake_input(disp, X.ButtonPress, 1)
        xtest.fake_input(disp, X.ButtonRelease, 1)
        disp.sync()
        time.sleep(0.5)  # the app handles the click and asks for the keyboard
        keycode = disp.keysym_to_keycode(XK.string_to_keysym("Escape"))
        xtest.fake_input(disp, X.KeyPress, keycode)
        xtest.fake_input(disp, X.KeyRelease, keycode)
        disp.sync()
    finally:
        disp.close()


@pytest.fixture
def focused_app(xserver: str) -> Iterator[int]:
    """Another application's window, holding the keyboard focus (as on any desktop)."""
    from Xlib import X, display

    disp = display.Display(xserver)
    screen = disp.screen()
    window = screen.root.create_window(0, 0, 400, 300, 0, screen.root_depth, X.InputOutput, X.CopyFromParent,
                                       background_pixel=screen.white_pixel, event_mask=X.KeyPressMask)
    window.map()
    disp.sync()
    window.set_input_focus(X.RevertToParent, X.CurrentTime)
    disp.sync()
    try:
        yield window.id
    finally:
        disp.close()


def test_esc_closes_a_popup_the_user_clicked(tmp_path: Path, xserver: str, focused_app: int) -> None:
    import json

    from Xlib import display

    env = app_env(tmp_path, DISPLAY=xserver, QT_QPA_PLATFORM="xcb")
    app = start_app(tmp_path, "--no-dbus", env=env)
    try:
        popup = json.loads((Path(__file__).resolve().parents[2] / "resources" / "examples" / "valid-content.json").read_text("utf-8"))
        popup_file = tmp_path / "popup.json"
        popup_file.write_text(json.dumps(popup, ensure_ascii=False), encoding="utf-8")
        sent = app.cli("send", "--json", str(popup_file))
        assert sent.returncode == 0 and json.loads(sent.stdout)["decision"] == "show", sent.stdout + sent.stderr
        deadline = time.monotonic() + 10
        while not (windows := _popup_windows(xserver)):
            assert time.monotonic() < deadline, "the popup was not mapped"
            time.sleep(0.1)
        x, y, _w, h = windows[0]
        disp = display.Display(xserver)
        assert disp.get_input_focus().focus.id == focused_app  # showing the popup took no keyboard
        disp.close()
        _click_and_press_escape(xserver, x + 120, y + h // 2)  # on the body: it opens nothing
        deadline = time.monotonic() + 10
        while _popup_windows(xserver):
            assert time.monotonic() < deadline, "Esc did not close the clicked popup"
            time.sleep(0.1)
        history = json.loads(app.cli("history", "--json").stdout)
        closes = [e for row in history for e in row["events"] if e["type"] == "close"]
        assert [e["how"] for e in closes] == ["esc"], history
    finally:
        assert app.stop() == 0


def _dock_rects(display_name: str) -> list[tuple[int, int, int, int]]:
    from Xlib import X, display

    disp = display.Display(display_name)
    try:
        dock = disp.intern_atom("_NET_WM_WINDOW_TYPE_DOCK")
        found = []
        for window in disp.screen().root.query_tree().children:
            kinds = window.get_full_property(disp.intern_atom("_NET_WM_WINDOW_TYPE"), X.AnyPropertyType)
            if kinds is not None and dock in list(kinds.value) and window.get_attributes().map_state == X.IsViewable:
                geo = window.get_geometry()
                found.append((geo.x, geo.y, geo.width, geo.height))
        return found
    finally:
        disp.close()


@pytest.mark.skipif(shutil.which("trayer") is None, reason="trayer is not installed (scripts/test installs it on Debian)")
@pytest.mark.parametrize(
    "size",
    [[], ["--widthtype", "pixel", "--width", "120", "--heighttype", "pixel", "--height", "64"]],
    ids=["as-scripts-run-starts-it", "a-wide-tall-tray"],
)
def test_the_stack_keeps_clear_of_the_tray(tmp_path: Path, xserver: str, size: list[str]) -> None:
    """No window manager, a tray that declares no strut: the first popup sits the margin below the tray, not on it."""
    env = app_env(tmp_path, DISPLAY=xserver, QT_QPA_PLATFORM="xcb")
    said = tmp_path / "trayer.log"
    with said.open("wb") as log:
        tray = subprocess.Popen(["trayer", "--edge", "top", "--align", "right", *size], env=env, stdout=log, stderr=subprocess.STDOUT)
    app = None
    try:
        deadline = time.monotonic() + 30
        while not _dock_rects(xserver):
            why = f"trayer (exit {tray.poll()}) did not map its window: {said.read_text(errors='replace')}"
            assert time.monotonic() < deadline and tray.poll() is None, why
            time.sleep(0.1)
        app = start_app(tmp_path, "--no-dbus", "--demo", env=env)
        windows: list[tuple[int, int, int, int]] = []
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and len(windows) < 3:
            time.sleep(0.3)
            windows = _popup_windows(xserver)
        time.sleep(2.5)  # the tray grows as the app's icon docks; the stack follows
        windows, (tx, ty, tw, th) = _popup_windows(xserver), _dock_rects(xserver)[0]
        assert len(windows) == 3, windows
        for x, y, w, h in windows:
            assert not (x < tx + tw and tx < x + w and y < ty + th and ty < y + h), f"popup {(x, y, w, h)} on the tray {(tx, ty, tw, th)}"
        first = min(windows, key=lambda r: r[1])
        assert first[1] == ty + th + 16, (first, (tx, ty, tw, th))  # placement.margin below the tray
    finally:
        if app is not None:
            assert app.stop() == 0
        tray.terminate()
        tray.wait(timeout=10)


def _press(display_name: str, *keys: str) -> None:
    """Real key presses through XTEST, to whichever window has the keyboard."""
    from Xlib import X, XK, display
    from Xlib.ext import xtest

    disp = display.Display(display_name)
    try:
        for key in keys:
            keycode = disp.keysym_to_keycode(XK.string_to_keysym(key))
            xtest.fake_input(disp, X.KeyPress, keycode)
            xtest.fake_input(disp, X.KeyRelease, keycode)
            disp.sync()
            time.sleep(0.2)
    finally:
        disp.close()


def _input_focus(display_name: str) -> int:
    from Xlib import display

    disp = display.Display(display_name)
    try:
        focus = disp.get_input_focus().focus
        return int(getattr(focus, "id", focus))
    finally:
        disp.close()


def _wait(condition: object, what: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def test_ctl_focus_newest_takes_the_keyboard_on_x11_and_gives_it_back(tmp_path: Path, xserver: str, focused_app: int) -> None:
    """The shortcut's command on a real X server: the popup takes the keyboard, Tab and Esc close it, focus returns."""
    import json

    from tests.transports.dbus.fixtures import private_bus

    (tmp_path / "bus").mkdir()
    with private_bus(tmp_path / "bus") as bus:
        env = app_env(tmp_path, DISPLAY=xserver, QT_QPA_PLATFORM="xcb", DBUS_SESSION_BUS_ADDRESS=bus.address)
        app = start_app(tmp_path, env=env)
        try:
            popup = json.loads((Path(__file__).resolve().parents[2] / "resources" / "examples" / "valid-content.json").read_text("utf-8"))
            popup_file = tmp_path / "popup.json"
            popup_file.write_text(json.dumps(popup, ensure_ascii=False), encoding="utf-8")
            assert app.cli("send", "--json", str(popup_file)).returncode == 0
            _wait(lambda: _popup_windows(xserver), "the popup was not mapped")
            assert _input_focus(xserver) == focused_app  # showing it took no keyboard
            done = app.cli("ctl", "focus-newest")
            assert done.returncode == 0 and done.stdout.startswith("focused #"), done.stdout + done.stderr
            _wait(lambda: _input_focus(xserver) != focused_app, "focus-newest did not give the popup the keyboard")
            _press(xserver, "Tab", "Escape")
            _wait(lambda: not _popup_windows(xserver), "Esc did not close the focused popup")
            _wait(lambda: _input_focus(xserver) == focused_app, "the keyboard did not go back to the window that had it")
            history = json.loads(app.cli("history", "--json").stdout)
            assert [e["how"] for row in history for e in row["events"] if e["type"] == "close"] == ["esc"]
        finally:
            assert app.stop() == 0
