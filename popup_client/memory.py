"""The app's memory once it has started: its garbage dropped, the rest kept out of later collections.

The tray app runs for days; what it built at start-up (Qt wrappers, the
models, the rules, the pooled windows) lives as long as it does.
:func:`settle_memory` collects the start-up's garbage and freezes what is
left, so the collections a burst of popups sets off walk only what the burst
made.

It used to also give the freed heap back to glibc with ``malloc_trim(0)``
through ``ctypes``; loading ctypes (its extension, libffi and the module)
cost more resident memory than the trim returned — idle 73.2 MiB with it,
72.8 without (benchmarks/idle_memory.py) — so the app no longer does.
"""

from __future__ import annotations

import gc
import logging

log = logging.getLogger(__name__)


def settle_memory() -> None:
    """Collect, and freeze what survives; call once, after start-up."""
    gc.collect()
    gc.freeze()
