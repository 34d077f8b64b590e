"""The command line loads what a command uses: ``--version`` no pydantic, ``lint`` no Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_LOADED = """
import json, sys
from popup_client.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "PySide6", "sqlite3", "platformdirs"))))
"""


def _loaded(*argv: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", _LOADED, *argv], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_version_loads_neither_pydantic_nor_qt_nor_the_journal() -> None:
    assert _loaded("--version") == set()


def test_lint_loads_no_qt() -> None:
    loaded = _loaded("lint", str(ROOT / "resources" / "examples" / "valid-content.json"))
    assert "pydantic" in loaded and not any(m.startswith("PySide6") for m in loaded)
