"""What a screen reader hears of a popup: its role, name and description, and an announcement when it appears.

Everything goes through Qt's accessibility API (``QAccessible``), so the
same role and words reach AT-SPI on Linux (Qt's bridge), UI Automation on
Windows and NSAccessibility on macOS:

- the popup window is a *notification* (:data:`ROLE`): :func:`expose`
  registers its interface with Qt (:func:`give_role`) before it is first
  shown;
- its accessible name says who sent it, 「未验证」 for an unverified
  provider, 「广告」 for an ad, and the title (:func:`popup_name`); the body
  is its description; the provider, title and body labels give their full
  text (Qt reads a label's text, not the part it paints);
- the close button is named 「关闭」 in every language, 「举报」 and the
  other buttons by their text (set where they are built);
- when a popup appears, or a shown one is replaced in place, one
  announcement is sent (:func:`announce`): polite, so it never interrupts
  what the user is listening to, assertive only for a critical service
  notification. Nothing takes the focus: a popup never does (docs/rules.md,
  ui-no-focus-steal), so a screen reader's focus stays where the user left it;
- its buttons accept Tab focus once the user gives the popup the keyboard
  (``take_keyboard``, :mod:`.keyboard`); until then nothing in it takes focus.
"""

from __future__ import annotations

import itertools
import logging

import shiboken6
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QAccessibleWidget, QWidget

from .i18n import QT_TRANSLATE_NOOP, tr
from .labels import strip_bidi_controls
from .popup_strings import S_UNVERIFIED
from .view import PopupView

log = logging.getLogger(__name__)

# The role a popup has: AT-SPI "notification", UIA and NSAccessibility's nearest.
ROLE = QAccessible.Role.Notification
# Longest payload text put in a name or description (the labels show far less; a hostile title reads no further).
MAX_NAME_CHARS = 200
MAX_DESCRIPTION_CHARS = 1000
# The window's dynamic property saying its popup is critical: announced assertively.
URGENT_PROPERTY = "accessible_urgent"

S_NAME = QT_TRANSLATE_NOOP("", "{provider}：{title}")
S_NAME_MARKED = QT_TRANSLATE_NOOP("", "{provider}（{marks}）：{title}")
S_ANNOUNCEMENT = QT_TRANSLATE_NOOP("", "{name}。{body}")

_held: dict[int, QAccessibleWidget] = {}
_keys = itertools.count()


def expose(window: QWidget) -> None:
    """Make ``window`` (built, never shown) a notification to assistive technology."""
    _register(window)


def give_role(widget: QWidget, role: QAccessible.Role) -> None:
    """Give ``widget`` the accessible ``role``: an interface registered with Qt's accessibility cache.

    The cache hands it to every bridge and deletes it with the widget. Its
    Python wrapper is held here until then (were it collected, Python would
    delete the interface under the cache), and let go when the widget is
    destroyed, after the cache deleted it. (No factory: Qt would call a
    Python factory while the interpreter shuts down.)
    """
    interface = QAccessibleWidget(widget, role)
    QAccessible.registerAccessibleInterface(interface)
    key = next(_keys)
    _held[key] = interface
    widget.destroyed.connect(lambda *_: _held.pop(key, None))


def _register(window: QWidget) -> None:
    """Give ``window`` the notification role, unless the interface registered last still finds it.

    Qt's cache finds an interface by the object *and its meta-object*,
    which PySide rebuilds when a method of the window is first connected as
    a slot; so this is checked again before every announcement.
    """
    meta = shiboken6.getCppPointer(window.metaObject())[0]
    if getattr(window, "_accessible_meta", None) != meta:
        give_role(window, ROLE)
        setattr(window, "_accessible_meta", meta)


def _clip(text: str, limit: int) -> str:
    text = " ".join(strip_bidi_controls(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def popup_name(view: PopupView) -> str:
    """``provider（未验证、广告）：title``, in the installed language; 「广告」 stays Chinese in every one."""
    marks = ([tr(S_UNVERIFIED)] if not view.verified else []) + ([tr("广告", "badge")] if view.is_ad else [])
    provider, title = _clip(view.provider_name, MAX_NAME_CHARS), _clip(view.title, MAX_NAME_CHARS)
    if not marks:
        return tr(S_NAME).format(provider=provider, title=title)
    return tr(S_NAME_MARKED).format(provider=provider, marks=tr("、").join(marks), title=title)


def popup_description(view: PopupView) -> str:
    """The body, as one paragraph of plain text."""
    return _clip(view.body, MAX_DESCRIPTION_CHARS)


def announcement(window: QWidget) -> str:
    """What is said when ``window`` appears: its name, then its description."""
    name, body = window.accessibleName(), window.accessibleDescription()
    return tr(S_ANNOUNCEMENT).format(name=name, body=body) if body else name


def describe(window: QWidget, view: PopupView) -> None:
    """Name and describe ``window`` for ``view``; a window already shown (replaced in place) is announced again.

    Its labels need nothing: Qt reads a label's whole text, not the part it paints.
    """
    _register(window)
    window.setAccessibleName(popup_name(view))
    window.setAccessibleDescription(popup_description(view))
    window.setProperty(URGENT_PROPERTY, view.critical)
    if window.isVisible():
        announce(window)


def announce(window: QWidget) -> None:
    """Tell assistive technology that ``window`` appeared, once, without interrupting (critical: assertive)."""
    _register(window)
    text = announcement(window)
    if not text:
        return
    event = QAccessibleAnnouncementEvent(window, text)
    urgent = bool(window.property(URGENT_PROPERTY))
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if urgent else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)
    log.debug("announced a popup (%d characters, %s)", len(text), "assertive" if urgent else "polite")
