"""The event-loop lag probe: late ticks are measured, written and read back."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from popup_client.ui.lag import LAG_FILE_ENV, LagProbe, percentile, read_lag_file


def test_percentile_is_nearest_rank() -> None:
    samples = [float(v) for v in range(1, 101)]
    assert percentile(samples, 50) == 50.0
    assert percentile(samples, 99) == 99.0
    assert percentile(samples, 100) == 100.0
    assert percentile(samples, 0) == 1.0
    assert percentile([], 99) == 0.0
    with pytest.raises(ValueError):
        percentile(samples, 101)


def test_an_idle_loop_has_little_lag_and_a_blocked_one_shows_it(qtbot: Any) -> None:
    probe = LagProbe()
    probe.start()
    qtbot.wait(300)
    assert probe.count >= 10
    assert probe.percentile(50) < 20, probe.samples()
    QTimer.singleShot(0, lambda: time.sleep(0.15))  # the loop is blocked for 150 ms
    qtbot.wait(300)
    probe.stop()
    assert not probe.is_running()
    assert probe.max() >= 100, probe.samples()


def test_only_the_last_samples_are_kept() -> None:
    probe = LagProbe(keep=3)
    for value in (1.0, 2.0, 3.0, 4.0):
        probe.record(value)
    assert probe.samples() == [2.0, 3.0, 4.0]
    assert probe.percentile(100) == 4.0


def test_samples_are_appended_to_the_file_and_read_back_by_time(tmp_path: Path) -> None:
    path = tmp_path / "lag.txt"
    probe = LagProbe(path=path)
    before = time.time()
    probe.record(1.5)
    probe.record(70.0)
    probe.flush()
    probe.record(3.0)
    probe.flush()
    assert read_lag_file(path) == [1.5, 70.0, 3.0]
    assert read_lag_file(path, since=time.time() + 10) == []
    assert read_lag_file(path, since=before - 1, until=time.time() + 1) == [1.5, 70.0, 3.0]
    with path.open("a") as handle:
        handle.write("1234.5 9")  # a line still being written is not read
    assert read_lag_file(path) == [1.5, 70.0, 3.0]
    assert read_lag_file(tmp_path / "missing.txt") == []


def test_from_env(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LAG_FILE_ENV, raising=False)
    assert LagProbe.from_env() is None
    path = tmp_path / "lag.txt"
    monkeypatch.setenv(LAG_FILE_ENV, str(path))
    probe = LagProbe.from_env()
    assert probe is not None and probe.is_running()
    qtbot.waitUntil(lambda: path.exists() and len(read_lag_file(path)) >= 5, timeout=5000)
    probe.stop()


def test_an_unwritable_file_stops_the_writing_not_the_app(tmp_path: Path, caplog: Any) -> None:
    probe = LagProbe(path=tmp_path / "no-such-dir" / "lag.txt")
    probe.record(1.0)
    probe.flush()
    assert probe.path is None and "cannot write the lag file" in caplog.text
    probe.record(2.0)
    probe.flush()
    assert probe.samples() == [1.0, 2.0]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        LagProbe(interval_ms=0)
