"""How a popup looks: sizes, the light, dark and high-contrast palettes, and the fonts.

Everything here is the app's: no payload field reaches a colour, a font, a
size or a position. All sizes are logical pixels; fonts use pixel sizes so
the text is as large on every screen as the rules measure it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette

from .fonts import bundled_family

log = logging.getLogger(__name__)

# ------------------------------------------------------------------ sizes

WIDTH = 360  # the popup's fixed width
MAX_HEIGHT = 272  # the tallest a popup gets: an ad or news with an image, two body lines and its source line
PAD = 16  # left and right padding of the card
RADIUS = 10  # corner radius of the card
CONTENT_WIDTH = WIDTH - 2 * PAD
CLOSE_SIZE = 36  # the close button's hit area (≥ 32 × 32 required)
CLOSE_INSET = 4  # from the top and right edges of the card
CLOSE_GAP = 8  # nothing interactive closer than this to the close button
HEADER_TOP = CLOSE_INSET
HEADER_HEIGHT = CLOSE_SIZE
HEADER_RESERVE = CLOSE_SIZE + CLOSE_INSET + CLOSE_GAP  # right margin of the header row
AVATAR_SIZE = 20
IMAGE_BOX = (CONTENT_WIDTH, 80)  # an image is scaled into this box, aspect kept
ICON_MAX_SIDE = 512
IMAGE_MAX_SIDE = 4096
TITLE_LINES, BODY_LINES = 2, 3  # without an image
TITLE_LINES_WITH_IMAGE, BODY_LINES_WITH_IMAGE = 1, 2
BUTTON_HEIGHT = 28
MAX_SERVICE_ACTIONS = 3
ACTION_MAX_WIDTH = 96
MIN_PROVIDER_CHARS = 4  # the provider name is never elided to fewer characters

# Font pixel sizes.
PROVIDER_PX = 13
BADGE_PX = 13
CHIP_PX = 12
TITLE_PX = 14
BODY_PX = 13
META_PX = 12
BUTTON_PX = 12
AVATAR_PX = 11


# --------------------------------------------------------------- palettes


@dataclass(frozen=True)
class Theme:
    """One palette. Colours are ``#RRGGBB`` strings (or ``#AARRGGBB``)."""

    name: str
    card: str
    border: str
    text: str  # title, provider name
    text_secondary: str  # body, meta lines
    button: str  # filled buttons
    button_hover: str
    button_pressed: str
    button_text: str
    primary: str  # the 「查看详情」 button
    primary_hover: str
    primary_text: str
    close_glyph: str
    close_hover: str
    chip: str  # 「未验证」
    chip_text: str
    avatar: str
    avatar_text: str
    accent_critical: str
    menu: str
    menu_hover: str
    focus: str  # the ring around the button that has the keyboard
    #: Buttons and chips get a 1 px outline of this colour ("" none): high contrast shows every control's edge.
    outline: str = ""

    # The 「广告」 badge is the same in every theme: white on dark red, ≈ 6.5 : 1.
    badge: str = "#B3261E"
    badge_text: str = "#FFFFFF"

    @property
    def dark(self) -> bool:
        return self.name.endswith("dark")

    @property
    def high_contrast(self) -> bool:
        return self.name.startswith("high-contrast")

    def qcolor(self, field: str) -> QColor:
        return QColor(getattr(self, field))


LIGHT = Theme(
    name="light",
    card="#FFFFFF",
    border="#D5D9DF",
    text="#1B1F24",
    text_secondary="#4C545E",
    button="#EEF0F3",
    button_hover="#E2E5EA",
    button_pressed="#D4D8DE",
    button_text="#1B1F24",
    primary="#1A5FD0",
    primary_hover="#154FB0",
    primary_text="#FFFFFF",
    close_glyph="#4C545E",
    close_hover="#E8EAEE",
    chip="#FFF1D6",
    chip_text="#7A4A00",
    avatar="#3D6FD9",
    avatar_text="#FFFFFF",
    accent_critical="#C62828",
    menu="#FFFFFF",
    menu_hover="#EEF0F3",
    focus="#1A5FD0",
)

DARK = Theme(
    name="dark",
    card="#26282C",
    border="#3E4249",
    text="#ECEEF1",
    text_secondary="#B4BAC2",
    button="#363940",
    button_hover="#41454D",
    button_pressed="#4B5059",
    button_text="#ECEEF1",
    primary="#4C8DF6",
    primary_hover="#6A9FF8",
    primary_text="#0B1426",
    close_glyph="#C3C8CF",
    close_hover="#363940",
    chip="#4A3A1C",
    chip_text="#FFD58A",
    avatar="#4C8DF6",
    avatar_text="#0B1426",
    accent_critical="#EF5350",
    menu="#2E3035",
    menu_hover="#3B3E45",
    focus="#8AB4F8",
)


