"""Run a process to its end while the Qt event loop keeps turning (an in-process server answers it)."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Done:
    rc: int
    out: str
    err: str

    def lines(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]


def run_command(
    qtbot: Any,
    tmp_path: Path,
    command: list[str],
    *,
    stdin: bytes = b"",
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout_ms: int = 20000,
) -> Done:
    """Run ``command`` (its output in files under ``tmp_path``, run in ``cwd`` or there), turning the event loop until it exits."""
    tag = uuid.uuid4().hex[:8]
    paths = {k: tmp_path / f"{tag}.{k}" for k in ("in", "out", "err")}
    paths["in"].write_bytes(stdin)
    with paths["in"].open("rb") as fin, paths["out"].open("wb") as fout, paths["err"].open("wb") as ferr:
        proc = subprocess.Popen(command, stdin=fin, stdout=fout, stderr=ferr, env=env or dict(os.environ), cwd=cwd or tmp_path)
        try:
            qtbot.waitUntil(lambda: proc.poll() is not None, timeout=timeout_ms)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return Done(proc.returncode, paths["out"].read_text(encoding="utf-8"), paths["err"].read_text(encoding="utf-8"))
