"""The ``[appearance]`` section of the preferences: theme, text size, motion (docs/accessibility.md).

Declared here and placed in :class:`~popup_client.core.prefs.schema.Preferences`
as ``appearance``; the UI reads it (:mod:`popup_client.ui.theme`,
:mod:`popup_client.ui.text_size`, :mod:`popup_client.ui.motion`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from popup_client.core.prefs.model import Section as _Section
from popup_client.core.prefs.model import about
from popup_client.core.prefs.shown import PERCENT, SYSTEM_DEFAULT, Section, Shown
from popup_client.core.text import QT_TRANSLATE_NOOP


ThemeChoice = Literal["auto", "light", "dark", "high-contrast"]
# The text size a popup may be drawn at, in percent of the normal size (the system's font scale included).
TEXT_SIZE_MIN, TEXT_SIZE_MAX = 100, 200


class Appearance(_Section, frozen=True):
    """How popups look: colours, text size, motion (docs/accessibility.md)."""

    theme: Annotated[
        ThemeChoice,
        Shown(
            Section.APPEARANCE,
            QT_TRANSLATE_NOOP("core", "Theme"),
            choices={
                "auto": SYSTEM_DEFAULT,
                "light": QT_TRANSLATE_NOOP("core", "Light"),
                "dark": QT_TRANSLATE_NOOP("core", "Dark"),
                "high-contrast": QT_TRANSLATE_NOOP("core", "High contrast"),
            },
        ),
        about(
            QT_TRANSLATE_NOOP(
                "core",
                "Colours of popups: auto (the system's: light or dark, high contrast when the system asks for more "
                "contrast), light, dark or high-contrast (black on white or white on black, after the system's scheme).",
            )
        ),
    ] = "auto"
    text_size: Annotated[
        int,
        Shown(
            Section.APPEARANCE,
            QT_TRANSLATE_NOOP("core", "Text size"),
            unit=PERCENT,
            hint=QT_TRANSLATE_NOOP("core", "Larger text shows fewer lines; the Full text button opens the rest."),
        ),
        about(
            QT_TRANSLATE_NOOP(
                "core",
                "Text size of popups in percent (100-200), multiplied by the system's font scale (up to 200 % in all); "
                "larger text shows fewer lines, and a button opens the full text.",
            ),
            ge=TEXT_SIZE_MIN,
            le=TEXT_SIZE_MAX,
        ),
    ] = TEXT_SIZE_MIN
    reduce_motion: Annotated[
        bool,
        Shown(Section.APPEARANCE, QT_TRANSLATE_NOOP("core", "Reduce motion")),
        about(
            QT_TRANSLATE_NOOP("core", "No animations at all: true, or false to follow the system (no animation when it asks for none).")
        ),
    ] = False
