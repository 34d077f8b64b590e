"""Replacing a file atomically: a crash leaves the old file or the new one, never a mix."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from popup_client.core.paths import ensure_private_dir


def _fsync_dir(directory: Path) -> None:
    if os.name == "nt":  # pragma: no cover - directories cannot be opened on Windows
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse; the data is already synced
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` (mode 0600, in a private folder) so a crash leaves the old or the new file."""
    replace_file(ensure_private_dir(path.parent), path, data, mode=0o600)


def replace_file(directory: Path, path: Path, data: bytes, *, mode: int) -> None:
    """Write ``data`` beside ``path`` in ``directory`` (which exists), synced, with ``mode``, then rename it over ``path``."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(directory)
