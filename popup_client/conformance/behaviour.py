"""The behaviour checks: what a :class:`~popup_client.conformance.batch.Run` saw, held to the guarantees.

Each check says what it could not observe (a platform with no real window
system cannot show whether focus moved) instead of passing silently.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QWidget

from . import locate as L
from .batch import GRID, SAMPLE_MS, Probe, Run
from .inputs import click, wait
from .model import CheckResult, not_applicable
from .observe import Observation
from .paint import record_text

log = logging.getLogger(__name__)

WHY_AD_KEYS = ("广告主", "付费方", "推送原因")
HOT_KINDS = ("ad", "news", "content")
OPENS = ("url", "window")
ROLES = ("shown", "grid", "esc", "hot", "near")


def _why_key_shown(key: str, text: str) -> bool:
    """The key, or (under a translator) the translation of its label 「key：」, appears."""
    from .static import spellings

    return key in text or any(s.rstrip(":： ") in text for s in spellings(key + "："))


def _listed(observations: list[Observation], limit: int = 3) -> str:
    shown = [o.line() for o in observations[:limit]]
    return ", ".join(shown) + (f" and {len(observations) - limit} more" if len(observations) > limit else "")


def _watched(run: Run) -> str:
    return f"watched {run.watch_ms} ms after showing and after the clicks"


def _not_by_itself(run: Run, roles: tuple[str, ...]) -> list[Observation]:
    """What these roles' popups opened, less what the untouched popup opens too (the show's doing, not the click's)."""
    by_itself = {o.what for o in _of_roles(run, ("shown",), OPENS)}
    return [o for o in _of_roles(run, roles, OPENS) if o.what not in by_itself]


def _of_roles(run: Run, roles: tuple[str, ...], kinds: tuple[str, ...]) -> list[Observation]:
    """Observations of these roles' popups, and those whose source is still unknown (never passed silently)."""
    return [o for o in run.observer.observations if o.kind in kinds and (o.role in roles or o.role is None)]


# ----------------------------------------------------------------- first frame, focus


def first_frame_checks(run: Run) -> list[CheckResult]:
    rule = "ui-close"
    frames = [e.frame for e in run.observer.popups if e.frame.window_painted and e.role in ROLES]
    bad = [f for f in frames if f.close_in_frame is False or not (f.enabled and f.visible)
           or f.control_enabled is False or f.control_visible is False]  # fmt: skip
    if not frames:
        measured, ok = "the popup was never painted", False
    elif bad:
        f = bad[0]
        ok = False
        measured = ("no close control in the first frame" if f.close_in_frame is False else
                    f"visible: {'yes' if f.visible and f.control_visible is not False else 'no'}, "
                    f"enabled: {'yes' if f.enabled and f.control_enabled is not False else 'no'}")  # fmt: skip
    else:
        measured, ok = "visible: yes, enabled: yes", True
    stayed = run.stayed_enabled and run.samples > 0
    return [
        CheckResult(rule, "close-first-frame", ok, measured, "visible and enabled in the first frame",
                    f"the close control's state when the first frame of each of {len(frames)} fresh popups "
                    "and the control itself were painted"),
        CheckResult(rule, "close-stays-enabled", stayed,
                    f"{'enabled' if stayed else 'not enabled'} in {run.samples} samples", "enabled throughout",
                    f"sampled every {SAMPLE_MS} ms for {run.watch_ms} ms after showing"),
    ]  # fmt: skip


def focus_checks(run: Run) -> list[CheckResult]:
    rule = "ui-no-focus-steal"
    asked = _of_roles(run, ROLES, ("activation",))
    checks = [
        CheckResult(rule, "no-activation-request", not asked, f"{len(asked)} activation requests", "0",
                    (_listed(asked) + "; " if asked else "") + "Qt reports a window that refuses focus asking to be "
                    f"activated; {_watched(run)}"),
        CheckResult(rule, "focus-flag-kept", run.flag_kept, f"WindowDoesNotAcceptFocus at the end: "
                    f"{'yes' if run.flag_kept else 'no'}", "still set", f"{_watched(run)} (a popup may drop the "
                    "flag later to take the keyboard)"),
    ]  # fmt: skip
    if run.focus_kept is None:
        checks.append(not_applicable(rule, "focus-kept", f"not measurable: {run.focus_why_not}; judged by the "
                                     "window flags and activation requests only"))  # fmt: skip
    else:
        activated = _of_roles(run, ("shown",), ("active",))
        kept = run.focus_kept and not activated
        measured = run.focus_to if not activated else _listed(activated)
        checks.append(CheckResult(rule, "focus-kept", kept, measured, "the focused window keeps focus",
                                  f"a focused window, then the popups; {_watched(run)}"))  # fmt: skip
    return checks


