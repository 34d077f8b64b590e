"""Render one popup to a PNG, offscreen, at any scale (for docs, tests and the conformance kit).

The popup is laid out exactly as on screen (``WA_DontShowOnScreen``: shown
to Qt, never mapped) and painted into a pixmap whose device pixel ratio is
``scale``: text and shapes are drawn at that resolution and images are
decoded for it, so ``scale=2`` gives a sharp PNG twice as large.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPixmap, QRegion
from PySide6.QtWidgets import QApplication, QWidget

from popup_client.core.errors import CoreError

from .popup_window import PopupWindow
from .theme import ThemeChoice
from .view import PopupView

log = logging.getLogger(__name__)

_app: QApplication | None = None


class RenderError(CoreError):
    """A popup could not be rendered or written."""


def ensure_app() -> QApplication:
    """The running QApplication, or a new one (offscreen when there is no display)."""
    global _app
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QApplication([sys.argv[0] if sys.argv else "popup-client"])
    return _app


def grab_scaled(widget: QWidget, scale: float) -> QImage:
    """Paint ``widget`` into an ARGB image of ``scale`` × its logical size."""
    pixmap = QPixmap(round(widget.width() * scale), round(widget.height() * scale))
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    flags = QWidget.RenderFlag.DrawWindowBackground | QWidget.RenderFlag.DrawChildren
    widget.render(pixmap, QPoint(0, 0), QRegion(), flags)
    return pixmap.toImage()


def render_window_png(window: PopupWindow, out: Path, *, scale: float = 1.0) -> dict[str, Any]:
    """Write an already filled ``window`` to ``out``; return its geometry report."""
    image = grab_scaled(window, scale)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):  # type: ignore[call-overload]  # PySide6 takes a str at run time
        raise RenderError(f"could not write {out}")
    report = window.geometry_report()
    report["device_pixel_ratio"] = scale
    report["png"] = {"path": str(out), "w": image.width(), "h": image.height()}
    return report


def render_popup_png(
    view: PopupView, out: Path, *, scale: float = 1.0, dark: ThemeChoice = None, text_scale: float = 1.0
) -> dict[str, Any]:
    """Render ``view`` to the PNG ``out`` at ``scale``; return the geometry report.

    ``dark`` True/False forces a palette (or a theme by name, e.g. ``high-contrast-dark``); None follows
    the system. ``text_scale`` is the text size (1–2: the ``appearance.text_size`` preference over 100).
    """
    if not 0.5 <= scale <= 4:
        raise RenderError(f"scale {scale} is out of range; use 0.5 to 4")
    app = ensure_app()
    window = PopupWindow(text_scale=text_scale)
    try:
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        window.set_theme(dark)
        window.set_render_scale(scale)
        window.show_view(view)
        app.processEvents()
        return render_window_png(window, Path(out), scale=scale)
    finally:
        window.hide()
        window.deleteLater()
