"""SIGTERM and SIGINT stop the app at once, with nothing ticking while it is idle."""

from __future__ import annotations

import os
import signal
import threading
import time
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer

from popup_client.ui.stop_signals import StopSignals


def _loop_until_stopped(sig: int) -> tuple[list[int], float]:
    loop = QEventLoop()
    got: list[int] = []

    def stop(signum: int) -> None:
        got.append(signum)
        loop.quit()

    signals = StopSignals(stop)
    QTimer.singleShot(5000, loop.quit)  # the test's own limit, far beyond what waking up takes
    threading.Timer(0.2, os.kill, (os.getpid(), sig)).start()
    started = time.monotonic()
    try:
        loop.exec()
    finally:
        signals.close()
    return got, time.monotonic() - started


def test_a_signal_wakes_an_idle_event_loop_and_stops_it(qapp: Any) -> None:
    """The loop waits in C with no timer to wake it; the signal's byte on the wakeup socket does."""
    got, took = _loop_until_stopped(signal.SIGTERM)
    assert got == [signal.SIGTERM]
    assert took < 2.0, f"stopped {took:.2f} s after the loop started (the signal came after 0.2 s)"


def test_sigint_stops_too_and_the_handlers_before_are_put_back(qapp: Any) -> None:
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    got, _ = _loop_until_stopped(signal.SIGINT)
    assert got == [signal.SIGINT]
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before
    assert signal.set_wakeup_fd(-1) == -1, "the wakeup fd is the one there was before (none)"
