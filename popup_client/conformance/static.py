"""Checks on one shown popup as it stands: geometry, hit-tests, painted text and pixels.

:func:`take_snapshot` records what the popup paints (text runs, pixels at
the chosen scale); :func:`static_checks` measures it against every
guarantee that can be seen without input. The behaviour checks (clicks,
keys, first frame, focus) are in :mod:`popup_client.conformance.behaviour`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QWidget

from . import locate as L
from .model import Box, CheckResult, not_applicable
from .paint import TextRecord, TextRun, grab, grab_alone, record_text, visible_chars
from .pixels import covered_pixels, measure_contrast, missing_glyphs

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


# ----------------------------------------------------------------- ui-provider


def check_provider(snap: Snapshot) -> list[CheckResult]:
    rule = "ui-provider"
    provider = snap.control("provider")
    if provider is None:
        found = L.find(snap.popup, "provider")
        why = "hidden" if found is not None else "no widget named provider_label"
        return [_check(rule, "provider-shown", False, why, "shown", L.describe(found))]
    snap.note_box("provider", provider)
    runs = snap.text.of(provider)
    shown = snap.text.visible_text_of(provider, QRectF(L.visible_rect(snap.popup, provider)))
    full = provider.text() if isinstance(provider, QLabel) and provider.text() else shown
    need = min(MIN_PROVIDER_CHARS, visible_chars(full))
    chars = visible_chars(shown)
    inside, where = _in_header(snap, provider)
    checks = [
        _check(rule, "provider-shown", True, "yes", "shown", L.describe(provider)),
        _check(rule, "provider-in-header", inside, _yes(inside), "in the header", where),
        _size_check(rule, "provider-text-size", "the provider's name", runs),
        _check(rule, "provider-chars", chars >= need and need > 0, f"{chars} shown: 「{shown}」", f"≥ {need} characters",
               f"of 「{full[:40]}」" + ("…" if len(full) > 40 else "") + ", characters cut by an edge not counted"),
        _glyphs_check(rule, "provider-glyphs", "the provider's name", runs),
    ]  # fmt: skip
    checks.append(_unverified_mark(snap))
    return checks


def _unverified_mark(snap: Snapshot) -> CheckResult:
    rule, name = "ui-provider", "unverified-mark"
    if snap.verified is None:
        return not_applicable(rule, name, "whether the provider is verified is unknown (pass verified=)")
    if snap.verified:
        return not_applicable(rule, name, "the provider is verified")
    mark = snap.control("unverified")
    painted = snap.text.text_of(mark)
    ok = mark is not None and _shows(painted, S_UNVERIFIED) and not _missing(snap.text.of(mark))
    snap.note_box("unverified", mark)
    return _check(rule, name, ok, f"「{painted}」" if painted else "absent", f"「{S_UNVERIFIED}」 shown", L.describe(mark))


# ----------------------------------------------------------------- ui-ad-label


def check_ad_label(snap: Snapshot) -> list[CheckResult]:
    rule = "ui-ad-label"
    if snap.kind != "ad":
        return [not_applicable(rule, "badge-shown", _kind_note(snap.kind, "ad"))]
    badge = snap.control("ad_label")
    runs = snap.text.of(badge)
    painted = snap.text.text_of(badge)
    if badge is None or S_AD not in painted:
        found = L.find(snap.popup, "ad_label")
        measured = "absent" if found is None else ("hidden" if badge is None else f"shows 「{painted}」")
        return [_check(rule, "badge-shown", False, measured, f"「{S_AD}」 shown", L.describe(found)), _advertiser(snap)]
    snap.note_box("ad_label", badge)
    rect = snap.rect(badge)
    seen = L.visible_rect(snap.popup, badge)
    text_box = _text_box(runs)
    text_inside = text_box is not None and QRectF(seen).adjusted(-0.5, -0.5, 0.5, 0.5).contains(text_box)
    fully = seen == rect and text_inside
    inside, where = _in_header(snap, badge)
    contrast = measure_contrast(snap.image, rect, snap.scale, focus=text_box)
    ratio = contrast.ratio if contrast is not None else 1.0
    return [
        _check(rule, "badge-shown", True, "yes", f"「{S_AD}」 shown", L.describe(badge)),
        _check(rule, "badge-in-header", inside, _yes(inside), "in the header", where),
        _check(rule, "badge-fully-visible", fully, f"{seen.width()}×{seen.height()} of {rect.width()}×{rect.height()} px"
               + ("" if text_inside else ", text clipped"), "all of it, text unclipped"),
        _unobstructed(snap, badge, rule, "badge-not-overlapped", "the badge"),
        _size_check(rule, "badge-text-size", f"「{S_AD}」", runs),
        _check(rule, "badge-contrast", ratio >= BADGE_CONTRAST, f"{ratio:.1f}:1", f"≥ {BADGE_CONTRAST}:1",
               contrast.describe() + f", measured at {snap.scale:g}×" if contrast else "nothing painted"),
        _glyphs_check(rule, "badge-glyphs", f"「{S_AD}」", runs),
        _advertiser(snap),
    ]  # fmt: skip


def _advertiser(snap: Snapshot) -> CheckResult:
    line = snap.control("advertiser")
    painted = snap.text.text_of(line)
    value = _after_prefix(painted, S_ADVERTISER)
    snap.note_box("advertiser", line)
    ok = visible_chars(value) > 0 and value.strip() not in PLACEHOLDERS
    return _check("ui-ad-label", "advertiser-named", ok, f"「{painted}」" if painted else "absent",
                  f"「{S_ADVERTISER}…」 shown", L.describe(line))  # fmt: skip


def _kind_note(kind: str | None, wanted: str) -> str:
    if kind is None:
        return "the popup's kind is unknown (pass kind= or set the popup_kind property)"
    return f"a {kind} popup, not {wanted}"


# ----------------------------------------------------------------- ui-close


def check_close(snap: Snapshot) -> list[CheckResult]:
    rule = "ui-close"
    close = snap.control("close")
    if close is None:
        found = L.find(snap.popup, "close")
        return [_check(rule, "close-shown", False, "hidden" if found else "absent", "shown", L.describe(found))]
    snap.note_box("close", close)
    popup = snap.popup
    rect = snap.rect(close)
    area = close.mask().boundingRect().translated(rect.topLeft()) if not close.mask().isEmpty() else rect
    right_gap = popup.width() - (rect.x() + rect.width())
    centre = rect.center()
    reached = L.hit(popup, centre)
    centre_ok = L.hits(popup, centre, close)
    contrast = measure_contrast(snap.image, rect, snap.scale)
    ratio = contrast.ratio if contrast is not None else 1.0
    nearest, distance = _nearest_interactive(popup, close)
    corner_ok = rect.y() <= CLOSE_CORNER and right_gap <= CLOSE_CORNER
    return [
        _check(rule, "close-shown", True, "yes", "shown", L.describe(close)),
        _check(rule, "close-accessible-name", close.accessibleName() == S_CLOSE, f"「{close.accessibleName()}」",
               f"「{S_CLOSE}」"),
        _check(rule, "close-top-right", corner_ok, f"{rect.y()} px from the top, {right_gap} px from the right",
               f"≤ {CLOSE_CORNER} px each"),
        _check(rule, "close-hit-area", area.width() >= CLOSE_MIN and area.height() >= CLOSE_MIN,
               f"{area.width()}×{area.height()}", f"≥ {CLOSE_MIN}×{CLOSE_MIN}"),
        _check(rule, "close-glyph-contrast", ratio >= GLYPH_CONTRAST, f"{ratio:.1f}:1", f"≥ {GLYPH_CONTRAST:g}:1",
               contrast.describe() + f", measured at {snap.scale:g}×" if contrast else "nothing painted"),
        _check(rule, "close-clearance", distance >= CLEARANCE,
               f"{distance} px to {L.describe(nearest)}" if nearest else "nothing interactive", f"≥ {CLEARANCE} px"),
        _check(rule, "close-centre-hit-test", centre_ok, _yes(centre_ok), "yes",
               f"({centre.x()}, {centre.y()}) reaches {L.describe(reached)}"),
        _unobstructed(snap, close, rule, "close-unobstructed", "the close control"),
    ]  # fmt: skip


def _nearest_interactive(popup: QWidget, close: QWidget) -> tuple[QWidget | None, int]:
    rect = L.rect_in(popup, close)
    best: tuple[QWidget | None, int] = (None, 10**6)
    for widget in L.interactive_widgets(popup):
        if L.is_related(widget, close):
            continue
        distance = L.gap(rect, L.rect_in(popup, widget))
        if distance < best[1]:
            best = (widget, distance)
    return best


# ----------------------------------------------------------------- ui-report


def check_report(snap: Snapshot) -> list[CheckResult]:
    rule = "ui-report"
    report = snap.control("report")
    if report is None:
        found = L.find(snap.popup, "report")
        return [_check(rule, "report-shown", False, "hidden" if found else "absent", f"「{S_REPORT}」 shown",
                       L.describe(found))]  # fmt: skip
    snap.note_box("report", report)
    runs = snap.text.of(report)
    painted = snap.text.text_of(report)
    centre = snap.rect(report).center()
    usable = report.isEnabled() and L.hits(snap.popup, centre, report)
    named = _shows(painted, S_REPORT) or report.accessibleName() in spellings(S_REPORT)
    return [
        _check(rule, "report-shown", named, f"「{painted or report.accessibleName()}」", f"「{S_REPORT}」 shown",
               L.describe(report)),
        _check(rule, "report-usable", usable, f"enabled: {_yes(report.isEnabled())}, centre reaches it: "
               f"{_yes(L.hits(snap.popup, centre, report))}", "enabled and reachable"),
        _glyphs_check(rule, "report-glyphs", f"「{S_REPORT}」", runs) if runs else
        not_applicable(rule, "report-glyphs", "the control paints no text (an icon)"),
    ]  # fmt: skip


# ----------------------------------------------------------------- ui-no-hot-zone (static part)


def check_details(snap: Snapshot) -> list[CheckResult]:
    rule = "ui-no-hot-zone"
    if snap.kind not in HOT_KINDS:
        return [not_applicable(rule, "details-size", _kind_note(snap.kind, "ad, news or content"))]
    details = snap.control("details")
    if details is None:
        return [not_applicable(rule, "details-size", "no 「查看详情」 button shown")]
    snap.note_box("details", details)
    rect = snap.rect(details)
    share = rect.width() * rect.height() / max(1, snap.popup.width() * snap.popup.height())
    return [_check(rule, "details-size", share < 0.25, f"{share:.0%} of the popup ({rect.width()}×{rect.height()})",
                   "< 25%")]  # fmt: skip


# ----------------------------------------------------------------- ui-why-ad (static part)


def check_why_ad_control(snap: Snapshot) -> list[CheckResult]:
    rule = "ui-why-ad"
    if snap.kind != "ad":
        return [not_applicable(rule, "why-ad-control", _kind_note(snap.kind, "ad"))]
    control = snap.control("why_ad")
    snap.note_box("why_ad", control)
    ok = control is not None and control.isEnabled() and L.hits(snap.popup, snap.rect(control).center(), control)
    return [_check(rule, "why-ad-control", ok, "shown, enabled" if ok else ("absent" if control is None else "unusable"),
                   "「为什么看到此广告」 shown and usable", L.describe(control))]  # fmt: skip


# ----------------------------------------------------------------- ui-source


def check_source(snap: Snapshot) -> list[CheckResult]:
    rule = "ui-source"
    if snap.kind != "news":
        return [not_applicable(rule, "source-named", _kind_note(snap.kind, "news"))]
    line = snap.control("source")
    runs = snap.text.of(line)
    painted = snap.text.text_of(line)
    value = _after_prefix(painted, S_SOURCE)
    snap.note_box("source", line)
    return [
        _check(rule, "source-named", visible_chars(value) > 0 and value.strip() not in PLACEHOLDERS,
               f"「{painted}」" if painted else "absent",
               f"「{S_SOURCE}…」 shown", L.describe(line)),
        _glyphs_check(rule, "source-glyphs", f"「{S_SOURCE}」", runs) if runs else
        not_applicable(rule, "source-glyphs", "no source line painted"),
    ]  # fmt: skip


# ----------------------------------------------------------------- ui-bounds


def check_bounds(snap: Snapshot) -> list[CheckResult]:
    rule = "ui-bounds"
    window = snap.popup.window()
    geometry = window.frameGeometry()
    available = snap.available
    inside = available.contains(geometry)
    area = geometry.width() * geometry.height()
    share = area / max(1, available.width() * available.height())
    state = window.windowState()
    full = bool(state & (Qt.WindowState.WindowFullScreen | Qt.WindowState.WindowMaximized))
    screen = window.screen()
    covers_screen = screen is not None and geometry.contains(screen.geometry())
    return [
        _check(rule, "inside-screen", inside, f"{L.box(geometry)}", f"inside {L.box(available)}"),
        _check(rule, "screen-share", share <= MAX_SCREEN_SHARE, f"{share:.1%} ({geometry.width()}×{geometry.height()})",
               f"≤ {MAX_SCREEN_SHARE:.1%} of {available.width()}×{available.height()}"),
        _check(rule, "not-full-screen", not full and not covers_screen, "full screen" if full or covers_screen else "no",
               "never full screen or maximized"),
    ]  # fmt: skip


# ----------------------------------------------------------------- ui-no-focus-steal (static part)


def check_focus_flags(snap: Snapshot) -> list[CheckResult]:
    window = snap.popup.window()
    handle = window.windowHandle()
    flags = handle.flags() if handle is not None else window.windowFlags()
    refuses = bool(flags & Qt.WindowType.WindowDoesNotAcceptFocus)
    quiet = window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    return [_check("ui-no-focus-steal", "no-focus-flag", refuses, f"WindowDoesNotAcceptFocus: {_yes(refuses)}",
                   "WindowDoesNotAcceptFocus set",
                   f"WA_ShowWithoutActivating: {_yes(quiet)}; a window with the flag cannot be activated by Qt")]  # fmt: skip


# ----------------------------------------------------------------- ui-no-provider-style (static part)


def check_plain_text(snap: Snapshot) -> list[CheckResult]:
    rich = []
    for widget in L.widgets_in(snap.popup):
        if not isinstance(widget, QLabel) or not widget.text():
            continue
        fmt = widget.textFormat()
        markup = fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(widget.text()))
        if markup or fmt == Qt.TextFormat.MarkdownText:
            rich.append(L.describe(widget))
    return [_check("ui-no-provider-style", "plain-text", not rich, "rich text in " + ", ".join(rich) if rich
                   else "every label plain text", "no label interprets markup",
                   "markup in a payload would set colours, fonts and sizes")]  # fmt: skip


STATIC_CHECKS: tuple[Callable[[Snapshot], list[CheckResult]], ...] = (
    check_provider,
    check_ad_label,
    check_close,
    check_report,
    check_details,
    check_why_ad_control,
    check_source,
    check_bounds,
    check_focus_flags,
    check_plain_text,
)


def static_checks(snap: Snapshot) -> list[CheckResult]:
    """Every static measurement of ``snap``."""
    results: list[CheckResult] = []
    for check in STATIC_CHECKS:
        results += check(snap)
    for name, key in (("header", "header"), ("content", "content")):
        snap.note_box(name, snap.control(key))
    return results


def fixed_geometry(popup: QWidget) -> dict[str, Box | None]:
    """Where the controls a payload must not move are, for the payload-variation check.

    A control in the popup's upper half is placed from the top edge, one in
    the lower half from the bottom edge (the footer follows the popup's
    height, which grows with the text, within the bounds): ``(x, offset, w, h)``.
    The 「未验证」 mark is left out: it follows the provider's name, which
    elides before the mark could be pushed out (``ui-provider`` checks it is shown).
    """
    out: dict[str, Box | None] = {"popup-width": (0, 0, popup.width(), 0)}
    for key in ("close", "ad_label", "report", "why_ad", "details", "provider"):
        widget = L.find(popup, key)
        if not L.is_shown(popup, widget) or widget is None:
            out[key] = None
            continue
        r = L.rect_in(popup, widget)
        upper = r.center().y() < popup.height() / 2
        offset = r.y() if upper else popup.height() - r.y()
        out[key] = (r.x(), offset, r.width(), r.height()) if key != "provider" else (r.x(), offset, 0, 0)
    return out
