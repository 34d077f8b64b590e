"""Applies a change of ``preferences.toml`` made elsewhere to the running app within a second.

The CLI in another process, another program, or a hand edit may change the
file at any time. :class:`PrefsWatcher` watches its folder and the file with
a :class:`QFileSystemWatcher` (editors replace the file by renaming another
over it, which a watch on the file alone misses), waits for the writes to
settle, then has the service read it (:meth:`~popup_client.service.PopupService.refresh_prefs`,
``thorough``: a damaged file is repaired and said). A folder that does not
exist yet is noticed through the nearest one that does. A periodic check does
the same only where notices cannot be had: a network or FUSE file system
(another machine's writes send none) or a watch the system refused (too many
watches). Elsewhere nothing ticks: an idle app is not woken up for this.
What the service then reports
comes out as Qt signals for the app to wire: :attr:`changed` (the
preferences in effect changed) and :attr:`warning` (a problem with the file,
said once).
"""

from __future__ import annotations

import logging

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QStorageInfo, QTimer, Signal

from ..core.prefs import Preferences
from .ports import ServiceDoor

log = logging.getLogger(__name__)

#: After a change notice, how long the file must stay quiet before it is read (an editor may write in parts).
SETTLE_MS = 100
#: The periodic check, where no notice comes.
POLL_MS = 500
#: File systems whose changes made elsewhere (another machine, a FUSE server) send no inotify notice.
_SILENT_FILE_SYSTEMS = ("nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs", "lustre", "gpfs", "virtiofs")


def sends_no_events(path: Path) -> bool:
    """Whether the file system of ``path`` (an existing folder) may change without a notice to this machine."""
    kind = bytes(QStorageInfo(str(path)).fileSystemType().data()).decode("ascii", "replace").lower()
    return kind.startswith("fuse") or kind in _SILENT_FILE_SYSTEMS


class PrefsWatcher(QObject):
    """Keeps the service's preferences those of the file; says what it finds wrong."""

    #: The preferences in effect changed (the service has them already).
    changed = Signal()
    #: A problem with the preferences file, in words, said once.
    warning = Signal(str)

    def __init__(self, service: ServiceDoor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._path = service.prefs_store.path
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_notice)
        self._watcher.fileChanged.connect(self._on_notice)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.check)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.check)

    def start(self) -> None:
        """Watch from now on (and listen to the service, whoever noticed the change)."""
        self._service.prefs_listeners.append(self._on_prefs)
        self._service.prefs_warning_listeners.append(self._on_warning)
        self._watch()

    def stop(self) -> None:
        self._poll.stop()
        self._settle.stop()
        for listeners, listener in (
            (self._service.prefs_listeners, self._on_prefs),
            (self._service.prefs_warning_listeners, self._on_warning),
        ):
            if listener in listeners:
                listeners.remove(listener)
        paths = self._watcher.files() + self._watcher.directories()
        if paths:
            self._watcher.removePaths(paths)

    def check(self) -> None:
        """Read the file now; the service applies what changed."""
        self._watch()
        self._service.refresh_prefs(thorough=True)

    def _on_notice(self, _path: str) -> None:
        self._settle.start()  # (re)started: read once the writes have settled

    def _on_prefs(self, _prefs: Preferences) -> None:
        self.changed.emit()

    def _on_warning(self, message: str) -> None:
        self.warning.emit(message)

    def _watch(self) -> None:
        """Watch the folder and the file (a renamed-over file is a new one), or the nearest folder there is;
        check periodically where that brings no notices."""
        folder = _nearest_folder(self._path.parent)
        wanted = [folder, self._path] if folder == self._path.parent and self._path.exists() else [folder]
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        stale = [p for p in watched if p not in {str(w) for w in wanted}]
        if stale:  # an ancestor watched until the folder was made
            self._watcher.removePaths(stale)
        refused = [p for p in wanted if str(p) not in watched and not self._watcher.addPath(str(p))]
        polling = bool(refused) or sends_no_events(folder)
        if polling and not self._poll.isActive():
            log.info("the preferences file %s sends no change notices here: checked every %d ms", self._path, POLL_MS)
            self._poll.start()
        elif not polling and self._poll.isActive():
            self._poll.stop()


def _nearest_folder(path: Path) -> Path:
    """``path`` if it is a folder, else the nearest ancestor that is."""
    while not path.is_dir() and path.parent != path:
        path = path.parent
    return path