# ----------------------------------------------------------------- closing


def closing_checks(run: Run) -> list[CheckResult]:
    rule = "ui-one-click"
    grid, esc = run.of("grid"), run.of("esc")
    if not grid:
        why = "no close control to click"
        return [CheckResult(rule, "one-click-closes", False, "hidden after one click: no", "hidden at once", why),
                CheckResult(rule, "close-area-closes", False, "no close control", "every point closes", why),
                _esc_check(esc), _stays_closed(run), _close_opens_nothing(run)]  # fmt: skip
    centre, spread = grid[0], grid[1:]
    closing = [p for p in spread if p.closed]
    missed = [p for p in spread if not p.closed]
    where = ", ".join(f"({p.point.x()}, {p.point.y()}) reaches {p.taker_name or 'the popup'}" for p in missed[:3])
    area = f"{len(closing)} of {len(spread)} points ({len(closing) / max(1, len(spread)):.0%})"
    return [
        CheckResult(rule, "one-click-closes", centre.closed, f"hidden after one click: {'yes' if centre.closed else 'no'}",
                    "hidden at once", f"one click at the centre of the close control, ({centre.point.x()}, "
                    f"{centre.point.y()})"),
        CheckResult(rule, "close-area-closes", not missed, area, "every point closes",
                    (f"not closing: {where}; " if missed else "") + f"a {GRID}×{GRID} grid over the whole close "
                    f"control {L.box(run.close_rect) if run.close_rect else ''}, each a real click on a fresh popup"
                    + (" (the one widget given, shown again for each)" if run.reused else "")),
        _esc_check(esc), _stays_closed(run), _close_opens_nothing(run),
    ]  # fmt: skip


def _esc_check(esc: list[Probe]) -> CheckResult:
    ok = bool(esc) and esc[0].closed
    return CheckResult("ui-one-click", "esc-closes", ok, f"hidden after Esc: {'yes' if ok else 'no'}", "hidden at once",
                       "Esc sent to the popup's window")  # fmt: skip


def _stays_closed(run: Run) -> CheckResult:
    closed = [p for p in run.probes if p.role in ("grid", "esc") and p.closed]
    back = [p for p in closed if p.visible_after] if not run.reused else []
    again = _of_roles(run, ("grid", "esc"), ("shown",))
    ok = bool(closed) and not back and not again
    measured = ("shown again: " + _listed(again) if again else
                f"{len(back)} visible again" if back else "stayed hidden" if closed else "never closed")  # fmt: skip
    return CheckResult("ui-one-click", "stays-closed", ok, measured, f"still hidden {run.watch_ms} ms later",
                       f"{len(closed)} closed popups watched")  # fmt: skip


def _close_opens_nothing(run: Run) -> CheckResult:
    opened = _not_by_itself(run, ("grid", "esc"))
    return CheckResult("ui-one-click", "close-opens-nothing", not opened, _listed(opened) if opened else "nothing opened",
                       "no URL, no window", _watched(run) + "; what the untouched popup also does counts under "
                       "show-opens-nothing")  # fmt: skip


def show_checks(run: Run) -> list[CheckResult]:
    opened = _of_roles(run, ("shown",), OPENS)
    return [CheckResult("ui-no-hot-zone", "show-opens-nothing", not opened,
                        _listed(opened) if opened else "nothing opened", "no URL, no other window",
                        f"a popup shown and never touched; {_watched(run)}")]  # fmt: skip


# ----------------------------------------------------------------- hot zones, clearance


