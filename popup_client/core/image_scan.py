"""Which images of a popup the ``qr-code`` rule scans, and a memo of the scans.

Scanning a large image for 2-D barcodes takes up to about half a second, too
long for the thread that draws the popups. A transport therefore asks
:meth:`popup_client.service.PopupService.scan_ahead` to scan a payload's
images on a worker thread first, and submits the payload once that is done:
the rule then finds each result here instead of scanning again.

The memo is keyed by a digest of the image data and the limits it was
checked against, holds the barcodes found or the :class:`ImageProblem`
raised, keeps the last :data:`MEMO_SIZE` scans, and is safe to use from any
thread. This module loads neither Pillow nor zxing; :func:`scan` does, when
it has to scan.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from .digests import blake2b
from .images import ImageProblem
from .payload import ICON_MAX_BYTES, ICON_MAX_SIDE, IMAGE_MAX_BYTES, IMAGE_MAX_SIDE, Popup

if TYPE_CHECKING:
    from .qr import Barcode

MEMO_SIZE = 32

_Key: TypeAlias = tuple[bytes, int, int]
_Result: TypeAlias = "list[Barcode] | ImageProblem"


@dataclass(frozen=True)
class ScanTarget:
    """One image of a popup, where it sits in the payload, and the limits it is checked against."""

    uri: str
    path: str
    max_bytes: int
    max_side: int

    @functools.cached_property
    def key(self) -> _Key:
        """What the memo knows the scan by: a digest of the image and the limits (hashed once per target)."""
        digest = blake2b(self.uri.encode("utf-8", "surrogatepass"), digest_size=20).digest()
        return (digest, self.max_bytes, self.max_side)


def targets_of(popup: Popup) -> list[ScanTarget]:
    """The images of ``popup`` the ``qr-code`` rule scans: the image, then the provider's icon."""
    candidates = (
        (popup.image, "image", IMAGE_MAX_BYTES, IMAGE_MAX_SIDE),
        (popup.provider.icon, "provider.icon", ICON_MAX_BYTES, ICON_MAX_SIDE),
    )
    return [ScanTarget(uri, path, max_bytes, max_side) for uri, path, max_bytes, max_side in candidates if uri is not None]


class ScanMemo:
    """The last ``size`` scan results, by image digest and limits (thread-safe)."""

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self._size = size
        self._results: OrderedDict[_Key, _Result] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: _Key) -> _Result | None:
        with self._lock:
            result = self._results.get(key)
            if result is not None:
                self._results.move_to_end(key)
            return result

    def put(self, key: _Key, result: _Result) -> None:
        with self._lock:
            self._results[key] = result
            self._results.move_to_end(key)
            while len(self._results) > self._size:
                self._results.popitem(last=False)

    def __contains__(self, key: _Key) -> bool:
        with self._lock:
            return key in self._results

    def clear(self) -> None:
        with self._lock:
            self._results.clear()


MEMO = ScanMemo()


def memoized(target: ScanTarget, scan: Callable[[ScanTarget], list[Barcode]], memo: ScanMemo | None = None) -> list[Barcode]:
    """``scan(target)``, or its remembered result; an :class:`ImageProblem` is remembered and raised again."""
    memo = memo if memo is not None else MEMO
    key = target.key
    result = memo.get(key)
    if result is None:
        try:
            result = scan(target)
        except ImageProblem as exc:
            result = exc
        memo.put(key, result)
    if isinstance(result, ImageProblem):
        raise result
    return result


def unscanned(targets: Sequence[ScanTarget], memo: ScanMemo | None = None) -> list[ScanTarget]:
    """The targets whose scan is not remembered yet."""
    memo = memo if memo is not None else MEMO
    return [target for target in targets if target.key not in memo]


def scan(target: ScanTarget, memo: ScanMemo | None = None) -> list[Barcode]:
    """The 2-D barcodes in one image, scanned now or remembered; raises :class:`ImageProblem`."""
    return memoized(target, _find, memo)


def scan_all(targets: Sequence[ScanTarget], memo: ScanMemo | None = None) -> None:
    """Scan every target into the memo (for a worker thread); problems are remembered, not raised."""
    for target in targets:
        try:
            scan(target, memo)
        except ImageProblem:
            pass


def _find(target: ScanTarget) -> list[Barcode]:
    from .qr import find_barcodes_in_data_uri  # Pillow and zxing load only when needed

    return find_barcodes_in_data_uri(target.uri, max_bytes=target.max_bytes, max_side=target.max_side)
