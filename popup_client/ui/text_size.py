"""How large a popup's text is: the ``appearance.text_size`` preference times the system's font scale.

A popup's fonts have pixel sizes (:mod:`.theme`), so the system's font
settings would never reach them by themselves; :func:`system_text_scale`
reads what the user set there — the application font's size against the
platform's stock size, and the logical DPI (GNOME's and Windows' text
scaling) — and :func:`text_scale` multiplies the preference by it, at most
2×. :func:`metrics_for` turns a scale into every size of a popup.

Whatever the text size, a popup keeps its width (360 px) and its height
bound (:data:`~.theme.MAX_HEIGHT`, so it covers at most 1/8 of a 1024 × 768
screen): larger text gets the compact layout — one line of title, fewer of
body, no image, the footer on two rows — and 「全文」 opens the whole text
in the history window when something was cut. The close button, its place
and its clearance never change.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass

from PySide6.QtGui import QFontDatabase, QGuiApplication

from ..core.prefs import TEXT_SIZE_MAX, TEXT_SIZE_MIN, Preferences
from . import theme as T

log = logging.getLogger(__name__)

#: The platforms' stock UI font size in points (Windows: Segoe UI 9; macOS: 13; Linux desktops: 10).
STOCK_POINTS = {"win32": 9.0, "darwin": 13.0}
STOCK_POINTS_OTHER = 10.0
#: The logical DPI at which a point size means what the stock size means.
STOCK_DPI = 96.0
MAX_SCALE = TEXT_SIZE_MAX / 100
#: From this scale on, a popup uses the compact layout.
COMPACT_FROM = 1.25


def system_text_scale() -> float:
    """The system's font scale: the general font's size (in px) against the platform's stock one; 1 at least."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    points = font.pointSizeF()
    if points <= 0:
        return 1.0
    screen = QGuiApplication.primaryScreen()
    dpi = screen.logicalDotsPerInchY() if screen is not None else STOCK_DPI
    stock = STOCK_POINTS.get(sys.platform, STOCK_POINTS_OTHER)
    scale = (points * dpi) / (stock * STOCK_DPI)
    return min(max(scale, 1.0), MAX_SCALE)


def text_scale(prefs: Preferences, *, system: float | None = None) -> float:
    """The scale popups draw their text at: the preference times the system's (``system``: measured if None), 1–2."""
    own = min(max(prefs.appearance.text_size, TEXT_SIZE_MIN), TEXT_SIZE_MAX) / 100
    measured = system_text_scale() if system is None else system
    return round(min(max(own * measured, 1.0), MAX_SCALE), 2)


@dataclass(frozen=True)
class Metrics:
    """Every text-dependent size of a popup at one text scale (logical px)."""

    scale: float

    def px(self, base: int) -> int:
        return max(base, round(base * self.scale))

    @property
    def compact(self) -> bool:
        return self.scale >= COMPACT_FROM

    @property
    def button_height(self) -> int:
        return max(T.BUTTON_HEIGHT, self.px(T.BUTTON_PX) + 12)

    @property
    def header_height(self) -> int:
        """Tall enough for the provider's line and the badge; never lower than the close button."""
        return max(T.HEADER_HEIGHT, round(self.px(T.PROVIDER_PX) * 1.45) + 2, self.px(T.BADGE_PX) + 10)

    @property
    def lines(self) -> tuple[int, int, int, int]:
        """(title, body, title with an image, body with an image) lines."""
        if not self.compact:
            return T.TITLE_LINES, T.BODY_LINES, T.TITLE_LINES_WITH_IMAGE, T.BODY_LINES_WITH_IMAGE
        return 1, 1, 1, 1

    @property
    def shows_image(self) -> bool:
        """Whether there is room for the image (not in the compact layout; 「全文」 leads to it)."""
        return not self.compact

    def action_max_width(self, count: int) -> int:
        """The widest a service action's button gets, of ``count``: in the compact layout they share a row."""
        if not self.compact:
            return T.ACTION_MAX_WIDTH
        count = min(max(count, 1), T.MAX_SERVICE_ACTIONS)
        return (T.CONTENT_WIDTH - (count - 1) * 6) // count

    @property
    def glyph_scale(self) -> float:
        """How much larger the painted glyphs (×, ⋯, ⓘ) are drawn: with the text, at most 1.6× (the close
        button's 36 px box never changes)."""
        return min(self.scale, 1.6)


NORMAL = Metrics(1.0)


def metrics_for(scale: float) -> Metrics:
    return Metrics(min(max(scale, 1.0), MAX_SCALE))
