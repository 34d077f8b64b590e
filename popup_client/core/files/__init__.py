"""File helpers of the core: atomic replacement, a lock between processes, reading files others name.

- :func:`atomic_write` (:mod:`.atomic`): replace a file so a crash leaves the old or the new one, 0600;
- :func:`exclusive` (:mod:`.lock`): an exclusive lock between processes on a file beside the data;
- :func:`read_regular_file` (:mod:`.safe_read`): read a path another program named, never waiting on it.
"""

from popup_client.core.files.atomic import atomic_write
from popup_client.core.files.lock import LockBusy, exclusive
from popup_client.core.files.safe_read import FileRefused, pseudo_file_system, read_regular_file

__all__ = ["FileRefused", "LockBusy", "atomic_write", "exclusive", "pseudo_file_system", "read_regular_file"]
