"""Event-loop lag: how late a 10 ms timer fires, measured inside the running app.

A :class:`LagProbe` starts a precise :class:`QTimer` and, at every tick,
records how much later than its interval the tick came. A loop kept busy by
a flood of requests shows up as late ticks; an idle loop stays near zero. The
last ``keep`` samples are kept for :meth:`LagProbe.percentile`.

When the environment variable ``POPUP_CLIENT_LAG_FILE`` names a file
(:meth:`LagProbe.from_env`), the samples are also appended to it about once a
second, one line per sample, ``<unix time> <lag in ms>``, so another process
(a load test, a benchmark) can read the lag of a given time window.
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections import deque
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer

log = logging.getLogger(__name__)

#: Environment variable naming the file the samples are appended to.
LAG_FILE_ENV = "POPUP_CLIENT_LAG_FILE"
DEFAULT_INTERVAL_MS = 10
DEFAULT_KEEP = 60_000
FLUSH_MS = 1000


def percentile(samples: list[float], p: float) -> float:
    """The ``p``-th percentile (0–100, nearest rank) of ``samples``; 0.0 when there are none."""
    if not 0 <= p <= 100:
        raise ValueError(f"percentile {p} is outside 0–100")
    if not samples:
        return 0.0
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def read_lag_file(path: Path, *, since: float = 0.0, until: float = math.inf) -> list[float]:
    """The lag samples (ms) of a lag file whose times fall in ``[since, until]``.

    A line being written at the moment of reading (no newline yet) is skipped.
    """
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        return []
    samples = []
    for line in text.split("\n")[:-1]:
        parts = line.split()
        if len(parts) != 2:
            continue
        at, lag = float(parts[0]), float(parts[1])
        if since <= at <= until:
            samples.append(lag)
    return samples


class LagProbe(QObject):
    """Records how late a periodic timer fires: the event loop's lag, in milliseconds."""

    def __init__(
        self,
        *,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        keep: int = DEFAULT_KEEP,
        path: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if interval_ms < 1 or keep < 1:
            raise ValueError("interval_ms and keep must be at least 1")
        self.interval_ms = interval_ms
        self.path = path
        self._samples: deque[float] = deque(maxlen=keep)
        self._pending: list[str] = []
        self._last: float | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._flusher = QTimer(self)
        self._flusher.setInterval(FLUSH_MS)
        self._flusher.timeout.connect(self.flush)

    @classmethod
    def from_env(cls, parent: QObject | None = None) -> LagProbe | None:
        """A started probe writing to ``$POPUP_CLIENT_LAG_FILE``, or None when it is not set."""
        name = os.environ.get(LAG_FILE_ENV, "").strip()
        if not name:
            return None
        probe = cls(path=Path(name), parent=parent)
        probe.start()
        log.info("measuring the event-loop lag into %s", name)
        return probe

    # ------------------------------------------------------------ running

    def start(self) -> None:
        self._last = None
        self._timer.start()
        if self.path is not None:
            self._flusher.start()

    def stop(self) -> None:
        """Stop measuring and write what is still pending."""
        self._timer.stop()
        self._flusher.stop()
        self.flush()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.record(max(0.0, (now - self._last) * 1000 - self.interval_ms))
        self._last = now

    def record(self, lag_ms: float) -> None:
        """Add one sample (what each tick does; public for tests)."""
        self._samples.append(lag_ms)
        if self.path is not None:
            self._pending.append(f"{time.time():.3f} {lag_ms:.2f}\n")

    def flush(self) -> None:
        """Append the samples not yet written to the lag file (if there is one)."""
        if self.path is None or not self._pending:
            return
        lines, self._pending = "".join(self._pending), []
        try:
            with self.path.open("a", encoding="ascii") as handle:
                handle.write(lines)
        except OSError as exc:
            log.warning("cannot write the lag file %s (%s); no longer writing it", self.path, exc.strerror or exc)
            self.path = None
            self._flusher.stop()

    # ------------------------------------------------------------ reading

    @property
    def count(self) -> int:
        return len(self._samples)

    def samples(self) -> list[float]:
        """The kept samples, oldest first, in milliseconds."""
        return list(self._samples)

    def percentile(self, p: float) -> float:
        """The ``p``-th percentile of the kept samples, in milliseconds."""
        return percentile(list(self._samples), p)

    def max(self) -> float:
        return max(self._samples, default=0.0)
