"""Where the shipped resources (schema, examples, news-source list, fonts) are."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the package in a checkout, or bundled.

    Looked for in a PyInstaller bundle, in the source tree (editable
    installs and checkouts) and in ``<prefix>/share/popup-client`` (wheels).
    """
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(Path(__file__).resolve().parents[2] / "resources")
    candidates.append(Path(sys.prefix) / "share" / "popup-client" / "resources")
    for path in candidates:
        if (path / "news").is_dir():
            return path
    return candidates[-2]


def doc_path(name: str) -> Path | None:
    """A guide of ``docs/`` (``privacy.md``): beside ``resources/`` in a checkout, or shipped inside it; None if absent."""
    base = resources_dir()
    for path in (base / "docs" / name, base.parent / "docs" / name):
        if path.is_file():
            return path
    return None
