"""Who is at the other end of a local connection, as the kernel says: stdlib only.

A socket file's owner says nothing about who listens on it *now*: the path
can be replaced between a check and the connect. So both ends of the app's
local socket ask the kernel about the connected peer instead:

- Linux: ``SO_PEERCRED`` (the peer's uid and pid when it connected or listened);
- macOS and the BSDs: ``getpeereid()`` (``LOCAL_PEERCRED``), through ctypes;
- Windows: the user (SID) owning the named pipe's server or client process
  (``GetNamedPipeServerProcessId`` / ``GetNamedPipeClientProcessId``, then
  the process token).

Each function raises :class:`OSError` when the peer cannot be known; the
callers then refuse the connection (fail closed).
"""

from __future__ import annotations

import os
import socket
import struct
import sys
from dataclasses import dataclass

from .path import user_label


@dataclass(frozen=True)
class Peer:
    """The other end of a connection: whether it runs as this user, and who it is."""

    ours: bool
    uid: int | None = None
    pid: int | None = None
    sid: str | None = None  # Windows: the user's security identifier

    @property
    def label(self) -> str:
        """Who it is, for a message: ``user alice (uid 1000, pid 42)`` (looked up only when asked)."""
        if self.uid is not None:
            return user_label(self.uid, self.pid)
        return f"user {self.sid or '?'}" + (f" (pid {self.pid})" if self.pid else "")


def unix_peer(sock: socket.socket) -> Peer:
    """The peer of a connected ``AF_UNIX`` stream socket."""
    uid, pid = _peer_ids(sock)
    return Peer(uid == os.geteuid(), uid, pid)


def fd_peer(fd: int) -> Peer:
    """The peer of a connected ``AF_UNIX`` socket given as a descriptor (Qt's); the descriptor stays open."""
    with socket.fromfd(fd, socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        return unix_peer(sock)


def _peer_ids(sock: socket.socket) -> tuple[int, int | None]:
    """(uid, pid or None) of the peer."""
    if sys.platform.startswith("linux"):
        pid, uid, _gid = struct.unpack("iII", sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("iII")))
        return uid, pid or None
    return _getpeereid(sock.fileno()), None  # pragma: no cover - macOS, the BSDs


def _getpeereid(fd: int) -> int:  # pragma: no cover - macOS, the BSDs
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(libc, "getpeereid"):
        raise OSError(f"cannot tell who is at the other end of the socket on {sys.platform}")
    uid, gid = ctypes.c_uint32(), ctypes.c_uint32()
    if libc.getpeereid(fd, ctypes.byref(uid), ctypes.byref(gid)) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))
    return int(uid.value)


# ------------------------------------------------------------------ Windows named pipes


def pipe_peer(handle: int, *, server: bool) -> Peer:  # pragma: no cover - Windows
    """The process at the other end of a named pipe: its server (``server``) or its client."""
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    pid = wintypes.ULONG(0)
    ask = kernel32.GetNamedPipeServerProcessId if server else kernel32.GetNamedPipeClientProcessId
    if not ask(wintypes.HANDLE(handle), ctypes.byref(pid)):
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined,unused-ignore]
    process = kernel32.OpenProcess(0x1000, False, pid.value)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not process:
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined,unused-ignore]
    try:
        theirs = _process_sid(kernel32, process)
    finally:
        kernel32.CloseHandle(process)
    ours = _process_sid(kernel32, kernel32.GetCurrentProcess())
    return Peer(theirs == ours, pid=int(pid.value), sid=theirs)


def _process_sid(kernel32: object, process: int) -> str:  # pragma: no cover - Windows
    """The user SID (``S-1-5-…``) a process runs as."""
    import ctypes
    from ctypes import wintypes

    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    advapi32.OpenProcessToken.argtypes = (wintypes.HANDLE, wintypes.DWORD, ctypes.POINTER(wintypes.HANDLE))
    advapi32.ConvertSidToStringSidW.argtypes = (ctypes.c_void_p, ctypes.POINTER(wintypes.LPWSTR))
    token = wintypes.HANDLE()
    if not advapi32.OpenProcessToken(process, 0x0008, ctypes.byref(token)):  # TOKEN_QUERY
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined,unused-ignore]
    try:
        size = wintypes.DWORD(0)
        advapi32.GetTokenInformation(token, 1, None, 0, ctypes.byref(size))  # TokenUser: asks for the size
        buffer = ctypes.create_string_buffer(size.value)
        if not advapi32.GetTokenInformation(token, 1, buffer, size, ctypes.byref(size)):
            raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined,unused-ignore]
        sid = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_void_p))[0]  # TOKEN_USER.User.Sid
        text = wintypes.LPWSTR()
        if not advapi32.ConvertSidToStringSidW(sid, ctypes.byref(text)):
            raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined,unused-ignore]
        try:
            return str(text.value)
        finally:
            kernel32.LocalFree(text)  # type: ignore[attr-defined]
    finally:
        kernel32.CloseHandle(token)  # type: ignore[attr-defined]
