"""Fixtures for the conformance kit's tests: the plugin's fixtures, and clean-up of the gallery's popups.

The plugin's fixtures are imported here rather than declared with
``pytest_plugins`` (pytest refuses that outside the top-level conftest);
once the ``pytest11`` entry point is installed they come from the plugin
too, and these definitions simply take precedence in this directory.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from popup_client.conformance.observe import alive
from popup_client.conformance.quarantine import hold_late_urls
from popup_client.conformance.plugin import popup_conformance, render_popup  # noqa: F401  (fixtures)

from .gallery import BROKEN, GOOD, Exhibit
from .gallery_adversarial import ADVERSARIAL
from .gallery_checks import CHECKS

#: The gallery watches for this long after showing and closing (the kit's default is 300 ms; every
#: delayed misbehaviour in the gallery happens within 100 ms).
GALLERY_SETTLE_MS = 150


@pytest.fixture(autouse=True)
def late_urls_held(qapp: Any) -> None:  # noqa: ARG001
    """As under the plugin: a URL a popup opens after its check (or when clean-up hides it) is held, not opened."""
    hold_late_urls()


@pytest.fixture
def exhibits(qapp: Any) -> Iterator[list[Exhibit]]:
    """The gallery; every popup it made is deleted after the test."""
    items = GOOD + BROKEN + ADVERSARIAL + CHECKS
    yield items
    for item in items:
        for popup in item.made:
            if alive(popup):
                popup.hide()
                popup.deleteLater()
        item.made.clear()
