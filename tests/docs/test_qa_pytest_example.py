"""docs/qa.md's pytest example runs as written, as a newcomer runs it: no display, the venv activated by the doc.

The worked example is written to a directory holding ``resources/`` (as the
doc says), and the doc's own ``$ python -m pytest …`` line runs there in
bash, after the activation line the doc gives, with no ``DISPLAY``, no
``WAYLAND_DISPLAY`` and no ``QT_QPA_PLATFORM``: what a newcomer on a
server has.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from .test_docs_commands import ROOT, newcomer_path

DOC = ROOT / "docs" / "qa.md"
NO_DISPLAY = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "VIRTUAL_ENV")


def activation() -> str:
    """The activation line of qa.md's sh blocks (the doc must give one)."""
    text = DOC.read_text(encoding="utf-8")
    lines = [line for block in re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M) for line in block.splitlines()]
    found = [line for line in lines if "activate" in line]
    assert found, "docs/qa.md says how to put python on PATH"
    return str(found[0])


def pytest_command() -> str:
    text = DOC.read_text(encoding="utf-8")
    commands = [line[2:] for block in re.findall(r"```console\n(.*?)```", text, re.S) for line in block.splitlines()
                if line.startswith("$ ") and "pytest" in line]  # fmt: skip
    assert commands, "docs/qa.md shows how to run its example with pytest"
    return str(commands[0])


@pytest.mark.slow
def test_the_qa_pytest_example_runs_as_written_with_no_display(tmp_path: Path) -> None:
    example = re.search(r"<!-- example: (\S+) -->\n```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert example, "docs/qa.md has a worked example"
    work = tmp_path / "vendor"
    work.mkdir()
    (work / "resources").symlink_to(ROOT / "resources")
    (work / example.group(1)).write_text(example.group(2), encoding="utf-8")
    activate = activation().replace(".venv/", f"{ROOT}/.venv/", 1)  # the doc's line, from the vendor's directory
    env = {k: v for k, v in os.environ.items() if k not in NO_DISPLAY}
    env.update(PATH=newcomer_path(), HOME=str(tmp_path), PYTHONPATH=str(ROOT),
               POPUP_CLIENT_CONFIG_DIR=str(tmp_path / "c"), POPUP_CLIENT_DATA_DIR=str(tmp_path / "d"))  # fmt: skip
    script = f"set -eu\n{activate}\n{pytest_command()} -p no:cacheprovider\n"
    result = subprocess.run(["bash", "-c", script], cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "2 passed" in result.stdout
    assert (work / "out" / "pytest" / "report.json").is_file()
