"""The package's public names: each is imported from its module the first time it is asked for."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import popup_client.core.prefs as prefs


def test_every_public_name_is_found_in_its_module() -> None:
    assert sorted(prefs._MODULE_OF) == sorted(prefs.__all__)
    for name, module in prefs._MODULE_OF.items():
        assert getattr(prefs, name) is getattr(importlib.import_module(f"popup_client.core.prefs.{module}"), name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        prefs.no_such_name  # type: ignore[attr-defined]  # noqa: B018


def test_reading_the_schema_loads_neither_the_changes_nor_the_file_format() -> None:
    script = "import sys; from popup_client.core.prefs import Preferences; Preferences(); print(' '.join(sorted(sys.modules)))"
    loaded = set(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60).stdout.split())
    assert "popup_client.core.prefs.schema" in loaded
    assert not loaded & {"popup_client.core.prefs.changes", "popup_client.core.prefs.keys", "popup_client.core.prefs.document"}
