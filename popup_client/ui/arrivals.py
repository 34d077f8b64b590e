"""Popups on their way to the screen: large images decoded first, on a worker thread, order kept.

A payload may carry a 4096 × 4096 image (or a large provider icon) in
fewer than 512 KiB; decoding it takes a fifth of a second, during which the
thread that draws the popups would answer no D-Bus call and no socket
request. :class:`Arrivals` therefore decodes such images ahead
(:func:`popup_client.ui.avatar.prepare_image`, one worker thread) and hands
each submission to the stack only when it is ready — and never before one
that arrived earlier. Results come back to the Qt thread through a queue
drained by a timer: no Qt object is touched from the worker.
"""

from __future__ import annotations

import logging
import queue
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, QTimer

from ..core.images import ImageProblem, sniff_size
from ..submission import Submission
from . import theme as T
from .avatar import prepare_image
from .view import PopupView

if TYPE_CHECKING:  # concurrent.futures loads with the first popup that has large images to decode
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)

#: Images with more pixels than this are decoded ahead (about 10 ms of decoding and up).
LARGE_PIXELS = 1_000_000
POLL_MS = 15

Job = tuple[bytes, QSize, int, bool]


def _pixels(data: bytes) -> int:
    try:
        _format, width, height = sniff_size(data)
    except ImageProblem:
        return 0
    return width * height


def large_images(view: PopupView) -> list[Job]:
    """What :func:`prepare_image` should decode ahead for ``view``, as the popup window will ask for it."""
    jobs: list[Job] = []
    if view.image and _pixels(view.image) > LARGE_PIXELS:
        jobs.append((view.image, QSize(*T.IMAGE_BOX), T.IMAGE_MAX_SIDE, False))
    if view.provider_icon and _pixels(view.provider_icon) > LARGE_PIXELS:
        jobs.append((view.provider_icon, QSize(T.AVATAR_SIZE, T.AVATAR_SIZE), T.ICON_MAX_SIDE, True))
    return jobs


def _prepare_all(jobs: list[Job]) -> None:
    for data, box, max_side, upscale in jobs:
        prepare_image(data, box=box, max_side=max_side, upscale=upscale)


class Arrivals(QObject):
    """Submissions in the order they came; each goes to ``deliver`` once its large images are decoded."""

    def __init__(self, deliver: Callable[[Submission], None], view_of: Callable[[Submission], PopupView]) -> None:
        super().__init__()
        self._deliver = deliver
        self._view_of = view_of
        self._waiting: deque[tuple[Submission, Future[None] | None]] = deque()
        self._finished: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._worker: ThreadPoolExecutor | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._drain)

    def add(self, submission: Submission) -> None:
        jobs = large_images(self._view_of(submission))
        if not jobs and not self._waiting:
            self._deliver(submission)
            return
        future: Future[None] | None = None
        if jobs:
            if self._worker is None:
                from concurrent.futures import ThreadPoolExecutor

                self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="popup-client-images")
            future = self._worker.submit(_prepare_all, jobs)
            future.add_done_callback(self._finished.put)
        self._waiting.append((submission, future))
        self._timer.start()

    def receipts(self) -> list[int]:
        return [submission.receipt_id for submission, _ in self._waiting]

    def take(self, receipt_id: int) -> Submission | None:
        """Remove a waiting submission (closed before it was shown)."""
        for entry in list(self._waiting):
            if entry[0].receipt_id == receipt_id:
                self._waiting.remove(entry)
                return entry[0]
        return None

    def _drain(self) -> None:
        while True:
            try:
                self._finished.get_nowait()
            except queue.Empty:
                break
        while self._waiting and (self._waiting[0][1] is None or self._waiting[0][1].done()):
            submission, future = self._waiting.popleft()
            if future is not None and future.exception() is not None:
                log.warning("an image could not be decoded ahead: %s", future.exception())
            self._deliver(submission)
        if not self._waiting:
            self._timer.stop()

    def close(self) -> None:
        self._timer.stop()
        if self._worker is not None:
            self._worker.shutdown(wait=True, cancel_futures=True)
            self._worker = None
