"""``preferences.toml``: the one record of the user's preferences, and the one way to change it.

Every process (the app, ``popup-client prefs``, a second app instance) reads
the file; none keeps a copy it could write back. :meth:`PrefsStore.update`
takes a *change* (a function from the preferences as they are to the
preferences wanted) and, holding an exclusive lock on
``preferences.toml.lock`` beside the file, reads the file afresh, applies the
change, checks the file was not replaced meanwhile by a program that does not
take the lock (else starts again on that version), and writes it atomically
(0600). Two writers changing different settings both keep their change.

:meth:`PrefsStore.refresh` says whether the file changed since this store
last read or wrote it (anyone may have edited it), cheaply: a ``stat``, and
the bytes only when asked to (``thorough``) or when the ``stat`` differs.

A damaged file keeps every setting that can be used
(:mod:`.salvage`): the file as it was is kept beside it as
``preferences.toml.corrupt-<UTC time>``, what could be used is written in
its place, and one warning names every setting dropped. A file that cannot
be read at all (permissions, a directory in its place) is left alone, and
no change is saved until it can be read, so that no setting in it is lost.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import stat
from datetime import timezone
from pathlib import Path
from typing import TYPE_CHECKING

from popup_client.core.clock import Clock, SystemClock
from popup_client.core.files import LockBusy, atomic_write, exclusive
from popup_client.core.files.watch import FileWatch
from popup_client.core.guardian import GuardianLock, guard_change
from popup_client.core.paths import ensure_private_dir, prefs_path
from popup_client.core.prefs.errors import PrefError
from popup_client.core.prefs.schema import Preferences
from popup_client.core.text import QT_TRANSLATE_NOOP, SEMICOLON, SENTENCES, join

if TYPE_CHECKING:
    from popup_client.core.prefs.changes import Change

# Imported where used: reading no file (``lint`` on a fresh account) needs no TOML document, a read
# no change check, a sound file no salvage.

log = logging.getLogger(__name__)

# A real file is a few KiB; a larger one is not read further.
MAX_BYTES = 256 * 1024
# How long a change waits for another process's change to finish.
LOCK_TIMEOUT = 5.0
# Times a change starts again because a program that takes no lock replaced the file meanwhile.
ATTEMPTS = 5

_Stamp = tuple[int, int, int, int, int]

_UNUSABLE = QT_TRANSLATE_NOOP("core", "The preferences file {path} is not usable: {reason}.")
_CANNOT_READ = QT_TRANSLATE_NOOP("core", "it cannot be read ({error})")
_TOO_LARGE = QT_TRANSLATE_NOOP("core", "it is larger than {size} KiB")
_DEFAULTS = QT_TRANSLATE_NOOP("core", "The default preferences are in effect.")
_DROPPED = QT_TRANSLATE_NOOP(
    "core", "The preferences file {path} has settings that cannot be used, now at their defaults: {problems}."
)
_KEPT = QT_TRANSLATE_NOOP("core", "Every other setting was kept.")
_MOVED = QT_TRANSLATE_NOOP("core", "It was moved to {name}.")
_STILL_UNREADABLE = QT_TRANSLATE_NOOP(
    "core",
    "The preferences file {path} cannot be read ({error}); the preferences read before stay in effect, "
    "and no change can be saved until it can be read again.",
)
_REFUSED = QT_TRANSLATE_NOOP(
    "core",
    "cannot read the preferences file {path} ({error}); nothing was saved, so that the settings in it are not lost. "
    "Make it readable again, or move it away to start from the defaults",
)
_BUSY = QT_TRANSLATE_NOOP("core", "another program is changing the preferences ({path} stays locked); nothing was saved")
_CANNOT_SAVE = QT_TRANSLATE_NOOP("core", "cannot save the preferences to {path}: {error}")
_NOT_KEPT = QT_TRANSLATE_NOOP("core", "cannot keep the damaged preferences file {path} aside ({error}); nothing was saved")
_UNSTABLE = QT_TRANSLATE_NOOP("core", "the preferences file {path} kept changing while being saved; nothing was saved")
_NOT_TOML = QT_TRANSLATE_NOOP("core", "the preferences did not survive conversion to TOML; the file was left unchanged")
_NOT_REGULAR = "not a regular file"


def _stamp(st: os.stat_result) -> _Stamp:
    return (st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _unchanged(prefs: Preferences) -> Preferences:
    return prefs


def _error_words(err: OSError) -> str:
    return str(err.strerror or err)


class PrefsStore:
    """``preferences.toml``: :meth:`load` never fails, :meth:`update` is the only way to write it."""

    def __init__(
        self, path: Path | None = None, clock: Clock | None = None, *, guardian: GuardianLock | None = None
    ) -> None:
        self.path = path if path is not None else prefs_path()
        #: Checks every change that would turn minors mode off (:func:`guard_change`).
        self.guardian = guardian if guardian is not None else GuardianLock()
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        # What the last :meth:`load`, :meth:`refresh` or :meth:`update` has to tell the user.
        self.warnings: list[str] = []
        self._clock: Clock = clock if clock is not None else SystemClock()
        self._known: bytes | None = None  # the file as last read or written (None: there was none)
        self._stamp: _Stamp | None = None  # its stat then (None: unknown, read it next time)
        self._unreadable: str | None = None  # the read error already told
        self._watch: FileWatch | None = None  # made at the first refresh (a command that never refreshes loads none)

    # ------------------------------------------------------------ reading

    def load(self) -> Preferences:
        """The saved preferences: a damaged file repaired (and said), defaults if it cannot be read."""
        self.warnings = []
        try:
            raw, stamp = self._read()
        except FileNotFoundError:
            self._remember(None, None)
            return Preferences()
        except OSError as err:
            self._unreadable = _error_words(err)
            reason = _CANNOT_READ.format(error=self._unreadable)
            self._warn(SENTENCES.format(first=_UNUSABLE.format(path=str(self.path), reason=reason), second=_DEFAULTS))
            return Preferences()
        try:
            prefs = self._parse(raw)
        except PrefError:
            repaired = self._repair(raw, wait=True)
            assert repaired is not None  # waiting, it always has an answer
            return repaired
        self._remember(raw, stamp)
        return prefs

    def peek(self) -> Preferences:
        """What the file says now, without repairing, moving or warning (usable settings of a damaged file;
        defaults if it cannot be read). For a look before the app proper loads it."""
        try:
            raw = self._read_or_none()
        except OSError:
            return Preferences()
        return self._current(raw)[0]

    def refresh(self, *, thorough: bool = False) -> Preferences | None:
        """The preferences if the file changed since it was last read or written here, else None.

        Without ``thorough`` only a changed ``stat`` (looked at after an event of its folder, :class:`FileWatch`)
        makes it read the file, and a damaged file is left for a thorough call (an editor may be half-way through
        writing it); a thorough call reads the bytes, and repairs a damaged file. A file that cannot be read keeps
        the preferences as they were (None), and is said once.
        """
        self.warnings = []
        self._watch = self._watch or FileWatch(self.path)
        if not thorough and not self._watch.changed():  # no event in the file's folder for it since the last look
            return None
        try:
            if not thorough and _stamp(os.stat(self.path)) == self._stamp:
                return None
            raw, stamp = self._read()
        except FileNotFoundError:
            return self._gone()
        except OSError as err:
            self._say_unreadable(err)
            return None
        self._unreadable = None
        if raw == self._known:
            self._stamp = stamp
            return None
        try:
            prefs = self._parse(raw)
        except PrefError:
            return self._repair(raw, wait=False) if thorough else None
        self._remember(raw, stamp)
        return prefs

    def _gone(self) -> Preferences | None:
        """The file was deleted: the defaults are the preferences now."""
        self._unreadable = None
        if self._known is None and self._stamp is None:
            return None
        self._remember(None, None)
        return Preferences()

    def _read(self) -> tuple[bytes, _Stamp]:
        """The file's bytes and stat; only a regular file is read (never blocks on a FIFO)."""
        fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise OSError(errno.EINVAL, _NOT_REGULAR)
            chunks = []
            size = 0
            while size <= MAX_BYTES:
                chunk = os.read(fd, MAX_BYTES + 1 - size)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            return b"".join(chunks), _stamp(st)
        finally:
            os.close(fd)

    def _read_or_none(self) -> bytes | None:
        try:
            return self._read()[0]
        except FileNotFoundError:
            return None

    def _parse(self, raw: bytes) -> Preferences:
        if len(raw) > MAX_BYTES:
            raise PrefError(_TOO_LARGE.format(size=MAX_BYTES // 1024))
        from popup_client.core.prefs.document import from_toml

        try:
            return from_toml(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise PrefError(QT_TRANSLATE_NOOP("core", "it is not UTF-8 text")) from None

    def _remember(self, raw: bytes | None, stamp: _Stamp | None) -> None:
        self._known, self._stamp = raw, stamp

    def _say_unreadable(self, err: OSError) -> None:
        words = _error_words(err)
        if words != self._unreadable:
            self._unreadable = words
            self._warn(_STILL_UNREADABLE.format(path=str(self.path), error=words))

    def _warn(self, message: str) -> None:
        log.debug("%s", message)  # the caller shows self.warnings; logging it too said it twice
        self.warnings.append(message)

    # ------------------------------------------------------------ changing

    def update(self, change: Change, *, pin: str | None = None) -> Preferences:
        """Apply ``change`` to the preferences as saved now, and save the result; returns it.

        The one way to write the file. The result is checked against the
        schema again (:func:`validated`) and by the guardian lock (turning
        minors mode off needs ``pin`` when a PIN is set: else
        :class:`~popup_client.core.guardian.GuardianError`). ``change`` may
        raise (:class:`PrefError` for an invalid value): then nothing is saved. A damaged file is repaired first (its usable
        settings are what ``change`` gets); a file that cannot be read makes
        this raise :class:`PrefError`, saving nothing.
        """
        self.warnings = []
        try:
            return self._locked(lambda before: self._checked(before, change(before), pin), timeout=LOCK_TIMEOUT)
        except LockBusy:
            raise PrefError(_BUSY.format(path=str(self.lock_path))) from None

    def _checked(self, before: Preferences, after: Preferences, pin: str | None) -> Preferences:
        if after is before:
            return after  # nothing changed: nothing to check
        from popup_client.core.prefs.changes import validated

        return guard_change(before, validated(after), self.guardian, pin)

    def _repair(self, raw: bytes, *, wait: bool) -> Preferences | None:
        """Repair a damaged file under the lock, keeping it aside; None if another process holds the lock.

        Without ``wait`` a held lock is not waited for (the next refresh
        tries again). When it cannot be repaired, what could be used of it
        is in effect, the file is left as it is, and that is said (once).
        """
        problem: str
        try:
            return self._locked(_unchanged, timeout=LOCK_TIMEOUT if wait else 0)
        except LockBusy:
            if not wait:
                return None
            problem = _BUSY.format(path=str(self.lock_path))
        except PrefError as err:
            problem = str(err)
        from popup_client.core.prefs.salvage import salvage

        salvaged = salvage(raw)
        self._remember(raw, None)
        self._warn(join(SENTENCES, [*self._damage_text(salvaged.prefs, salvaged.problems), problem]))
        return salvaged.prefs

    def _locked(self, change: Change, *, timeout: float) -> Preferences:
        """:meth:`_read_modify_write` holding the lock; :class:`LockBusy` if another process holds it longer."""
        try:
            ensure_private_dir(self.path.parent)
            with exclusive(self.lock_path, timeout=timeout):
                return self._read_modify_write(change)
        except OSError as err:
            raise PrefError(_CANNOT_SAVE.format(path=str(self.path), error=_error_words(err))) from err

    def _read_modify_write(self, change: Change) -> Preferences:
        for _ in range(ATTEMPTS):
            raw = self._read_for_change()
            before, problems = self._current(raw)
            after = change(before)
            data = self._serialize(after)
            if self._read_for_change() != raw:
                continue  # replaced meanwhile by a program that takes no lock: again, on its version
            aside = self._keep_aside() if problems is not None else None
            try:
                if data != raw:
                    self._write(data)
            except PrefError:
                if aside is not None:
                    aside.unlink(missing_ok=True)  # the damaged file is still where it was
                raise
            if aside is not None and problems is not None:
                first, last = self._damage_text(before, problems)
                self._warn(join(SENTENCES, [first, _MOVED.format(name=aside.name), last]))
            self._remember(data, None)
            return after
        raise PrefError(_UNSTABLE.format(path=str(self.path)))

    def _read_for_change(self) -> bytes | None:
        """The file's bytes (None: there is none); one that cannot be read stops the change."""
        try:
            return self._read_or_none()
        except OSError as err:
            raise PrefError(_REFUSED.format(path=str(self.path), error=_error_words(err))) from None

    def _current(self, raw: bytes | None) -> tuple[Preferences, list[str] | None]:
        """The preferences in ``raw``, and the problems of a damaged file (None when it is sound)."""
        if raw is None:
            return Preferences(), None
        try:
            return self._parse(raw), None
        except PrefError as err:
            if len(raw) > MAX_BYTES:
                return Preferences(), [str(err)]
            from popup_client.core.prefs.salvage import salvage

            salvaged = salvage(raw)
            return salvaged.prefs, salvaged.problems

    def _serialize(self, prefs: Preferences) -> bytes:
        from popup_client.core.prefs.document import from_toml, to_toml

        text = to_toml(prefs)
        if from_toml(text) != prefs:
            raise PrefError(_NOT_TOML)
        return text.encode("utf-8")

    def _write(self, data: bytes) -> None:
        try:
            atomic_write(self.path, data)
        except OSError as err:
            raise PrefError(_CANNOT_SAVE.format(path=str(self.path), error=_error_words(err))) from err

    # ------------------------------------------------------------ a damaged file

    def _keep_aside(self) -> Path:
        """Keep the damaged file, every byte of it, as ``<name>.corrupt-<UTC time>`` (a new name)."""
        try:
            return self._aside_copy()
        except OSError as err:
            raise PrefError(_NOT_KEPT.format(path=str(self.path), error=_error_words(err))) from err

    def _damage_text(self, kept: Preferences, problems: list[str]) -> tuple[str, str]:
        """What was wrong, and what is in effect: the settings kept, or (none usable) the defaults."""
        listed = join(SEMICOLON, problems)
        if kept == Preferences():
            return _UNUSABLE.format(path=str(self.path), reason=listed), _DEFAULTS
        return _DROPPED.format(path=str(self.path), problems=listed), _KEPT

    def _aside_copy(self) -> Path:
        """A hard link to the file under a free ``.corrupt-`` name; a copy where links are not supported."""
        stamp = self._clock.now().astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        counter = 0
        while True:
            suffix = f"-{counter}" if counter else ""
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}{suffix}")
            try:
                _link_or_copy(self.path, target)
            except FileExistsError:
                counter += 1
                continue
            return target


def _link_or_copy(source: Path, target: Path) -> None:
    """``target`` names ``source``'s bytes; FileExistsError if ``target`` exists."""
    try:
        os.link(source, target)
        return
    except FileExistsError:
        raise
    except OSError:  # pragma: no cover - file systems without hard links
        pass
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)  # pragma: no cover
    with os.fdopen(fd, "wb") as out, open(source, "rb") as src:  # pragma: no cover
        shutil.copyfileobj(src, out)
        out.flush()
        os.fsync(out.fileno())
