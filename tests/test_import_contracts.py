"""The import contracts of pyproject.toml hold (run by every OS's CI, not only by scripts/test)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_layers_hold() -> None:
    exe = Path(sys.executable).with_name("lint-imports.exe" if os.name == "nt" else "lint-imports")
    result = subprocess.run(
        [str(exe), "--no-cache"], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=240
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The UI never imports the service" in result.stdout
    assert "0 broken" in result.stdout
