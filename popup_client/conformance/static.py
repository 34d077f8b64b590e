"""Checks on one shown popup as it stands: the close control, 「举报」, 「查看详情」, bounds, focus flags, markup.

The checks on what the popup says (provider, badge, advertiser, source) are
in :mod:`~popup_client.conformance.static_text`; the snapshot they all read
in :mod:`~popup_client.conformance.snapshot`. The behaviour checks (clicks,
keys, first frame, focus) are in :mod:`popup_client.conformance.behaviour`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QWidget

from . import locate as L
from .accessibility import accessibility_checks
from .model import Box, CheckResult, not_applicable
from .pixels import measure_contrast
from .snapshot import (CLEARANCE, CLOSE_CORNER, CLOSE_MIN, GLYPH_CONTRAST, HOT_KINDS, MAX_SCREEN_SHARE, S_CLOSE,
                       S_REPORT, Snapshot, _check, _glyphs_check, _kind_note, _shows, _unobstructed, _yes, spellings,
                       take_snapshot)
from .static_text import check_ad_label, check_provider, check_source

log = logging.getLogger(__name__)

#: A popup faded below this is not "visible" (its close, its badge), whatever its pixels say.
MIN_OPACITY = 0.95

__all__ = ["CLEARANCE", "Snapshot", "fixed_geometry", "spellings", "static_checks", "take_snapshot"]

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
    area = area.intersected(L.visible_rect(popup, close))  # a parent or the popup clips the rest away
    opacity = popup.window().windowOpacity()
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
        _check(rule, "window-opacity", opacity >= MIN_OPACITY, f"{opacity:.0%}", f"≥ {MIN_OPACITY:.0%}",
               "the window's opacity, which the pixels the kit renders do not show"),
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


# ----------------------------------------------------------------- ui-bounds


def check_bounds(snap: Snapshot) -> list[CheckResult]:
    rule = "ui-bounds"
    window = snap.popup.window()
    geometry = window.frameGeometry()
    available = snap.available
    inside = available.contains(geometry)
    area = geometry.width() * geometry.height()
    of = snap.share_area or available
    share = area / max(1, of.width() * of.height())
    state = window.windowState()
    full = bool(state & (Qt.WindowState.WindowFullScreen | Qt.WindowState.WindowMaximized))
    screen = window.screen()
    covers_screen = screen is not None and geometry.contains(screen.geometry())
    return [
        _check(rule, "inside-screen", inside, f"{L.box(geometry)}", f"inside {L.box(available)}"),
        _check(rule, "screen-share", share <= MAX_SCREEN_SHARE, f"{share:.1%} ({geometry.width()}×{geometry.height()})",
               f"≤ {MAX_SCREEN_SHARE:.1%} of {of.width()}×{of.height()}"),
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
    accessibility_checks,
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
