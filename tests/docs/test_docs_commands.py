"""Every command shown in the guides runs, as written.

The ```sh blocks of each of docs/*.md and the README are run in order as one
bash script (``set -euo pipefail``) — a guide is a walkthrough — from the
repository root, in a fresh private D-Bus session, with its state in a temp dir. A line ``popup-client run …`` starts
the app in the background and waits until it answers; it is stopped when
the block ends.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
BLOCK = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)

PRELUDE = r"""
set -euo pipefail
APP_PID=""
popup_client_run() {
    popup-client -v run "$@" >>"$APP_LOG" 2>&1 &
    APP_PID=$!
    for _ in $(seq 200); do
        if python -c "from popup_client.transports.socket.client import is_running as r; import sys; sys.exit(0 if r() else 1)"; then
            sleep 0.3; return 0
        fi
        kill -0 "$APP_PID" 2>/dev/null || { cat "$APP_LOG" >&2; return 1; }
        sleep 0.1
    done
    return 1
}
stop_app() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null; return 0; }
trap stop_app EXIT
"""


def walkthroughs() -> list[tuple[str, str]]:
    """(doc, its sh blocks joined) for every doc with at least one sh block."""
    found = []
    for doc in DOCS:
        blocks = [m.group(1) for m in BLOCK.finditer(doc.read_text(encoding="utf-8"))]
        if blocks:
            found.append((doc.relative_to(ROOT).as_posix(), "\n".join(blocks)))
    return found


def script_of(block: str) -> str:
    lines = [re.sub(r"^popup-client run\b", "popup_client_run", line) for line in block.splitlines()]
    return PRELUDE + "\n".join(lines) + "\n"


@pytest.mark.parametrize(("doc", "block"), walkthroughs(), ids=[d for d, _ in walkthroughs()])
def test_doc_commands_run(tmp_path: Path, doc: str, block: str) -> None:
    venv_bin = Path(sys.executable).parent
    env = dict(os.environ)
    env.update(
        PATH=f"{venv_bin}{os.pathsep}{env.get('PATH', '')}",
        PYTHONPATH=str(ROOT),
        POPUP_CLIENT_CONFIG_DIR=str(tmp_path / "config"),
        POPUP_CLIENT_DATA_DIR=str(tmp_path / "data"),
        POPUP_CLIENT_SOCKET=f"popup-client-docs-{os.getpid()}-{tmp_path.name}",
        POPUP_CLIENT_TEST_KEYRING=str(tmp_path / "keyring.json"),
        PYTHON_KEYRING_BACKEND="tests.helpers.filekeyring.FileKeyring",
        QT_QPA_PLATFORM="offscreen",
        APP_LOG=str(tmp_path / "app.log"),
        HOME=str(tmp_path / "home"),
    )
    command = ["bash", "-c", script_of(block)]
    if shutil.which("dbus-run-session"):
        command = ["dbus-run-session", "--", *command]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, f"{doc} failed:\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
