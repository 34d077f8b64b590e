"""The ``popup-client`` executable's exit: handlers run, output flushed, the teardown skipped — unless a thread or Qt needs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"

# An object whose finalizer speaks when the interpreter tears its modules down.
PRELUDE = """
import atexit, sys
from popup_client.cli import quick_exit

class Loud:
    def __del__(self):
        sys.stdout.write("torn down\\n")

loud = Loud()
atexit.register(lambda: sys.stdout.write("exit handler\\n"))
sys.stdout.write("said\\n")
"""


def _python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "POPUP_CLIENT_CONFIG_DIR": str(tmp_path / "config"),
           "POPUP_CLIENT_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-c", PRELUDE + code], capture_output=True, text=True, timeout=60, env=env)


def test_the_exit_handlers_run_the_output_is_kept_and_the_teardown_is_skipped(tmp_path: Path) -> None:
    result = _python("quick_exit(3)", tmp_path)
    assert result.returncode == 3
    assert result.stdout == "said\nexit handler\n", "no teardown after the handlers"


def test_the_ordinary_exit_tears_down(tmp_path: Path) -> None:
    """What the quick exit skips: the same program exiting the ordinary way runs the finalizer."""
    result = _python("sys.exit(3)", tmp_path)
    assert result.returncode == 3
    assert result.stdout == "said\nexit handler\ntorn down\n"


def test_a_running_thread_is_waited_for(tmp_path: Path) -> None:
    code = """
import threading, time
def late():
    time.sleep(0.3)
    sys.stdout.write("thread finished\\n")
threading.Thread(target=late).start()
quick_exit(0)
"""
    result = _python(code, tmp_path)
    assert result.returncode == 0
    assert "thread finished\n" in result.stdout and "torn down" in result.stdout


@pytest.mark.parametrize(("example", "status", "verdict"), [("valid-ad.json", 0, "valid"), ("invalid-image-qr-code.json", 1, "INVALID")])
def test_the_executable_reports_lint_in_full_through_a_pipe(tmp_path: Path, example: str, status: int, verdict: str) -> None:
    code = f"sys.argv[1:] = ['lint', {str(EXAMPLES / example)!r}]\nfrom popup_client.cli import console\nconsole()"
    result = _python(code, tmp_path)
    assert result.returncode == status, result.stderr
    assert f"{example}: {verdict}" in result.stdout
    assert result.stdout.endswith("\n") and "torn down" not in result.stdout


def test_the_installed_executable_is_console() -> None:
    from importlib.metadata import entry_points

    (script,) = [ep for ep in entry_points(group="console_scripts") if ep.name == "popup-client"]
    assert script.value == "popup_client.cli:console"


def test_decide_closes_the_journal_before_the_quick_exit(tmp_path: Path) -> None:
    """The journal is closed as at any shutdown: SQLite folds its write-ahead log back and removes it."""
    code = f"sys.argv[1:] = ['decide', {str(EXAMPLES / 'valid-ad.json')!r}]\nfrom popup_client.cli import console\nconsole()"
    result = _python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "valid-ad.json: " in result.stdout
    files = sorted(p.name for p in (tmp_path / "data").rglob("*") if p.is_file())
    assert any(name.endswith((".db", ".sqlite", ".sqlite3")) for name in files), files
    assert not [name for name in files if name.endswith("-wal")], files


def test_without_stdout_the_exit_is_quiet(tmp_path: Path) -> None:
    """Started with standard output closed (``>&-``), Python has no sys.stdout; the exit does not trip over it."""
    code = f"sys.argv[1:] = ['lint', {str(EXAMPLES / 'valid-ad.json')!r}]\nfrom popup_client.cli import console\nconsole()"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "POPUP_CLIENT_CONFIG_DIR": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-c", code.replace("sys.argv", "import sys; sys.argv", 1)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=60, env=env,
                            preexec_fn=lambda: os.close(1))
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0