def hot_zone_checks(run: Run, kind: str | None) -> list[CheckResult]:
    rule, name = "ui-no-hot-zone", "clicks-open-nothing"
    if kind not in HOT_KINDS:
        why = "the popup's kind is unknown (pass kind=)" if kind is None else f"a {kind} popup may act on a body click"
        return [not_applicable(rule, name, why)]
    clicks = run.of("hot") + run.of("near")
    opened = _not_by_itself(run, ("hot", "near"))
    first = next((p.label for p in clicks if "→" in p.label), "")
    named = sorted({p.label.split(" →")[0] for p in run.of("hot") if p.label not in ("grid", "")})
    detail = (f"{len(clicks)} clicks on {', '.join(named[:8])}{' …' if len(named) > 8 else ''}, a 6×4 grid and around "
              f"the close control, labelled actions excepted; {_watched(run)}")
    measured = _listed(opened) + (f" (clicking {first.split(' →')[0]})" if first else "") if opened else \
        f"nothing opened ({len(clicks)} clicks)"
    return [CheckResult(rule, name, not opened and bool(clicks), measured, "no URL, no window", detail)]


def reactors_near_close(run: Run) -> list[tuple[str, int]]:
    """What took a click near the close control, with the click's distance from it (px)."""
    if run.close_rect is None:
        return []
    out: list[tuple[str, int]] = []
    for probe in run.of("near"):
        if probe.taker is None or probe.taker_is_close:
            continue
        dx = max(run.close_rect.left() - probe.point.x(), probe.point.x() - run.close_rect.right(), 0)
        dy = max(run.close_rect.top() - probe.point.y(), probe.point.y() - run.close_rect.bottom(), 0)
        out.append((probe.taker_name, max(dx, dy)))
    return sorted(out, key=lambda item: item[1])


def clearance_check(static: CheckResult, run: Run) -> CheckResult:
    """``close-clearance`` from the widget tree, joined by what really took a click near the close control."""
    reactors = reactors_near_close(run)
    if not reactors or not static.passed:
        return CheckResult(static.rule, static.name, static.passed, static.measured, static.threshold,
                           (static.detail + "; " if static.detail else "") + f"{len(run.of('near'))} clicks within "
                           "8 px of it reached nothing that takes a click")  # fmt: skip
    widget, distance = reactors[0]
    from .static import CLEARANCE

    return CheckResult(static.rule, static.name, False, f"{distance} px to {widget}", static.threshold,
                       f"a click {distance} px from the close control was taken by {widget}; "
                       f"{len(reactors)} of {len(run.of('near'))} clicks within {CLEARANCE} px were taken")  # fmt: skip


# ----------------------------------------------------------------- why this ad


def why_ad_checks(popup: QWidget, kind: str | None) -> list[CheckResult]:
    """Click 「为什么看到此广告」 (if the popup does not show it all already) and read what is shown."""
    rule, name = "ui-why-ad", "why-ad-shows"
    if kind != "ad":
        return [not_applicable(rule, name, "not an ad" if kind else "the popup's kind is unknown (pass kind=)")]
    before = record_text(popup).all_text()
    how = "shown without a click"
    if not all(_why_key_shown(key, before) for key in WHY_AD_KEYS):
        control = L.find(popup, "why_ad")
        if control is None or not L.is_shown(popup, control):
            return [CheckResult(rule, name, False, "no 「为什么看到此广告」 control", "advertiser, payer, targeting shown")]
        from PySide6.QtWidgets import QApplication

        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        click(popup, L.rect_in(popup, control).center())
        wait(1)
        how = "after one click on " + L.describe(control)
        new = [w for w in QApplication.topLevelWidgets() if w.isVisible() and not any(w is x for x in windows)]
        before = "\n".join([record_text(popup).all_text(), *(record_text(w).all_text() for w in new)])
    found = [key for key in WHY_AD_KEYS if _why_key_shown(key, before)]
    missing = [key for key in WHY_AD_KEYS if not _why_key_shown(key, before)]
    measured = "shows " + "、".join(found) if not missing else "missing " + "、".join(missing)
    return [CheckResult(rule, name, not missing, measured, "「广告主」「付费方」「推送原因」 shown", how)]
