"""The ``ui-accessible`` checks: what assistive technology (a screen reader, a keyboard user) gets of a popup.

Everything is read through Qt's accessibility interfaces
(``QAccessible.queryAccessibleInterface``), the ones Qt's bridges hand to
AT-SPI, UI Automation and NSAccessibility, so a check sees the role and
name a screen reader would, not the widget's own properties:

- ``a11y-close-role``: the close control is a push button named 「关闭」;
- ``a11y-badge-exposed``: an ad's 「广告」 reaches assistive technology, in
  the popup's accessible name or the badge's;
- ``a11y-announced``: the popup is announced when it appears, with its
  provider's name: an announcement event (:func:`listening` records the
  ``QAccessibleAnnouncementEvent`` a popup sends while it is made and
  shown), or a notification or alert role with a name that says it (what
  AT-SPI clients present as the window appears);
- ``a11y-keyboard``: the close control, 「举报」 and every other named
  button shown (an action) take Tab focus, as the popup stands or after its
  ``take_keyboard()``, so a keyboard user who has given the popup the
  keyboard reaches them all (the window itself still refuses focus until
  then: ``ui-no-focus-steal``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

from . import locate as L
from .model import CheckResult, not_applicable
from .observe import alive
from .snapshot import S_AD, S_CLOSE, Snapshot, _check

log = logging.getLogger(__name__)

RULE = "ui-accessible"
#: Roles a screen reader presents as the window appears.
ANNOUNCING_ROLES = (QAccessible.Role.Notification, QAccessible.Role.AlertMessage)
CLOSE_ROLE = QAccessible.Role.Button  # Qt's PushButton: AT-SPI "push button", UIA Button, AXButton


@dataclass(frozen=True)
class Heard:
    """One announcement a popup sent: to which object, what it said."""

    target: QObject
    message: str


def _role_name(role: QAccessible.Role) -> str:
    return {QAccessible.Role.Button: "push button"}.get(role, role.name.lower())


def _interface_of(widget: QWidget) -> tuple[QAccessible.Role | None, str]:
    """(role, name) as assistive technology gets them."""
    iface = QAccessible.queryAccessibleInterface(widget)
    if iface is None or not iface.isValid():
        return None, ""
    return iface.role(), iface.text(QAccessible.Text.Name) or ""


@contextmanager
def listening() -> Iterator[list[Heard]]:
    """Record every ``QAccessibleAnnouncementEvent`` sent through ``QAccessible.updateAccessibility`` meanwhile."""
    heard: list[Heard] = []
    original = QAccessible.__dict__["updateAccessibility"]
    send = original.__func__ if isinstance(original, staticmethod) else original

    def spy(event: QAccessibleEvent) -> None:
        if event.type() == QAccessible.Event.Announcement and event.object() is not None:
            heard.append(Heard(event.object(), str(getattr(event, "message", lambda: "")() or "")))
        send(event)

    QAccessible.updateAccessibility = staticmethod(spy)  # type: ignore[method-assign,assignment]
    try:
        yield heard
    finally:
        QAccessible.updateAccessibility = original  # type: ignore[method-assign]


def _shown_name(snap: Snapshot) -> str:
    """The provider's name as the popup paints it, without an ellipsis."""
    provider = snap.control("provider")
    painted = snap.text.text_of(provider) if provider is not None else ""
    return painted.strip().rstrip("…").strip()


def check_close_role(snap: Snapshot) -> CheckResult:
    name = "a11y-close-role"
    close = snap.control("close")
    if close is None:
        return not_applicable(RULE, name, "no close control shown (ui-close fails)")
    role, spoken = _interface_of(close)
    ok = role == CLOSE_ROLE and spoken == S_CLOSE
    return _check(RULE, name, ok, f"{_role_name(role) if role else 'no interface'} 「{spoken}」",
                  f"push button 「{S_CLOSE}」", f"{L.describe(close)}, through QAccessible")  # fmt: skip


