"""``Notify`` calls made ready to submit without stalling the Qt thread.

Two steps of a notification with an image are slow, or would be if its
sender wanted: the mapping (:func:`.freedesktop.map_notify`) opens the files
and icons it names, decodes, scales and re-encodes them (about 0.25 s for a
4096 × 4096 file; for ever, if a path names a FIFO nobody writes and it were
opened carelessly), and the ``qr-code`` rule scans the result for barcodes
(up to about 0.3 s for a busy 1024 × 1024 one). :class:`NotifyPreparer` does
both away from the Qt thread: a call that carries pixels or names any image
(a path, a ``file://`` URI or an icon name, which is looked up in the icon
theme's folders) is mapped on a worker thread, and only a call with nothing
of the kind is mapped at once; then its images, unless remembered, are
scanned ahead on the service's scanning thread (:meth:`PopupService.scan_ahead`),
and the server is handed the mapped call, on the Qt thread, once both are done.

Nothing here ever opens a file on the Qt thread: the icon resolver runs on
the worker too.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from ...service import PopupService
from .freedesktop import IMAGE_DATA_HINTS, IMAGE_PATH_HINTS, Mapped, NotifyCall, map_notify
from .images import IconResolver

log = logging.getLogger(__name__)

Ready = Callable[[Mapped], None]
Failed = Callable[[BaseException], None]


def decodes_images(call: NotifyCall) -> bool:
    """Whether mapping ``call`` may read or decode an image: pixels in a hint, or a file, URI or icon name."""
    if call.app_icon.strip():
        return True
    hints = call.hints
    if not hints:
        return False  # most calls: no icon, no hints
    if any(name in hints for name in IMAGE_DATA_HINTS):
        return True
    for name in IMAGE_PATH_HINTS:
        hint = hints.get(name)
        if isinstance(hint, tuple) and len(hint) == 2 and isinstance(hint[1], str) and hint[1].strip():
            return True
    return False


@dataclass(eq=False)
class _Job:
    """One call being prepared: mapped on the worker (``mapped`` None until then), then scanned."""

    ready: Ready
    failed: Failed
    mapped: Mapped | None = None
    future: Future[Any] | None = None


class NotifyPreparer(QObject):
    """Maps ``Notify`` calls and scans their images, off the Qt thread when they carry images to decode.

    One per served connection: after :meth:`close` no callback is called any
    more (a worker that finishes later is ignored).
    """

    #: A job's worker step is done (emitted on any thread, handled on this object's).
    _step_done = Signal(object)

    def __init__(self, service: PopupService, resolve_icon: IconResolver, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._resolve_icon = resolve_icon
        self._worker: ThreadPoolExecutor | None = None
        self._closed = False
        self._lock = threading.Lock()  # _closed, as the worker threads read it
        # Queued even from this thread: a step already done when it is registered is still handled later.
        self._step_done.connect(self._on_step_done, Qt.ConnectionType.QueuedConnection)

    def prepare(self, call: NotifyCall, *, popup_id: str, fallback_name: str | None, ready: Ready, failed: Failed) -> Mapped | None:
        """The mapped call when it is ready now; else None, and ``ready`` (or ``failed``) is called later.

        Later means on this object's thread, once the call is mapped and its
        images scanned. ``failed`` gets what the mapping raised (it is logged).
        """
        if not decodes_images(call):
            mapped = map_notify(call, popup_id=popup_id, fallback_name=fallback_name)
            scan = self._service.scan_ahead(mapped.payload)
            if scan is None:
                return mapped
            self._wait(scan, _Job(ready, failed, mapped))
            return None
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="popup-client-notify-images")
        mapping = self._worker.submit(map_notify, call, popup_id=popup_id, fallback_name=fallback_name, resolve_icon=self._resolve_icon)
        self._wait(mapping, _Job(ready, failed))
        return None

    def close(self) -> None:
        """Forget every job under way; the worker ends once its current mapping is done."""
        with self._lock:
            self._closed = True
        if self._worker is not None:
            self._worker.shutdown(wait=False, cancel_futures=True)
            self._worker = None

    def _wait(self, future: Future[Any], job: _Job) -> None:
        job.future = future
        future.add_done_callback(lambda _done: self._emit(job))

    def _emit(self, job: _Job) -> None:
        """On the thread that finished the step (or this one): hand the job back to this object's thread."""
        with self._lock:
            if self._closed:
                return
        try:
            self._step_done.emit(job)
        except RuntimeError:  # the Qt object is gone: nobody waits any more
            pass

    def _on_step_done(self, job: _Job) -> None:
        assert job.future is not None
        if self._closed or job.future.cancelled():
            return
        try:
            if job.mapped is None:
                job.mapped = job.future.result()  # raises what the mapping raised
                scan = self._service.scan_ahead(job.mapped.payload)
                if scan is not None:
                    self._wait(scan, job)
                    return
            elif job.future.exception() is not None:  # submitting scans again, on this thread
                log.warning("scanning the images of a notification ahead failed: %r", job.future.exception())
        except Exception as exc:
            log.exception("a notification could not be prepared")
            job.failed(exc)
            return
        job.ready(job.mapped)
