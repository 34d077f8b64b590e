"""The benchmarks measure the app of their own checkout, not whichever checkout the venv was installed from.

A venv's editable install points at one checkout; a benchmark run from a
worktree (the code before a change, say) must still start that worktree's
app, or "before" and "after" measure the same code.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_app_started_by_the_server_benchmarks_imports_this_checkout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    monkeypatch.delenv("PYTHONPATH", raising=False)  # as from a shell: the runner's own PYTHONPATH would hide the point
    servers = importlib.import_module("notification_servers")
    env = servers.app_env(tmp_path, ":99", "unix:path=/nonexistent")
    assert env["PYTHONPATH"] == str(ROOT)
    code = "import popup_client, sys; sys.stdout.write(popup_client.__file__)"
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert Path(out).resolve().is_relative_to(ROOT.resolve())
