"""The memo of barcode scans, and the images the qr-code rule scans (popup_client.core.image_scan)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from popup_client.core import image_scan
from popup_client.core.image_scan import ScanMemo, ScanTarget, memoized, scan, scan_all, targets_of, unscanned
from popup_client.core.images import ImageProblem
from popup_client.core.payload import ICON_MAX_SIDE, IMAGE_MAX_SIDE
from tests.helpers.images import png_data_uri, qr_image, to_data_uri
from tests.helpers.rules import popup_of


def target(uri: str, path: str = "image") -> ScanTarget:
    return ScanTarget(uri, path, 512 * 1024, IMAGE_MAX_SIDE)


def test_targets_are_the_image_then_the_icon_with_their_own_limits(content: dict[str, Any]) -> None:
    content.pop("image", None)
    content["provider"].pop("icon", None)
    assert targets_of(popup_of(content)) == []
    content["image"] = png_data_uri(40, 20)
    content["provider"]["icon"] = png_data_uri(16, 16)
    found = targets_of(popup_of(content))
    assert [(t.path, t.max_side) for t in found] == [("image", IMAGE_MAX_SIDE), ("provider.icon", ICON_MAX_SIDE)]
    assert found[0].uri == content["image"]


def test_a_scan_is_remembered_by_content_and_limits() -> None:
    memo = ScanMemo()
    calls: list[str] = []

    def counting(t: ScanTarget) -> list[Any]:
        calls.append(t.path)
        return []

    uri = png_data_uri(30, 30)
    assert memoized(target(uri), counting, memo) == []
    assert memoized(target(uri, "again"), counting, memo) == []  # same bytes, same limits: remembered
    memoized(ScanTarget(uri, "icon", 1024, ICON_MAX_SIDE), counting, memo)  # other limits: scanned
    memoized(target(png_data_uri(31, 30)), counting, memo)  # other bytes: scanned
    assert calls == ["image", "icon", "image"]


def test_a_problem_is_remembered_and_raised_each_time() -> None:
    memo = ScanMemo()
    calls = 0

    def broken(_t: ScanTarget) -> list[Any]:
        nonlocal calls
        calls += 1
        raise ImageProblem("is truncated")

    for _ in range(3):
        with pytest.raises(ImageProblem, match="truncated"):
            memoized(target("data:image/png;base64,AAAA"), broken, memo)
    assert calls == 1


def test_the_memo_keeps_only_the_latest_scans() -> None:
    memo = ScanMemo(size=2)
    uris = [png_data_uri(10 + i, 10) for i in range(3)]
    for uri in uris:
        memoized(target(uri), lambda _t: [], memo)
    assert unscanned([target(u) for u in uris], memo) == [target(uris[0])]


def test_scan_all_fills_the_memo_so_the_rule_scans_nothing_again(monkeypatch: pytest.MonkeyPatch) -> None:
    memo = ScanMemo()
    monkeypatch.setattr(image_scan, "MEMO", memo)
    with_code = target(to_data_uri(qr_image("https://lure.example")))
    plain = target(png_data_uri(64, 64))
    broken = target("data:image/png;base64,iVBORw0KGgo=")
    worker = threading.Thread(target=scan_all, args=([with_code, plain, broken], memo))
    worker.start()
    worker.join()
    assert unscanned([with_code, plain, broken], memo) == []

    def must_not_scan(_t: ScanTarget) -> list[Any]:
        raise AssertionError("scanned again")

    monkeypatch.setattr(image_scan, "_find", must_not_scan)
    assert [code.format for code in scan(with_code, memo)] == ["QRCode"]
    assert scan(plain, memo) == []
    with pytest.raises(ImageProblem):
        scan(broken, memo)
