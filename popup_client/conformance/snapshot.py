"""A shown popup as the static checks see it, and the measuring helpers they share.

:func:`take_snapshot` records what the popup paints (text runs, pixels at
the chosen scale); the static checks (:mod:`~popup_client.conformance.static`,
:mod:`~popup_client.conformance.static_text`) measure it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from . import locate as L
from .model import Box, CheckResult
from .paint import TextRecord, TextRun, grab, grab_alone, record_text
from .pixels import covered_pixels, missing_glyphs

log = logging.getLogger(__name__)

MIN_TEXT_PX = 12.0
MIN_PROVIDER_CHARS = 4
BADGE_CONTRAST = 4.5
GLYPH_CONTRAST = 3.0
CLOSE_MIN = 32
CLOSE_CORNER = 8  # the close control's top and right edges within this of the popup's
CLEARANCE = 8
MAX_SCREEN_SHARE = 1 / 8
S_AD, S_CLOSE, S_REPORT, S_UNVERIFIED = "广告", "关闭", "举报", "未验证"
S_SOURCE, S_ADVERTISER = "来源：", "广告主："


def spellings(text: str) -> tuple[str, ...]:
    """The documented (Chinese) text and, under a translator, its translation.

    「广告」 and 「关闭」 stay Chinese in every language; the other texts a
    popup shows may be in the user's language.
    """
    from PySide6.QtCore import QCoreApplication

    translated = QCoreApplication.translate("", text)
    return (text,) if translated == text else (text, translated)


def _shows(painted: str, text: str) -> bool:
    return any(s in painted for s in spellings(text))


def _after_prefix(painted: str, prefix: str) -> str:
    """What follows the first spelling of ``prefix`` that ``painted`` starts with ("" if none)."""
    for spelling in spellings(prefix):
        if painted.startswith(spelling):
            return painted[len(spelling) :]
    return ""
#: What a popup shows in place of a missing name: it names nobody.
PLACEHOLDERS = frozenset({"未提供", "未知", "无", "暂无", "—", "-", "…", "n/a", "N/A", "unknown"})
HOT_KINDS = ("ad", "news", "content")


@dataclass
class Snapshot:
    """A shown popup and what it painted."""

    popup: QWidget
    kind: str | None
    verified: bool | None
    available: QRect
    scale: float
    image: QImage
    text: TextRecord
    boxes: dict[str, Box] = field(default_factory=dict)
    share_area: QRect | None = None  # what the 1/8 share is of (default: ``available``)
    heard: list[Any] | None = None  # announcements sent while it was made and shown (None: not listened to)

    def control(self, key: str) -> QWidget | None:
        """The control ``key`` if it is shown, else None."""
        widget = L.find(self.popup, key)
        return widget if L.is_shown(self.popup, widget) else None

    def rect(self, widget: QWidget) -> QRect:
        return L.rect_in(self.popup, widget)

    def note_box(self, name: str, widget: QWidget | None) -> None:
        if widget is not None:
            self.boxes[name] = L.box(self.rect(widget))


def take_snapshot(popup: QWidget, *, kind: str | None, verified: bool | None, available: QRect, scale: float) -> Snapshot:
    """Record ``popup``'s text runs and pixels at ``scale``."""
    return Snapshot(popup, kind, verified, available, scale, grab(popup, scale), record_text(popup))


def _check(rule: str, name: str, passed: bool, measured: str, threshold: str, detail: str = "") -> CheckResult:
    return CheckResult(rule, name, bool(passed), measured, threshold, detail)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _min_px(runs: list[TextRun]) -> float | None:
    return min((r.pixel_size for r in runs), default=None)


def _text_box(runs: list[TextRun]) -> QRectF | None:
    box: QRectF | None = None
    for run in runs:
        box = QRectF(run.rect) if box is None else box.united(run.rect)
    return box


def _missing(runs: list[TextRun]) -> list[str]:
    missing: list[str] = []
    for run in runs:
        missing += [ch for ch in missing_glyphs(run.text, run.font) if ch not in missing]
    return missing


def _glyphs_check(rule: str, name: str, what: str, runs: list[TextRun]) -> CheckResult:
    missing = _missing(runs)
    fonts = sorted({r.font.family() for r in runs})
    measured = "none missing" if not missing else "missing: " + " ".join(f"「{ch}」U+{ord(ch):04X}" for ch in missing)
    return _check(rule, name, not missing and bool(runs), measured, "every character has a glyph",
                  f"{what} laid out in {', '.join(fonts) or 'no font'} (fallback included)")  # fmt: skip


def _size_check(rule: str, name: str, what: str, runs: list[TextRun]) -> CheckResult:
    size = _min_px(runs)
    measured = f"{size:g} px" if size is not None else "no text painted"
    return _check(rule, name, size is not None and size >= MIN_TEXT_PX, measured, f"≥ {MIN_TEXT_PX:g} px", what)


def _unobstructed(snap: Snapshot, widget: QWidget, rule: str, name: str, what: str) -> CheckResult:
    """Whether the pixels ``widget`` paints alone are all still there in the whole popup's rendering."""
    alone = grab_alone(widget, snap.scale)
    r = snap.rect(widget)
    s = snap.scale
    part = snap.image.copy(QRect(round(r.x() * s), round(r.y() * s), alone.width(), alone.height()))
    covered, painted = covered_pixels(alone, part)
    return _check(rule, name, covered == 0 and painted > 0, f"{covered} of {painted} px covered", "0 px covered",
                  f"{what} painted alone, compared pixel by pixel with the popup at {s:g}×")  # fmt: skip


def _in_header(snap: Snapshot, widget: QWidget) -> tuple[bool, str]:
    band = L.header_band(snap.popup)
    centre = snap.rect(widget).center()
    return band.contains(centre), f"centre ({centre.x()}, {centre.y()}) in header {L.box(band)}"



def _kind_note(kind: str | None, wanted: str) -> str:
    if kind is None:
        return "the popup's kind is unknown (pass kind= or set the popup_kind property)"
    return f"a {kind} popup, not {wanted}"
