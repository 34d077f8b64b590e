"""One wlr-layer-shell surface: where it is anchored, how big it is, what it shows.

The compositor places a layer surface itself, inside the output's usable
area (what bars and panels with an exclusive zone leave free), by the edges
it is anchored to and its margins from them; the client never learns or
sets an absolute position. A popup is anchored to two edges (a corner) on
the overlay layer, so it stays above fullscreen windows, with no exclusive
zone of its own and, until the user clicks it, no keyboard.

The protocol's order is kept: the role and first state are committed with
no buffer, the compositor answers ``configure``, the client acknowledges it
and only then attaches buffers. :class:`LayerSurface` queues what is asked
before that (geometry, a frame) and applies it on the first configure.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .connection import COMPOSITOR_VERSION, LAYER_SHELL_VERSION, Connection, WaylandError, _guarded
from .shm import BufferPair, ShmBuffer

log = logging.getLogger(__name__)

LAYER_OVERLAY = 3
ANCHOR_TOP, ANCHOR_BOTTOM, ANCHOR_LEFT, ANCHOR_RIGHT = 1, 2, 4, 8
KEYBOARD_NONE, KEYBOARD_EXCLUSIVE, KEYBOARD_ON_DEMAND = 0, 1, 2
NAMESPACE = "popup-client"


@dataclass(frozen=True)
class Placement:
    """Where a layer surface goes: the edges it is anchored to, its margins (top, right, bottom, left), its size."""

    anchor: int
    margins: tuple[int, int, int, int]
    width: int
    height: int


class LayerSurface:
    """A wl_surface with the layer-surface role, on ``output`` (None: the compositor chooses)."""

    def __init__(
        self,
        connection: Connection,
        shell: Any,
        compositor: Any,
        shm: Any,
        *,
        output: Any = None,
        namespace: str = NAMESPACE,
    ) -> None:
        self._connection = connection
        self.surface = compositor.create_surface()
        self.role = shell.get_layer_surface(self.surface, output, LAYER_OVERLAY, namespace)
        self._buffers = BufferPair(shm)
        self._placement: Placement | None = None
        self._keyboard = KEYBOARD_NONE
        self._on_demand_ok = connection.version("zwlr_layer_shell_v1") >= 4
        self.configured = False
        self.closed = False
        self.size: tuple[int, int] = (0, 0)
        self.entered: list[Any] = []  # wl_output proxies the surface is on
        #: Called after the compositor's first configure (the surface may now show a frame).
        self.on_configured: Callable[[], None] | None = None
        #: Called when the compositor closes the surface (its output went away…).
        self.on_closed: Callable[[], None] | None = None
        #: Called when the surface enters or leaves an output.
        self.on_outputs_changed: Callable[[], None] | None = None
        self.role.dispatcher["configure"] = _guarded("zwlr_layer_surface_v1.configure", self._on_configure)
        self.role.dispatcher["closed"] = _guarded("zwlr_layer_surface_v1.closed", self._on_closed)
        self.surface.dispatcher["enter"] = _guarded("wl_surface.enter", self._on_enter)
        self.surface.dispatcher["leave"] = _guarded("wl_surface.leave", self._on_leave)

    # ------------------------------------------------------------ state

    def place(self, placement: Placement) -> None:
        """Anchor, margins and size; committed at once (before the first configure too)."""
        if placement == self._placement or self.closed:
            return
        self._placement = placement
        self.role.set_anchor(placement.anchor)
        top, right, bottom, left = placement.margins
        self.role.set_margin(top, right, bottom, left)
        self.role.set_size(placement.width, placement.height)
        self.role.set_keyboard_interactivity(self._keyboard)
        self.surface.commit()
        self._connection.flush()

    def allow_keyboard(self, allowed: bool, *, at_once: bool = False) -> None:
        """Let the compositor give this surface the keyboard when the user clicks it (layer shell ≥ 4), or
        ``at_once`` (the user asked, by a shortcut: exclusive, until the surface is destroyed)."""
        on_click = KEYBOARD_ON_DEMAND if self._on_demand_ok else KEYBOARD_EXCLUSIVE
        wanted = (KEYBOARD_EXCLUSIVE if at_once else on_click) if allowed else KEYBOARD_NONE
        if wanted == self._keyboard or self.closed:
            return
        self._keyboard = wanted
        self.role.set_keyboard_interactivity(wanted)
        self.surface.commit()
        self._connection.flush()

    # ------------------------------------------------------------ frames

    def buffer(self, width: int, height: int) -> ShmBuffer:
        """A free buffer of ``width`` × ``height`` physical pixels to paint the next frame into."""
        return self._buffers.acquire(width, height)

    def present(self, buffer: ShmBuffer, scale: int) -> None:
        """Show ``buffer`` (painted at ``scale`` physical pixels per logical pixel)."""
        if not self.configured or self.closed:
            return
        self.surface.set_buffer_scale(scale)
        self.surface.attach(buffer.proxy, 0, 0)
        self.surface.damage_buffer(0, 0, buffer.width, buffer.height)
        buffer.busy = True
        self.surface.commit()
        self._connection.flush()

    def destroy(self) -> None:
        """Unmap and forget the surface (the popup is hidden)."""
        if self._connection.alive:
            self.role.destroy()
            self.surface.destroy()
            self._buffers.destroy()
            self._connection.flush()
        self.closed = True

    # ------------------------------------------------------------ events

    def _on_configure(self, role: Any, serial: int, width: int, height: int) -> None:
        role.ack_configure(serial)
        self.size = (width, height)
        first = not self.configured
        self.configured = True
        if first and self.on_configured is not None:
            self.on_configured()

    def _on_closed(self, *_: Any) -> None:
        self.closed = True
        if self.on_closed is not None:
            self.on_closed()

    def _on_enter(self, _surface: Any, output: Any) -> None:
        self.entered.append(output)
        if self.on_outputs_changed is not None:
            self.on_outputs_changed()

    def _on_leave(self, _surface: Any, output: Any) -> None:
        self.entered = [o for o in self.entered if o is not output and getattr(o, "_ptr", 0) != getattr(output, "_ptr", 1)]
        if self.on_outputs_changed is not None:
            self.on_outputs_changed()


def usable_area(connection: Connection, shell: Any, compositor: Any, *, output: Any = None, timeout: float = 1.0) -> tuple[int, int]:
    """The usable size (logical px) of ``output``: what bars and panels leave free.

    A layer surface anchored to all four edges, with no size and no exclusive
    zone, is configured with exactly that area; it is never given a buffer,
    so it never appears.
    """
    probe = compositor.create_surface()
    role = shell.get_layer_surface(probe, output, LAYER_OVERLAY, f"{NAMESPACE}-probe")
    size: list[tuple[int, int]] = []

    def on_configure(r: Any, serial: int, width: int, height: int) -> None:
        r.ack_configure(serial)
        size.append((width, height))

    role.dispatcher["configure"] = _guarded("probe configure", on_configure)
    role.set_anchor(ANCHOR_TOP | ANCHOR_BOTTOM | ANCHOR_LEFT | ANCHOR_RIGHT)
    role.set_size(0, 0)
    probe.commit()
    try:
        connection.roundtrip(timeout)
    finally:
        if connection.alive:
            role.destroy()
            probe.destroy()
            connection.flush()
    if not size:
        raise WaylandError("the compositor did not configure the probe surface")
    return size[-1]


def bind_globals(connection: Connection) -> tuple[Any, Any, Any]:
    """The compositor, shm and layer-shell globals (raises KeyError if one is missing)."""
    from pywayland.protocol.wayland import WlCompositor, WlShm

    from .protocols.wlr_layer_shell_unstable_v1 import ZwlrLayerShellV1

    compositor = connection.bind(WlCompositor, COMPOSITOR_VERSION)
    shm = connection.bind(WlShm, 1)
    shell = connection.bind(ZwlrLayerShellV1, LAYER_SHELL_VERSION)
    return compositor, shm, shell
