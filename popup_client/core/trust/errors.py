"""The trust package's error base class (one per package, as the house rules say)."""

from __future__ import annotations

from ..errors import CoreError


class TrustError(CoreError):
    """Something signed, locked or sealed that is refused; the message says why in words a person can act on."""
