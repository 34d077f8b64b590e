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
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from datetime import datetime
from typing import Any

from .core.clock import Clock, SystemClock
from .core.errors import PayloadError, Problem
from .core.image_scan import scan_all, targets_of, unscanned
from .core.journal import Journal, JournalError, Receipt
from .core.journal.redaction import for_journal, text_key
from .core.journal.retention import ClearPlan, Forgetter, Retention
from .core.news_sources import NewsSourceList, load_for_prefs
from .core.payload import Popup
from .core.policy import Decision, Policy
from .core.presentation import DEFAULT_PRESENTATION, Presentation
from .core.prefs import Change, LayeredPrefsStore, PolicyInForce, Preferences, PrefsStore, setting
from .core.rules import Context, EmptyJournal, Sender
from .core.trust.bundle import PolicyBundle
from .core.vocabulary import CloseHow, DecisionKind
from .open_popups import OpenPopup, OpenPopups
from .submission import (
    RawPayload, Submission, exact_text, journal_payload, may_carry_images, parse_any, raw_text, salvage_ids, salvage_kind,
)

log = logging.getLogger(__name__)

ShowListener = Callable[[Submission], None]
CloseListener = Callable[[OpenPopup, CloseHow], None]
ActionListener = Callable[[int, str], None]
CloseRequestListener = Callable[[int], None]
KeyboardRequestListener = Callable[[int], None]
PrefsListener = Callable[[Preferences], None]
WarningListener = Callable[[str], None]
#: Seconds between pruning steps while more is due, and once none is.
PRUNE_BUSY_S, PRUNE_IDLE_S = 0.05, 600.0
VACUUM_PAGES = 256  # pages given back per step (1 MiB of 4 KiB pages)


