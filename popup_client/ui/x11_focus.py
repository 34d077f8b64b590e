"""Which X11 window has the keyboard, and giving it back. No Qt; python-xlib.

A popup that takes the keyboard because the user asked (``ctl focus-newest``)
remembers which window had it, and gives it back when it closes: the window
manager's active window (``_NET_ACTIVE_WINDOW`` on the root) when there is a
window manager, else the X input focus. Giving back asks the window manager
as a pager would (a ``_NET_ACTIVE_WINDOW`` client message with source 2,
which focus-stealing prevention lets through), or sets the input focus
directly where no window manager runs.

Everything is best effort: without python-xlib or a display, or when the
window went away meanwhile, nothing is remembered or given back (logged).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

#: ``_NET_ACTIVE_WINDOW``'s source indication of a pager: the user asked for this window.
SOURCE_PAGER = 2


@dataclass(frozen=True)
class X11Focus:
    """A window that had the keyboard: its id, and whether the window manager named it active."""

    window: int
    managed: bool


def _display(name: str | None = None) -> Any:
    try:
        from Xlib import display as xdisplay  # type: ignore[import-untyped,unused-ignore]

        return xdisplay.Display(name)
    except Exception as exc:  # no python-xlib, no display, refused
        log.info("cannot ask the X server who has the keyboard (%s)", exc)
        return None


def focused_window(display_name: str | None = None) -> X11Focus | None:
    """The window with the keyboard now (the window manager's active one, or the X input focus); None if unknown."""
    display = _display(display_name)
    if display is None:
        return None
    from Xlib import X  # type: ignore[import-untyped,unused-ignore]

    try:
        root = display.screen().root
        prop = root.get_full_property(display.intern_atom("_NET_ACTIVE_WINDOW"), X.AnyPropertyType)
        if prop is not None and prop.value and int(prop.value[0]):
            return X11Focus(int(prop.value[0]), True)
        focus = display.get_input_focus().focus
        window = focus if isinstance(focus, int) else getattr(focus, "id", 0)
        return X11Focus(int(window), False) if window not in (0, 1, root.id) else None
    except Exception as exc:  # the server went away, a bad reply
        log.info("cannot read which X window has the keyboard: %s", exc)
        return None
    finally:
        display.close()


def give_focus(focus: X11Focus, display_name: str | None = None) -> bool:
    """Give ``focus.window`` the keyboard again; False if it could not be asked."""
    display = _display(display_name)
    if display is None:
        return False
    from Xlib import X  # type: ignore[import-untyped,unused-ignore]
    from Xlib.protocol import event as xevent  # type: ignore[import-untyped,unused-ignore]

    try:
        root = display.screen().root
        window = display.create_resource_object("window", focus.window)
        if focus.managed:
            message = xevent.ClientMessage(
                window=window,
                client_type=display.intern_atom("_NET_ACTIVE_WINDOW"),
                data=(32, [SOURCE_PAGER, X.CurrentTime, 0, 0, 0]),
            )
            root.send_event(message, event_mask=X.SubstructureRedirectMask | X.SubstructureNotifyMask)
        else:
            display.set_input_focus(window, X.RevertToParent, X.CurrentTime)
        display.sync()
        return True
    except Exception as exc:  # the window is gone, the server went away
        log.info("cannot give the keyboard back to X window %#x: %s", focus.window, exc)
        return False
    finally:
        display.close()
