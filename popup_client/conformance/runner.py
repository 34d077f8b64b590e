"""Run every check on a popup: :func:`check_popup`.

A popup is given as a shown widget, as a factory (a callable returning a
new popup, shown or not), or as a :class:`Subject`. Static checks need one
shown popup; behaviour checks close popups, so each runs on a fresh one
from the factory. Given only a widget, the kit hides and shows that same
widget again for each behaviour check (say so in your evidence: a factory
proves more, e.g. that the close control is enabled the first time the
popup is ever painted).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Union

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QWidget

from . import behaviour as B
from . import locate as L
from .accessibility import listening
from .batch import NO_FOCUS_PLATFORMS, run_batch
from .inputs import settle
from .model import ConformanceError, Result
from .observe import Observer, observing
from .paint import record_text
from .static import Snapshot, fixed_geometry, static_checks, take_snapshot

log = logging.getLogger(__name__)

#: The available area assumed where no real screen exists (offscreen rendering): a small laptop's, in logical px.
REFERENCE_AVAILABLE = (0, 0, 1280, 720)
#: How long the kit watches every popup after showing it and after clicking it (late URLs, focus grabs, re-shows).
DEFAULT_SETTLE_MS = 2000
SUBJECT_ATTRIBUTE = "_conformance_subject"


class Subject:
    """Where the popups under test come from.

    Args:
        factory: returns a new popup (shown, or the kit shows it).
        release: called with each popup the kit is done with (default: hide it and delete it, which also
            stops its timers: fresh popups from a factory belong to the kit).
        on_screen: False if the popups are never mapped on a screen (focus cannot be measured then).
        hostile: the same popup with hostile text in every payload field, for ``ui-no-provider-style``.
        name: what to call it in reports.
    """

    def __init__(
        self,
        factory: Callable[[], QWidget],
        *,
        release: Callable[[QWidget], None] | None = None,
        on_screen: bool = True,
        hostile: Subject | None = None,
        name: str | None = None,
        reused: bool = False,
    ) -> None:
        self._factory = factory
        self._release = release or _hide_and_delete
        self.on_screen = on_screen
        self.hostile = hostile
        self.name = name
        self.reused = reused

    def new(self) -> QWidget:
        popup = self._factory()
        if not isinstance(popup, QWidget):
            raise ConformanceError(f"the popup factory returned {type(popup).__name__}, not a QWidget")
        return popup

    def release(self, popup: QWidget) -> None:
        self._release(popup)


Target = Union[QWidget, Callable[[], QWidget], Subject]


def _hide_and_delete(widget: QWidget) -> None:
    widget.hide()
    widget.deleteLater()


def _reshow(widget: QWidget) -> QWidget:
    widget.hide()
    QApplication.processEvents()
    widget.show()
    return widget


def as_subject(target: Target) -> Subject:
    """The subject for a widget, a factory or a subject."""
    if isinstance(target, Subject):
        return target
    if isinstance(target, QWidget):
        attached = getattr(target, SUBJECT_ATTRIBUTE, None)
        if isinstance(attached, Subject):
            return attached
        name = target.objectName() or type(target).__name__
        return Subject(lambda: _reshow(target), release=lambda w: w.hide(), on_screen=not _unmapped(target), name=name,
                       reused=True)  # fmt: skip
    if callable(target):
        return Subject(target)
    raise ConformanceError(f"cannot check {type(target).__name__}: give a QWidget or a callable returning one")


def attach_subject(widget: QWidget, subject: Subject) -> None:
    """Let :func:`check_popup` make fresh copies of ``widget`` from ``subject``."""
    setattr(widget, SUBJECT_ATTRIBUTE, subject)


def _unmapped(widget: QWidget) -> bool:
    from PySide6.QtCore import Qt

    return widget.window().testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)


def default_available(popup: QWidget) -> tuple[QRect, QRect, str]:
    """(the area a popup must stay inside, the area its 1/8 share is of, how they were chosen).

    The popup must lie inside the available area of the screen Qt reports for
    it — a real one, or the one Qt's ``offscreen`` platform makes up (800 × 800
    by default) — since that is where it placed itself. The share is of that
    area on a real screen; with no real screen (offscreen), of the reference
    area, a small laptop's 1280 × 720, as an invented screen's size says nothing.
    """
    platform = QGuiApplication.platformName()
    screen = popup.window().screen() or QGuiApplication.primaryScreen()
    reference = QRect(*REFERENCE_AVAILABLE)
    if screen is None:
        return reference, reference, f"no screen: the reference available area {L.box(reference)} was used"
    rect = screen.availableGeometry()
    how = f"inside the available area of screen {screen.name()!r}, {L.box(rect)}"
    if platform in NO_FOCUS_PLATFORMS:
        return rect, reference, how + f" (Qt's {platform} platform); share of the reference area {L.box(reference)}"
    return rect, rect, how


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


def _require_app() -> None:
    if QApplication.instance() is None:
        raise ConformanceError("the conformance kit needs a QApplication (pytest-qt's qapp, or ui.render.ensure_app())")


def _fixed_fonts(popup: QWidget, snap_text: Any) -> dict[str, tuple[str, float, int]]:
    fonts: dict[str, tuple[str, float, int]] = {}
    for key in ("ad_label", "report", "unverified", "details"):
        runs = snap_text.of(L.find(popup, key))
        if runs:
            fonts[key] = (runs[0].font.family(), runs[0].pixel_size, int(runs[0].font.weight()))
    return fonts


def check_popup(
    target: Target,
    *,
    kind: str | None = None,
    verified: bool | None = None,
    available: QRect | None = None,
    scale: float | None = None,
    settle_ms: int = DEFAULT_SETTLE_MS,
    behaviour: bool = True,
    name: str | None = None,
) -> Result:
    """Measure a popup against every ui-* guarantee of docs/rules.md.

    Args:
        target: a shown popup widget, a factory returning a new popup, or a :class:`Subject`.
        kind: ``ad``, ``news``, ``content`` or ``service``; default: the ``popup_kind`` property.
        verified: whether the provider is verified; default: the ``popup_verified`` property.
        available: the screen area the popup must stay inside (global logical px); default: its screen's.
        scale: the device pixel ratio pixels are measured at; default: the ``popup_scale`` property, else 1.
        settle_ms: how long the kit watches the popups after showing and clicking them (late URLs, focus
            grabs, a popup coming back); 2000 by default.
        behaviour: False runs the static checks only.
        name: what to call the popup in the result.
    """
    _require_app()
    subject = as_subject(target)
    given = target if isinstance(target, QWidget) else None
    result = Result(subject=name or subject.name or (type(given).__name__ if given else "popup"))
    with observing(result.subject) as observer:
        _check_observed(observer, result, subject, given, kind=kind, verified=verified, available=available,
                        scale=scale, settle_ms=settle_ms, behaviour=behaviour)  # fmt: skip
        result.notes += observer.earlier
    if given is not None and subject.reused:
        _reshow(given)
        settle(given)
    return result


def _made(observer: Observer, make: Callable[[], QWidget], role: str) -> QWidget:
    """A popup from ``make``, registered with the observer (its late effects are then its own)."""
    with observer.creating():
        popup = make()
    observer.adopt(popup, role)
    settle(popup)
    return popup


def _check_observed(observer: Observer, result: Result, subject: Subject, given: QWidget | None, *, kind: str | None,
                    verified: bool | None, available: QRect | None, scale: float | None, settle_ms: int,
                    behaviour: bool) -> None:  # fmt: skip
    heard = None
    if given is None:
        with listening() as heard:  # what the popup announces as it appears
            popup = _made(observer, subject.new, "static")
    else:
        popup = given
        observer.register(given, "static")
        if behaviour:  # shown again, as for each behaviour check, to hear it announced
            with listening() as heard:
                _reshow(given)
        settle(given)
    result.kind = L.popup_kind(popup, kind)
    scale = scale or _scale_of(popup)
    result.scale = scale
    snap = _snapshot(popup, result, kind=result.kind, verified=verified, available=available, scale=scale)
    snap.heard = heard
    reference = (fixed_geometry(popup), _fixed_fonts(popup, snap.text))
    result.add(static_checks(snap))
    result.boxes = dict(snap.boxes)
    if given is None:
        subject.release(popup)
    if not behaviour:
        result.notes.append("static checks only: no input was sent")
        return
    if subject.reused:
        result.notes.append("the widget given was hidden and shown again for each behaviour check (a factory "
                            "lets the kit watch fresh popups side by side)")  # fmt: skip
    run = run_batch(observer, subject.new, subject.release, on_screen=subject.on_screen, reused=subject.reused,
                    kind_hot=result.kind in B.HOT_KINDS, watch_ms=settle_ms)  # fmt: skip
    result.add(B.first_frame_checks(run) + B.focus_checks(run) + B.closing_checks(run) + B.show_checks(run)
               + B.hot_zone_checks(run, result.kind))  # fmt: skip
    _join_clearance(result, run)
    result.add(_why_ad(observer, subject, result.kind))
    result.add(_variation(observer, subject, reference))
    result.notes.append(f"behaviour: {len(observer.popups)} popups shown, {len(run.probes)} clicks, watched "
                        f"{settle_ms} ms; {run.seconds:.1f} s")  # fmt: skip
    result.notes += unobserved(run, settle_ms)


def unobserved(run: Any, settle_ms: int) -> list[str]:
    """What the behaviour checks could not see here, said rather than passed over."""
    out = [
        f"not observed: anything a popup does later than {settle_ms} ms after it was shown or clicked (a popup "
        "checked later in the same process reports it as this popup's, never counts it)",
        "not observed: URLs opened other than through QDesktopServices.openUrl, Python's webbrowser, subprocess or "
        "os.system (QProcess, a D-Bus call, another process), and windows of other processes",
        "not observed: window opacity a compositor adds; the kit reads the popup's own windowOpacity",
    ]
    if run.focus_kept is None:
        out.append(f"not observed: whether the user's window keeps the focus ({run.focus_why_not}); ui-no-focus-steal "
                   "rests on the window flags and Qt's activation warnings")  # fmt: skip
    if run.reused:
        out.append("not observed: whether the widget comes back between the clicks (one widget, shown again for each); "
                   "it is watched after the last")  # fmt: skip
    return out


def _join_clearance(result: Result, run: Any) -> None:
    for index, check in enumerate(result.checks):
        if check.name == "close-clearance":
            result.checks[index] = B.clearance_check(check, run)


def _scale_of(popup: QWidget) -> float:
    value = popup.property(L.SCALE_PROPERTY)
    return float(value) if isinstance(value, (int, float)) and 0.5 <= value <= 4 else 1.0


def _snapshot(popup: QWidget, result: Result, *, kind: str | None, verified: bool | None,
              available: QRect | None, scale: float) -> Snapshot:  # fmt: skip
    area, share, how = (available, available, "the available area given") if available is not None else \
        default_available(popup)
    snap = take_snapshot(popup, kind=kind, verified=L.popup_verified(popup, verified), available=area, scale=scale)
    snap.share_area = share
    result.size = (popup.width(), popup.height())
    result.screenshot_png = png_bytes(snap.image)
    result.notes.append(f"ui-bounds: {how}")
    if kind is None:
        result.notes.append("the popup's kind is unknown: kind-specific checks were not applied (pass kind=)")
    return snap


def _why_ad(observer: Observer, subject: Subject, kind: str | None) -> list[Any]:
    popup = _made(observer, subject.new, "why-ad")
    try:
        return B.why_ad_checks(popup, kind)
    finally:
        subject.release(popup)


def _variation(observer: Observer, subject: Subject, reference: tuple[dict[str, Any], dict[str, Any]]) -> list[Any]:
    from .model import CheckResult, not_applicable

    rule, name = "ui-no-provider-style", "payload-moves-nothing"
    if subject.hostile is None:
        return [not_applicable(rule, name, "no hostile variant of the payload to compare (the CLI and render_popup give one)")]
    varied = _made(observer, subject.hostile.new, "hostile")
    try:
        geometry, fonts = fixed_geometry(varied), _fixed_fonts(varied, record_text(varied))
    finally:
        subject.hostile.release(varied)
    moved = [key for key, value in reference[0].items() if geometry.get(key) != value]
    restyled = [f"{key} font" for key, value in reference[1].items() if fonts.get(key) not in (None, value)]
    changed = moved + restyled
    return [CheckResult(rule, name, not changed, "changed: " + ", ".join(changed) if changed else "nothing changed",
                        "no control moves, resizes or changes font",
                        "the same popup with long right-to-left, markup-laden text in every payload field")]  # fmt: skip
