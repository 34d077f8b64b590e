"""The installed Qt binding does not leak references on plain calls.

PySide6 6.12.0 on Python < 3.12 drops a reference to None on every call that
returns nothing and to True/False on every bool return; the process dies with
"Fatal Python error: none_dealloc" after a few thousand calls (under a burst of
socket or D-Bus traffic). pyproject.toml excludes that release; this test fails
if a leaking build is installed anyway — in a subprocess, since it may abort.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
    app = QCoreApplication([])
    class E(QObject):
        sig = Signal()
    e, t = E(), QTimer()
    before = sys.getrefcount(None), sys.getrefcount(True) + sys.getrefcount(False)
    for _ in range(200):
        t.start(); t.stop(); e.sig.emit(); t.isActive()
    after = sys.getrefcount(None), sys.getrefcount(True) + sys.getrefcount(False)
    print(after[0] - before[0], after[1] - before[1])
    """
)


def test_no_reference_leaks_on_void_and_bool_returns() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    none_leak, bool_leak = map(int, result.stdout.split())
    assert abs(none_leak) < 50 and abs(bool_leak) < 50, f"leaks: None {none_leak}, bools {bool_leak}"
