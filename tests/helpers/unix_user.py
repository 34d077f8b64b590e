"""Another Unix user, for tests that need one: a hostile local peer, or a compositor that refuses root.

As root, :func:`other_user` creates (once) a system user with no home and no
login shell and returns its ids; :func:`as_user` prefixes a command so it
runs as that user. As an ordinary user there is no other account to become:
:func:`other_user` returns None and the caller decides (a compositor can run
as the current user; an attacker test needs a second uid and skips).
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from dataclasses import dataclass

DEFAULT_NAME = "popup-client-test"


@dataclass(frozen=True)
class UnixUser:
    name: str
    uid: int
    gid: int

    def as_user(self, command: list[str]) -> list[str]:
        """``command`` run as this user (setpriv, no supplementary groups)."""
        if os.geteuid() == self.uid:
            return list(command)
        return ["setpriv", f"--reuid={self.uid}", f"--regid={self.gid}", "--clear-groups", "--", *command]

    def chown(self, path: str | os.PathLike[str]) -> None:
        if os.geteuid() == 0:
            os.chown(path, self.uid, self.gid)


def current_user() -> UnixUser:
    entry = pwd.getpwuid(os.geteuid())
    return UnixUser(entry.pw_name, entry.pw_uid, entry.pw_gid)


def other_user(name: str = DEFAULT_NAME) -> UnixUser | None:
    """A second, unprivileged user (created if needed), or None when not root."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        useradd = shutil.which("useradd") or "/usr/sbin/useradd"
        subprocess.run(
            [useradd, "--system", "--no-create-home", "--user-group", "--shell", "/usr/sbin/nologin", name],
            check=True,
            capture_output=True,
        )
        entry = pwd.getpwnam(name)
    return UnixUser(entry.pw_name, entry.pw_uid, entry.pw_gid)


def unprivileged_user(name: str = DEFAULT_NAME) -> UnixUser:
    """The user to run a program that refuses root: another user as root, else oneself."""
    return other_user(name) or current_user()
