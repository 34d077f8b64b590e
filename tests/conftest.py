"""Shared fixtures: valid payload dicts of each kind, from resources/examples."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "resources" / "examples"


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return data


@pytest.fixture
def ad() -> dict[str, Any]:
    return copy.deepcopy(example("valid-ad.json"))


@pytest.fixture
def news() -> dict[str, Any]:
    return copy.deepcopy(example("valid-news.json"))


@pytest.fixture
def content() -> dict[str, Any]:
    return copy.deepcopy(example("valid-content.json"))


@pytest.fixture
def service_popup() -> dict[str, Any]:
    return copy.deepcopy(example("valid-service.json"))


@pytest.fixture(autouse=True)
def _forget_image_scans() -> None:
    """Each test scans its images afresh (the memo is process-wide)."""
    from popup_client.core import image_scan

    image_scan.MEMO.clear()