class PopupService:
    """Policy + journal + preferences: what every transport and the UI talk to."""

    def __init__(
        self, journal: Journal, prefs_store: PrefsStore, *, clock: Clock | None = None, policy: Policy | None = None,
        bundles: list[PolicyBundle] | None = None,
    ) -> None:  # fmt: skip
        """``bundles``: the policy bundles in force, least important first (default: those installed, verified now)."""
        self.journal = journal
        self.prefs_store = prefs_store
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
        #: Called with the preferences in effect when they changed, whoever changed the file.
        self.prefs_listeners: list[PrefsListener] = []
        #: Called with a problem of the preferences file found while running (said once per problem).
        self.prefs_warning_listeners: list[WarningListener] = []
        self.warnings: list[str] = list(journal.warnings)
        #: The policy bundles in force (issue 18): their news-source list, their providers' keys, their version journaled.
        self.policy_in_force = PolicyInForce(prefs_store, bundles, clock=self.clock)
        self._take_policy_problems()
        self._prefs = prefs_store.load()
        self.warnings += prefs_store.warnings
        self.news_sources = self._load_news_sources()
        self._scanner: ThreadPoolExecutor | None = None
        self._held_shows: list[Submission] | None = None
        self._text_key: bytes | None = None
        #: Retention and clearing (the app prunes a step at a time, :meth:`prune_step`); its hook writes prune checkpoints.
        self.forgetter = Forgetter(journal)
        self._pruned = 0  # receipts deleted since the last vacuum

    # ------------------------------------------------------------ preferences

    @property
    def prefs(self) -> Preferences:
        """The preferences in effect: the file as last read or written (never written back)."""
        return self._prefs

    def change_prefs(self, change: Change, *, pin: str | None = None) -> Preferences:
        """The one way to change the preferences: ``change`` maps them as saved now to those wanted.

        Read afresh and written under the file's lock (:meth:`PrefsStore.update`),
        so a change made elsewhere meanwhile is kept; the result is checked
        against the schema and the guardian lock (``pin`` turns minors mode
        off when a PIN is set). Raises ``PrefError`` (nothing saved) for an
        invalid change or a file that cannot be read, ``GuardianError`` for
        minors mode turned off without the PIN. The named changes are in
        :mod:`popup_client.core.prefs.changes`.
        """
        prefs = self.prefs_store.update(change, pin=pin)
        self._tell_prefs_warnings()
        self._apply_prefs(prefs)
        return prefs

    def set_pref(self, key: str, raw: str) -> Preferences:
        """Set one preference (a dotted key, a TOML value), leaving the others as saved."""
        return self.change_prefs(setting(key, raw))

    def refresh_prefs(self, *, thorough: bool = False) -> bool:
        """Apply a change of the file made elsewhere (True if any); ``thorough`` reads it and repairs damage."""
        self.refresh_policy()
        prefs = self.prefs_store.refresh(thorough=thorough)
        self._tell_prefs_warnings()
        return prefs is not None and self._apply_prefs(prefs)

    def _apply_prefs(self, prefs: Preferences) -> bool:
        if prefs == self._prefs:
            return False
        old_file = self._prefs.news_sources_file
        self._prefs = prefs
        if prefs.news_sources_file != old_file:
            self.news_sources = self._load_news_sources()
        _notify(self.prefs_listeners, prefs)
        return True

    def refresh_policy(self, *, now: bool = False) -> bool:
        """Load the installed policy bundles again if their files changed (True if so); bundles given at start stay.

        At most once a second, unless ``now``.
        """
        if not self.policy_in_force.refresh(now=now):
            return False
        self._take_policy_problems()
        self.news_sources = self._load_news_sources()
        if isinstance(self.prefs_store, LayeredPrefsStore):
            self._apply_prefs(self.prefs_store.revise(self.prefs_store.vendor))
        log.info("policy bundles in force now: %s", self.policy_in_force.version or "none")
        return True

    def _take_policy_problems(self) -> None:
        for message in self.policy_in_force.problems:
            self.warnings.append(message)
            _notify(self.prefs_warning_listeners, message)
        self.policy_in_force.problems = []

    def _tell_prefs_warnings(self) -> None:
        for message in self.prefs_store.warnings:
            self.warnings.append(message)
            _notify(self.prefs_warning_listeners, message)
        self.prefs_store.warnings = []

    def _load_news_sources(self) -> NewsSourceList:
        """The user's own list if the preference names one, else the policy bundle's, else the shipped one."""
        from_bundle = None if self._prefs.news_sources_file else self.policy_in_force.news_sources()
        if from_bundle is not None:
            return from_bundle
        sources, warnings = load_for_prefs(self._prefs.news_sources_file)
        self.warnings += warnings
        return sources

    # ------------------------------------------------------------ decisions

    def context(self, popup: Popup, sender: Sender, *, stateless: bool = False) -> Context:
        """The rule context for a popup now (``stateless``: an empty journal, for lint)."""
        return Context(
            popup=popup,
            sender=sender,
            prefs=self._prefs,
            now=self.clock.now(),
            local_tz=self.clock.local_tz(),
            journal=EmptyJournal() if stateless else self.journal,
            news_sources=self.news_sources,
        )

    def decide(self, raw: RawPayload, sender: Sender) -> Decision:
        """The decision a payload would get now, without recording anything."""
        try:
            popup = parse_any(raw)
        except PayloadError as exc:
            return Decision.from_error(exc)
        self.refresh_prefs()
        with self.journal.reads_together():
            return self.policy.evaluate(self.context(popup, sender))

    def lint(self, raw: RawPayload) -> list[Problem]:
        """Every contract and content problem of a payload (no preferences, no journal)."""
        try:
            popup = parse_any(raw)
        except PayloadError as exc:
            return exc.problems
        return self.policy.lint(self.context(popup, Sender("lint"), stateless=True)).problems

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
        self.refresh_prefs()  # a change of the file not noticed yet applies to this popup already
        with self.journal.reads_together():  # the counts it is decided by, and its receipt: no write between
            decision = self.policy.evaluate(self.context(popup, sender))
            shown = decision.decision is DecisionKind.SHOW
            replacing = shown and replaces in self.open
            with self.journal.batch() if replacing else nullcontext():  # one commit, the replaced popup's close with it
                receipt = replace(self._receipt(popup, sender, decision, counts=replaces is None), payload_exact=exact_text(raw))
                receipt_id = self.journal.record_receipt(self._kept(receipt))
                if replacing:
                    assert replaces is not None
                    self.journal.record_close(replaces, CloseHow.REPLACED)
        submission = Submission(receipt_id, decision, popup, sender, replaces, presentation)
        log.info("receipt %d from %s: %s %s", receipt_id, popup.provider.id, decision.decision, ",".join(decision.rules))
        if shown:
            replaced = self.open.add(submission)
            if replaced is not None:
                _notify(self.close_listeners, replaced, CloseHow.REPLACED)
            self._notify_show(submission)
        return submission

    def _receipt(self, popup: Popup, sender: Sender, decision: Decision, *, counts: bool) -> Receipt:
        return Receipt(
            received_at=self.clock.now(),
            transport=sender.transport,
            sender=dict(sender.details),
            provider_id=popup.provider.id,
            popup_id=popup.id,
            kind=popup.kind,
            topic=popup.topic,
            tier=popup.audience.tier or None,
            verified=bool(sender.verified),
            payload=journal_payload(popup),
            error=None,
            decision=decision.decision,
            rules=decision.rules,
            reasons=decision.reasons,
            news_list_version=decision.news_list_version,
            counts=counts,
            policy_version=self.policy_in_force.version,
        )

    def _record_error(self, raw: RawPayload, sender: Sender, error: PayloadError) -> Submission:
        decision = Decision.from_error(error)
        provider_id, popup_id = salvage_ids(raw)
        receipt = Receipt(
            received_at=self.clock.now(),
            transport=sender.transport,
            sender=dict(sender.details),
            provider_id=provider_id,
            popup_id=popup_id,
            kind=None,
            topic=None,
            tier=None,
            verified=bool(sender.verified),
            payload=raw_text(raw),
            error=str(error),
            decision=decision.decision,
            rules=decision.rules,
            reasons=decision.reasons,
            policy_version=self.policy_in_force.version,
        )
        receipt_id = self.journal.record_receipt(self._kept(receipt, salvage_kind(raw)))
        log.info("receipt %d rejected: %s", receipt_id, ",".join(decision.rules))
        return Submission(receipt_id, decision, None, sender)

    def _kept(self, receipt: Receipt, claimed_kind: str | None = None) -> Receipt:
        """What the journal keeps of a receipt: a push whole, the rest without its text (docs/privacy.md)."""
        keep = self._prefs.privacy.keep_service_text
        if self._text_key is None and not keep:
            self._text_key = text_key(self.journal)
        return for_journal(receipt, self._text_key or b"", keep_service_text=keep, claimed_kind=claimed_kind)

    def _notify_show(self, submission: Submission) -> None:
        if self._held_shows is not None:
            self._held_shows.append(submission)
        else:
            _notify(self.show_listeners, submission)

    # ------------------------------------------------------------ many at once, and slow images

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

    def scan_ahead(self, raw: RawPayload) -> Future[None] | None:
        """Scan the payload's images for barcodes on a worker thread; None when none needs it.

        A transport that gets a future submits the payload once it is done;
        the ``qr-code`` rule then finds the results remembered
        (:mod:`popup_client.core.image_scan`), so a large image never stalls
        the thread that draws the popups. Submitting without waiting is still
        correct, only slower.
        """
        if not may_carry_images(raw):
            return None
        try:
            popup = parse_any(raw)
        except PayloadError:
            return None  # submit() reports it
        todo = unscanned(targets_of(popup))
        if not todo:
            return None
        if self._scanner is None:
            self._scanner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="popup-client-scan")
        return self._scanner.submit(scan_all, todo)

    def close(self) -> None:
        """Stop the scanning thread (waiting for a scan under way) and close the journal."""
        if self._scanner is not None:
            self._scanner.shutdown(wait=True, cancel_futures=True)
            self._scanner = None
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

    def retention(self) -> Retention:
        """How long the journal keeps what, as the preferences say now."""
        p = self._prefs
        return Retention.of(service_days=p.privacy.service_days, push_days=p.privacy.push_days, topic_window_hours=p.topic_window_hours)

    def prune_step(self) -> float:
        """Delete one chunk of what is past its time, then give the space back a chunk a step; seconds until the next step."""
        try:
            deleted = self.forgetter.prune_step(self.retention())
            self._pruned += deleted
            if not deleted and self._pruned and self.forgetter.vacuum(pages=VACUUM_PAGES) < VACUUM_PAGES:
                self._pruned = 0  # none left to give back
        except JournalError as exc:
            log.warning("pruning the journal failed: %s", exc)
            return PRUNE_IDLE_S
        return PRUNE_BUSY_S if deleted or self._pruned else PRUNE_IDLE_S

    def plan_clear(self, *, provider_id: str | None = None, before: datetime | None = None) -> ClearPlan:
        """What :meth:`clear_history` would delete, and keep for the caps."""
        return self.forgetter.plan(retention=self.retention(), provider_id=provider_id, before=before)

    def clear_history(self, *, provider_id: str | None = None, before: datetime | None = None) -> ClearPlan:
        """Forget the history (of a provider, before a time); what was shown within a day stays as a bare count."""
        plan = self.forgetter.clear(retention=self.retention(), provider_id=provider_id, before=before)
        log.info("history cleared: %d receipts deleted, %d kept for the caps, %d complaints", plan.deleted, plan.kept_for_caps, plan.complaints)
        return plan


def _notify(listeners: list[Callable[..., None]], *args: Any) -> None:
    """Call every listener; a broken one is logged and must not starve the others."""
    for listener in list(listeners):
        try:
            listener(*args)
        except Exception:
            log.exception("listener %r failed", listener)
