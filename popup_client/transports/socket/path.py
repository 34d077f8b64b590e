"""Where the app's local socket is, and whether what is found there may be used. Stdlib only.

The name is per user, ``popup-client-<uid>`` (``popup-client-<user name>``
on Windows), unless ``POPUP_CLIENT_SOCKET`` names another: a name, an
absolute path, or a pipe. A name that is not a path lives:

- in ``$XDG_RUNTIME_DIR`` when it is set and is this user's private folder
  (owned by the user, mode 0700, as the XDG spec requires; systemd makes
  ``/run/user/<uid>``): no other user can create, replace or race anything
  there;
- otherwise in Qt's temporary folder (``$TMPDIR`` or ``/tmp``, symbolic
  links resolved), where any local user may create the path first: a file
  found there that is not this user's socket is refused, naming its owner.
  A client without ``$XDG_RUNTIME_DIR`` (cron, ``ssh``) that finds nothing
  there also looks in ``/run/user/<uid>`` (:func:`session_socket_address`).

On Windows the name is the named pipe ``\\\\.\\pipe\\NAME``.
"""

from __future__ import annotations

import logging
import os
import re
import stat

log = logging.getLogger(__name__)

#: Environment variable naming another socket (tests, several instances).
SOCKET_ENV = "POPUP_CLIENT_SOCKET"
RUNTIME_ENV = "XDG_RUNTIME_DIR"
#: Where systemd-logind makes each user's runtime folder (``/run/user/<uid>``).
SESSION_RUNTIME_ROOT = "/run/user"
_PIPE_PREFIX = "\\\\.\\pipe\\"
_warned: set[str] = set()


def default_socket_name() -> str:
    """The per-user socket name (``POPUP_CLIENT_SOCKET`` overrides it)."""
    override = os.environ.get(SOCKET_ENV, "").strip()
    if override:
        return override
    if os.name == "nt":  # pragma: no cover - Windows
        import getpass

        return "popup-client-" + re.sub(r"[^A-Za-z0-9._-]", "_", getpass.getuser())
    return f"popup-client-{os.getuid()}"


def qt_temp_dir() -> str:
    """The folder ``QDir.tempPath()`` returns on Linux and macOS."""
    return os.path.realpath(os.environ.get("TMPDIR") or "/tmp")


def runtime_dir() -> str | None:
    """``$XDG_RUNTIME_DIR`` if it is set and private to this user, else None (said once in the log)."""
    value = os.environ.get(RUNTIME_ENV, "")
    if os.name == "nt" or not value:
        return None
    problem = _not_private(value)
    if problem is None:
        return value
    if value not in _warned:
        _warned.add(value)
        log.warning("%s=%s is not usable for the socket (%s); using %s instead", RUNTIME_ENV, value, problem, qt_temp_dir())
    return None


def _not_private(folder: str) -> str | None:
    """Why ``folder`` is not this user's private folder, or None if it is."""
    if not os.path.isabs(folder):
        return "not an absolute path"
    try:
        info = os.stat(folder)
    except OSError as exc:
        return exc.strerror or str(exc)
    if not stat.S_ISDIR(info.st_mode):
        return "not a folder"
    if info.st_uid != os.geteuid():
        return f"it belongs to {user_label(info.st_uid)}"
    if stat.S_IMODE(info.st_mode) & 0o077:
        return f"others may open it (mode {stat.S_IMODE(info.st_mode):o}, not 700)"
    return None


def socket_address(name: str | None = None) -> str:
    """The socket file (Linux, macOS) or named pipe (Windows) of a server name."""
    name = name or default_socket_name()
    if os.name == "nt":  # pragma: no cover - Windows
        return name if name.startswith(_PIPE_PREFIX) else _PIPE_PREFIX + name
    if name.startswith("/"):
        return name
    return os.path.join(runtime_dir() or qt_temp_dir(), name)


def session_socket_address(name: str | None = None) -> str | None:
    """Where a desktop session's app is when ``$XDG_RUNTIME_DIR`` is not set here (cron, ``ssh``), else None.

    systemd's runtime folder ``/run/user/<uid>`` is what the session's
    ``$XDG_RUNTIME_DIR`` names; a client without the variable looks there
    too (only when that folder is this user's private one) after the usual
    address, so that a provider's scheduled job still finds the app.
    """
    name = name or default_socket_name()
    if os.name == "nt" or name.startswith("/") or os.environ.get(RUNTIME_ENV):
        return None
    folder = os.path.join(SESSION_RUNTIME_ROOT, str(os.geteuid()))
    if _not_private(folder) is not None:
        return None
    return os.path.join(folder, name)


def user_label(uid: int, pid: int | None = None) -> str:
    """A user as a person reads it: ``user alice (uid 1000)``, ``uid 1000`` without a name; the pid if known."""
    ids = f"uid {uid}" + (f", pid {pid}" if pid else "")
    try:
        import pwd

        return f"user {pwd.getpwuid(uid).pw_name} ({ids})"
    except (ImportError, KeyError):
        return ids


def foreign_socket(address: str) -> str | None:
    """Why an existing path must not be used as our socket (another user's, not a socket), else None."""
    if os.name == "nt":  # pragma: no cover - the pipe's access list does this on Windows
        return None
    try:
        info = os.lstat(address)
    except OSError:
        return None
    mine = info.st_uid == os.geteuid()
    if stat.S_ISSOCK(info.st_mode) and mine:
        return None
    what = "a socket" if stat.S_ISSOCK(info.st_mode) else "not a socket"
    advice = (
        f"set {RUNTIME_ENV} to a private folder (as a desktop login does), or point {SOCKET_ENV} at a socket path in a folder only you can write"
    )
    if mine:
        return f"{address} exists but is not a socket; remove it, or {advice}"
    return (
        f"{address} is taken by another user: it is {what} owned by {user_label(info.st_uid)}, "
        f"so popup-client refuses to use it (another user may be impersonating popup-client). Ask that user or an "
        f"administrator to remove it, or {advice}"
    )
