"""The whole screen of an X display as a PNG: ``python -m tests.desktop.x_grab DISPLAY FILE``.

Used for the Xvfb sessions' screenshots, and as the live check's
``--screenshot-command`` where Mutter runs nested in Xvfb (no
gnome-screenshot there: GNOME Shell is not running).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from Xlib import X, display


def grab(name: str, path: Path) -> Image.Image:
    dpy = display.Display(name)
    try:
        screen = dpy.screen()
        width, height = screen.width_in_pixels, screen.height_in_pixels
        raw = screen.root.get_image(0, 0, width, height, X.ZPixmap, 0xFFFFFFFF)
        image = Image.frombytes("RGB", (width, height), raw.data, "raw", "BGRX")
    finally:
        dpy.close()
    image.save(path)
    return image


if __name__ == "__main__":
    grab(sys.argv[1], Path(sys.argv[2]))
