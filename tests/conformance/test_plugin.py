"""The pytest plugin, driven as a vendor drives it: the worked example of docs/qa.md, and a failing popup.

Each run is a separate pytest process in a scratch directory that holds a
link to ``resources/`` (as a vendor's checkout would), so nothing here
shares state with this test session. The plugin is loaded through its
``pytest11`` entry point when installed, else with ``-p``. The slow runs are
started together, ahead of their tests (:data:`SLOW_RUNS`).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.ahead import Ahead, selected_params

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "qa.md"
PLUGIN = "popup_client.conformance.plugin"


def plugin_installed() -> bool:
    return any(e.value == PLUGIN for e in importlib.metadata.entry_points(group="pytest11"))


def doc_example() -> tuple[str, str]:
    """(file name, source) of the example in docs/qa.md."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(r"<!-- example: (\S+) -->\n```python\n(.*?)```", text, re.S)
    assert match, "docs/qa.md has a worked example"
    return match.group(1), match.group(2)


def doc_commands() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    return [line[2:] for block in re.findall(r"```console\n(.*?)```", text, re.S) for line in block.splitlines()
            if line.startswith("$ ")]  # fmt: skip


def scratch(tmp_path: Path) -> Path:
    work = tmp_path / "vendor"
    work.mkdir()
    (work / "resources").symlink_to(ROOT / "resources")
    return work


def env(tmp_path: Path, *, display: bool = True) -> dict[str, str]:
    """A vendor's environment; ``display=False``: no display and no Qt platform chosen (a plain server session)."""
    platform = {"QT_QPA_PLATFORM": "offscreen"} if display else {}
    return {**platform, "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
            "HOME": str(tmp_path), "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
            "POPUP_CLIENT_CONFIG_DIR": str(tmp_path / "c"), "POPUP_CLIENT_DATA_DIR": str(tmp_path / "d")}  # fmt: skip


def pytest_in(work: Path, tmp_path: Path, *args: str, display: bool = True) -> subprocess.CompletedProcess[str]:
    plugin = [] if plugin_installed() else ["-p", PLUGIN]
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *plugin, *args]
    return subprocess.run(command, cwd=work, env=env(tmp_path, display=display), capture_output=True, text=True,
                          timeout=300)  # fmt: skip


def run_documented_example(tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    name, source = doc_example()
    work = scratch(tmp_path)
    (work / name).write_text(source, encoding="utf-8")
    command = next(c for c in doc_commands() if "pytest" in c)
    args = command.split()[command.split().index("pytest") + 1 :]
    return pytest_in(work, tmp_path, *args, display=False), work


@pytest.mark.slow
def test_the_documented_example_passes_and_writes_a_report(slow_runs: Ahead[Any]) -> None:
    """As written in docs/qa.md, on a machine with no display (no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM)."""
    result, work = slow_runs.result("test_the_documented_example_passes_and_writes_a_report")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
    said = [line for line in result.stdout.splitlines() if "Qt runs offscreen" in line]
    assert len(said) == 1 and "no display" in said[0], result.stdout
    report = json.loads((work / "out" / "pytest" / "report.json").read_text(encoding="utf-8"))
    assert [r["subject"] for r in report["results"]] == ["test_my_popup_conforms", "test_an_example_payload_conforms"]
    assert all(r["passed"] for r in report["results"])
    assert (work / "out" / "pytest" / "index.html").is_file()


BROKEN = '''
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QToolButton, QWidget


def small_close_popup():
    popup = QWidget(None, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowDoesNotAcceptFocus)
    popup.setFixedSize(300, 120)
    popup.setProperty("popup_kind", "service")
    QLabel("某某服务", popup, objectName="provider_label").setGeometry(12, 10, 120, 20)
    close = QToolButton(popup, objectName="close_button", accessibleName="关闭", text="×")
    close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    close.setGeometry(276, 4, 20, 20)
    close.clicked.connect(popup.hide)
    return popup


def test_small_close(popup_conformance):
    popup_conformance(small_close_popup).assert_ok()


def test_rendered_payload_is_themed(render_popup, popup_conformance):
    popup = render_popup("resources/examples/valid-news.json", theme="#close_button { min-width: 0; max-width: 20px; min-height: 0; max-height: 20px; }")
    assert popup.close_button.width() == 20
    assert "ui-close" in popup_conformance(popup, behaviour=False).failed_rules
'''


def run_broken(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    work = scratch(tmp_path)
    (work / "test_broken.py").write_text(BROKEN, encoding="utf-8")
    return pytest_in(work, tmp_path, "test_broken.py")


@pytest.mark.slow
def test_a_broken_popup_fails_its_test_with_the_measurements(slow_runs: Ahead[Any]) -> None:
    result = slow_runs.result("test_a_broken_popup_fails_its_test_with_the_measurements")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed, 1 passed" in result.stdout
    assert "FAIL ui-close [5(7), 5(9)] close-hit-area: 20×20 (≥ 32×32)" in result.stdout
    assert "FAIL ui-report [6] report-shown: absent" in result.stdout


def run_check_commands(tmp_path: Path) -> list[tuple[str, subprocess.CompletedProcess[str]]]:
    """docs/qa.md's ``popup-client check`` commands (but the one with a theme), each with its run."""
    work = scratch(tmp_path)
    exe = str(Path(sys.executable).with_name("popup-client"))
    commands = [c for c in doc_commands() if c.startswith("popup-client check") and "--theme" not in c]
    runs: Ahead[subprocess.CompletedProcess[str]] = Ahead()  # the commands write different files: run side by side
    for command in commands:
        args = command.split()[2:]
        files = [str(p.relative_to(work)) for a in args if "*" in a for p in sorted(work.glob(a))]
        args = [a for a in args if "*" not in a] + files
        runs.submit(command, subprocess.run, [exe, "check", *args], cwd=work, env=env(tmp_path, display=False),
                    capture_output=True, text=True, timeout=300)  # fmt: skip
    try:
        return [(command, runs.result(command)) for command in commands]
    finally:
        runs.close()


#: The slow tests' runs (test name → the run, given a temp dir of its own): separate processes that share nothing
#: and mostly wait on the kit's watch, so they are started together, ahead of their tests.
SLOW_RUNS: dict[str, Callable[[Path], Any]] = {
    "test_the_documented_example_passes_and_writes_a_report": run_documented_example,
    "test_a_broken_popup_fails_its_test_with_the_measurements": run_broken,
    "test_the_documented_check_commands_behave_as_documented": run_check_commands,
}


@pytest.fixture(scope="module")
def slow_runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ahead[Any]]:
    runs: Ahead[Any] = Ahead(len(SLOW_RUNS))
    for name, run in SLOW_RUNS.items():
        if selected_params(request, name):
            runs.submit(name, run, tmp_path_factory.mktemp("vendor"))
    yield runs
    runs.close()


@pytest.mark.slow
def test_the_documented_check_commands_behave_as_documented(slow_runs: Ahead[Any]) -> None:
    text = DOC.read_text(encoding="utf-8")
    for command, result in slow_runs.result("test_the_documented_check_commands_behave_as_documented"):
        documented = text.split(f"$ {command}\n", 1)[1].split("```", 1)[0].strip().splitlines()
        assert result.stdout.strip().splitlines() == documented, command
        assert result.stderr.count("Qt runs offscreen") == 1, result.stderr
        assert result.returncode == (0 if documented[-1].endswith("conform") else 1), command