def check_badge_exposed(snap: Snapshot) -> CheckResult:
    name = "a11y-badge-exposed"
    if snap.kind != "ad":
        return not_applicable(RULE, name, "not an ad" if snap.kind else "the popup's kind is unknown (pass kind=)")
    _, popup_name = _interface_of(snap.popup.window())
    badge = L.find(snap.popup, "ad_label")
    _, badge_name = _interface_of(badge) if badge is not None else (None, "")
    where = "the popup's name" if S_AD in popup_name else "the badge's name" if S_AD in badge_name else ""
    measured = f"in {where}" if where else f"popup 「{popup_name[:40]}」, badge 「{badge_name}」"
    return _check(RULE, name, bool(where), measured, f"「{S_AD}」 in the popup's or the badge's accessible name",
                  "names read through QAccessible, as a screen reader gets them")  # fmt: skip


def check_announced(snap: Snapshot, heard: list[Heard] | None) -> CheckResult:
    name = "a11y-announced"
    window = snap.popup.window()
    provider = _shown_name(snap)
    said = [h.message for h in heard or () if alive(h.target) and isinstance(h.target, QWidget)
            and (h.target is window or window.isAncestorOf(h.target)) and h.message.strip()]  # fmt: skip
    role, spoken = _interface_of(window)
    by_role = role in ANNOUNCING_ROLES and bool(spoken.strip())
    texts = [*said, *([spoken] if by_role else [])]
    names_provider = not provider or any(provider in text for text in texts)
    ok = bool(texts) and names_provider
    if said:
        measured = f"announced 「{said[0][:60]}」"
    else:
        measured = f"no announcement; role {_role_name(role) if role else 'none'}, name 「{spoken[:60]}」"
    how = "announcements recorded while the popup was made and shown" if heard is not None else \
        "static checks only: the popup given was not shown again to hear it announced"
    lacking = f", without 「{provider}」" if texts and not names_provider else ""
    return _check(RULE, name, ok, measured + lacking,
                  "announced on arrival (an announcement, or a notification/alert role with a name) naming the provider",
                  how)  # fmt: skip


def _tab_reach(snap: Snapshot) -> tuple[list[QAbstractButton], list[QAbstractButton]]:
    """(the named buttons shown, with close and 「举报」; those Tab cannot reach)."""
    buttons = [w for w in L.widgets_in(snap.popup) if isinstance(w, QAbstractButton) and L.is_shown(snap.popup, w)
               and (w.text().strip() or w.accessibleName().strip())]  # fmt: skip
    for key in ("close", "report"):
        control = snap.control(key)
        if isinstance(control, QAbstractButton) and not any(control is b for b in buttons):
            buttons.append(control)
    return buttons, [w for w in buttons if not w.focusPolicy() & Qt.FocusPolicy.TabFocus]


def check_keyboard(snap: Snapshot) -> CheckResult:
    """Tab reaches every named button once the popup has the keyboard.

    A popup whose buttons take focus only once it is given the keyboard
    says how with a ``take_keyboard()`` method (what its shortcut calls):
    the kit calls it when no button takes focus as the popup stands, then
    looks again — on a popup it made or showed itself, or one rendered
    offscreen, never on a window given on screen for static checks only.
    """
    name = "a11y-keyboard"
    buttons, unreachable = _tab_reach(snap)
    how = "the focus policy of each shown button with a name"
    take = getattr(snap.popup.window(), "take_keyboard", None)
    # A popup the kit made or showed, or one rendered offscreen, may be handed the keyboard: no one's is taken.
    own = snap.heard is not None or snap.popup.window().testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    if own and buttons and len(unreachable) == len(buttons) and callable(take):
        take()
        buttons, unreachable = _tab_reach(snap)
        how += ", after the popup's take_keyboard()"
    names = [w.accessibleName() or L.describe(w) for w in unreachable]
    measured = "not by Tab: " + ", ".join(names) if unreachable else f"all {len(buttons)} by Tab"
    return _check(RULE, name, bool(buttons) and not unreachable, measured,
                  "close, 「举报」 and every action take Tab focus", how)  # fmt: skip


def accessibility_checks(snap: Snapshot) -> list[CheckResult]:
    """Every ``ui-accessible`` measurement of ``snap`` (its announcements in ``snap.heard``)."""
    return [check_close_role(snap), check_badge_exposed(snap), check_announced(snap, snap.heard),
            check_keyboard(snap)]  # fmt: skip
