"""Where the service meets the popups: the service's news as queued Qt signals, the UI's reports back.

The service is Qt-free and the UI never imports it. :func:`connect_stack`
turns what the service tells its listeners into Qt signals the popup stack
receives — queued, so a transport's caller has its reply before any widget
is laid out — and connects the stack's signals (shown, closed, action) back
to the service, and so to the journal and the record of open popups.
:func:`connect_popup_menu` does the same for the preferences a popup's ⋯
page changes. The app calls both; tests call them to run the real wiring.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

from .core.journal import CloseHow
from .service import PopupService
from .ui.popup_prefs import block_provider, fewer_like_this
from .ui.stack import PopupStack

log = logging.getLogger(__name__)


class ServiceSignals(QObject):
    """The service's listeners, as Qt signals."""

    #: A submission to show (queued to the stack).
    show = Signal(object)
    #: A transport asks for an open popup to be closed (receipt id; queued to the stack, after any show).
    close_requested = Signal(int)
    #: A keyboard shortcut asks to give an open popup the keyboard (receipt id; queued to the stack).
    focus_requested = Signal(int)
    #: A keyboard shortcut asks to report an open popup (receipt id; queued to the stack, which asks the app).
    report_requested = Signal(int)
    #: The preferences in effect changed (the new :class:`~popup_client.core.prefs.Preferences`).
    prefs_changed = Signal(object)


def connect_stack(service: PopupService, stack: PopupStack) -> ServiceSignals:
    """Wire the stack to the service both ways; returns the signals object (owned by the stack)."""
    signals = ServiceSignals(stack)
    service.show_listeners.append(signals.show.emit)
    service.close_request_listeners.append(signals.close_requested.emit)
    service.focus_request_listeners.append(signals.focus_requested.emit)
    service.report_request_listeners.append(signals.report_requested.emit)
    service.prefs_listeners.append(signals.prefs_changed.emit)
    queued = Qt.ConnectionType.QueuedConnection
    signals.show.connect(stack.push, queued)
    signals.close_requested.connect(stack.close_receipt, queued)
    signals.focus_requested.connect(stack.focus_receipt, queued)
    signals.report_requested.connect(stack.report_receipt, queued)
    signals.prefs_changed.connect(stack.set_prefs)
    stack.popup_shown.connect(service.displayed)
    stack.popup_closed.connect(lambda receipt_id, how: service.closed(receipt_id, CloseHow(how)))
    stack.action_invoked.connect(service.action)
    return signals


def disconnect_stack(service: PopupService, signals: ServiceSignals) -> None:
    """Stop handing the stack anything (the app is stopping)."""
    for listeners, listener in (
        (service.show_listeners, signals.show.emit),
        (service.close_request_listeners, signals.close_requested.emit),
        (service.focus_request_listeners, signals.focus_requested.emit),
        (service.report_request_listeners, signals.report_requested.emit),
        (service.prefs_listeners, signals.prefs_changed.emit),
    ):
        if listener in listeners:
            listeners.remove(listener)


def connect_popup_menu(service: PopupService, stack: PopupStack, say: Callable[[str], None]) -> None:
    """「不再接收此来源」 and 「减少此类推送」: change the preferences, close the popup once saved, ``say`` what changed."""

    def change(how: Callable[[PopupService, str], tuple[bool, str]], receipt_id: int, provider: str) -> None:
        saved, message = how(service, provider)
        if saved:
            stack.close_receipt(receipt_id, CloseHow.BUTTON.value)
        say(message)

    stack.block_provider_requested.connect(lambda receipt_id, provider: change(block_provider, receipt_id, provider))
    stack.fewer_requested.connect(lambda receipt_id, provider: change(fewer_like_this, receipt_id, provider))
