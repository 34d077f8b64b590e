"""The preferences' one error class."""

from __future__ import annotations

from popup_client.core.errors import CoreError


class PrefError(CoreError):
    """A preference key or value that cannot be used; the message says what would work.

    The message (``str(error)``) is a translatable
    :class:`~popup_client.core.text.Text`, as are the fields' descriptions.
    """
