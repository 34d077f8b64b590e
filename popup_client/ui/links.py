"""The one way a link leaves the app: to the user's browser, https only.

Both doors a link can take — 「查看详情」 on a popup and the provider's
complaint page in the report dialog — go through :func:`open_https`, so one
policy holds for both: an absolute ``https`` URL with a host, strictly parsed,
no white space or control characters. Anything else (``http``, ``file``,
``javascript``, a relative or malformed URL) never reaches the OS.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

log = logging.getLogger(__name__)

#: Hands a checked URL to something that opens it (the desktop's browser by default; tests record it).
UrlOpener = Callable[[str], object]


def is_https(url: object) -> bool:
    """Whether ``url`` is an absolute https URL with a host and nothing odd in it."""
    if not isinstance(url, str) or not url or any(c.isspace() or ord(c) < 0x20 for c in url):
        return False
    parsed = QUrl(url, QUrl.ParsingMode.StrictMode)
    return parsed.isValid() and parsed.scheme() == "https" and bool(parsed.host())


def _desktop(url: str) -> bool:
    return bool(QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode)))


def open_https(url: str, opener: UrlOpener | None = None) -> bool:
    """Open ``url`` if it is https (through ``opener``, else the desktop); False if refused."""
    if not is_https(url):
        log.warning("refused to open a link that is not https: %r", url[:200])
        return False
    (opener or _desktop)(url)
    return True
