"""The journal's file on disk: created private, and a damaged one moved aside.

A damaged file (with its ``-wal`` and ``-shm``) is renamed to
``<name>.corrupt-<UTC time>`` so nothing in it is lost and a fresh journal
can start; :class:`~popup_client.core.journal.connection.JournalConnection`
decides when.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from popup_client.core.journal.errors import JournalError
from popup_client.core.text import QT_TRANSLATE_NOOP

_SIDE_FILES = ("", "-wal", "-shm")


def prepare_file(path: Path) -> None:
    """Create the folder (0700) and the file (0600) if missing; tighten the file's mode."""
    try:
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True, mode=0o700)
            os.chmod(path.parent, 0o700)
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        if os.name == "posix" and os.stat(path).st_mode & 0o077:
            os.chmod(path, 0o600)
    except OSError as exc:
        raise JournalError(f"cannot create the journal {path}: {exc}") from exc


def move_aside(path: Path, now: datetime, exc: sqlite3.Error) -> Path:
    """Rename the file and its -wal and -shm to ``<name>.corrupt-<UTC time>``; returns that name."""
    target = corrupt_name(path, now)
    try:
        for suffix in _SIDE_FILES:
            _rename_if_exists(Path(f"{path}{suffix}"), Path(f"{target}{suffix}"))
    except OSError as err:
        raise JournalError(f"the journal {path} is damaged ({exc}); moving it aside failed: {err}") from err
    return target


def moved_message(path: Path | None, exc: sqlite3.Error, target: Path) -> str:
    """What the user is told when a damaged journal was moved aside (translatable)."""
    text = QT_TRANSLATE_NOOP(
        "core",
        "The journal {path} was damaged ({error}); it was moved to {target} and a new, empty journal was started. "
        "Frequency caps count afresh.",
    )
    return text.format(path=str(path), error=str(exc), target=str(target))


def file_state(path: Path | None) -> tuple[int, ...] | None:
    """What tells a write to the file by someone else: its identity, size and times."""
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def corrupt_name(path: Path, now: datetime) -> Path:
    """``<name>.corrupt-<UTC time>``, with ``-N`` added if that is taken."""
    stamp = now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    base = path.with_name(f"{path.name}.corrupt-{stamp}")
    candidate, n = base, 0
    while any(Path(f"{candidate}{suffix}").exists() for suffix in _SIDE_FILES):
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate


def _rename_if_exists(source: Path, target: Path) -> None:
    if source.exists():
        os.replace(source, target)
