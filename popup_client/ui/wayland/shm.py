"""Shared-memory buffers a QImage paints into and the compositor reads.

Each :class:`ShmBuffer` is an anonymous memory file (memfd, sealed against
shrinking where the kernel allows) mapped once, wrapped by a QImage in
ARGB32 premultiplied — the byte order of wl_shm's ARGB8888 on a
little-endian machine — so a widget renders straight into what the
compositor shows. A buffer is busy from the commit that attaches it until
the compositor releases it; :class:`BufferPair` hands out a free one.
"""

from __future__ import annotations

import logging
import mmap
import os
import sys
from typing import Any

from PySide6.QtGui import QImage

from .connection import _guarded

log = logging.getLogger(__name__)

FORMAT_ARGB8888 = 0


def _memfd(size: int) -> int:
    flags = getattr(os, "MFD_CLOEXEC", 1) | getattr(os, "MFD_ALLOW_SEALING", 2)
    fd = os.memfd_create("popup-client-buffer", flags)
    os.ftruncate(fd, size)
    seals = getattr(os, "F_SEAL_SHRINK", None)
    if seals is not None and hasattr(os, "F_ADD_SEALS"):
        try:
            import fcntl

            fcntl.fcntl(fd, os.F_ADD_SEALS, seals)  # type: ignore[attr-defined]
        except OSError:
            log.debug("memfd sealing unavailable", exc_info=True)
    return fd


class ShmBuffer:
    """One wl_buffer of ``width`` × ``height`` physical pixels and its QImage."""

    def __init__(self, shm: Any, width: int, height: int) -> None:
        if sys.byteorder != "little":  # pragma: no cover - every desktop Linux target is little-endian
            raise OSError("wl_shm ARGB8888 buffers are painted as little-endian ARGB32")
        self.width, self.height = width, height
        stride = width * 4
        size = stride * height
        fd = _memfd(size)
        try:
            self._map = mmap.mmap(fd, size)
            pool = shm.create_pool(fd, size)
            self.proxy = pool.create_buffer(0, width, height, stride, FORMAT_ARGB8888)
            pool.destroy()
        finally:
            os.close(fd)
        self.image = QImage(self._map, width, height, stride, QImage.Format.Format_ARGB32_Premultiplied)
        self.busy = False
        self.proxy.dispatcher["release"] = _guarded("wl_buffer.release", self._on_release)

    def _on_release(self, *_: Any) -> None:
        self.busy = False

    def destroy(self) -> None:
        self.proxy.destroy()
        self.image = QImage()
        self._map.close()


class BufferPair:
    """Up to two buffers of one size: one the compositor may still read, one to paint."""

    def __init__(self, shm: Any) -> None:
        self._shm = shm
        self._buffers: list[ShmBuffer] = []

    def acquire(self, width: int, height: int) -> ShmBuffer:
        """A free buffer of this size (the others are dropped when the size changes)."""
        for stale in [b for b in self._buffers if (b.width, b.height) != (width, height)]:
            self._buffers.remove(stale)
            stale.destroy()
        for buffer in self._buffers:
            if not buffer.busy:
                return buffer
        if len(self._buffers) >= 2:  # both held: the compositor is slow; replace the older one
            old = self._buffers.pop(0)
            old.destroy()
        buffer = ShmBuffer(self._shm, width, height)
        self._buffers.append(buffer)
        return buffer

    def destroy(self) -> None:
        for buffer in self._buffers:
            buffer.destroy()
        self._buffers.clear()
