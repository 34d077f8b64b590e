"""A guide of ``docs/`` shown inside the app (the preferences dialog's 「隐私说明…」 opens docs/privacy.md).

The Markdown is rendered by a read-only :class:`QTextBrowser`; it never
follows a link itself: an https link goes to the browser through
:func:`.links.open_https` (the one way a link leaves the app), anything
else is ignored.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from popup_client.core.resources import doc_path

from .i18n import tr
from .links import UrlOpener, open_https
from .theme import app_font
from .widgets import BODY_PX, DIALOG_MARGIN

log = logging.getLogger(__name__)


class DocViewer(QDialog):
    """One guide, read-only; ``text`` is its Markdown (None: the guide was not found)."""

    def __init__(self, title: str, text: str | None, *, opener: UrlOpener | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._opener = opener
        self.setWindowTitle(title)
        self.setFont(app_font(BODY_PX))
        self.resize(720, 640)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        if text is None:
            self.browser.setPlainText(tr("找不到这份说明。它在源代码的 docs/ 文件夹中。"))
        else:
            self.browser.setMarkdown(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def _on_link(self, url: QUrl) -> None:
        open_https(url.toString(), self._opener)


def open_doc(name: str, title: str, parent: QWidget | None = None, *, opener: UrlOpener | None = None) -> DocViewer:
    """Show ``docs/<name>`` in a :class:`DocViewer` (not modal) and return it."""
    path = doc_path(name)
    try:
        text = path.read_text(encoding="utf-8") if path is not None else None
    except OSError as exc:
        log.warning("cannot read %s: %s", path, exc)
        text = None
    viewer = DocViewer(title, text, opener=opener, parent=parent)
    viewer.show()
    return viewer
