"""Between checks, a URL a checked popup opens late goes nowhere: held, logged, never handed to a browser.

During a check the :class:`~popup_client.conformance.observe.Observer`
takes every URL. A popup can schedule one for after its watch ends (on a
timer no widget owns, or when a test's clean-up hides it); without this,
Qt would hand it to the desktop — a real browser on a QA engineer's
machine, or a platform warning in a test. Where the kit owns the process
(the pytest plugin, ``popup-client check``) :func:`hold_late_urls` is
called once; from then on, whenever no check is running, such URLs are
kept here, logged, and reported as notes of the next check.

The application itself (validating a theme at start-up) never calls it:
there, links the user clicks must reach the browser.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices

log = logging.getLogger(__name__)

#: The schemes the observer takes during a check (kept in one place).
URL_SCHEMES = ("http", "https", "file", "mailto", "ftp", "tel", "sms", "weixin", "alipays", "taobao", "market")


class LateUrls(QObject):
    """The handler for every scheme while no check runs: URLs are kept, never opened."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[str] = []

    @Slot(QUrl)
    def handle_url(self, url: QUrl) -> None:
        text = url.toString()
        log.warning("a popup opened %s between checks; not opened", text)
        self.held.append(text)

    def take(self) -> list[str]:
        """The URLs held since the last call."""
        held, self.held = self.held, []
        return held


_ACTIVE: list[LateUrls] = []


def hold_late_urls() -> LateUrls:
    """From now on, URLs opened while no check runs are held here (idempotent)."""
    if not _ACTIVE:
        _ACTIVE.append(LateUrls())
    resume()
    return _ACTIVE[0]


def resume() -> None:
    """Hand every scheme back to the holder after a check, or leave it unset if nothing holds late URLs."""
    for scheme in URL_SCHEMES:
        if _ACTIVE:
            QDesktopServices.setUrlHandler(scheme, _ACTIVE[0], "handle_url")  # type: ignore[arg-type]
        else:
            QDesktopServices.unsetUrlHandler(scheme)


def held_since_last_check() -> list[str]:
    """URLs opened while no check ran, since the last call (none when nothing holds them)."""
    return _ACTIVE[0].take() if _ACTIVE else []


def release() -> None:
    """Stop holding late URLs (the schemes go back to the desktop)."""
    _ACTIVE.clear()
    resume()
