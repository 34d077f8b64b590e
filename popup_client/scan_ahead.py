"""Barcode scans of a payload's images on a worker thread, before the payload is submitted. No Qt here.

A transport that gets a future from :class:`ScanAhead` submits the payload
once it is done; the ``qr-code`` rule then finds the results remembered
(:mod:`popup_client.core.image_scan`), so a large image never stalls the
thread that draws the popups. Submitting without waiting is still correct,
only slower.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .core.errors import PayloadError
from .core.image_scan import scan_all, targets_of, unscanned
from .submission import RawPayload, may_carry_images, parse_any

if TYPE_CHECKING:  # concurrent.futures loads with the first payload that has images to scan
    from concurrent.futures import Future, ThreadPoolExecutor


class ScanAhead:
    """Scans on one worker thread, started on first need."""

    def __init__(self) -> None:
        self._worker: ThreadPoolExecutor | None = None

    def __call__(self, raw: RawPayload) -> Future[None] | None:
        """Scan the payload's images for barcodes on the worker; None when none needs it."""
        if not may_carry_images(raw):
            return None
        try:
            popup = parse_any(raw)
        except PayloadError:
            return None  # submit() reports it
        todo = unscanned(targets_of(popup))
        if not todo:
            return None
        if self._worker is None:
            from concurrent.futures import ThreadPoolExecutor

            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="popup-client-scan")
        return self._worker.submit(scan_all, todo)

    def stop(self) -> None:
        """Stop the worker, waiting for a scan under way."""
        if self._worker is not None:
            self._worker.shutdown(wait=True, cancel_futures=True)
            self._worker = None
