"""The Linux one-folder PyInstaller build starts and renders a popup offscreen."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_pyinstaller_bundle_builds_and_renders() -> None:
    result = subprocess.run(["bash", str(ROOT / "packaging" / "build")], cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "popup-client 0.1.0" in result.stdout
    report = json.loads((ROOT / "dist" / "smoke-ad.json").read_text(encoding="utf-8"))
    assert report["close_button"]["w"] >= 32 and report["ad_label"] is not None
    assert (ROOT / "dist" / "smoke-ad.png").stat().st_size > 5000
