"""The user's preferences (moved as is; split in the next commits)."""

from popup_client.core.prefs.schema import *  # noqa: F403
from popup_client.core.prefs.schema import error_text  # noqa: F401
from popup_client.core.prefs.store import Change, PrefsStore  # noqa: F401
