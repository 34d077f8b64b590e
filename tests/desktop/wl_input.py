"""Pointer and keyboard input for a headless Wayland compositor, as a real device would send it.

Run as ``python wl_input.py BINDINGS_DIR`` in the session (BINDINGS_DIR
holds the generated protocol modules, see conftest.py). It uses whichever
the compositor offers: wlr-virtual-pointer (sway, wlroots) or KDE's
fake-input (KWin, which also types keys). Commands on stdin, one per line;
each is answered ``ok`` (or ``error …``) once the compositor has handled it:

    click X Y W H    move to (X, Y) of an output W × H logical px, press and release the left button
    key CODE         press and release an evdev key code (1 = Escape; fake-input only)
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from pywayland.client import Display
from pywayland.protocol.wayland import WlSeat

BTN_LEFT = 0x110


def now_ms() -> int:
    return int(time.monotonic() * 1000) & 0xFFFFFFFF


class VirtualPointer:
    def __init__(self, display: Display, registry: Any, globals_: dict[str, tuple[int, int]]) -> None:
        from wlr_virtual_pointer_unstable_v1 import ZwlrVirtualPointerManagerV1

        seat = registry.bind(globals_["wl_seat"][0], WlSeat, 1)
        name, _ = globals_["zwlr_virtual_pointer_manager_v1"]
        self.pointer = registry.bind(name, ZwlrVirtualPointerManagerV1, 1).create_virtual_pointer(seat)

    def click(self, x: int, y: int, width: int, height: int) -> None:
        self.pointer.motion_absolute(now_ms(), x, y, width, height)
        self.pointer.frame()
        self.pointer.button(now_ms(), BTN_LEFT, 1)
        self.pointer.frame()
        self.pointer.button(now_ms(), BTN_LEFT, 0)
        self.pointer.frame()

    def key(self, code: int) -> None:
        raise ValueError("wlr-virtual-pointer has no keyboard: use wtype")


class FakeInput:
    def __init__(self, display: Display, registry: Any, globals_: dict[str, tuple[int, int]]) -> None:
        from fake_input import OrgKdeKwinFakeInput

        name, version = globals_["org_kde_kwin_fake_input"]
        self.input = registry.bind(name, OrgKdeKwinFakeInput, min(version, 4))
        self.input.authenticate("popup-client tests", "drive a headless session")

    def click(self, x: int, y: int, width: int, height: int) -> None:
        self.input.pointer_motion_absolute(float(x), float(y))
        self.input.button(BTN_LEFT, 1)
        self.input.button(BTN_LEFT, 0)

    def key(self, code: int) -> None:
        self.input.keyboard_key(code, 1)
        self.input.keyboard_key(code, 0)


def main() -> int:
    sys.path.insert(0, sys.argv[1])
    display = Display()
    display.connect()
    registry = display.get_registry()
    globals_: dict[str, tuple[int, int]] = {}

    def on_global(_registry: Any, name: int, interface: str, version: int) -> None:
        globals_[interface] = (name, version)

    registry.dispatcher["global"] = on_global
    display.roundtrip()
    device: VirtualPointer | FakeInput
    if "zwlr_virtual_pointer_manager_v1" in globals_:
        device = VirtualPointer(display, registry, globals_)
    elif "org_kde_kwin_fake_input" in globals_:
        device = FakeInput(display, registry, globals_)
    else:
        print("error: the compositor offers neither wlr-virtual-pointer nor fake-input", flush=True)
        return 1
    display.roundtrip()
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        try:
            if words[0] == "click":
                device.click(*(int(w) for w in words[1:5]))
            elif words[0] == "key":
                device.key(int(words[1]))
            display.roundtrip()
            time.sleep(0.05)
            print("ok", flush=True)
        except Exception as exc:  # noqa: BLE001 - reported to the test
            print(f"error {exc}", flush=True)
    os._exit(0)  # pywayland may crash tearing down proxies at exit


if __name__ == "__main__":
    raise SystemExit(main())
