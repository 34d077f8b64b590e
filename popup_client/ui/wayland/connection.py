"""One Wayland connection of the app's own, beside Qt's, driven by the Qt event loop.

:class:`Connection` connects to the compositor, lists its globals, keeps the
outputs it announces (name, scale, size), and reads events whenever the
socket is readable (a :class:`QSocketNotifier`, no thread). Everything that
can block is bounded: the first roundtrip has a timeout, reads never wait.
A protocol error or a compositor that goes away ends the connection and
emits :attr:`Connection.failed` once; the app then falls back to ordinary
windows rather than stop.
"""

from __future__ import annotations

import logging
import select
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal

from ...core.errors import CoreError

log = logging.getLogger(__name__)

#: The highest versions of the globals this client speaks.
OUTPUT_VERSION = 4
COMPOSITOR_VERSION = 4
SEAT_VERSION = 5
LAYER_SHELL_VERSION = 4


class WaylandError(CoreError):
    """The compositor cannot be reached, answers too slowly, or broke the connection."""


@dataclass
class Output:
    """A wl_output as the compositor describes it."""

    global_name: int
    proxy: Any
    name: str = ""
    scale: int = 1
    #: Current mode, in physical pixels.
    width: int = 0
    height: int = 0

    def describe(self) -> str:
        size = f"{self.width}×{self.height}" if self.width else "unknown size"
        return f"{self.name or f'output {self.global_name}'} ({size}, scale {self.scale})"


def _guarded(where: str, handler: Callable[..., None]) -> Callable[..., None]:
    """An event handler that logs its own failures: an exception must never unwind into libwayland."""

    def run(*args: Any) -> None:
        try:
            handler(*args)
        except Exception:  # noqa: BLE001 - logged; one bad event must not end the connection
            log.exception("error handling the Wayland event %s", where)

    return run


