"""Where user state lives: preferences (config dir) and the journal (data dir).

Defaults come from platformdirs; ``POPUP_CLIENT_CONFIG_DIR`` and
``POPUP_CLIENT_DATA_DIR`` (or the CLI's ``--config-dir`` / ``--data-dir``,
which set them) point all state elsewhere. Tests always do.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

APP_NAME = "popup-client"
CONFIG_ENV = "POPUP_CLIENT_CONFIG_DIR"
DATA_ENV = "POPUP_CLIENT_DATA_DIR"


def config_dir() -> Path:
    """The folder of ``preferences.toml``."""
    override = os.environ.get(CONFIG_ENV)
    return Path(override) if override else Path(_platform_dirs().user_config_dir(APP_NAME))


def data_dir() -> Path:
    """The folder of the journal."""
    override = os.environ.get(DATA_ENV)
    return Path(override) if override else Path(_platform_dirs().user_data_dir(APP_NAME))


def _platform_dirs() -> Any:
    """platformdirs, imported when a default folder is first asked for (``--version`` never does)."""
    import platformdirs

    return platformdirs


def prefs_path() -> Path:
    return config_dir() / "preferences.toml"


def journal_path() -> Path:
    return data_dir() / "journal.sqlite3"


def evidence_key_path() -> Path:
    """Where the key signing evidence and journal checkpoints is kept when there is no usable keyring."""
    return data_dir() / "evidence-key.pem"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the current user only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
