"""The popup stack: where accepted popups appear, how many at once, and for how long.

Popups stack from a corner (the ``placement.corner`` preference) of the
usable area a :class:`~popup_client.ui.placement.placers.Placer` reports —
what panels and bars leave free on the output popups go to — away from it,
never overlapping. At most ``max_visible`` are on screen, and never more
than fit; the rest wait in a queue. Each popup expires after its kind's
timeout (hovering pauses it); a critical service popup stays until closed.
What to show comes in through :meth:`PopupStack.push` (the app connects it
to the service, queued); every display, close and action goes out as a Qt
signal the app connects back to the service, and so to the journal. The stack
never calls up. Windows come from a pool: showing a popup only fills and
moves a window that already exists. The pool starts with
:data:`START_WINDOWS` and keeps :data:`SPARE_WINDOWS` spare, up to one more
than fit on screen, made on the turns after a popup took one. The
``appearance`` preferences choose the windows' theme (applied at once) and
text size (a window is built for one text size: the pool is rebuilt, and a
window on screen when the size changed is replaced once it closes).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, QTimer, Signal, SignalInstance
from PySide6.QtGui import QScreen

from ..core.journal import CloseHow
from ..core.presentation import Action
from ..core.prefs import PlacementPrefs, Preferences
from ..submission import Submission
from .arrivals import Arrivals
from .links import UrlOpener, open_https
from .placement.geometry import Rect
from .placement.placers import Placer, QtPlacer
from .popup_window import PopupWindow
from .stack_slots import Slot, place
from .text_size import text_scale
from .theme import ThemeChoice
from .view import PopupView, view_of_submission

log = logging.getLogger(__name__)

#: The default gap between the stack and the usable area's edges (the placement.margin preference).
MARGIN: int = PlacementPrefs().margin
#: Windows kept ready ahead of the popups that will need them, once popups come.
SPARE_WINDOWS = 2
#: Windows built at start-up: one, for the first popup (the first costs an idle app 7 MiB, a second under 1).
START_WINDOWS = 1
#: Popups that may wait for a place on screen; beyond that the oldest expires unseen.
MAX_QUEUE = 50


class PopupStack(QObject):
    """Shows what the service accepted; closes what the user or a transport closes."""

    #: A popup was put on screen (receipt id).
    popup_shown = Signal(int)
    #: A popup left the screen, or the queue unseen (receipt id, how: a :class:`CloseHow` value).
    popup_closed = Signal(int, str)
    #: The user invoked an action of a popup (receipt id, the action's key, or ``details``).
    action_invoked = Signal(int, str)
    #: The user pressed 「举报」 on a popup (receipt id); the app opens the report dialog.
    report_requested = Signal(int)
    #: The user pressed 「全文」 on a popup whose text large text cut (receipt id); the app opens it in the history.
    full_text_requested = Signal(int)
    #: 「不再接收此来源」 on a popup (receipt id, provider id); the app changes the preferences.
    block_provider_requested = Signal(int, str)
    #: 「减少此类推送」 on a popup (receipt id, provider id); the app changes the preferences.
    fewer_requested = Signal(int, str)

    def __init__(
        self,
        prefs: Preferences,
        *,
        screen: Callable[[], QScreen | None] | None = None,
        placer: Placer | None = None,
        corner: str = "top-right",
        url_opener: UrlOpener | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``placer`` puts windows on the desktop (default: Qt windows on ``screen``, the primary one);
        ``corner`` is used when the ``placement.corner`` preference is ``auto``."""
        super().__init__(parent)
        self._prefs = prefs
        self._placer = placer if placer is not None else QtPlacer(screen=screen)
        self._placer.area_changed.connect(self._relayout)
        self._default_corner = corner
        self._open_url = url_opener
        self._free: list[Slot] = []
        self._visible: list[Slot] = []
        self._queue: deque[Submission] = deque()
        self._views: dict[int, PopupView] = {}
        self._arrivals = Arrivals(self._arrived, self._view_of)
        self._dark: ThemeChoice = prefs.appearance.theme
        self._text_scale = text_scale(prefs)
        self._qss = ""
        self._stopped = False
        for _ in range(min(START_WINDOWS, self._prefs.max_visible + 1)):
            self._free.append(self._new_slot())

    # ------------------------------------------------------------ state

    def set_prefs(self, prefs: Preferences) -> None:
        """The preferences in effect now (the app passes each change on): the theme applies at once, a text size to new windows."""
        old, self._prefs = self._prefs, prefs
        if prefs.appearance.theme != old.appearance.theme:
            self.set_dark(prefs.appearance.theme)
        scale = text_scale(prefs)
        if scale != self._text_scale:
            self._text_scale = scale
            self._free = [self._renewed(slot) for slot in self._free]

    def text_scale(self) -> float:
        """The text size new windows are built for (the preference times the system's font scale)."""
        return self._text_scale

    def visible_receipts(self) -> list[int]:
        """Receipts on screen, top to bottom."""
        return [s.submission.receipt_id for s in self._visible if s.submission is not None]

    def queued_receipts(self) -> list[int]:
        """Receipts waiting for a place on screen, or for their images to be decoded."""
        return [*[s.receipt_id for s in self._queue], *self._arrivals.receipts()]

    def window_of(self, receipt_id: int) -> PopupWindow | None:
        slot = self._slot_of(receipt_id)
        return slot.window if slot is not None else None

    def set_stylesheet(self, qss: str) -> None:
        """A vendor theme (already checked) on every window, pooled ones included."""
        self._qss = qss
        for slot in (*self._free, *self._visible):
            slot.window.set_extra_stylesheet(qss)

    def set_dark(self, dark: ThemeChoice) -> None:
        """Force a palette on every window (True dark, False light, a theme's name; None or "auto" follow the system)."""
        self._dark = dark
        for slot in (*self._free, *self._visible):
            slot.window.set_theme(dark)

    # ------------------------------------------------------------ showing

    def push(self, submission: Submission) -> None:
        """Show a popup the service accepted, or queue it; replace in place if asked.

        One with a large image is shown once the image is decoded (off this thread), after those before it.
        A push still queued when the stack was closed is dropped (the app closes what is still open).
        """
        if submission.popup is not None and not self._stopped:
            self._arrivals.add(submission)

    def _arrived(self, submission: Submission) -> None:
        if submission.replaces is not None and self._replace(submission):
            return
        if not self._show(submission):
            self._queue.append(submission)
            while len(self._queue) > MAX_QUEUE:  # bounded memory whatever a flood of providers sends
                expired = self._queue.popleft()
                self._closed(expired.receipt_id, CloseHow.TIMEOUT)

    def _show(self, submission: Submission) -> bool:
        if len(self._visible) >= self._prefs.max_visible:
            return False
        view = self._view_of(submission)
        slot = self._free.pop() if self._free else self._new_slot()
        slot.window.set_view(view)
        rects = self._rects([*self._visible, slot])
        if rects is None and self._visible:
            self._free.append(slot)
            return False
        slot.submission = submission
        self._visible.append(slot)
        rect = rects[-1] if rects else self._rects([slot], force=True)[0]  # type: ignore[index]
        slot.window.move(rect.x, rect.y)
        slot.window.show()
        self._start_timer(slot)
        self.popup_shown.emit(submission.receipt_id)
        if len(self._free) < SPARE_WINDOWS:  # the spare taken is made again on the next turn, after this popup
            QTimer.singleShot(0, self, self._make_spares)
        return True

    def _make_spares(self) -> None:
        """One spare window now, the next on the following turn: a turn builds one window (10 ms)."""
        if self._stopped or len(self._free) >= SPARE_WINDOWS or len(self._free) + len(self._visible) > self._prefs.max_visible:
            return
        self._free.append(self._new_slot())
        if len(self._free) < SPARE_WINDOWS:
            QTimer.singleShot(0, self, self._make_spares)

    def _replace(self, submission: Submission) -> bool:
        """In place of the popup it replaces, if that one is still here (the service closed it already)."""
        old = submission.replaces
        for index, queued in enumerate(self._queue):
            if queued.receipt_id == old:
                self._queue[index] = submission
                return True
        slot = self._slot_of(old) if old is not None else None
        if slot is None or old is None:
            return False
        slot.window.set_view(self._view_of(submission))  # in place: no hide, no flicker
        slot.submission = submission
        self.popup_shown.emit(submission.receipt_id)
        self._views.pop(old, None)
        self._start_timer(slot)
        self._relayout()
        return True

    def _view_of(self, submission: Submission) -> PopupView:
        view = self._views.get(submission.receipt_id)
        if view is None:
            view = self._views[submission.receipt_id] = view_of_submission(submission)
        return view

    # ------------------------------------------------------------ closing

    def close_receipt(self, receipt_id: int, how: str = "api") -> bool:
        """Close a visible or queued popup (a transport's request, or the tray's)."""
        if self._arrivals.take(receipt_id) is not None:
            self._views.pop(receipt_id, None)
            self._closed(receipt_id, CloseHow(how))
            return True
        for queued in list(self._queue):
            if queued.receipt_id == receipt_id:
                self._queue.remove(queued)
                self._closed(receipt_id, CloseHow(how))
                return True
        slot = self._slot_of(receipt_id)
        if slot is None:
            return False
        slot.window.close_with(how)
        return True

    def focus_receipt(self, receipt_id: int) -> bool:
        """Give a popup on screen the keyboard (a shortcut's ``ctl focus-newest``); False if it is not on screen."""
        slot = self._slot_of(receipt_id)
        return slot is not None and slot.window.take_keyboard()

    def report_receipt(self, receipt_id: int) -> bool:
        """「举报」 for a popup on screen, as its button would (a shortcut's ``ctl report-newest``)."""
        slot = self._slot_of(receipt_id)
        if slot is None:
            return False
        self._on_report(slot)
        return True

    def close(self) -> None:
        """Stop decoding ahead and release the placer (the app is stopping; close_all first)."""
        self._stopped = True
        self._arrivals.close()
        self._placer.close()

    def close_all(self, how: str = "api") -> None:
        for receipt_id in [*self.queued_receipts(), *self.visible_receipts()]:
            self.close_receipt(receipt_id, how)

    def _on_closed(self, slot: Slot, how: str) -> None:
        submission = slot.submission
        if submission is None:
            return
        slot.timer.stop()
        slot.submission = None
        self._visible.remove(slot)
        self._free.append(slot if slot.window.text_scale() == self._text_scale else self._renewed(slot))
        self._views.pop(submission.receipt_id, None)
        self._closed(submission.receipt_id, CloseHow(how))
        self._relayout()
        while self._queue and self._show(self._queue[0]):
            self._queue.popleft()
        if not self._visible:
            self._placer.stack_emptied()

    def _closed(self, receipt_id: int, how: CloseHow) -> None:
        self.popup_closed.emit(receipt_id, how.value)

    # ------------------------------------------------------------ timing

    def _timeout_ms(self, submission: Submission) -> int:
        assert submission.popup is not None
        seconds = self._prefs.timeout_for(submission.popup.kind)
        if submission.popup.kind != "service":
            return seconds * 1000  # only service popups may ask for their own timing
        return submission.presentation.expiry_ms(seconds)

    def _start_timer(self, slot: Slot) -> None:
        assert slot.submission is not None
        slot.start_timer(self._timeout_ms(slot.submission))

    # ------------------------------------------------------------ user actions

    def _on_details(self, slot: Slot, url: str) -> None:
        if slot.submission is not None and open_https(url, self._open_url):
            self.action_invoked.emit(slot.submission.receipt_id, "details")

    def _on_action(self, slot: Slot, key: str) -> None:
        submission = slot.submission
        if submission is None or key not in submission.presentation.action_keys():
            return
        self.action_invoked.emit(submission.receipt_id, key)
        if not submission.presentation.resident:
            slot.window.close_with("button")

    def _on_activated(self, slot: Slot) -> None:
        if slot.submission is not None and slot.submission.presentation.has_default_action:
            self._on_action(slot, Action("default", "").key)

    def _on_provider_menu(self, slot: Slot, signal: SignalInstance) -> None:
        """「不再接收此来源」 or 「减少此类推送」: the app changes the preferences, and closes the popup once saved."""
        popup = slot.submission.popup if slot.submission else None
        if slot.submission is not None and popup is not None:
            signal.emit(slot.submission.receipt_id, popup.provider.id)

    def _on_report(self, slot: Slot) -> None:
        if slot.submission is not None:
            self.report_requested.emit(slot.submission.receipt_id)

    def _on_full_text(self, slot: Slot) -> None:
        if slot.submission is not None:
            self.full_text_requested.emit(slot.submission.receipt_id)

    # ------------------------------------------------------------ placement

    @property
    def placer(self) -> Placer:
        return self._placer

    def set_placer(self, placer: Placer) -> None:
        """Put every window, shown and pooled, on ``placer`` instead (the old one stopped working)."""
        slots = [*self._visible, *self._free]
        shown = [slot.window.isVisible() for slot in slots]
        for slot in slots:
            slot.window.hide()
        self._placer.area_changed.disconnect(self._relayout)
        self._placer.close()
        self._placer = placer
        placer.area_changed.connect(self._relayout)
        for slot, was_shown in zip(slots, shown):
            placer.prepare(slot.window)
            if was_shown:
                slot.window.show()
        self._relayout()

    def corner(self) -> str:
        """The corner the stack starts from: the preference, or the platform's convention."""
        chosen = self._prefs.placement.corner
        return self._default_corner if chosen == "auto" else chosen

    def _margin(self) -> int:
        placement = self._prefs.placement
        return placement.margin if self._placer.area_is_exposed() else max(placement.margin, placement.margin_unknown_panels)

    def _rects(self, slots: list[Slot], *, force: bool = False) -> list[Rect] | None:
        """Where ``slots`` go, nearest the corner first; None if the last would not fit (``force``: place it anyway)."""
        sizes = [(s.window.width(), s.window.height()) for s in slots]
        return place(self._placer.area(), sizes, corner=self.corner(), margin=self._margin(), force=force)

    def _relayout(self) -> None:
        if not self._visible:  # nothing to move (and an idle app asks the window system nothing)
            return
        rects = self._rects(self._visible, force=True) or []
        for slot, rect in zip(self._visible, rects):
            if slot.window.pos() != QPoint(rect.x, rect.y):
                slot.window.move(rect.x, rect.y)

    # ------------------------------------------------------------ plumbing

    def _slot_of(self, receipt_id: int) -> Slot | None:
        for slot in self._visible:
            if slot.submission is not None and slot.submission.receipt_id == receipt_id:
                return slot
        return None

    def _renewed(self, slot: Slot) -> Slot:
        """A new pooled slot in place of ``slot``, whose window was built for another text size."""
        self._placer.release(slot.window)
        slot.window.deleteLater()
        return self._new_slot()

    def _new_slot(self) -> Slot:
        window = PopupWindow(text_scale=self._text_scale)
        self._placer.prepare(window)
        window.set_theme(self._dark)
        if self._qss:
            window.set_extra_stylesheet(self._qss)
        slot = Slot.around(window)
        window.closed.connect(lambda how: self._on_closed(slot, how))
        window.keyboard_held.connect(slot.hover)  # reading with the keyboard pauses the timeout as the pointer does
        window.details_requested.connect(lambda url: self._on_details(slot, url))
        window.action_invoked.connect(lambda key: self._on_action(slot, key))
        window.activated.connect(lambda: self._on_activated(slot))
        window.report_requested.connect(lambda: self._on_report(slot))
        window.full_text_requested.connect(lambda: self._on_full_text(slot))
        window.block_provider_requested.connect(lambda: self._on_provider_menu(slot, self.block_provider_requested))
        window.fewer_like_this_requested.connect(lambda: self._on_provider_menu(slot, self.fewer_requested))
        return slot

