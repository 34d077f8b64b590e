"""The layer-shell placer: each popup an overlay layer surface, anchored to the chosen corner.

Which output: the one the compositor considers current when a stack starts
(the first popup's surface is made with no output, so sway puts it on the
focused output and KWin on the active one); the rest of that stack follows
it, so one stack never spans two outputs. When the last popup closes, the
next stack starts wherever the user is then.

The usable area is asked of the compositor (a probe surface anchored to all
four edges is configured with exactly what bars and panels leave free) when
a stack starts and whenever outputs change; popups are then anchored to the
corner's two edges with margins, so the compositor — not the client —
places them, below the bar, on that output, at its scale.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ..wayland.connection import Connection, WaylandError
from ..wayland.layer_surface import (
    ANCHOR_BOTTOM,
    ANCHOR_LEFT,
    ANCHOR_RIGHT,
    ANCHOR_TOP,
    LayerSurface,
    Placement,
    bind_globals,
    usable_area,
)
from ..wayland.seat import Seat
from ..wayland.widget_host import LayerWidgetHost
from .geometry import Rect
from .placers import Placer

log = logging.getLogger(__name__)

#: Used until the compositor has answered the first probe.
FALLBACK_AREA = Rect(0, 0, 1280, 720)


def anchor_for(rect: Rect, area: Rect, corner: str) -> Placement:
    """The anchor and margins that put ``rect`` (in area coordinates) where it is, from ``corner``."""
    right = corner.endswith("right")
    top = corner.startswith("top")
    anchor = (ANCHOR_TOP if top else ANCHOR_BOTTOM) | (ANCHOR_RIGHT if right else ANCHOR_LEFT)
    vertical = max(0, rect.y - area.y) if top else max(0, area.bottom - rect.bottom)
    horizontal = max(0, area.right - rect.right) if right else max(0, rect.x - area.x)
    margins = (vertical if top else 0, horizontal if right else 0, 0 if top else vertical, 0 if right else horizontal)
    return Placement(anchor, margins, rect.width, rect.height)


class LayerShellPlacer(Placer):
    """Popups as wlr-layer-shell overlay surfaces of the app's own Wayland connection."""

    mechanism = "layer-shell"

    def __init__(self, connection: Connection, corner: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connection = connection
        self._corner = corner
        self._compositor, self._shm, self._shell = bind_globals(connection)
        self._seat = Seat(connection)
        self._hosts: list[LayerWidgetHost] = []
        self._stack_output: Any = None
        self._area: Rect | None = None
        connection.failed.connect(self.failed)
        connection.outputs_changed.connect(self._on_outputs_changed)
        connection.attach_to_event_loop()

    @classmethod
    def connect(cls, display: str, corner: Callable[[], str]) -> LayerShellPlacer:
        """Open the connection to ``display`` (raises WaylandError)."""
        return cls(Connection.open(display), corner)

    # ------------------------------------------------------------ Placer

    def area(self) -> Rect:
        if self._area is None:
            self._area = self._probe()
        return self._area

    def prepare(self, window: QWidget) -> None:
        self._hosts.append(LayerWidgetHost(window, self))

    def release(self, window: QWidget) -> None:
        for host in [h for h in self._hosts if h.widget is window]:
            host.detach()
            self._hosts.remove(host)

    def stack_emptied(self) -> None:
        self._stack_output = None
        self._area = None  # the next stack may start on another output, or the bar may have moved

    def close(self) -> None:
        for host in self._hosts:
            host.detach()
        self._hosts.clear()
        self._connection.close()

    def _probe(self) -> Rect:
        try:
            width, height = usable_area(self._connection, self._shell, self._compositor, output=self._stack_output)
        except WaylandError as exc:
            log.warning("could not ask the compositor for the usable area: %s", exc)
            return FALLBACK_AREA
        return Rect(0, 0, width, height)

    def _on_outputs_changed(self) -> None:
        if self._area is not None:
            self._area = None
            self.area_changed.emit()

    # ------------------------------------------------------------ HostBackend

    def new_surface(self, host: LayerWidgetHost) -> LayerSurface:
        surface = LayerSurface(self._connection, self._shell, self._compositor, self._shm, output=self._stack_output)
        self._seat.register(surface.surface, host)
        previous = surface.on_outputs_changed

        def entered() -> None:
            if self._stack_output is None and surface.entered:
                self._stack_output = surface.entered[0]
            if previous is not None:
                previous()

        surface.on_outputs_changed = entered
        return surface

    def placement_of(self, widget: QWidget) -> Placement:
        pos, size = widget.pos(), widget.size()
        rect = Rect(pos.x(), pos.y(), size.width(), size.height())
        return anchor_for(rect, self.area(), self._corner())

    def scale_of(self, surface: LayerSurface) -> int:
        scales = [o.scale for proxy in surface.entered if (o := self._connection.output_of(proxy)) is not None]
        if scales:
            return max(scales)
        stack = self._connection.output_of(self._stack_output) if self._stack_output is not None else None
        return stack.scale if stack is not None else self._connection.max_scale()

    def surface_gone(self, host: LayerWidgetHost, surface: LayerSurface) -> None:
        self._seat.unregister(surface.surface)
