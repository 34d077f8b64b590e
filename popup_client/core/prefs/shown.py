"""How each setting is shown: its section, label, hint and the words for its values, declared with the field.

The schema (:mod:`.schema`) attaches one :class:`Shown` to each field it
declares, as qutebrowser's ``configdata`` declares an option with its
description; the preferences dialog is generated from them
(:attr:`PrefField.shown <popup_client.core.prefs.fields.PrefField.shown>`),
so a new setting brings its own label and lands in its section without a
change to the UI. The words are English, marked for translation in the
``"core"`` context like every core text (the UI shows them with
:func:`popup_client.ui.i18n.tr_core`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from popup_client.core.text import QT_TRANSLATE_NOOP, Text


class Section(Enum):
    """The dialog's sections, in the order shown; each value is its title."""

    CAPS = QT_TRANSLATE_NOOP("core", "Frequency caps")
    BLOCKING = QT_TRANSLATE_NOOP("core", "Blocking")
    QUIET = QT_TRANSLATE_NOOP("core", "Do not disturb")
    MINORS = QT_TRANSLATE_NOOP("core", "Minors mode")
    NEWS = QT_TRANSLATE_NOOP("core", "News")
    DISPLAY = QT_TRANSLATE_NOOP("core", "Shown")
    PLACEMENT = QT_TRANSLATE_NOOP("core", "Position")
    APPEARANCE = QT_TRANSLATE_NOOP("core", "Appearance")
    LOCAL_API = QT_TRANSLATE_NOOP("core", "Local API")
    PRIVACY = QT_TRANSLATE_NOOP("core", "Privacy")
    OTHER = QT_TRANSLATE_NOOP("core", "Other")  # a setting declared without a section


@dataclass(frozen=True)
class Shown:
    """How one setting appears in the dialog.

    ``unit`` follows a number; ``zero`` names what 0 means (a timeout of 0
    is "until closed"); ``choices`` gives words for the values of a choice;
    ``last`` puts the setting after the others of its section (a table
    after the numbers).
    """

    section: Section
    label: Text
    hint: Text | None = None
    placeholder: Text | None = None
    unit: Text | None = None
    zero: Text | None = None
    choices: Mapping[str, Text] = field(default_factory=dict)
    last: bool = False


POPUPS = QT_TRANSLATE_NOOP("core", " popups")
HOURS = QT_TRANSLATE_NOOP("core", " h")
DAYS = QT_TRANSLATE_NOOP("core", " days")
SECONDS = QT_TRANSLATE_NOOP("core", " s")
UNTIL_CLOSED = QT_TRANSLATE_NOOP("core", "Until closed")
SYSTEM_DEFAULT = QT_TRANSLATE_NOOP("core", "System default")
PERCENT = QT_TRANSLATE_NOOP("core", " %")


def timeout(label: Text) -> Shown:
    """A kind's display time: seconds, 0 until closed."""
    return Shown(Section.DISPLAY, label, unit=SECONDS, zero=UNTIL_CLOSED)


def cap(label: Text, section: Section = Section.CAPS) -> Shown:
    """A number of popups."""
    return Shown(section, label, unit=POPUPS)
