"""Freedesktop notification ids: handed out in order, never one that is open, found in the record of open popups."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from popup_client.transports.dbus import ids as ids_module
from popup_client.transports.dbus.ids import NotificationIds


class _Record:
    """The service's record of open popups, as the ids read it (``find``), counting the searches."""

    def __init__(self, *open_ids: int) -> None:
        self.popups = [SimpleNamespace(submission=_submission(nid, receipt_id=100 + nid)) for nid in open_ids]
        self.searches = 0

    def find(self, predicate: Callable[[Any], bool]) -> Any:
        self.searches += 1
        return next((p for p in self.popups if predicate(p.submission)), None)


def _submission(nid: int, *, receipt_id: int) -> Any:
    return SimpleNamespace(sender=SimpleNamespace(transport="dbus", details={"dbus_id": nid}), receipt_id=receipt_id)


def test_ids_count_up_from_1_without_searching_the_open_popups() -> None:
    record = _Record(1_000)  # open, but under an id not handed out yet: it cannot be (nothing is open that was not issued)
    ids = NotificationIds(record)  # type: ignore[arg-type]
    assert [ids.allocate() for _ in range(5)] == [1, 2, 3, 4, 5]
    assert record.searches == 0  # a burst of a thousand calls used to search the record a thousand times
    assert ids.was_issued(5) and not ids.was_issued(6)


def test_after_wrapping_around_an_id_still_open_is_skipped() -> None:
    record = _Record(1, 2)
    ids = NotificationIds(record)  # type: ignore[arg-type]
    ids._next = ids_module._MAX_ID
    assert ids.allocate() == ids_module._MAX_ID
    assert ids.allocate() == 3  # 1 and 2 are open still
    assert record.searches == 3
    assert ids.live(2) is record.popups[1] and ids.live(3) is None
