"""The bundled UI font: loaded once into Qt's application font database.

The app's own strings (「广告」, 「关闭」, 「举报」…) are drawn with "PopupUI
CJK", a subset of Noto Sans CJK SC shipped in ``resources/fonts/`` (SIL OFL
1.1; regenerate it with ``scripts/make-font-subset``), so they render on a
machine with no CJK font at all. Text from a payload uses the system font
first and falls back to the bundled family (see :mod:`popup_client.ui.theme`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFontDatabase, QGuiApplication

from popup_client.core.errors import CoreError
from popup_client.core.resources import resources_dir

log = logging.getLogger(__name__)

FONT_FILES = ("PopupUI-Regular.otf", "PopupUI-Bold.otf")
BUNDLED_FAMILY = "PopupUI CJK"

_loaded_family: str | None = None
_failed = False


class FontLoadError(CoreError):
    """The bundled font is missing or Qt refused it."""


def fonts_dir() -> Path:
    """Where the bundled font files are."""
    return resources_dir() / "fonts"


def _add_font(path: Path) -> str:
    if not path.is_file():
        raise FontLoadError(f"the bundled font {path} is missing; reinstall popup-client or run scripts/make-font-subset")
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise FontLoadError(f"Qt could not load the bundled font {path}")
    return str(families[0])


def load_bundled_font() -> str:
    """Register the bundled font files once; return their family name.

    Needs a QGuiApplication. Raises :class:`FontLoadError` if a file is
    missing or unreadable.
    """
    global _loaded_family
    if _loaded_family is not None:
        return _loaded_family
    if QGuiApplication.instance() is None:
        raise FontLoadError("load_bundled_font() needs a QGuiApplication")
    families = {_add_font(fonts_dir() / name) for name in FONT_FILES}
    if families != {BUNDLED_FAMILY}:
        raise FontLoadError(f"the bundled fonts name the families {sorted(families)}, expected {BUNDLED_FAMILY!r}")
    _loaded_family = BUNDLED_FAMILY
    log.debug("loaded the bundled font family %r from %s", BUNDLED_FAMILY, fonts_dir())
    return BUNDLED_FAMILY


def bundled_family() -> str:
    """The bundled family's name, loading it if needed; logs and degrades if it cannot load.

    A broken install then still shows popups, in the system's fonts.
    """
    global _failed
    if _failed:
        return BUNDLED_FAMILY
    try:
        return load_bundled_font()
    except FontLoadError as exc:
        _failed = True
        log.error("%s", exc)
        return BUNDLED_FAMILY
