"""The machine-wide folders of popup-client, by each platform's convention, and atomic file writes.

A vendor or an administrator puts machine-wide files here (``defaults.toml``,
``locks.toml``, the trust store ``trust/``, the installed policy bundle
``policy/``); users cannot write them. Each folder is self-contained: its
bundle is verified with its own trust store.

======== ================================================================ ==========================
platform folders, most important first                                     documented by
======== ================================================================ ==========================
Linux    ``$XDG_CONFIG_DIRS`` (``:``-separated; ``/etc/xdg`` when unset or XDG Base Directory
         empty), each ``/popup-client``                                    Specification
Windows  ``%ProgramData%\\popup-client`` (``C:\\ProgramData`` when unset) Known folder
                                                                           FOLDERID_ProgramData
macOS    ``/Library/Application Support/popup-client``                     File System Programming
                                                                           Guide (``/Library``)
======== ================================================================ ==========================

The platform, the environment and (for macOS) the root folder are
parameters, so tests use stand-in folders for all three conventions.
Relative entries in ``$XDG_CONFIG_DIRS`` are ignored, as the specification says.

Anyone can set the environment of their own session, so the machine's own
default folder (``/etc/xdg``, ``C:\\ProgramData``) is always in the list, last
if the environment does not name it: a session with another
``$XDG_CONFIG_DIRS`` or ``%ProgramData%`` can add folders, never drop the
machine's defaults, locks and bundle (locks only make the user safer, so an
added folder cannot weaken anything).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from ..files.atomic import replace_file

log = logging.getLogger(__name__)

APP_DIR_NAME = "popup-client"
TRUST_DIR_NAME = "trust"
POLICY_DIR_NAME = "policy"
#: The installed bundle and its history in a ``policy/`` folder (:class:`.store.PolicyStore`).
BUNDLE_FILE = "bundle.json"
HISTORY_FILE = "history.json"
_XDG_DEFAULT = "/etc/xdg"
_PROGRAM_DATA_DEFAULT = "C:\\ProgramData"
_MACOS_LIBRARY = Path("Library") / "Application Support"


def system_config_dirs(
    platform: str | None = None, environ: Mapping[str, str] | None = None, root: Path = Path("/")
) -> list[Path]:
    """popup-client's machine-wide folders on ``platform`` (default: this one), the most important first."""
    platform = sys.platform if platform is None else platform
    env = os.environ if environ is None else environ
    if platform.startswith("win"):
        named = env.get("ProgramData") or env.get("PROGRAMDATA") or _PROGRAM_DATA_DEFAULT
        return _with_default([Path(named) / APP_DIR_NAME], Path(_PROGRAM_DATA_DEFAULT) / APP_DIR_NAME)
    if platform == "darwin":
        return [root / _MACOS_LIBRARY / APP_DIR_NAME]
    entries = [e for e in (env.get("XDG_CONFIG_DIRS") or _XDG_DEFAULT).split(":") if e]
    absolute = [e for e in entries if os.path.isabs(e)]
    if len(absolute) < len(entries):
        log.info("ignoring relative entries of XDG_CONFIG_DIRS: %s", [e for e in entries if e not in absolute])
    return _with_default([Path(e) / APP_DIR_NAME for e in absolute], Path(_XDG_DEFAULT) / APP_DIR_NAME)


def _with_default(dirs: list[Path], default: Path) -> list[Path]:
    """``dirs`` without repeats, and the machine's ``default`` last unless it is among them."""
    unique = list(dict.fromkeys(dirs))
    return unique if default in unique else [*unique, default]


def trust_store_dir(platform: str | None = None, environ: Mapping[str, str] | None = None, root: Path = Path("/")) -> Path:
    """The trust store: the most important machine-wide folder's ``trust/``."""
    return system_config_dirs(platform, environ, root)[0] / TRUST_DIR_NAME


def policy_dir(platform: str | None = None, environ: Mapping[str, str] | None = None, root: Path = Path("/")) -> Path:
    """Where the installed policy bundle and its history live: the most important machine-wide folder's ``policy/``."""
    return system_config_dirs(platform, environ, root)[0] / POLICY_DIR_NAME


def atomic_write(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old file or the new one, never a mix.

    Unlike :func:`popup_client.core.files.atomic_write` (private, 0600), a
    machine-wide policy is readable by every user: ``mode`` 0644 by default.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path.parent, path, data, mode=mode)