class Connection(QObject):
    """The app's Wayland connection: globals, outputs, and events read from the Qt loop."""

    #: The connection ended (a sentence saying why); nothing more will be shown through it.
    failed = Signal(str)
    #: An output appeared, went away, or changed its scale or mode.
    outputs_changed = Signal()

    def __init__(self, display: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.display = display
        self.globals: dict[str, tuple[int, int]] = {}
        self.outputs: dict[int, Output] = {}
        self._dead: str | None = None
        self.registry = display.get_registry()
        self.registry.dispatcher["global"] = _guarded("wl_registry.global", self._on_global)
        self.registry.dispatcher["global_remove"] = _guarded("wl_registry.global_remove", self._on_global_remove)
        self._notifier: QSocketNotifier | None = None

    @classmethod
    def open(cls, name: str | None = None, *, timeout: float = 2.0) -> Connection:
        """Connect to ``name`` (or $WAYLAND_DISPLAY) and learn its globals and outputs."""
        from pywayland.client import Display

        display = Display(name)
        try:
            display.connect()
        except (ValueError, OSError) as exc:
            raise WaylandError(f"cannot connect to the Wayland compositor {name or ''}: {exc}".replace("  ", " ")) from exc
        connection = cls(display)
        connection.roundtrip(timeout)  # the globals
        connection.roundtrip(timeout)  # the outputs' first description
        return connection

    # ------------------------------------------------------------ globals

    def has(self, interface: str) -> bool:
        return interface in self.globals

    def version(self, interface: str) -> int:
        return self.globals[interface][1] if interface in self.globals else 0

    def bind(self, interface: Any, max_version: int) -> Any:
        """Bind the compositor's global of ``interface`` (a pywayland Interface class)."""
        name, version = self.globals[interface.name]
        return self.registry.bind(name, interface, min(version, max_version))

    def _on_global(self, _registry: Any, name: int, interface: str, version: int) -> None:
        self.globals.setdefault(interface, (name, version))
        if interface == "wl_output":
            self._add_output(name, version)

    def _on_global_remove(self, _registry: Any, name: int) -> None:
        output = self.outputs.pop(name, None)
        if output is not None:
            log.info("output %s went away", output.describe())
            self.outputs_changed.emit()
        for interface, (global_name, _version) in list(self.globals.items()):
            if global_name == name:
                del self.globals[interface]

    # ------------------------------------------------------------ outputs

    def _add_output(self, name: int, version: int) -> None:
        from pywayland.protocol.wayland import WlOutput

        proxy = self.registry.bind(name, WlOutput, min(version, OUTPUT_VERSION))
        output = Output(name, proxy)
        self.outputs[name] = output

        def on_mode(_proxy: Any, flags: int, width: int, height: int, _refresh: int) -> None:
            if flags & 1:  # WL_OUTPUT_MODE_CURRENT
                output.width, output.height = width, height

        def on_scale(_proxy: Any, factor: int) -> None:
            output.scale = max(1, factor)

        def on_name(_proxy: Any, text: str) -> None:
            output.name = text

        proxy.dispatcher["mode"] = _guarded("wl_output.mode", on_mode)
        proxy.dispatcher["scale"] = _guarded("wl_output.scale", on_scale)
        proxy.dispatcher["name"] = _guarded("wl_output.name", on_name)
        proxy.dispatcher["done"] = _guarded("wl_output.done", lambda *_: self.outputs_changed.emit())

    def output_of(self, proxy: Any) -> Output | None:
        """The output a wl_output proxy from an event stands for."""
        for output in self.outputs.values():
            if output.proxy is proxy or getattr(output.proxy, "_ptr", None) == getattr(proxy, "_ptr", object()):
                return output
        return None

    def max_scale(self) -> int:
        return max((o.scale for o in self.outputs.values()), default=1)

    # ------------------------------------------------------------ I/O

    def attach_to_event_loop(self) -> None:
        """Read events whenever the socket is readable, from now on."""
        if self._notifier is None:
            self._notifier = QSocketNotifier(self.display.get_fd(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._on_readable)
        self.flush()

    def _on_readable(self, *_: Any) -> None:
        try:
            self.display.read()
            self.display.dispatch(block=False)
            self.display.flush()
        except Exception as exc:  # noqa: BLE001 - pywayland raises RuntimeError/ValueError/OSError
            self._fail(f"the Wayland connection broke: {exc}")

    def flush(self) -> None:
        if self._dead is not None:
            return
        try:
            self.display.flush()
        except Exception as exc:  # noqa: BLE001
            self._fail(f"the Wayland connection broke: {exc}")

    def roundtrip(self, timeout: float = 2.0) -> None:
        """Wait, at most ``timeout`` seconds, until the compositor has handled every request sent so far."""
        if self._dead is not None:
            raise WaylandError(self._dead)
        done: list[bool] = []
        callback = self.display.sync()
        callback.dispatcher["done"] = lambda *_: done.append(True)
        deadline = time.monotonic() + timeout
        try:
            self.display.flush()
            while not done:
                self.display.dispatch(block=False)
                if done:
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise WaylandError(f"the Wayland compositor did not answer within {timeout:g} s")
                readable, _, _ = select.select([self.display.get_fd()], [], [], remaining)
                if readable:
                    self.display.read()
        except WaylandError:
            raise
        except Exception as exc:  # noqa: BLE001
            self._fail(f"the Wayland connection broke: {exc}")
            raise WaylandError(str(self._dead)) from exc

    @property
    def alive(self) -> bool:
        return self._dead is None

    def _fail(self, reason: str) -> None:
        if self._dead is not None:
            return
        self._dead = reason
        log.warning("%s", reason)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        self.failed.emit(reason)

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._dead is None:
            self._dead = "closed"
            try:
                self.display.disconnect()
            except Exception:  # noqa: BLE001 - closing what may already be broken
                log.debug("disconnect failed", exc_info=True)
