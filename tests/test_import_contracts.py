"""The import contracts of pyproject.toml hold (lint-imports), checked by pytest so every OS's CI checks them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
RUN = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def contract_names() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [contract["name"] for contract in config["tool"]["importlinter"]["contracts"]]


def test_every_import_contract_is_kept() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-c", RUN, "--no-cache"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    names = contract_names()
    assert len(names) >= 2 and f"Contracts: {len(names)} kept, 0 broken." in report, report
    flat = " ".join(report.split())  # lint-imports wraps long contract names
    for name in names:
        assert f"{' '.join(name.split())} KEPT" in flat, report


def test_the_core_contracts_are_there() -> None:
    names = contract_names()
    assert "The core never imports Qt" in names
    assert any(name.startswith("Layers:") for name in names)


def test_the_ui_never_imports_the_service() -> None:
    assert any("UI never imports the service" in name for name in contract_names())
