"""`popup-client render`: every valid example renders within the guarantees, at 1× and 2×."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "resources" / "examples").glob("valid-*.json"))


def render(tmp_path: Path, example: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    out = tmp_path / f"{example.stem}.png"
    exe = Path(sys.executable).with_name("popup-client")
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path),
           "POPUP_CLIENT_CONFIG_DIR": str(tmp_path / "c"), "POPUP_CLIENT_DATA_DIR": str(tmp_path / "d")}
    result = subprocess.run([str(exe), "render", str(example), "--out", str(out), "--json", *extra],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    report: dict = json.loads(result.stdout)  # type: ignore[type-arg]
    report["_png"] = out
    return report


def _overlaps(a: dict, b: dict, margin: int = 0) -> bool:  # type: ignore[type-arg]
    return not (a["x"] + a["w"] + margin <= b["x"] or b["x"] + b["w"] + margin <= a["x"]
                or a["y"] + a["h"] + margin <= b["y"] or b["y"] + b["h"] + margin <= a["y"])


@pytest.mark.parametrize("scale", ["1", "2"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_render_meets_the_guarantees(tmp_path: Path, example: Path, scale: str) -> None:
    report = render(tmp_path, example, "--scale", scale)
    kind = json.loads(example.read_text(encoding="utf-8"))["kind"]
    window, close = report["window"], report["close_button"]
    assert close["w"] >= 32 and close["h"] >= 32
    assert close["x"] + close["w"] >= window["w"] - 8 and close["y"] <= 8  # the top-right corner
    for key in ("ad_label", "provider_label", "report_button", "details_button"):
        if report.get(key):
            assert not _overlaps(report[key], close, margin=8), key
    assert (report["ad_label"] is not None) == (kind == "ad")
    if report["details_button"]:
        details = report["details_button"]
        assert details["w"] * details["h"] < window["w"] * window["h"] / 4
    assert report["provider_label"]["h"] >= 12
    assert report["device_pixel_ratio"] == float(scale)
    with Image.open(report["_png"]) as image:
        assert image.size == (round(window["w"] * float(scale)), round(window["h"] * float(scale)))


def test_render_refuses_an_unparsable_payload(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 2}', encoding="utf-8")
    exe = Path(sys.executable).with_name("popup-client")
    result = subprocess.run([str(exe), "render", str(bad), "--out", str(tmp_path / "x.png")], capture_output=True, text=True, timeout=60,
                            env={"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)})
    assert result.returncode == 1 and "version" in result.stderr and not (tmp_path / "x.png").exists()
