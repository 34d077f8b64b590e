"""Fixtures for the popup window tests: views of every kind, hostile views, pixel helpers."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage

from popup_client.core.payload import parse_popup
from popup_client.conformance.ours import hostile_view
from popup_client.ui.popup_window import PopupWindow
from popup_client.ui.view import PopupView, view_from_popup

KINDS = ("ad", "news", "content", "service")
REVIEW = {"reviewer": "editor-17", "reviewed_at": "2026-11-27T18:05:00+08:00"}
HOSTILE_TEXT = "\u202e\u2067<b>html</b><img src=x>&amp; " + "\u05d0\u0628" * 5000  # 10 000+ chars, RTL


def payload(kind: str, **extra: Any) -> dict[str, Any]:
    """A small valid payload of ``kind``, as a dict."""
    base: dict[str, Any] = {
        "version": 1,
        "id": f"{kind}-1",
        "provider": {"id": f"com.example.{kind}", "name": f"示例{kind}", "domain": "example.com"},
        "kind": kind,
        "title": f"{kind} 标题",
        "body": "正文第一行。",
    }
    if kind != "service":
        base["review"] = REVIEW
        base["link"] = "https://example.com/a/1"
    if kind == "ad":
        base["ad"] = {"advertiser": "示例广告主", "review_id": "R-1", "payer": "示例付费方", "targeting": ["您关注了冬季服饰"]}
    if kind == "news":
        base["news"] = {
            "source": "新华社",
            "license": "10120170001",
            "original_title": base["title"],
            "published_at": "2026-11-27T18:00:00+08:00",
            "url": "https://www.news.cn/a.html",
        }
    base.update(extra)
    return base


def make_view(kind: str, *, receipt_id: int = 1, verified: bool = True, **extra: Any) -> PopupView:
    """A view built the way the app builds it: payload → parse_popup → view_from_popup."""
    popup = parse_popup(json.dumps(payload(kind, **extra)))
    return view_from_popup(popup, receipt_id=receipt_id, verified=verified)


def hostile(view: PopupView) -> PopupView:
    """``view`` with every text field as long, right-to-left and HTML-laden as possible."""
    return hostile_view(view, text=HOSTILE_TEXT, targets=10)


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def window(qtbot: Any) -> Iterator[PopupWindow]:
    win = PopupWindow()
    win.set_theme(False)
    qtbot.addWidget(win)
    yield win
    win.hide()


@pytest.fixture
def shown(window: PopupWindow, qtbot: Any) -> Callable[[PopupView], PopupWindow]:
    """Show a view in the window and wait until it is exposed."""

    def show(view: PopupView) -> PopupWindow:
        window.show_view(view)
        qtbot.waitExposed(window)
        return window

    return show


# ---------------------------------------------------------------- contrast (WCAG 2)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: QColor) -> float:
    return 0.2126 * _channel(color.red()) + 0.7152 * _channel(color.green()) + 0.0722 * _channel(color.blue())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def rendered_contrast(image: QImage, rect: QRect, scale: float = 1.0) -> float:
    """Contrast between a region's dominant colour (its background) and its most distinct pixel (its text)."""
    counts: dict[int, int] = {}
    pixels: list[QColor] = []
    for y in range(round(rect.top() * scale), round((rect.top() + rect.height()) * scale)):
        for x in range(round(rect.left() * scale), round((rect.left() + rect.width()) * scale)):
            color = image.pixelColor(x, y)
            if color.alpha() < 255:
                continue
            counts[color.rgb()] = counts.get(color.rgb(), 0) + 1
            pixels.append(color)
    background = QColor.fromRgb(max(counts, key=lambda k: counts[k]))
    return max(contrast(background, p) for p in pixels)
