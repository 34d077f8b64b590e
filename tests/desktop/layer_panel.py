"""A panel for compositors that have none of their own here (KWin without Plasma): a layer surface with an exclusive zone.

Run as ``python layer_panel.py HEIGHT`` in the session: a dark bar across
the top of the output, reserving HEIGHT px the way Plasma's panel or
waybar do, so the usable area excludes it. Prints ``ready`` once drawn.
"""

from __future__ import annotations

import mmap
import os
import sys
from typing import Any

from pywayland.client import Display
from pywayland.protocol.wayland import WlCompositor, WlShm

from popup_client.ui.wayland.protocols.wlr_layer_shell_unstable_v1 import ZwlrLayerShellV1

COLOR = 0xFF101010  # ARGB


def main() -> int:
    height = int(sys.argv[1])
    display = Display()
    display.connect()
    registry = display.get_registry()
    found: dict[str, tuple[int, int]] = {}

    def on_global(_registry: Any, name: int, interface: str, version: int) -> None:
        found[interface] = (name, version)

    registry.dispatcher["global"] = on_global
    display.roundtrip()
    compositor = registry.bind(found["wl_compositor"][0], WlCompositor, 4)
    shm = registry.bind(found["wl_shm"][0], WlShm, 1)
    shell = registry.bind(found["zwlr_layer_shell_v1"][0], ZwlrLayerShellV1, 1)
    surface = compositor.create_surface()
    layer = shell.get_layer_surface(surface, None, 2, "test-panel")  # the top layer, like a panel
    layer.set_anchor(1 | 4 | 8)  # top, left, right
    layer.set_size(0, height)
    layer.set_exclusive_zone(height)
    configured: list[tuple[int, int]] = []

    def on_configure(role: Any, serial: int, width: int, h: int) -> None:
        role.ack_configure(serial)
        configured.append((width, h))

    layer.dispatcher["configure"] = on_configure
    surface.commit()
    while not configured:
        display.dispatch(block=True)
    width, h = configured[-1]
    size = width * 4 * h
    fd = os.memfd_create("panel", os.MFD_CLOEXEC)
    os.ftruncate(fd, size)
    data = mmap.mmap(fd, size)
    data.write(COLOR.to_bytes(4, "little") * (width * h))
    pool = shm.create_pool(fd, size)
    buffer = pool.create_buffer(0, width, h, width * 4, 0)
    surface.attach(buffer, 0, 0)
    surface.damage_buffer(0, 0, width, h)
    surface.commit()
    display.roundtrip()
    print("ready", flush=True)
    while display.dispatch(block=True) != -1:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
