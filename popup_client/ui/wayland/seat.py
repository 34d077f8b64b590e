"""The seat: pointer and keyboard events from the compositor, routed to the surface they are for.

A headless or kiosk compositor may have no pointer or keyboard at first;
the objects are made when the seat announces the capability (asking before
that is a protocol error) and dropped when it goes. Each event names a
wl_surface; :class:`Seat` hands it to the :class:`InputTarget` registered
for that surface. Only what a popup needs is decoded: position, the left
button, and the keys that walk and press its buttons — Escape, Tab, Enter,
Space and Shift, by their evdev codes, the same on every layout; the
keymap is read only to find those keys' codes where a virtual keyboard
numbers its keys otherwise (:mod:`.keymap`), never compiled.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from typing import Any, Protocol

from pywayland.protocol_core.argument import ArgumentType

from .connection import SEAT_VERSION, Connection, _guarded
from .keymap import MAX_KEYMAP_BYTES, key_codes

log = logging.getLogger(__name__)

CAP_POINTER, CAP_KEYBOARD = 1, 2
BTN_LEFT = 0x110
KEY_ESC = 1
KEY_TAB, KEY_ENTER, KEY_SPACE, KEY_KPENTER = 15, 28, 57, 96
KEY_LEFTSHIFT, KEY_RIGHTSHIFT = 42, 54


def tolerate_destroyed_surfaces() -> None:
    """Let focus events name a surface the app has just destroyed (pywayland would raise and drop them).

    The compositor may send ``leave`` for a surface the client destroyed a
    moment before; libwayland hands such an object over as NULL, which
    pywayland refuses unless the argument is declared nullable. The seat's
    enter/leave events are declared nullable here (the handlers below
    ignore a missing surface), once, before any connection is made.
    """
    from pywayland.protocol.wayland import WlKeyboard, WlPointer, WlSurface

    focus_events = {WlPointer: ("enter", "leave"), WlKeyboard: ("enter", "leave"), WlSurface: ("enter", "leave")}
    for interface, names in focus_events.items():
        for message in interface.events:
            if message.name in names:
                message.arguments = tuple(
                    dataclasses.replace(a, nullable=True) if a.argument_type == ArgumentType.Object else a
                    for a in message.arguments
                )


class InputTarget(Protocol):
    """What a surface does with the input the compositor sends it (surface-local logical px)."""

    def pointer_enter(self, x: float, y: float) -> None: ...

    def pointer_leave(self) -> None: ...

    def pointer_motion(self, x: float, y: float) -> None: ...

    def pointer_button(self, button: int, pressed: bool) -> None: ...

    def keyboard_focus(self, focused: bool) -> None: ...

    def key(self, code: int, pressed: bool) -> None: ...


def _surface_key(surface: Any) -> Any:
    """Identity of a wl_surface proxy across events (pywayland may hand back another wrapper)."""
    return getattr(surface, "_ptr", None) or id(surface)


class Seat:
    """The first wl_seat: routes pointer and keyboard events to registered surfaces."""

    def __init__(self, connection: Connection) -> None:
        from pywayland.protocol.wayland import WlSeat

        tolerate_destroyed_surfaces()
        self._targets: dict[Any, InputTarget] = {}
        self._pointer: Any = None
        self._keyboard: Any = None
        self._pointer_on: InputTarget | None = None
        self._keyboard_on: InputTarget | None = None
        self._codes: dict[int, int] = {}  # the keymap's codes of the keys read → evdev codes ({}: evdev's own)
        self.proxy: Any = None
        if connection.has("wl_seat"):
            self.proxy = connection.bind(WlSeat, SEAT_VERSION)
            self.proxy.dispatcher["capabilities"] = _guarded("wl_seat.capabilities", self._on_capabilities)

    def register(self, surface: Any, target: InputTarget) -> None:
        self._targets[_surface_key(surface)] = target

    def unregister(self, surface: Any) -> None:
        target = self._targets.pop(_surface_key(surface), None)
        if target is not None and self._pointer_on is target:
            self._pointer_on = None
        if target is not None and self._keyboard_on is target:
            self._keyboard_on = None

    def _target(self, surface: Any) -> InputTarget | None:
        return self._targets.get(_surface_key(surface)) if surface is not None else None

    # ------------------------------------------------------------ capabilities

    def _on_capabilities(self, seat: Any, capabilities: int) -> None:
        if capabilities & CAP_POINTER and self._pointer is None:
            self._pointer = seat.get_pointer()
            for event in ("enter", "leave", "motion", "button"):
                self._pointer.dispatcher[event] = _guarded(f"wl_pointer.{event}", getattr(self, f"_on_pointer_{event}"))
        elif not capabilities & CAP_POINTER and self._pointer is not None:
            self._release(self._pointer)
            self._pointer, self._pointer_on = None, None
        if capabilities & CAP_KEYBOARD and self._keyboard is None:
            self._keyboard = seat.get_keyboard()
            for event in ("keymap", "enter", "leave", "key"):
                self._keyboard.dispatcher[event] = _guarded(f"wl_keyboard.{event}", getattr(self, f"_on_keyboard_{event}"))
        elif not capabilities & CAP_KEYBOARD and self._keyboard is not None:
            self._release(self._keyboard)
            self._keyboard, self._keyboard_on = None, None

    @staticmethod
    def _release(device: Any) -> None:
        if hasattr(device, "release"):
            device.release()

    # ------------------------------------------------------------ pointer

    def _on_pointer_enter(self, _pointer: Any, _serial: int, surface: Any, x: float, y: float) -> None:
        self._pointer_on = self._target(surface)
        if self._pointer_on is not None:
            self._pointer_on.pointer_enter(x, y)

    def _on_pointer_leave(self, _pointer: Any, _serial: int, _surface: Any) -> None:
        target, self._pointer_on = self._pointer_on, None
        if target is not None:
            target.pointer_leave()

    def _on_pointer_motion(self, _pointer: Any, _time: int, x: float, y: float) -> None:
        if self._pointer_on is not None:
            self._pointer_on.pointer_motion(x, y)

    def _on_pointer_button(self, _pointer: Any, _serial: int, _time: int, button: int, state: int) -> None:
        if self._pointer_on is not None:
            self._pointer_on.pointer_button(button, state == 1)

    # ------------------------------------------------------------ keyboard

    def _on_keyboard_keymap(self, _keyboard: Any, fmt: int, fd: int, size: int) -> None:
        try:
            text = _read_keymap(fd, size) if fmt == 1 else b""  # 1: XKB v1 text
        finally:
            os.close(fd)
        self._codes = key_codes(text.decode("utf-8", "replace"))
        log.debug("keymap: the keys read are %s", self._codes or "evdev's own codes")

    def _on_keyboard_enter(self, _keyboard: Any, _serial: int, surface: Any, _keys: Any) -> None:
        self._keyboard_on = self._target(surface)
        if self._keyboard_on is not None:
            self._keyboard_on.keyboard_focus(True)

    def _on_keyboard_leave(self, _keyboard: Any, _serial: int, _surface: Any) -> None:
        target, self._keyboard_on = self._keyboard_on, None
        if target is not None:
            target.keyboard_focus(False)

    def _on_keyboard_key(self, _keyboard: Any, _serial: int, _time: int, key: int, state: int) -> None:
        if self._keyboard_on is not None:
            code = self._codes.get(key, 0) if self._codes else key  # 0: no key a popup reads
            self._keyboard_on.key(code, state == 1)


def _read_keymap(fd: int, size: int) -> bytes:
    """The keymap's text (at most :data:`MAX_KEYMAP_BYTES`); b"" if it cannot be read."""
    size = min(max(size, 0), MAX_KEYMAP_BYTES)
    chunks: list[bytes] = []
    offset = 0
    try:
        while offset < size:
            chunk = os.pread(fd, size - offset, offset)
            if not chunk:
                break
            chunks.append(chunk)
            offset += len(chunk)
    except OSError as exc:
        log.info("cannot read the keyboard's keymap (%s); keys are read by their evdev codes", exc)
        return b""
    return b"".join(chunks).rstrip(b"\0")
