"""The app's memory after start-up: garbage collected, the survivors frozen out of later collections."""

from __future__ import annotations

import gc
import weakref

from popup_client.memory import settle_memory


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_settle_memory_collects_the_garbage_and_freezes_the_rest() -> None:
    gc.disable()
    try:
        garbage = _Node()
        gone = weakref.ref(garbage)
        del garbage
        kept = _Node()
        settle_memory()
        assert gone() is None
        assert gc.get_freeze_count() > 0 and gc.is_tracked(kept)
    finally:
        gc.unfreeze()
        gc.enable()
