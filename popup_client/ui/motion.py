"""Motion: none when the system asks for none, or the ``appearance.reduce_motion`` preference does.

A popup appears and leaves at once: it has no animation of its own (no
slide, no fade), and must get none that ignores this module. What moves
is Qt's: tooltips that fade or slide in (an elided title's full text, a
button's tooltip), combo boxes and menus that animate open. Qt enables
those only where the platform theme reports UI effects on — the desktop's
animation setting: GNOME's ``enable-animations`` through the GTK platform
theme, Windows' client-area animation setting — so :func:`system_reduces_motion`
is "Qt reports no UI effects". :func:`apply_motion` turns every effect off
when the preference asks for it, and gives the system's choice back when it
no longer does. Any future animation must ask :func:`animations_allowed` first.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ..core.prefs import Preferences

log = logging.getLogger(__name__)

#: Qt's effects, each of which moves something on screen.
EFFECTS = (
    Qt.UIEffect.UI_General, Qt.UIEffect.UI_AnimateMenu, Qt.UIEffect.UI_FadeMenu, Qt.UIEffect.UI_AnimateCombo,
    Qt.UIEffect.UI_AnimateTooltip, Qt.UIEffect.UI_FadeTooltip, Qt.UIEffect.UI_AnimateToolBox,
)  # fmt: skip
_system: dict[Qt.UIEffect, bool] | None = None


def _system_effects() -> dict[Qt.UIEffect, bool]:
    """The effects as the platform set them, read once before this module changed any."""
    global _system
    if _system is None:
        _system = {effect: QApplication.isEffectEnabled(effect) for effect in EFFECTS}
    return _system


def system_reduces_motion() -> bool:
    """Whether the system asks for no animation (Qt reports its UI effects off)."""
    return not _system_effects()[Qt.UIEffect.UI_General]


def animations_allowed(prefs: Preferences) -> bool:
    """Whether anything may animate: neither the preference nor the system asks for no motion."""
    return not prefs.appearance.reduce_motion and not system_reduces_motion()


def apply_motion(prefs: Preferences) -> None:
    """Every Qt effect off when the preference asks for no motion; the system's own choice otherwise."""
    system = _system_effects()
    reduce = prefs.appearance.reduce_motion
    for effect, enabled in system.items():
        QApplication.setEffectEnabled(effect, enabled and not reduce)
    log.debug("motion: %s", "reduced (preference)" if reduce else "as the system says" + (" (none)" if system_reduces_motion() else ""))
