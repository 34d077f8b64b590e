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
from .model import ConformanceError, Result
from .paint import record_text
from .static import Snapshot, fixed_geometry, static_checks, take_snapshot

log = logging.getLogger(__name__)

#: The available area assumed where no real screen exists (offscreen rendering): a small laptop's, in logical px.
REFERENCE_AVAILABLE = (0, 0, 1280, 720)
DEFAULT_SETTLE_MS = 300
SUBJECT_ATTRIBUTE = "_conformance_subject"


class Subject:
    """Where the popups under test come from.

    Args:
        factory: returns a new popup (shown, or the kit shows it).
        release: called with each popup the kit is done with (default: hide it).
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
        self._release = release or (lambda widget: widget.hide())
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
        return Subject(lambda: _reshow(target), on_screen=not _unmapped(target), name=name, reused=True)
    if callable(target):
        return Subject(target)
    raise ConformanceError(f"cannot check {type(target).__name__}: give a QWidget or a callable returning one")


def attach_subject(widget: QWidget, subject: Subject) -> None:
    """Let :func:`check_popup` make fresh copies of ``widget`` from ``subject``."""
    setattr(widget, SUBJECT_ATTRIBUTE, subject)


def _unmapped(widget: QWidget) -> bool:
    from PySide6.QtCore import Qt

    return widget.window().testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)


def default_available(popup: QWidget) -> tuple[QRect, str]:
    """The screen area a popup must stay inside, and how it was chosen."""
    platform = QGuiApplication.platformName()
    screen = popup.screen() or QGuiApplication.primaryScreen()
    if platform in B.NO_FOCUS_PLATFORMS or screen is None or _unmapped(popup):
        rect = QRect(*REFERENCE_AVAILABLE)
        return rect, f"no real screen ({platform}): the reference available area {rect.width()}×{rect.height()} was used"
    rect = screen.availableGeometry()
    return rect, f"the available area of screen {screen.name()!r}: {rect.width()}×{rect.height()}"


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
    """Measure a popup against every ui-* guarantee of RULES.md.

    Args:
        target: a shown popup widget, a factory returning a new popup, or a :class:`Subject`.
        kind: ``ad``, ``news``, ``content`` or ``service``; default: the ``popup_kind`` property.
        verified: whether the provider is verified; default: the ``popup_verified`` property.
        available: the screen area the popup must stay inside (global logical px); default: its screen's.
        scale: the device pixel ratio pixels are measured at; default: the ``popup_scale`` property, else 1.
        settle_ms: how long the kit watches after showing and closing (a popup must not come back).
        behaviour: False runs the static checks only.
        name: what to call the popup in the result.
    """
    _require_app()
    subject = as_subject(target)
    given = target if isinstance(target, QWidget) else None
    result = Result(subject=name or subject.name or (type(given).__name__ if given else "popup"))
    appeared = None
    if given is None and behaviour:
        appeared = B.appear(subject.new, on_screen=subject.on_screen, settle_ms=settle_ms)
        popup = appeared.popup
    else:
        popup = given if given is not None else subject.new()
        B.settle(popup)
    result.kind = L.popup_kind(popup, kind)
    scale = scale or _scale_of(popup)
    result.scale = scale
    snap = _snapshot(popup, result, kind=result.kind, verified=verified, available=available, scale=scale)
    reference = (fixed_geometry(popup), _fixed_fonts(popup, snap.text))
    result.add(static_checks(snap))
    result.boxes = dict(snap.boxes)
    if not behaviour:
        result.notes.append("static checks only: no input was sent")
        return result
    if appeared is None:
        appeared = B.appear(subject.new, on_screen=subject.on_screen, settle_ms=settle_ms)
        result.notes.append("the widget given was hidden and shown again for each behaviour check")
    result.add(B.first_frame_checks(appeared) + B.activation_checks(appeared))
    if not subject.reused:
        subject.release(appeared.popup)
    result.add(B.closing_checks(subject.new, subject.release, settle_ms))
    result.add(B.hot_zone_checks(subject.new, subject.release, result.kind, settle_ms))
    result.add(_why_ad(subject, result.kind))
    result.add(_variation(subject, reference))
    if given is not None and subject.reused:
        _reshow(given)
        B.settle(given)
    return result


def _scale_of(popup: QWidget) -> float:
    value = popup.property(L.SCALE_PROPERTY)
    return float(value) if isinstance(value, (int, float)) and 0.5 <= value <= 4 else 1.0


def _snapshot(popup: QWidget, result: Result, *, kind: str | None, verified: bool | None,
              available: QRect | None, scale: float) -> Snapshot:  # fmt: skip
    area, how = (available, "the available area given") if available is not None else default_available(popup)
    snap = take_snapshot(popup, kind=kind, verified=L.popup_verified(popup, verified), available=area, scale=scale)
    result.size = (popup.width(), popup.height())
    result.screenshot_png = png_bytes(snap.image)
    result.notes.append(f"ui-bounds: {how}")
    if kind is None:
        result.notes.append("the popup's kind is unknown: kind-specific checks were not applied (pass kind=)")
    return snap


def _why_ad(subject: Subject, kind: str | None) -> list[Any]:
    popup = subject.new()
    B.settle(popup)
    try:
        return B.why_ad_checks(popup, kind)
    finally:
        subject.release(popup)


def _variation(subject: Subject, reference: tuple[dict[str, Any], dict[str, Any]]) -> list[Any]:
    from .model import CheckResult, not_applicable

    rule, name = "ui-no-provider-style", "payload-moves-nothing"
    if subject.hostile is None:
        return [not_applicable(rule, name, "no hostile variant of the payload to compare (the CLI and render_popup give one)")]
    varied = subject.hostile.new()
    B.settle(varied)
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
