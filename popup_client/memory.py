"""The app's memory once it has started: its garbage dropped, the rest kept out of later collections.

The tray app runs for days; what it built at start-up (Qt wrappers, the
models, the rules, the pooled windows) lives as long as it does.
:func:`settle_memory` collects the start-up's garbage, freezes what is left
(so the collections a burst of popups sets off walk only what the burst
made), and gives the heap freed back to the system where glibc keeps it.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import sys

log = logging.getLogger(__name__)


def settle_memory() -> None:
    """Collect, freeze what survives, and (glibc) trim the heap; call once, after start-up."""
    gc.collect()
    gc.freeze()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # not glibc (musl): nothing to give back this way
            log.debug("malloc_trim is not available", exc_info=True)
