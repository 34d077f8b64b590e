"""The one door every transport calls: parse, decide, journal, record what is open, hand over to show.

``submit(raw, sender)`` runs the policy, journals the receipt with its
decision, records a popup that may be shown in :attr:`PopupService.open`
(the one record of open popups) and tells the show listeners; it returns
then, so a transport replies without waiting for anything to be drawn (the
app turns the listeners into queued Qt signals for the UI). Displays,
closes, actions and reports come back through the same object, so the
journal and the record see everything. No Qt here.
"""

from __future__ import annotations

import logging
from functools import partial
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from .core.clock import Clock, SystemClock
from .core.errors import PayloadError, Problem
from .core.files.watch import OneLook
from .core.journal import Journal, JournalError
from .core.journal.redaction import text_key
from .core.journal.retention import ClearPlan
from .core.news_sources import NewsSourceList
from .core.payload import Popup
from .core.policy import Decision, Policy
from .core.presentation import DEFAULT_PRESENTATION, Presentation
from .core.prefs import Change, Preferences, PrefsStore, setting
from .core.rules import Context, Sender
from .core.trust.bundle import PolicyBundle
from .core.vocabulary import CloseHow, DecisionKind
from .linter import Linter
from .listeners import notify as _notify
from .open_popups import OpenPopup, OpenPopups
from .receipts import Keeping, error_receipt, receipt_for
from .scan_ahead import ScanAhead
from .service_history import HistoryKeeper
from .service_settings import Settings
from .submission import RawPayload, Submission, parse_any

log = logging.getLogger(__name__)

ShowListener = Callable[[Submission], None]
CloseListener = Callable[[OpenPopup, CloseHow], None]
ActionListener = Callable[[int, str], None]
CloseRequestListener = Callable[[int], None]
KeyboardRequestListener = Callable[[int], None]


