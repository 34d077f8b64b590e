"""Sessions on an X server for the desktop tests: openbox on Xvfb, and Mutter nested in Xvfb.

Both are driven through Xvfb: screenshots are its root window (what is on
the virtual screen), input is XTEST. Mutter runs nested (its X11 backend
draws its whole composited output into one window covering the Xvfb
screen), which is Mutter's own compositor, window placement and focus
logic, with Wayland clients and XWayland, and the screen then readable from
X; its headless backend would need PipeWire for a screenshot. A dock
window with struts stands in for a panel (GNOME's top bar, tint2…).
"""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image
from Xlib import XK, X, display
from Xlib.ext import xtest

from .harness import HERE, VENV_BIN, Desktop, wait_for
from .x_grab import grab
from popup_client.conformance.screen_measure import Box


class XvfbDesktop(Desktop):
    """A session with Xvfb as its screen."""

    width, height = 1920, 1080
    panel_height = 32

    def __init__(self, tmp: Path) -> None:
        super().__init__(tmp)
        self.host_display = ""
        self._x: display.Display | None = None

    def _start_xvfb(self) -> None:
        displayfd = self.home / "xvfb-display"
        argv = ["sh", "-c", f'exec Xvfb -displayfd 3 -screen 0 {self.width}x{self.height}x24 -nolisten tcp 3>"{displayfd}"']
        self.spawn(argv, name="xvfb")
        number = wait_for("Xvfb's display number", lambda: displayfd.exists() and displayfd.read_text().strip(), timeout=20)
        self.host_display = f":{number}"
        self._x = display.Display(self.host_display)

    def _start_dock(self, env: dict[str, str]) -> None:
        self.spawn([str(VENV_BIN / "python"), str(HERE / "x11_dock.py"), str(self.panel_height)], name="dock", env=env)
        wait_for("the dock", lambda: "ready" in self.log("dock"), timeout=20)

    @property
    def x(self) -> display.Display:
        assert self._x is not None
        return self._x

    def screenshot(self, path: Path) -> Image.Image:
        return grab(self.host_display, path)

    def screenshot_command(self) -> str:
        """The live check's --screenshot-command here: the Xvfb screen."""
        return f"{VENV_BIN / 'python'} -m tests.desktop.x_grab {self.host_display} {{file}}"

    def click(self, x: int, y: int) -> None:
        xtest.fake_input(self.x, X.MotionNotify, x=x, y=y)
        xtest.fake_input(self.x, X.ButtonPress, 1)
        xtest.fake_input(self.x, X.ButtonRelease, 1)
        self.x.sync()

    def press_escape(self) -> None:
        self.press_key("Escape")

    def press_key(self, keysym: str) -> None:
        """A real key press and release through XTEST (``Tab``, ``Escape``…)."""
        code = self.x.keysym_to_keycode(XK.string_to_keysym(keysym))
        xtest.fake_input(self.x, X.KeyPress, code)
        xtest.fake_input(self.x, X.KeyRelease, code)
        self.x.sync()

    def panel(self) -> Box:
        return Box(0, 0, self.width, self.panel_height)

    def stop(self) -> None:
        if self._x is not None:
            self._x.close()
            self._x = None
        super().stop()


class Openbox(XvfbDesktop):
    """An X11 session: openbox as the window manager, a dock for the panel."""

    name = "openbox"
    mechanism = "x11"

    def start(self) -> None:
        self._start_xvfb()
        self.env.update(DISPLAY=self.host_display, XDG_SESSION_TYPE="x11")
        self.spawn(["openbox", "--sm-disable"], name="openbox")
        wait_for("openbox to manage the screen", self._wm_running, timeout=20)
        self._start_dock({})

    def _wm_running(self) -> bool:
        atom = self.x.intern_atom("_NET_SUPPORTING_WM_CHECK")
        return self.x.screen().root.get_full_property(atom, X.AnyPropertyType) is not None

    def window_classes(self) -> set[tuple[str, str]]:
        """WM_CLASS (instance, class) of every window on the screen."""
        found: set[tuple[str, str]] = set()
        pending = [self.x.screen().root]
        while pending:
            window = pending.pop()
            wm_class = window.get_wm_class()
            if wm_class:
                found.add((wm_class[0], wm_class[1]))
            pending.extend(window.query_tree().children)
        return found

    def keyboard_owner(self) -> str | None:
        focus = self.x.get_input_focus().focus
        if not hasattr(focus, "get_wm_class"):
            return None
        while focus is not None and focus.get_wm_class() is None:
            tree = focus.query_tree()
            focus = tree.parent if tree.parent != tree.root else None
        wm_class = focus.get_wm_class() if focus is not None else None
        return wm_class[0] if wm_class else None


class MutterNested(XvfbDesktop):
    """GNOME's compositor, Mutter 43, nested in Xvfb: Wayland clients and XWayland, a dock via XWayland."""

    name = "mutter"
    mechanism = "xwayland"
    socket_name = "wayland-mutter"

    def start(self) -> None:
        self._start_xvfb()
        env = {"DISPLAY": self.host_display, "MUTTER_DEBUG_DUMMY_MODE_SPECS": f"{self.width}x{self.height}"}
        self.spawn(["mutter", "--nested", "--wayland", "--wayland-display", self.socket_name], name="mutter", env=env)
        wait_for("Mutter's Wayland socket", lambda: (self.runtime / self.socket_name).exists(), timeout=30)
        found = wait_for("Mutter's XWayland display", lambda: re.search(r"public X11 display (:\d+)", self.log("mutter")), timeout=30)
        auth = wait_for("XWayland's authority file", lambda: sorted(self.runtime.glob(".mutter-Xwaylandauth.*")), timeout=30)
        self.env.update(
            WAYLAND_DISPLAY=self.socket_name,
            DISPLAY=found.group(1),
            XAUTHORITY=str(auth[0]),
            XDG_SESSION_TYPE="wayland",
            XDG_CURRENT_DESKTOP="GNOME",
        )
        self._start_dock({})
        wait_for("Mutter to draw", lambda: self.screenshot(self.home / "first.png").getpixel((self.width // 2, 4)) == (16, 16, 16), timeout=30)
