"""Headless Wayland sessions for the desktop tests: sway (with swaybar) and KWin (with a panel).

Both run with XWayland, as users have them. Input comes from a virtual
device (wl_input.py: wlr-virtual-pointer on sway, KDE fake-input on KWin;
keys on sway from wtype), screenshots from the compositor itself (grim on
sway, KWin's ScreenShot2 D-Bus interface).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import IO

from PIL import Image

from popup_client.ui.wayland.codegen import generate

from .harness import HERE, VENV_BIN, Desktop, DesktopError, wait_for
from popup_client.conformance.screen_measure import Box, load

FAKE_INPUT_XML = Path("/usr/share/plasma-wayland-protocols/fake-input.xml")
_PYTHONPATH = {"PYTHONPATH": str(Path(__file__).resolve().parents[2]), "PYTHONDONTWRITEBYTECODE": "1"}
KEY_ESC = 1


def generate_bindings(out: Path) -> Path:
    """The test-only protocol bindings (virtual pointer, fake input) in ``out``, readable by the session's user."""
    out.mkdir(parents=True, exist_ok=True)
    out.chmod(0o755)
    for xml in (HERE / "protocols" / "wlr-virtual-pointer-unstable-v1.xml", FAKE_INPUT_XML):
        if xml.exists():
            name, source = generate(xml)
            (out / f"{name}.py").write_text(source, encoding="utf-8")
            (out / f"{name}.py").chmod(0o644)
    return out


class Injector:
    """The wl_input.py process: clicks and keys, each answered once the compositor has it."""

    def __init__(self, desktop: Desktop, bindings: Path) -> None:
        argv = desktop.user.as_user([str(VENV_BIN / "python"), str(HERE / "wl_input.py"), str(bindings)])
        self._log: IO[bytes] = open(desktop.logs / "input.log", "ab")  # noqa: SIM115 - closed in close()
        self._process = subprocess.Popen(
            argv,
            env=desktop.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            start_new_session=True,
        )
        self._expect("ready")

    def _expect(self, word: str) -> None:
        assert self._process.stdout is not None
        line = self._process.stdout.readline().strip()
        if line != word:
            raise DesktopError(f"wl_input.py said {line!r}, expected {word!r}")

    def send(self, command: str) -> None:
        assert self._process.stdin is not None
        self._process.stdin.write(command + "\n")
        self._process.stdin.flush()
        self._expect("ok")

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait(timeout=10)
        for pipe in (self._process.stdin, self._process.stdout):
            if pipe is not None:
                pipe.close()
        self._log.close()


class WaylandDesktop(Desktop):
    """What sway and KWin share: the display socket, the injector, the output's size."""

    socket_name = "wayland-test"
    width, height = 1920, 1080

    def __init__(self, tmp: Path, scale: int = 1) -> None:
        super().__init__(tmp)
        self._scale = scale
        self.layout_width = self.width  # of all outputs side by side, logical px
        self.shots = self._private_dir(self.home / "shots", 0o755)
        self.injector: Injector | None = None

    def _wait_for_display(self) -> None:
        wait_for(f"{self.name}'s Wayland socket", lambda: (self.runtime / self.socket_name).exists(), timeout=30)
        self.env["WAYLAND_DISPLAY"] = self.socket_name
        self.env["XDG_SESSION_TYPE"] = "wayland"

    def _x_display_from(self, path: Path) -> None:
        """The XWayland display the compositor exported to its children (they wrote it to ``path``)."""
        display = wait_for("the XWayland display", lambda: path.exists() and path.read_text().strip(), timeout=30)
        self.env["DISPLAY"] = display

    def _screenshot_with(self, argv: list[str], path: Path, env: dict[str, str] | None = None) -> Image.Image:
        """Run a screenshot tool as the session's user (writing into its own folder), then copy to ``path``."""
        target = self.shots / path.name
        result = self.run([*argv, str(target)], env=env)
        if result.returncode != 0:
            raise DesktopError(f"{argv[-1]} failed: {result.stderr}")
        image = load(target)
        if target != path:
            shutil.copyfile(target, path)
        return image

    def start_input(self, bindings: Path) -> None:
        self.injector = Injector(self, bindings)

    def click(self, x: int, y: int) -> None:
        assert self.injector is not None
        self.injector.send(f"click {x} {y} {self.layout_width} {self.height}")

    def scale(self) -> int:
        return self._scale

    def stop(self) -> None:
        if self.injector is not None:
            self.injector.close()
        super().stop()


SWAY_CONFIG = """\
output * bg #203040 solid_color
output HEADLESS-1 resolution {pixels} scale {scale} pos 0 0
default_border none
default_floating_border none
focus_follows_mouse no
seat * hide_cursor 300
xwayland enable
exec sh -c 'echo "$DISPLAY" > {runtime}/xdisplay'
bar {{
    position top
    height 32
    status_command while :; do echo popup-client test; sleep 60; done
    colors {{
        background #101010
    }}
}}
"""


