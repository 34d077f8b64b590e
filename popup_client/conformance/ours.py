"""Our own popups as the conformance kit sees them: a payload rendered by popup-client's renderer.

:func:`render_popup` turns a payload (JSON file, bytes, text or dict) into a
shown :class:`~popup_client.ui.popup_window.PopupWindow`, laid out exactly
as on screen but not mapped (``WA_DontShowOnScreen``), placed where the
stack would place it, with the ``popup_kind`` and ``popup_verified``
properties set and its signals wired as the app wires them (「查看详情」
opens the browser). :func:`check_payload` lints a payload and checks its
rendering; a QSS theme, when given, is applied on top of the window's own
style, as the app applies it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from popup_client.core.clock import Clock, FixedClock, SystemClock
from popup_client.core.errors import PayloadError, Problem
from popup_client.core.journal import Journal
from popup_client.core.paths import prefs_path
from popup_client.core.payload import Popup, parse_popup
from popup_client.core.prefs import PrefsStore
from popup_client.service import PopupService
from popup_client.ui.popup_window import PopupWindow
from popup_client.ui.render import ensure_app
from popup_client.ui.links import open_https
from popup_client.ui.stack import MARGIN
from popup_client.ui.theme import ThemeChoice
from popup_client.ui.view import PopupView, view_from_popup

from .locate import KIND_PROPERTY, SCALE_PROPERTY, VERIFIED_PROPERTY
from .model import ConformanceError, Result
from .runner import DEFAULT_SETTLE_MS, REFERENCE_AVAILABLE, Subject, attach_subject, check_popup

log = logging.getLogger(__name__)

Payload = str | bytes | dict[str, Any] | Path
#: Right-to-left, markup-laden, very long: what a hostile provider sends to move or restyle a popup.
HOSTILE_TEXT = "\u202e\u2067<b style='font-size:40px;color:red'>大</b><img src=x>&amp; " + "\u05d0\u0628" * 3000
_LINK_RULES = ("link-scheme", "third-party-link")


@dataclass(frozen=True)
class Rendered:
    """A payload ready to render: its view, and what lint found."""

    name: str
    view: PopupView | None
    problems: list[Problem]


def read_payload(payload: Payload) -> tuple[str, bytes]:
    """(name, raw bytes) of a payload given as a path, JSON text, bytes or a dict."""
    if isinstance(payload, dict):
        return str(payload.get("id", "payload")), json.dumps(payload, ensure_ascii=False).encode("utf-8")
    if isinstance(payload, bytes):
        return "payload", payload
    if isinstance(payload, Path) or (isinstance(payload, str) and not payload.lstrip().startswith("{")):
        path = Path(payload)
        try:
            return path.name, path.read_bytes()
        except OSError as exc:
            raise ConformanceError(f"cannot read {path}: {exc.strerror or exc}") from None
    return "payload", payload.encode("utf-8")


def lint_service(now: datetime | None = None) -> PopupService:
    """A service over an in-memory journal and the user's preferences, for lint (like ``popup-client lint``)."""
    clock: Clock = SystemClock() if now is None else FixedClock(now, SystemClock().local_tz())
    service = PopupService(Journal(":memory:", clock=clock), PrefsStore(prefs_path()), clock=clock)
    for warning in service.warnings:  # e.g. a corrupt preferences file, moved aside
        log.warning("%s", warning)
    return service


def prepare(payload: Payload, *, verified: bool = True, now: datetime | None = None, lint: bool = True) -> Rendered:
    """Parse and lint ``payload``; build the view the app would show (None if it does not parse)."""
    name, raw = read_payload(payload)
    try:
        popup: Popup = parse_popup(raw)
    except PayloadError as exc:
        return Rendered(name, None, list(exc.problems))
    problems = lint_service(now).lint(raw) if lint else []
    link_ok = not any(p.rule in _LINK_RULES and p.path == "link" for p in problems)
    view = view_from_popup(popup, receipt_id=0, verified=verified, link_allowed=link_ok)
    return Rendered(name, view, problems)


def hostile_view(view: PopupView, *, text: str = HOSTILE_TEXT, targets: int = 5) -> PopupView:
    """``view`` with hostile ``text`` in every field a payload fills."""
    return replace(
        view,
        provider_name=text,
        title=text,
        body=(text + "\n") * 3,
        source=text if view.source else None,
        advertiser=text if view.advertiser else None,
        payer=text if view.payer else None,
        targeting=(text,) * targets if view.targeting else (),
    )


def apply_stylesheet(window: QWidget, qss: str) -> None:
    """Put a theme's QSS on top of the window's own style sheet (as the app does)."""
    extra = getattr(window, "set_extra_stylesheet", None)
    if callable(extra):
        extra(qss)
    else:
        window.setStyleSheet(window.styleSheet() + "\n/* theme */\n" + qss)


