"""The preferences dialog's Privacy section: retention settings, and 「隐私说明…」 opening docs/privacy.md."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl

from popup_client.core import guardian
from popup_client.core.prefs.shown import Section
from popup_client.core.resources import doc_path
from popup_client.service import PopupService
from popup_client.ui.doc_viewer import DocViewer
from popup_client.ui.prefs_dialog import PreferencesDialog, sections
from popup_client.core.prefs import pref_fields
from tests.helpers.memkeyring import MemoryKeyring, memory_keyring
from tests.helpers.service import make_service


@pytest.fixture(autouse=True)
def keyring_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.setattr(guardian, "_LOG2_N", 4)
    with memory_keyring() as backend:
        yield backend


@pytest.fixture
def service(tmp_path: Path) -> PopupService:
    return make_service(tmp_path)[0]


def test_the_privacy_section_comes_last_with_its_settings() -> None:
    (last, fields) = sections(pref_fields())[-1]
    assert last is Section.PRIVACY
    assert [f.key for f in fields] == ["privacy.keep_service_text", "privacy.service_days", "privacy.push_days"]


def test_the_button_opens_the_privacy_guide(qtbot: Any, service: PopupService) -> None:
    dialog = PreferencesDialog(service)
    qtbot.addWidget(dialog)
    assert dialog.editor("privacy.service_days") is not None
    dialog.privacy_button.click()
    viewer = dialog.privacy_doc
    assert isinstance(viewer, DocViewer)
    qtbot.addWidget(viewer)
    assert viewer.isVisible()
    text = viewer.browser.toPlainText()
    assert text.startswith("Privacy: what popup-client keeps") and "history clear" in text
    path = doc_path("privacy.md")
    assert path is not None and path.name == "privacy.md"


def test_the_guide_sends_only_https_links_to_the_browser(qtbot: Any) -> None:
    opened: list[str] = []
    viewer = DocViewer("t", "[a](https://example.org/x) [b](../README.md)", opener=opened.append)
    qtbot.addWidget(viewer)
    viewer.browser.anchorClicked.emit(QUrl("../README.md"))
    viewer.browser.anchorClicked.emit(QUrl("https://example.org/x"))
    assert opened == ["https://example.org/x"]


def test_a_missing_guide_says_so(qtbot: Any) -> None:
    viewer = DocViewer("t", None)
    qtbot.addWidget(viewer)
    assert "docs/" in viewer.browser.toPlainText()
