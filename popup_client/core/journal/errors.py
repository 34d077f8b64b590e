"""The journal's one error class."""

from __future__ import annotations

from popup_client.core.errors import CoreError


class JournalError(CoreError):
    """The journal cannot be opened, read or written; the message names the file."""