def new_window(view: PopupView, *, scale: float = 1.0, dark: ThemeChoice = False, qss: str | None = None,
               available: QRect | None = None, text_scale: float = 1.0) -> PopupWindow:  # fmt: skip
    """A shown, unmapped popup window for ``view``, placed where the stack puts the first popup.

    ``dark``: the palette (True, False, or a theme's name: ``high-contrast-light``…); ``text_scale``:
    the text size (1–2, the ``appearance.text_size`` preference over 100).
    """
    ensure_app()
    window = PopupWindow(text_scale=text_scale)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.setProperty(KIND_PROPERTY, view.kind)
    window.setProperty(VERIFIED_PROPERTY, view.verified)
    window.setProperty(SCALE_PROPERTY, scale)
    window.set_theme(dark)
    window.set_render_scale(scale)
    if qss:
        apply_stylesheet(window, qss)
    window.details_requested.connect(open_https)
    window.set_view(view)
    area = available or _screen_area()
    window.move(QPoint(area.x() + area.width() - MARGIN - window.width(), area.y() + MARGIN))
    window.show()
    QApplication.processEvents()
    return window


def _screen_area() -> QRect:
    """Where the stack would place a popup here: the primary screen's available area (offscreen's too)."""
    screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(*REFERENCE_AVAILABLE)


def _release(window: QWidget) -> None:
    window.hide()
    window.deleteLater()


def subject_for(view: PopupView, *, name: str = "popup", scale: float = 1.0, dark: ThemeChoice = False,
                qss: str | None = None, available: QRect | None = None, text_scale: float = 1.0) -> Subject:  # fmt: skip
    """Fresh windows of ``view`` (and of its hostile variant) for the behaviour checks."""

    def make(v: PopupView) -> Subject:
        return Subject(lambda: new_window(v, scale=scale, dark=dark, qss=qss, available=available, text_scale=text_scale),
                       release=_release, on_screen=False, name=name)  # fmt: skip

    subject = make(view)
    subject.hostile = make(hostile_view(view))
    return subject


def render_popup(payload: Payload | PopupView, *, scale: float = 1.0, theme: str | Path | None = None,
                 dark: ThemeChoice = False, verified: bool = True, available: QRect | None = None,
                 text_scale: float = 1.0) -> PopupWindow:  # fmt: skip
    """Render a payload (or a view) with popup-client's renderer; a shown PopupWindow ready to check.

    ``theme`` is QSS text or a path to a ``.qss`` file. The window carries
    its subject, so :func:`~popup_client.conformance.runner.check_popup`
    gets fresh copies of it for the behaviour checks.
    """
    if isinstance(payload, PopupView):
        view, name = payload, payload.provider_id or "popup"
    else:
        prepared = prepare(payload, verified=verified)
        if prepared.view is None:
            raise ConformanceError(f"{prepared.name} does not parse: " + "; ".join(p.message for p in prepared.problems))
        view, name = prepared.view, prepared.name
    qss = read_qss(theme) if theme is not None else None
    subject = subject_for(view, name=name, scale=scale, dark=dark, qss=qss, available=available, text_scale=text_scale)
    window = new_window(view, scale=scale, dark=dark, qss=qss, available=available, text_scale=text_scale)
    attach_subject(window, subject)
    return window


def read_qss(theme: str | Path) -> str:
    """QSS text: ``theme`` itself, or the file it names."""
    if isinstance(theme, Path) or (isinstance(theme, str) and "{" not in theme):
        try:
            return Path(theme).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConformanceError(f"cannot read the theme {theme}: {getattr(exc, 'strerror', None) or exc}") from None
    return theme


def check_view(view: PopupView, *, name: str, scale: float = 1.0, dark: ThemeChoice = False, qss: str | None = None,
               available: QRect | None = None, settle_ms: int = DEFAULT_SETTLE_MS, text_scale: float = 1.0) -> Result:  # fmt: skip
    """Every check on our rendering of ``view``."""
    ensure_app()
    subject = subject_for(view, name=name, scale=scale, dark=dark, qss=qss, available=available, text_scale=text_scale)
    return check_popup(subject, kind=view.kind, verified=view.verified, available=available, scale=scale,
                       settle_ms=settle_ms, name=name)  # fmt: skip


def check_payload(payload: Payload, *, scale: float = 1.0, dark: ThemeChoice = False, qss: str | None = None,
                  verified: bool = True, now: datetime | None = None, available: QRect | None = None,
                  settle_ms: int = DEFAULT_SETTLE_MS, text_scale: float = 1.0) -> Result:  # fmt: skip
    """Lint a payload, render it and check the rendering; lint problems are kept in ``Result.problems``."""
    prepared = prepare(payload, verified=verified, now=now)
    if prepared.view is None:
        result = Result(subject=prepared.name, scale=scale)
        result.notes.append("the payload does not parse, so nothing was rendered")
    else:
        result = check_view(prepared.view, name=prepared.name, scale=scale, dark=dark, qss=qss, available=available,
                            settle_ms=settle_ms, text_scale=text_scale)  # fmt: skip
    result.problems = [p.as_dict() for p in prepared.problems]
    return result
