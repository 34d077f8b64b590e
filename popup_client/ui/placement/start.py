"""Choosing the placement when ``popup-client run`` starts, and making its placer.

Two steps, because one must happen before Qt loads: :func:`choose_for_session`
(before the QApplication: it may have to put Qt on XWayland) and
:func:`make_placer` (after it). The app prints the choice's one line and its
warnings; a layer-shell connection that cannot be made falls back to plain
windows, with a warning, rather than stop the app.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

from .choice import Choice, Session, choose
from .placers import Placer, QtPlacer

log = logging.getLogger(__name__)


@dataclass
class Started:
    """The placer in use and what to tell the user about it."""

    placer: Placer
    line: str
    warnings: list[str] = field(default_factory=list)


def _probe(display: str) -> frozenset[str]:
    from ..wayland.probe import offered_globals

    return offered_globals(display)


def preferred_mechanism(path: Path) -> str:
    """The ``placement.mechanism`` preference, read without side effects (the app loads the file properly later)."""
    from ...core.prefs import PrefsStore

    return PrefsStore(path).peek().placement.mechanism


def choose_for_session(preference: str, env: MutableMapping[str, str] | None = None) -> Choice:
    """The mechanism for this session; sets QT_QPA_PLATFORM when it needs Qt on X11 (call before Qt starts)."""
    env = os.environ if env is None else env
    choice = choose(Session.from_environ(env, sys.platform), preference, _probe)
    if choice.qt_platform and not env.get("QT_QPA_PLATFORM"):
        env["QT_QPA_PLATFORM"] = choice.qt_platform
    return choice


def make_placer(choice: Choice, corner: Callable[[], str]) -> Started:
    """The placer for ``choice`` (the QApplication exists); plain windows if layer-shell fails."""
    if choice.mechanism == "layer-shell" and choice.wayland_display:
        from ..wayland.connection import WaylandError
        from .layer import LayerShellPlacer

        try:
            placer: Placer = LayerShellPlacer.connect(choice.wayland_display, corner)
        except (WaylandError, KeyError, OSError) as exc:
            fallback = Choice("window", f"the layer-shell connection failed: {exc}")
            return Started(QtPlacer("window"), fallback.line(corner()), [f"{exc}; popups are plain windows"])
        return Started(placer, choice.line(corner()), list(choice.warnings))
    return Started(QtPlacer(choice.mechanism), choice.line(corner()), list(choice.warnings))