class PopupService:
    """Policy + journal + preferences: what every transport and the UI talk to."""

    def __init__(
        self, journal: Journal, prefs_store: PrefsStore, *, clock: Clock | None = None, policy: Policy | None = None,
        bundles: list[PolicyBundle] | None = None,
    ) -> None:  # fmt: skip
        """``bundles``: the policy bundles in force, least important first (default: those installed, verified now)."""
        self.journal = journal
        self.clock: Clock = clock or SystemClock()
        self.policy = policy or Policy()
        #: What is open: every popup handed over to be shown and not closed yet.
        self.open = OpenPopups()
        #: Called with each submission that may be shown (the app connects the popup stack, queued).
        self.show_listeners: list[ShowListener] = []
        #: Called when an open popup closed, with how (D-Bus emits NotificationClosed).
        self.close_listeners: list[CloseListener] = []
        #: Called when the user invoked an action of a popup (D-Bus emits ActionInvoked).
        self.action_listeners: list[ActionListener] = []
        #: Called when a transport asks to close an open popup (the stack closes it, then reports back).
        self.close_request_listeners: list[CloseRequestListener] = []
        #: Called when a keyboard shortcut asks to give an open popup the keyboard (``ctl focus-newest``).
        self.focus_request_listeners: list[KeyboardRequestListener] = []
        #: Called when a keyboard shortcut asks to report an open popup (``ctl report-newest``; the UI opens 「举报」).
        self.report_request_listeners: list[KeyboardRequestListener] = []
        self.warnings: list[str] = list(journal.warnings)
        #: The preferences, the policy bundles and the news-source list in force, and their listeners.
        self.settings = Settings(prefs_store, bundles, clock=self.clock, warnings=self.warnings)
        self.prefs_store = prefs_store
        #: The settings' listeners: the preferences in effect when they changed; a problem found while running.
        self.prefs_listeners, self.prefs_warning_listeners = self.settings.prefs_listeners, self.settings.warning_listeners
        #: ``scan_ahead(raw)``: the payload's images scanned for barcodes on a worker thread (a future, or None).
        self.scan_ahead = ScanAhead()
        self._held_shows: list[Submission] | None = None
        self._text_key: bytes | None = None
        #: Retention and clearing (the app prunes a step at a time: ``history.prune_step``).
        self.history = HistoryKeeper(journal, self.settings)

    @property
    def prefs(self) -> Preferences:
        """The preferences in effect: the file as last read or written (never written back)."""
        return self.settings.prefs

    @property
    def news_sources(self) -> NewsSourceList:
        """The news-source list in force (the user's file, a policy bundle's, or the shipped one)."""
        return self.settings.news_sources

    def change_prefs(self, change: Change, *, pin: str | None = None) -> Preferences:
        """The one way to change the preferences (:meth:`Settings.change`)."""
        return self.settings.change(change, pin=pin)

    def set_pref(self, key: str, raw: str) -> Preferences:
        """Set one preference (a dotted key, a TOML value), leaving the others as saved."""
        return self.settings.change(setting(key, raw))

    def refresh_prefs(self, *, thorough: bool = False) -> bool:
        """Apply a change of the file made elsewhere (True if any); ``thorough`` reads it and repairs damage."""
        return self.settings.refresh(thorough=thorough)

    # ------------------------------------------------------------ decisions

    def context(self, popup: Popup, sender: Sender) -> Context:
        """The rule context for a popup now."""
        return Context(
            popup=popup,
            sender=sender,
            prefs=self.prefs,
            now=self.clock.now(),
            local_tz=self.clock.local_tz(),
            journal=self.journal,
            news_sources=self.news_sources,
        )

    def decide(self, raw: RawPayload, sender: Sender) -> Decision:
        """The decision a payload would get now, without recording anything."""
        try:
            popup = parse_any(raw)
        except PayloadError as exc:
            return Decision.from_error(exc)
        with OneLook():  # the preferences' and the journal's files looked at once (core/files/watch.py)
            self.refresh_prefs()
            with self.journal.reads_together():
                return self.policy.evaluate(self.context(popup, sender))

    def lint(self, raw: RawPayload) -> list[Problem]:
        """Every contract and content problem of a payload (no caps, no journal: :class:`Linter`)."""
        return Linter(self.settings, clock=self.clock, policy=self.policy).lint(raw)

    def submit(
        self,
        raw: RawPayload,
        sender: Sender,
        *,
        replaces: int | None = None,
        presentation: Presentation = DEFAULT_PRESENTATION,
    ) -> Submission:
        """Decide, journal, and hand a popup that may be shown to the show listeners.

        ``replaces`` names the receipt of a visible popup this one replaces in
        place (freedesktop ``replaces_id``); such a popup does not count again
        toward the caps. ``presentation`` carries what a transport may ask of
        the display (timeout, actions), passed through to the stack.
        """
        try:
            popup: Popup | None = parse_any(raw)
        except PayloadError as exc:
            return self._record_error(raw, sender, exc)
        assert popup is not None
        with OneLook():  # the preferences' and the journal's files looked at once (core/files/watch.py)
            submission = self._decide_and_record(popup, raw, sender, replaces, presentation)
        if submission.decision.decision is DecisionKind.SHOW:
            replaced = self.open.add(submission)
            if replaced is not None:
                _notify(self.close_listeners, replaced, CloseHow.REPLACED)
            self._notify_show(submission)
        return submission

    def _decide_and_record(
        self, popup: Popup, raw: RawPayload, sender: Sender, replaces: int | None, presentation: Presentation
    ) -> Submission:  # fmt: skip
        """:meth:`submit`'s decision and its receipt."""
        if self._held_shows is None:  # in a batch, once at its start (:meth:`batch`)
            self.refresh_prefs()  # a change of the file not noticed yet applies to this popup already
        with self.journal.reads_together():  # the counts it is decided by, and its receipt: no write between
            decision = self.policy.evaluate(self.context(popup, sender))
            shown, counts, keeping = decision.decision is DecisionKind.SHOW, replaces is None, self._keeping()
            build = partial(receipt_for, popup, sender, decision, raw, keeping, counts=counts)
            if shown and replaces is not None and replaces in self.open:
                with self.journal.batch():  # one commit, the replaced popup's close with it
                    receipt_id = self.journal.record_receipt(build())
                    self.journal.record_close(replaces, CloseHow.REPLACED)
            else:  # in a batch, built and written after the batch's decisions (journal/deferred.py)
                receipt_id = self.journal.record_receipt_soon(
                    build, received_at=keeping.now, provider_id=popup.provider.id, popup_id=popup.id,
                    kind=popup.kind, topic=popup.topic, counted=shown and counts,
                )  # fmt: skip
        log.info("receipt %d from %s: %s %s", receipt_id, popup.provider.id, decision.decision, ",".join(decision.rules))
        return Submission(receipt_id, decision, popup, sender, replaces, presentation)

    def _keeping(self) -> Keeping:
        keep = self.prefs.privacy.keep_service_text
        return Keeping(self.clock.now(), self.settings.policy_in_force.version, keep, self._key)

    def _record_error(self, raw: RawPayload, sender: Sender, error: PayloadError) -> Submission:
        decision = Decision.from_error(error)
        receipt_id = self.journal.record_receipt(error_receipt(raw, sender, error, decision, self._keeping()))
        log.info("receipt %d rejected: %s", receipt_id, ",".join(decision.rules))
        return Submission(receipt_id, decision, None, sender)

    def _key(self) -> bytes:
        """The journal's fingerprint key, read once."""
        if self._text_key is None:
            self._text_key = text_key(self.journal)
        return self._text_key

    def _notify_show(self, submission: Submission) -> None:
        if self._held_shows is not None:
            self._held_shows.append(submission)
        else:
            _notify(self.show_listeners, submission)

    # ------------------------------------------------------------ many at once

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Submit several payloads in one journal transaction; shows follow the commit.

        A transport with several requests waiting answers them inside one
        batch and sends the replies after it: a committed write per request
        was most of the time a request took. If the commit fails, the
        :class:`~popup_client.core.journal.JournalError` propagates, nothing
        of the batch is shown, and the transport tells its clients.
        """
        if self._held_shows is not None:
            yield  # already inside a batch
            return
        with OneLook():  # the preferences' and the journal's files looked at once (core/files/watch.py)
            self.refresh_prefs()  # once for the batch: its payloads arrived together
        self._held_shows = []
        try:
            with self.journal.batch():
                yield
            held = self._held_shows
        except BaseException:
            for submission in self._held_shows:  # not recorded: never open
                self.open.remove(submission.receipt_id)
            raise
        finally:
            self._held_shows = None
        for submission in held:
            _notify(self.show_listeners, submission)

    def close(self) -> None:
        """Stop the scanning thread (waiting for a scan under way) and close the journal."""
        self.scan_ahead.stop()
        self.journal.close()

    # ------------------------------------------------------------ what comes back

    def displayed(self, receipt_id: int) -> None:
        """The UI put an open popup on screen (a popup closed meanwhile is not)."""
        if self.open.mark_on_screen(receipt_id):
            self.journal.record_display(receipt_id)

    def closed(self, receipt_id: int, how: CloseHow) -> None:
        """An open popup left the screen, or its place in the queue (button, Esc, timeout, API).

        A popup no longer open (replaced meanwhile, or closed already) is not closed twice.
        """
        popup = self.open.remove(receipt_id)
        if popup is None:
            log.debug("receipt %d closed (%s), but it was not open", receipt_id, how)
            return
        self.journal.record_close(receipt_id, how)
        _notify(self.close_listeners, popup, how)

    def action(self, receipt_id: int, action: str) -> None:
        """The user invoked an action of a popup (a service action key, or ``details``)."""
        self.journal.record_action(receipt_id, action)
        _notify(self.action_listeners, receipt_id, action)

    def request_close(self, receipt_id: int) -> bool:
        """A transport asks for an open popup to be closed (False if it is not open); the UI closes it and calls :meth:`closed`."""
        if receipt_id not in self.open:
            return False
        held = next((s for s in self._held_shows or () if s.receipt_id == receipt_id), None)
        if held is not None:  # submitted in this batch, not handed to the UI yet: it never will be
            assert self._held_shows is not None
            self._held_shows.remove(held)
            self.closed(receipt_id, CloseHow.API)
            return True
        _notify(self.close_request_listeners, receipt_id)
        return True

    def request_focus(self, receipt_id: int) -> bool:
        """Give an open popup on screen the keyboard (False if none such); the UI activates it."""
        return self._request(self.focus_request_listeners, receipt_id)

    def request_report(self, receipt_id: int) -> bool:
        """Open 「举报」 for an open popup on screen (False if none such); the UI shows the report dialog."""
        return self._request(self.report_request_listeners, receipt_id)

    def _request(self, listeners: list[KeyboardRequestListener], receipt_id: int) -> bool:
        popup = self.open.get(receipt_id)
        if popup is None or not popup.on_screen:
            return False
        _notify(listeners, receipt_id)
        return True

    def close_all_open(self, how: CloseHow) -> None:
        """Close what is still open without the UI (the app is stopping: queued shows never reached it)."""
        for receipt_id in self.open.receipts():
            self.closed(receipt_id, how)

    def report(self, *, receipt_id: int | None, provider_id: str | None, reason: str, text: str = "") -> int:
        """Record a complaint (「举报」) about a popup or a provider."""
        complaint_id = self.journal.record_complaint(receipt_id=receipt_id, provider_id=provider_id, reason=reason, text=text)
        log.info("complaint %d recorded (%s)", complaint_id, reason)
        return complaint_id

    def now(self) -> datetime:
        return self.clock.now()

    # ------------------------------------------------------------ what the journal keeps (docs/privacy.md)

    def plan_clear(self, *, provider_id: str | None = None, before: datetime | None = None) -> ClearPlan:
        """What :meth:`clear_history` would delete, and keep for the caps."""
        return self.history.plan_clear(provider_id=provider_id, before=before)

    def clear_history(self, *, provider_id: str | None = None, before: datetime | None = None) -> ClearPlan:
        """Forget the history (of a provider, before a time); what was shown within a day stays as a bare count."""
        return self.history.clear(provider_id=provider_id, before=before)
