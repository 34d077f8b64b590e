"""A panel for X11 window managers (and Mutter's XWayland): a dock window reserving the top with struts.

Run as ``python x11_dock.py HEIGHT`` with DISPLAY set: a dark bar across the
top of the screen, of type _NET_WM_WINDOW_TYPE_DOCK with
_NET_WM_STRUT_PARTIAL, as tint2, xfce4-panel or GNOME's top bar (to X11
clients) do, so the work area (_NET_WORKAREA) excludes it. Prints ``ready``
once mapped.
"""

from __future__ import annotations

import sys

from Xlib import X, Xutil, display

COLOR = 0x101010


def main() -> int:
    height = int(sys.argv[1])
    dpy = display.Display()
    screen = dpy.screen()
    width = screen.width_in_pixels
    window = screen.root.create_window(
        0, 0, width, height, 0, screen.root_depth, X.InputOutput, X.CopyFromParent, background_pixel=COLOR
    )
    atom = dpy.intern_atom
    window.change_property(atom("_NET_WM_WINDOW_TYPE"), atom("ATOM"), 32, [atom("_NET_WM_WINDOW_TYPE_DOCK")])
    window.change_property(atom("_NET_WM_STRUT"), atom("CARDINAL"), 32, [0, 0, height, 0])
    window.change_property(atom("_NET_WM_STRUT_PARTIAL"), atom("CARDINAL"), 32, [0, 0, height, 0, 0, 0, 0, 0, 0, width - 1, 0, 0])
    window.change_property(atom("_NET_WM_STATE"), atom("ATOM"), 32, [atom("_NET_WM_STATE_ABOVE"), atom("_NET_WM_STATE_STICKY")])
    hints = Xutil.USPosition | Xutil.PPosition | Xutil.PSize | Xutil.PMinSize | Xutil.PMaxSize
    window.set_wm_normal_hints(
        flags=hints, x=0, y=0, width=width, height=height, min_width=width, min_height=height, max_width=width, max_height=height
    )  # where it asks to be: window managers place a dock elsewhere otherwise
    window.set_wm_name("test panel")
    window.set_wm_class("test-panel", "TestPanel")
    window.map()
    dpy.sync()
    print("ready", flush=True)
    while True:
        dpy.next_event()


if __name__ == "__main__":
    raise SystemExit(main())
