"""The core imports and works with Qt absent (ARCHITECTURE.md: the core never imports Qt)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import importlib, pkgutil, sys

    class NoQt:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"):
                raise ImportError(f"Qt is hidden in this test: {name}")
            return None

    sys.meta_path.insert(0, NoQt())
    import popup_client.core as core
    names = [m.name for m in pkgutil.walk_packages(core.__path__, "popup_client.core.")]
    for name in names + ["popup_client.service"]:
        importlib.import_module(name)
    import json
    from popup_client.core.payload import parse_popup
    popup = parse_popup(open("resources/examples/valid-ad.json", "rb").read())
    assert popup.kind == "ad"
    assert not [m for m in sys.modules if m.startswith(("PySide6", "shiboken6"))]
    print(len(names), "core modules imported without Qt")
    """
)


def test_core_and_service_import_without_qt() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "imported without Qt" in result.stdout
