"""The tray application: wires the service to the popup stack, the transports and the tray.

``popup-client run`` builds one :class:`Application`: the journal and the
preferences, the service, the popup stack (connected as the service's show
listener), the local socket server, on Linux the freedesktop notification
server, and the tray. ``--demo`` feeds the sample payloads so a newcomer sees
popups of every kind.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from typing import Any

from . import pyside_hook  # noqa: F401  (before PySide6: see its docstring)

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from .core.clock import SystemClock
from .core.errors import CoreError
from .core.journal import CloseHow, Journal, JournalError
from .core.trust.evidence_key import load_or_create_key
from .core.paths import evidence_key_path, journal_path, prefs_path
from .core.prefs import PrefError, pause_until
from .core.prefs import LayeredPrefsStore
from .core.rules import Sender
from .platform import current as current_platform
from .platform import session_bus_available
from .memory import settle_memory
from .service import PopupService
from .transports.providers import ProviderRegistry
from .transports.socket.server import SocketServer
from .ui.fonts import bundled_family
from .ui.i18n import install_translator, tr_core
from .ui.lag import LagProbe
from .ui.prefs_watcher import PrefsWatcher
from .ui.motion import apply_motion
from .ui.stack import PopupStack
from .ui.stop_signals import StopSignals
from .ui.tray import Tray, TrayActions
from .wiring import connect_popup_menu, connect_stack, disconnect_stack

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAIL = 0, 1
PRUNE_FIRST_MS = 30_000  # the first pruning step, once the start is over


@dataclass(frozen=True)
class RunOptions:
    """What ``popup-client run`` was asked to do."""

    demo: bool = False
    dbus: bool = True
    replace: bool = False
    #: A bus connection that already owns the notification names (claimed early, before Qt loads).
    claim: Any = None
    #: A vendor QSS theme; checked against every guarantee before it is used.
    theme: str | None = None
    #: How popups get onto this desktop (chosen before Qt started); None: Qt windows on the primary screen.
    placement: Any = None


class StartupError(CoreError):
    """The app cannot start (another instance's socket is foreign, the bus name is taken…)."""


def _say(message: str) -> None:
    print(f"popup-client: {message}", file=sys.stderr)


def _open_journal(clock: SystemClock) -> tuple[Journal, list[str]]:
    """The user's journal, or an in-memory one with a warning if it cannot be opened."""
    try:
        journal = Journal(journal_path(), clock=clock)
    except JournalError as exc:
        return Journal(":memory:", clock=clock), [f"{exc}; this session's history will not be kept"]
    journal.checkpoint_key = lambda: load_or_create_key(evidence_key_path()).key  # head checkpoints at complaints, shutdown
    return journal, []


class Application:
    """The running app: owns every long-lived object, and tears them down in order."""

    def __init__(self, qapp: QApplication, options: RunOptions, *, translate: bool = False) -> None:
        """``translate``: install the language the preferences choose, before any window is built (run() does)."""
        self.qapp = qapp
        self.options = options
        clock = SystemClock()
        journal, warnings = _open_journal(clock)
        self.service = PopupService(journal, LayeredPrefsStore(prefs_path()), clock=clock)
        self.warnings = warnings + self.service.warnings
        self.service.journal.warning_listeners.append(self._on_warning)
        self.language = install_translator(qapp, self.service.prefs.language) if translate else None
        self.platform = current_platform()
        self.placement = _start_placement(options.placement, self.service.prefs.placement.corner, self.platform.corner)
        self.stack = PopupStack(self.service.prefs, placer=self.placement.placer, corner=self.platform.corner)
        self.stack.placer.failed.connect(self._on_placement_failed)
        self.stack_signals = connect_stack(self.service, self.stack)  # down through queued signals, back up likewise
        self.prefs_watcher = PrefsWatcher(self.service)  # a change of the preferences file, made anywhere, applies
        self.registry = ProviderRegistry()
        limits = self.service.prefs.local_api
        self.socket = SocketServer(
            self.service,
            self.registry,
            idle_timeout=float(limits.idle_timeout_seconds),
            max_connections=limits.max_connections,
            max_line_bytes=limits.max_request_kib * 1024,
        )
        self.dbus: Any = None
        self.platform.set_app_identity()
        self.tray: Tray | None = None
        self._dialogs: dict[str, QWidget] = {}
        self.lag_probe: LagProbe | None = None  # measures the event-loop lag when POPUP_CLIENT_LAG_FILE is set
        self.pruning = QTimer(qapp, singleShot=True)  # retention, a chunk per turn of the loop (docs/privacy.md)
        self.pruning.timeout.connect(lambda: self.pruning.start(int(1000 * self.service.history.prune_step())))

    # ------------------------------------------------------------ start / stop

    def start(self) -> None:
        self._load_theme()  # before anything can arrive: no popup is shown unthemed
        if not self.socket.listen():
            raise StartupError("popup-client is already running")
        self.lag_probe = LagProbe.from_env(self.qapp)
        if self.options.dbus and self.platform.dbus_notifications:
            self._start_dbus()
        self._start_tray()
        self.stack.report_requested.connect(self.open_report)
        self.stack.full_text_requested.connect(self.open_full_text)
        apply_motion(self.service.prefs)  # no Qt effect moves when the preference asks for no motion
        self.service.prefs_listeners.append(apply_motion)
        connect_popup_menu(self.service, self.stack, self._on_prefs_changed)
        self.prefs_watcher.changed.connect(self._on_prefs_reloaded)
        self.prefs_watcher.warning.connect(self._on_warning)  # said the same way: once, and in the tray
        self.prefs_watcher.start()
        _say(self.placement.line)
        for warning in [*self.placement.warnings, *self.warnings]:
            _say(f"warning: {warning}")
        if self.options.demo:
            self._schedule_demo()
        self.pruning.start(PRUNE_FIRST_MS)

    def _start_dbus(self) -> None:
        from .transports.dbus.server import NotificationServer

        if self.options.claim is None and not session_bus_available():
            _say("warning: no D-Bus session bus: desktop notifications (notify-send) are not received")
            return
        self.dbus = NotificationServer(self.service, replace=self.options.replace, claim=self.options.claim)
        self.dbus.start()

    def _load_theme(self) -> None:
        """Use the vendor theme only if every kind still meets every guarantee with it."""
        if not self.options.theme:
            return
        from .conformance.theme import load_theme_or_default

        qss, messages = load_theme_or_default(self.options.theme)
        for message in messages:
            _say(message)
        if qss is not None:
            self.stack.set_stylesheet(qss)

    def _on_warning(self, message: str) -> None:
        """Something the user must know happened while running (the journal or the preferences file was
        damaged and replaced…): say it once, on stderr and in the tray, in the interface's language."""
        _say(f"warning: {message}")
        if self.tray is not None:
            self.tray.notify("popup-client", tr_core(message))  # in the interface's language

    def _start_tray(self) -> None:
        if not Tray.available():
            _say("warning: no system tray is available: popups still appear; use `popup-client prefs` and `popup-client history`")
            return
        actions = TrayActions(
            pause_hour=lambda: self.pause(timedelta(hours=1)),
            pause_until_tomorrow=self.pause_until_tomorrow,
            resume=self.resume,
            preferences=self.open_preferences,
            history=self.open_history,
            report=lambda: self.open_report(None),
            disclosure=self.open_disclosure,
            quit=self.qapp.quit,
            is_paused=self.is_paused,
        )
        self.tray = Tray(actions, self.qapp)
        self.tray.show()
        self.tray.refresh()

    def _on_placement_failed(self, reason: str) -> None:
        """The layer-shell connection broke: go on with plain windows, and say so once."""
        from .ui.placement.placers import QtPlacer

        _say(f"warning: {reason}; popups are plain windows from now on")
        self.stack.set_placer(QtPlacer("window"))

    def stop(self) -> None:
        self.pruning.stop()
        self.prefs_watcher.stop()
        if self.lag_probe is not None:
            self.lag_probe.stop()
        self.stack.close_all("api")
        disconnect_stack(self.service, self.stack_signals)
        self.service.close_all_open(CloseHow.API)  # shows still queued for the stack when the loop ended
        self.stack.close()
        if self.dbus is not None:
            self.dbus.stop()
        self.socket.close()
        if self.tray is not None:
            self.tray.hide()
        self.service.close()

    # ------------------------------------------------------------ pause

    def is_paused(self) -> bool:
        until = self.service.prefs.paused_until
        return until is not None and until > self.service.now()

    def pause(self, duration: timedelta) -> None:
        self._set_paused((self.service.now() + duration).astimezone())

    def pause_until_tomorrow(self) -> None:
        """Until 08:00 tomorrow, local time."""
        local = self.service.now().astimezone()
        tomorrow = datetime.combine(local.date() + timedelta(days=1), time(8, 0), tzinfo=local.tzinfo)
        self._set_paused(tomorrow)

    def resume(self) -> None:
        self._set_paused(None)

    def _set_paused(self, until: datetime | None) -> None:
        try:
            self.service.change_prefs(pause_until(until))
        except PrefError as exc:  # the file cannot be read: nothing was saved
            self._on_warning(str(exc))

    # ------------------------------------------------------------ dialogs

    def _show_dialog(self, key: str, factory: Any) -> None:
        dialog = self._dialogs.get(key)
        if dialog is None or not dialog.isVisible():
            dialog = factory()
            self._dialogs[key] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def open_preferences(self) -> None:
        from .core.guardian import GuardianLock
        from .ui.prefs_dialog import PreferencesDialog

        def build() -> PreferencesDialog:
            dialog = PreferencesDialog(self.service, guardian=GuardianLock())
            self.prefs_watcher.changed.connect(dialog.reload)
            return dialog

        self._show_dialog("prefs", build)

    def open_history(self) -> None:
        from .ui.history_window import HistoryWindow

        self._show_dialog("history", lambda: HistoryWindow(self.service.journal, forgetting=self.service))

    def open_full_text(self, receipt_id: int) -> None:
        """「全文」 on a popup whose text large text cut: the history window, that popup selected (its whole text)."""
        self.open_history()
        history = self._dialogs.get("history")
        select = getattr(history, "select_receipt", None)
        if select is not None:
            select(receipt_id)

    def open_report(self, receipt_id: int | None) -> None:
        from .ui.report_dialog import ReportDialog

        self._show_dialog(f"report-{receipt_id}", lambda: ReportDialog(self.service, receipt_id))

    def open_disclosure(self) -> None:
        from .ui.disclosure_dialog import DisclosureDialog

        self._show_dialog("disclosure", lambda: DisclosureDialog(self.service, self.registry))

    def _on_prefs_reloaded(self) -> None:
        if self.tray is not None:
            self.tray.refresh()

    def _on_prefs_changed(self, message: str) -> None:
        if self.tray is not None:
            self.tray.notify("popup-client", message)
            self.tray.refresh()

    # ------------------------------------------------------------ demo

    def _schedule_demo(self) -> None:
        from .demo import demo_payloads  # --demo only

        for index, payload in enumerate(demo_payloads(self.service.now())):
            verified = not payload["provider"]["id"].startswith("desktop.")
            sender = Sender("demo", verified=verified, token_provider_id=payload["provider"]["id"] if verified else None)
            QTimer.singleShot(300 + 700 * index, lambda p=payload, s=sender: self.service.submit(p, s))


# ---------------------------------------------------------------- entry point


def _start_placement(choice: Any, corner_pref: str, platform_corner: str) -> Any:
    """The placer for ``choice`` (Qt windows on the primary screen when the app was started without one)."""
    from .ui.placement.placers import QtPlacer
    from .ui.placement.start import Started, make_placer

    corner = platform_corner if corner_pref == "auto" else corner_pref
    if choice is None:
        placer = QtPlacer()
        return Started(placer, f"placement: {placer.mechanism} (Qt windows on the primary screen)")
    return make_placer(choice, lambda: corner)


def _qt_arguments() -> list[str]:
    """argv for Qt: on X11 the window class instance is the desktop file's name, as compositor rules expect."""
    from .platform import DESKTOP_ID

    return [sys.argv[0] if sys.argv else "popup-client", "-name", DESKTOP_ID]


#: When the app tidies its memory after start-up (memory.py), the loop running by then.
_SETTLE_MS = 1500


def run(options: RunOptions) -> int:
    """``popup-client run``: start the tray app; when another instance runs, say which (and send it the demo)."""
    from .instance import if_already_running

    running = if_already_running(demo=options.demo)
    if running is not None:
        return running
    if options.placement is None:
        from .ui.placement.start import choose_for_session, preferred_mechanism

        options = replace(options, placement=choose_for_session(preferred_mechanism(prefs_path())))
    qapp = QApplication.instance() or QApplication(_qt_arguments())
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("popup-client")
    from .platform import DESKTOP_ID

    qapp.setDesktopFileName(DESKTOP_ID)  # the Wayland app_id: compositor rules and the tray name the app by it
    qapp.setQuitOnLastWindowClosed(False)
    bundled_family()
    stopping: list[int] = []

    def stop(signum: int) -> None:  # also while still starting: then the loop is never entered
        stopping.append(signum)
        qapp.quit()

    signals = StopSignals(stop)
    app = Application(qapp, options, translate=True)
    try:
        app.start()
    except CoreError as exc:
        _say(f"error: {exc}")
        app.stop()
        return EXIT_FAIL
    log.info("popup-client running")
    QTimer.singleShot(_SETTLE_MS, settle_memory)  # after what arrived at start-up (a D-Bus activation's popup) is shown
    code = 0 if stopping else qapp.exec()
    signals.close()
    app.stop()
    return int(code)
