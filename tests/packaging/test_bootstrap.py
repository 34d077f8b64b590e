"""scripts/lib/bootstrap.sh: the editable install found by a plain path, not an import hook run at every start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOOK = "import __editable___popup_client_0_1_0_finder; __editable___popup_client_0_1_0_finder.install()"


def _plain_editable_path(checkout: Path) -> None:
    subprocess.run(["bash", "-c", f"source {ROOT / 'scripts' / 'lib' / 'bootstrap.sh'} && _plain_editable_path"],
                   cwd=checkout, check=True, timeout=30)


def test_the_import_hook_becomes_the_checkouts_path(tmp_path: Path) -> None:
    site = tmp_path / ".venv" / "lib" / "python3.11" / "site-packages"
    site.mkdir(parents=True)
    (site / "__editable__.popup_client-0.1.0.pth").write_text(HOOK, encoding="utf-8")
    (site / "distutils-precedence.pth").write_text("import os; x = 1\n", encoding="utf-8")
    _plain_editable_path(tmp_path)
    assert (site / "__editable__.popup_client-0.1.0.pth").read_text(encoding="utf-8") == f"{tmp_path}\n"
    assert (site / "distutils-precedence.pth").read_text(encoding="utf-8") == "import os; x = 1\n", "another package's .pth is left alone"


def test_without_an_editable_install_nothing_changes(tmp_path: Path) -> None:
    (tmp_path / ".venv").mkdir()
    _plain_editable_path(tmp_path)
    assert [p.name for p in tmp_path.rglob("*")] == [".venv"]


def test_a_path_entry_finds_the_package_without_loading_pathlib(tmp_path: Path) -> None:
    """What the plain path buys: Python starts with site-packages and no hook importing pathlib, urllib, fnmatch."""
    (tmp_path / "popup-client-checkout.pth").write_text(f"{ROOT}\n", encoding="utf-8")
    code = f"import site, sys; site.addsitedir({str(tmp_path)!r}); import popup_client; print(popup_client.__file__, 'pathlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, timeout=30, check=True)
    assert result.stdout.split() == [str(ROOT / "popup_client" / "__init__.py"), "False"]
