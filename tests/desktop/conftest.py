"""Fixtures of the desktop tests: session directories any user can enter, generated protocol bindings.

Set POPUP_CLIENT_DESKTOP_SHOTS=DIR to keep each test's screenshots there
(scripts/desktop-screenshots does, for docs/screenshots/).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .wayland_sessions import generate_bindings


def need(*programs: str) -> None:
    """Skip unless every program is installed (scripts/test installs them on Debian as root)."""
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (scripts/test installs them on Debian when run as root)")


@pytest.fixture
def session_dir(request: pytest.FixtureRequest) -> Iterator[Path]:
    """A fresh directory the session's (other) user can enter; kept on failure for its logs."""
    path = Path(tempfile.mkdtemp(prefix="pcd-", dir="/tmp"))  # short: socket paths inside must stay under 108 bytes
    path.chmod(0o755)
    yield path
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if not failed:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def bindings() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="popup-desktop-bindings-", dir="/tmp"))
    yield generate_bindings(path)
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def keep_shot(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """``keep_shot(image, name)``: save a screenshot under POPUP_CLIENT_DESKTOP_SHOTS, if set."""
    target = os.environ.get("POPUP_CLIENT_DESKTOP_SHOTS")

    def keep(image, name: str) -> None:  # type: ignore[no-untyped-def]
        if target:
            Path(target).mkdir(parents=True, exist_ok=True)
            image.save(Path(target) / f"{name}.png")

    return keep


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
