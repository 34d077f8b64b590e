"""SIGINT and SIGTERM stop the app cleanly, without a timer waking it while it is idle.

Python runs a signal handler only when the interpreter next gets control,
and Qt's event loop may wait in C for hours. The usual cure, a timer ticking
a few times a second, wakes an idle app for nothing (a notifier is idle most
of the day). Instead the C-level handler writes the signal's number to a
socket (:func:`signal.set_wakeup_fd`) that a :class:`QSocketNotifier`
watches: the loop wakes for a signal, and for nothing else.
"""

from __future__ import annotations

import logging
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopSignals(QObject):
    """Calls ``stop`` with the signal's number on SIGINT or SIGTERM, also before the event loop runs."""

    def __init__(self, stop: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = stop
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {sig: signal.signal(sig, self._on_signal) for sig in STOP_SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _on_signal(self, signum: int, _frame: object) -> None:
        log.info("stopping on signal %d", signum)
        self._stop(signum)

    def _drain(self, *_: object) -> None:
        """Empty the socket; the Python handlers ran as the interpreter took control to call this."""
        try:
            while self._reader.recv(512):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def close(self) -> None:
        """Put back the handlers and the wakeup fd there were before."""
        self._notifier.setEnabled(False)
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()