# High contrast: pure black and white, every control outlined, the primary button and the focus ring
# in the colours Windows' high-contrast themes give links and selections (≥ 7:1 on their background).
HIGH_CONTRAST_DARK = Theme(
    name="high-contrast-dark",
    card="#000000",
    border="#FFFFFF",
    text="#FFFFFF",
    text_secondary="#FFFFFF",
    button="#000000",
    button_hover="#333333",
    button_pressed="#4D4D4D",
    button_text="#FFFFFF",
    primary="#FFFF00",
    primary_hover="#FFFF66",
    primary_text="#000000",
    close_glyph="#FFFFFF",
    close_hover="#333333",
    chip="#000000",
    chip_text="#FFFF00",
    avatar="#FFFFFF",
    avatar_text="#000000",
    accent_critical="#FF6E6E",
    menu="#000000",
    menu_hover="#333333",
    focus="#1AEBFF",
    outline="#FFFFFF",
)

HIGH_CONTRAST_LIGHT = Theme(
    name="high-contrast-light",
    card="#FFFFFF",
    border="#000000",
    text="#000000",
    text_secondary="#000000",
    button="#FFFFFF",
    button_hover="#E0E0E0",
    button_pressed="#C8C8C8",
    button_text="#000000",
    primary="#00007A",
    primary_hover="#0000A8",
    primary_text="#FFFFFF",
    close_glyph="#000000",
    close_hover="#E0E0E0",
    chip="#FFFFFF",
    chip_text="#5C2E00",
    avatar="#000000",
    avatar_text="#FFFFFF",
    accent_critical="#A00000",
    menu="#FFFFFF",
    menu_hover="#E0E0E0",
    focus="#6B00C2",
    outline="#000000",
)

THEMES = {t.name: t for t in (LIGHT, DARK, HIGH_CONTRAST_LIGHT, HIGH_CONTRAST_DARK)}
#: A theme choice: a theme's name, "high-contrast" (its light or dark one, after the system), "auto"; or
#: True / False / None as before (dark, light, the system's).
ThemeChoice = str | bool | None


def system_is_dark() -> bool:
    """Whether the desktop uses a dark colour scheme.

    Qt ≥ 6.5 reports the scheme; where it says "unknown", the window
    colour's lightness decides.
    """
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        value = scheme()
        if value == Qt.ColorScheme.Dark:
            return True
        if value == Qt.ColorScheme.Light:
            return False
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def system_wants_high_contrast() -> bool:
    """Whether the desktop asks for more contrast (Qt ≥ 6.10 reports it: Windows' high-contrast mode,
    GNOME's and KDE's high-contrast settings through the portal)."""
    accessibility = getattr(QGuiApplication.styleHints(), "accessibility", None)
    if accessibility is None:
        return False
    return bool(accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast)


def theme_for(choice: ThemeChoice) -> Theme:
    """The palette to use: True/False (or "dark"/"light") force one, None or "auto" follow the system
    (its high contrast too), "high-contrast" picks the high-contrast one of the system's scheme."""
    if choice is None or choice == "auto":
        choice = "high-contrast" if system_wants_high_contrast() else system_is_dark()
    if choice == "high-contrast":
        return HIGH_CONTRAST_DARK if system_is_dark() else HIGH_CONTRAST_LIGHT
    if isinstance(choice, bool):
        return DARK if choice else LIGHT
    theme = THEMES.get(choice)
    if theme is None:
        raise ValueError(f"no theme {choice!r}; themes are auto, high-contrast, {', '.join(THEMES)}")
    return theme


# ------------------------------------------------------------------ fonts


def app_font(pixel_size: int, *, bold: bool = False) -> QFont:
    """The font of the app's own strings: the bundled family only."""
    font = QFont()
    font.setFamilies([bundled_family()])
    return _sized(font, pixel_size, bold)


# Complete CJK families, best first, looked for when the system font lacks Chinese.
_CJK_FAMILIES = (
    "Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC",
    "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback",
)  # fmt: skip
_content_families: list[str] | None = None


def content_families() -> list[str]:
    """Families of payload text: the system font, a complete system CJK font, then the bundled one.

    A complete CJK font comes before the bundled subset so that a Chinese
    text is drawn in one face, not in a mix of the subset and a fallback.
    """
    global _content_families
    if _content_families is None:
        bundled = bundled_family()
        system = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
        chinese = [f for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese) if f != bundled]
        cjk = next((f for f in _CJK_FAMILIES if f in chinese), chinese[0] if chinese else "")
        _content_families = list(dict.fromkeys(f for f in (system, cjk, bundled) if f))
        log.debug("content font families: %s", _content_families)
    return list(_content_families)


def content_font(pixel_size: int, *, bold: bool = False) -> QFont:
    """The font of payload text (see :func:`content_families`)."""
    font = QFont()
    font.setFamilies(content_families())
    return _sized(font, pixel_size, bold)


def _sized(font: QFont, pixel_size: int, bold: bool) -> QFont:
    font.setPixelSize(pixel_size)
    font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font
