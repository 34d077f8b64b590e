"""PySide6's import scan must not keep module sources alive (popup_client.pyside_hook)."""

from __future__ import annotations

import json
import subprocess
import sys

from popup_client import pyside_hook


def test_importing_the_app_keeps_no_module_sources_in_linecache() -> None:
    script = (
        "import linecache, json, sys\n"
        "import popup_client.cli, popup_client.app\n"
        "from shibokensupport import feature\n"
        "print(json.dumps({'cached': len(linecache.cache),"
        " 'tray': feature.pyside_feature_dict.get('popup_client.ui.tray'),"
        " 'core': feature.pyside_feature_dict.get('popup_client.core.payload')}))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    seen = json.loads(out)
    # Without the hook PySide6 reads ~175 files into linecache here; without dropping what it read while
    # shiboken6 set itself up (before the hook could be in place), enum.py and shiboken6/__init__.py stay.
    assert seen["cached"] == 0, seen
    # ...and its answers stay the same: a module naming PySide6 uses it, the core does not.
    assert seen["tray"] == 0 and seen["core"] == -1, seen


def test_the_scan_reads_the_file_and_falls_back_for_modules_without_one() -> None:
    asked: list[str] = []

    def fallback(module: object) -> bool:
        asked.append(getattr(module, "__name__", "?"))
        return False

    import popup_client.ui.tray as tray_module
    import popup_client.core.payload as payload_module

    assert pyside_hook._file_mentions_pyside(tray_module, fallback) is True
    assert pyside_hook._file_mentions_pyside(payload_module, fallback) is False
    assert pyside_hook._file_mentions_pyside(sys, fallback) is False
    assert asked == ["sys"]


def test_install_is_idempotent() -> None:
    from shibokensupport import feature

    first = feature._mod_uses_pyside
    assert pyside_hook.install() is True
    assert feature._mod_uses_pyside is first
