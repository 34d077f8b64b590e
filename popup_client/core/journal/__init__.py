"""The journal, as a package; this commit only moves the module (split in the next ones)."""

from popup_client.core.journal.connection import *  # noqa: F403
from popup_client.core.journal.connection import (  # noqa: F401
    _INSERT_RECEIPT,
    _MIGRATIONS,
    _receipt_params,
)
