"""The static checks on what a popup says: the provider's name, the 「广告」 badge, the advertiser, the source.

Text sizes are measured twice: the font the text was painted with, and the
height of its ink on the pixels against the same characters drawn at 12 px
by the same renderer (:mod:`~popup_client.conformance.glyphs`), so a badge
painted under a scale transform is seen at the size it shows.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QLabel, QWidget

from . import locate as L
from .glyphs import cjk_part, measure_ink
from .model import CheckResult, not_applicable
from .paint import TextRun, visible_chars
from .pixels import measure_contrast
from .snapshot import (BADGE_CONTRAST, MIN_PROVIDER_CHARS, PLACEHOLDERS, S_AD, S_ADVERTISER, S_SOURCE,
                       S_UNVERIFIED, Snapshot, _after_prefix, _check, _glyphs_check, _in_header, _kind_note, _missing,
                       _shows, _size_check, _text_box, _unobstructed, _yes)

log = logging.getLogger(__name__)

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
        _text_size(snap, provider, rule, "provider-text-size", "the provider's name", runs),
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
    return _check(rule, name, ok, _as_painted(painted), f"「{S_UNVERIFIED}」 shown", L.describe(mark))


def _as_painted(painted: str) -> str:
    """What a line showed, as the report prints it."""
    return f"「{painted}」" if painted else "absent"


def _names_something(value: str) -> bool:
    """A name after its prefix (「广告主：」, 「来源：」) that is really a name, not blank or a placeholder."""
    return visible_chars(value) > 0 and value.strip() not in PLACEHOLDERS


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
        _text_size(snap, badge, rule, "badge-text-size", f"「{S_AD}」", runs, focus=text_box),
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
    ok = _names_something(value)
    return _check("ui-ad-label", "advertiser-named", ok, _as_painted(painted),
                  f"「{S_ADVERTISER}…」 shown", L.describe(line))  # fmt: skip


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
        _check(rule, "source-named", _names_something(value),
               _as_painted(painted),
               f"「{S_SOURCE}…」 shown", L.describe(line)),
        _glyphs_check(rule, "source-glyphs", f"「{S_SOURCE}」", runs) if runs else
        not_applicable(rule, "source-glyphs", "no source line painted"),
    ]  # fmt: skip


def _text_size(snap: Snapshot, widget: QWidget, rule: str, name: str, what: str, runs: list[TextRun],
               focus: QRectF | None = None) -> CheckResult:  # fmt: skip
    """The font's size, and the ink's height on the pixels against the same characters drawn at 12 px."""
    by_font = _size_check(rule, name, what, runs)
    if not runs or not by_font.passed:
        return by_font
    rect = L.visible_rect(snap.popup, widget)
    contrast = measure_contrast(snap.image, rect, snap.scale, focus=focus)
    if contrast is None or contrast.foreground is None:
        return _check(rule, name, False, f"{by_font.measured} font, no ink", by_font.threshold,
                      f"{what}: nothing drawn in the text colour")  # fmt: skip
    text = cjk_part("".join(r.text for r in runs))
    ink = measure_ink(snap.image, rect, snap.scale, text, runs[0].font, contrast.background, contrast.foreground)
    return _check(rule, name, ink.passed, f"{by_font.measured} font, ink {ink.height:g} px",
                  f"{by_font.threshold}, ink ≥ that of 12 px text ({ink.reference:g} px)",
                  f"{what}: {ink.describe(text)}, measured at {snap.scale:g}×")  # fmt: skip