class Sway(WaylandDesktop):
    """sway 1.7 on wlroots' headless backend, with swaybar at the top."""

    name = "sway"
    mechanism = "layer-shell"
    socket_name = "wayland-1"

    def start(self) -> None:
        config = self.home / "sway.conf"
        pixels = f"{self.width * self._scale}x{self.height * self._scale}"
        config.write_text(SWAY_CONFIG.format(pixels=pixels, scale=self._scale, runtime=self.runtime), encoding="utf-8")
        env = {"WLR_BACKENDS": "headless", "WLR_LIBINPUT_NO_DEVICES": "1", "WLR_RENDERER": "pixman", "XDG_CURRENT_DESKTOP": "sway"}
        self.spawn(["sway", "-c", str(config)], name="sway", env=env)
        self._wait_for_display()
        ipc = wait_for("sway's IPC socket", lambda: sorted(self.runtime.glob("sway-ipc.*.sock")), timeout=30)
        self.env.update(SWAYSOCK=str(ipc[0]), XDG_CURRENT_DESKTOP="sway")
        self._x_display_from(self.runtime / "xdisplay")
        self.spawn(["wtype", "-s", "86400000"], name="keyboard")  # a keyboard on the seat for the whole session
        wait_for("sway to draw its bar", lambda: self._bar_drawn(), timeout=30)

    def _bar_drawn(self) -> bool:
        image = self.screenshot(self.shots / "bar.png")
        return image.getpixel((image.width // 2, 4)) == (16, 16, 16)

    def add_output_right(self) -> str:
        """A second output, right of the first, focused (the next window and popups go there); returns its name."""
        self.swaymsg("create_output")
        self.swaymsg("output", "HEADLESS-2", "resolution", f"{self.width}x{self.height}", "pos", str(self.width), "0")
        self.swaymsg("focus", "output", "HEADLESS-2")
        self.layout_width = self.width * 2
        return "HEADLESS-2"

    def screenshot(self, path: Path) -> Image.Image:
        return self._screenshot_with(["grim"], path)

    def press_escape(self) -> None:
        result = self.run(["wtype", "-k", "Escape"])
        if result.returncode != 0:
            raise DesktopError(f"wtype failed: {result.stderr}")

    def swaymsg(self, *args: str) -> str:
        result = self.run(["swaymsg", *args])
        if result.returncode != 0:
            raise DesktopError(f"swaymsg {' '.join(args)} failed: {result.stderr or result.stdout}")
        return result.stdout

    def keyboard_owner(self) -> str | None:
        import json

        def focused(node: dict[str, object]) -> str | None:
            if node.get("focused") and node.get("type") == "con":
                return str(node.get("app_id") or node.get("window_properties", {}).get("class"))  # type: ignore[union-attr]
            for child in [*node.get("nodes", []), *node.get("floating_nodes", [])]:  # type: ignore[misc]
                found = focused(child)
                if found:
                    return found
            return None

        return focused(json.loads(self.swaymsg("-t", "get_tree")))

    def panel(self) -> Box:
        return Box(0, 0, self.width, 32)


class KWin(WaylandDesktop):
    """KWin 5.27's Wayland compositor on its virtual backend, with XWayland and a test panel at the top.

    Plasma's own panel is not run here (it needs most of a Plasma session);
    layer_panel.py reserves the top the same way, with a layer surface and
    an exclusive zone. kwin_wayland carries a file capability
    (cap_sys_resource) that an unprivileged user cannot be given in a
    container, so a copy without it runs; KWin checks that its binary is
    named kwin_wayland.
    """

    name = "kwin"
    mechanism = "layer-shell"
    socket_name = "wayland-kwin"
    panel_height = 40

    def start(self) -> None:
        binary = self._private_dir(self.tmp / "kwin-bin", 0o755) / "kwin_wayland"
        shutil.copyfile(shutil.which("kwin_wayland") or "/usr/bin/kwin_wayland", binary)
        binary.chmod(0o755)
        env = {
            "KWIN_SCREENSHOT_NO_PERMISSION_CHECKS": "1",  # KWin's own switch for test sessions
            "KWIN_WAYLAND_NO_PERMISSION_CHECKS": "1",  # lets the test's fake-input device in
            "XDG_CURRENT_DESKTOP": "KDE",  # OpenGL on llvmpipe: the screenshot effect needs OpenGL compositing
        }
        exported = self.runtime / "xdisplay"
        script = self.home / "export-display.sh"  # KWin starts it in the session, with XWayland's DISPLAY
        script.write_text(f'#!/bin/sh\necho "$DISPLAY" > {exported}\n', encoding="utf-8")
        script.chmod(0o755)
        argv = [
            str(binary), "--virtual", "--xwayland", "--width", str(self.width), "--height", str(self.height),
            "--scale", str(self._scale), "--socket", self.socket_name, str(script),
        ]  # fmt: skip
        self.spawn(argv, name="kwin", env=env)
        self._wait_for_display()
        self.env.update(XDG_CURRENT_DESKTOP="KDE", KWIN_SCREENSHOT_NO_PERMISSION_CHECKS="1")
        self._x_display_from(exported)
        self._start_panel()

    def _start_panel(self) -> None:
        from .harness import ROOT

        env = {"PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
        self.spawn([str(VENV_BIN / "python"), str(HERE / "layer_panel.py"), str(self.panel_height)], name="panel", env=env)
        wait_for("the panel", lambda: "ready" in self.log("panel"), timeout=30)

    def screenshot(self, path: Path) -> Image.Image:
        return self._screenshot_with([str(VENV_BIN / "python"), "-m", "popup_client.conformance.kwin_screenshot"], path, _PYTHONPATH)

    def press_escape(self) -> None:
        assert self.injector is not None
        self.injector.send(f"key {KEY_ESC}")

    def panel(self) -> Box:
        return Box(0, 0, self.width, self.panel_height)


class Weston(WaylandDesktop):
    """Weston 10, headless, without XWayland: a compositor with neither layer-shell nor X11 — plain windows only.

    Only what the app says is checked here (its choice and its warning): Weston's headless backend takes no
    screenshots a client can ask for.
    """

    name = "weston"
    mechanism = "window"
    socket_name = "wayland-weston"

    def start(self) -> None:
        argv = ["weston", "--backend=headless-backend.so", f"--socket={self.socket_name}", "--idle-time=0"]
        self.spawn(argv, name="weston", env={"XDG_CURRENT_DESKTOP": "Weston"})
        self._wait_for_display()
        self.env["XDG_CURRENT_DESKTOP"] = "Weston"
