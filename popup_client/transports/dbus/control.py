"""The private control interface for scripts (``popup-client ctl``), like makoctl and dunstctl.

``org.popupclient.Control1`` at ``/org/popupclient/Control``, on the bus name
``org.popupclient.Daemon`` that the running app owns:

- ``List() → aa{sv}``: the open popups (shown or waiting in the stack), from
  every transport: ``id`` (the receipt id, as in the history), ``dbus_id``
  (the freedesktop id, 0 if none), ``transport``, ``provider_id``,
  ``provider_name``, ``kind``, ``title``, ``on_screen`` (False while queued);
- ``Dismiss(u id) → b``: close one open popup (False if it is not open);
- ``DismissAll() → u``: close every open popup, returns how many;
- ``Pause(u seconds) → s``: no popups for that long (0: until ``Resume``),
  returns the end of the pause (RFC 3339), saved in the preferences;
- ``Resume()``: end a pause;
- ``History(u limit) → aa{sv}``: the newest journal entries (``provider_name`` the name the popup showed;
  ``text_kept`` False where the journal keeps no text, docs/privacy.md);
- ``Status() → a{sv}``: ``version``, ``paused_until``, ``open``;
- ``FocusNewest() → u``, ``CloseNewest() → u``, ``ReportNewest() → u``: for
  keyboard shortcuts, act on the newest popup on screen — give it the
  keyboard (Tab walks its buttons, Esc closes it), close it, or open
  「举报」 for it — and return its id (0: no popup on screen).

Nothing here touches the bus: :class:`Control` answers calls with
(signature, body) and the D-Bus server sends them; the local socket's
``{"ctl": ...}`` requests (:mod:`popup_client.transports.socket.control`,
every platform) are answered by the same :meth:`Control.handle`. Closing goes through
:meth:`PopupService.request_close`, so the stack closes the popup and the
journal records how. What is open is the service's record
(:attr:`PopupService.open`), whoever it came from.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from ... import __version__
from ...core.journal import HistoryRow
from ...core.journal.redaction import text_summary
from ...core.timefmt import format_rfc3339
from ...open_popups import OpenPopup
from ...service import PopupService
from .bus import CONTROL_INTERFACE
from .ids import dbus_id_of
from .interface import CallRefused
from .objects import CONTROL

log = logging.getLogger(__name__)

ERROR_PREFIX = "org.popupclient.Error"
#: ``Pause(0)`` pauses until ``Resume``: the end of time datetime can write.
FOREVER = datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
MAX_HISTORY = 1000
#: The longest pause a call may ask for (a year), beyond which 0 is meant.
MAX_PAUSE_SECONDS = 366 * 24 * 3600

Reply = tuple[str, tuple[Any, ...]]


class ControlRefused(CallRefused):
    """A control call that cannot be done (``name``: the last part of the D-Bus error name)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{ERROR_PREFIX}.{name}", message)


class Control:
    """Answers the calls of ``org.popupclient.Control1`` from the service's record of open popups."""

    def __init__(self, service: PopupService) -> None:
        self._service = service
        self._open = service.open

    def handle(self, member: str, args: tuple[Any, ...]) -> Reply:
        """(signature, body) of the reply; raises :class:`ControlRefused`."""
        method = CONTROL.method(member)
        if method is None:
            raise ControlRefused("UnknownMethod", f"{CONTROL_INTERFACE} has no method {member}")
        method, body = CONTROL.dispatch(self, member, method.in_signature, args)
        return method.out_signature, body

    def _list(self) -> tuple[Any, ...]:
        return ([popup_dict(p) for p in sorted(self._open, key=lambda p: p.receipt_id)],)

    def _dismiss(self, receipt_id: int) -> tuple[Any, ...]:
        if receipt_id not in self._open:
            return (False,)
        log.info("control: dismiss receipt %d", receipt_id)
        self._service.request_close(receipt_id)
        return (True,)

    def _dismiss_all(self) -> tuple[Any, ...]:
        receipts = self._open.receipts()
        log.info("control: dismiss all (%d open)", len(receipts))
        for receipt_id in receipts:
            self._service.request_close(receipt_id)
        return (len(receipts),)

    def _focus_newest(self) -> tuple[Any, ...]:
        return (self._newest("focus", self._service.request_focus),)

    def _close_newest(self) -> tuple[Any, ...]:
        return (self._newest("close", self._service.request_close),)

    def _report_newest(self) -> tuple[Any, ...]:
        return (self._newest("report", self._service.request_report),)

    def _newest(self, what: str, request: Callable[[int], bool]) -> int:
        """Ask ``request`` of the newest popup on screen; its receipt id, or 0 if there is none."""
        popup = self._open.newest_on_screen()
        if popup is None or not request(popup.receipt_id):
            return 0
        log.info("control: %s the newest popup, receipt %d", what, popup.receipt_id)
        return popup.receipt_id

    def _pause(self, seconds: int) -> tuple[Any, ...]:
        if seconds == 0 or seconds > MAX_PAUSE_SECONDS:
            until = FOREVER
        else:
            until = self._service.now() + timedelta(seconds=seconds)
        text = format_rfc3339(until.astimezone(timezone.utc))
        self._save("paused_until", text)
        log.info("control: paused until %s", text)
        return (text,)

    def _resume(self) -> tuple[Any, ...]:
        self._save("paused_until", "")
        log.info("control: resumed")
        return ()

    def _save(self, key: str, raw: str) -> None:
        """Change this one preference in the file as saved now (never writing back a stale copy)."""
        try:
            self._service.set_pref(key, raw)
        except Exception as exc:  # the preferences file cannot be read or written
            raise ControlRefused("Failed", f"cannot save the preferences: {exc}") from None

    def _history(self, limit: int) -> tuple[Any, ...]:
        rows = self._service.journal.history(limit=min(limit or 50, MAX_HISTORY))
        return ([history_dict(row) for row in rows],)

    def _status(self) -> tuple[Any, ...]:
        status = {
            "version": ("s", __version__),
            "paused_until": ("s", format_rfc3339(until) if (until := self._service.prefs.paused_until) else ""),
            "open": ("u", len(self._open)),
        }
        return (status,)


def popup_dict(popup: OpenPopup) -> dict[str, tuple[str, Any]]:
    """One open popup as ``a{sv}``."""
    submission = popup.submission
    shown = submission.popup
    return {
        "id": ("u", popup.receipt_id),
        "dbus_id": ("u", dbus_id_of(submission) or 0),
        "transport": ("s", submission.sender.transport),
        "provider_id": ("s", shown.provider.id or "" if shown else ""),
        "provider_name": ("s", shown.provider.name or "" if shown else ""),
        "kind": ("s", shown.kind if shown else ""),
        "title": ("s", shown.title if shown else ""),
        "on_screen": ("b", popup.on_screen),
    }


def history_dict(row: HistoryRow) -> dict[str, tuple[str, Any]]:
    """One journal row as ``a{sv}`` (absent values as empty strings)."""
    events = [e.type + (f"({e.detail['how']})" if "how" in e.detail else f"({e.detail['action']})" if "action" in e.detail else "") for e in row.events]
    return {
        "id": ("u", row.id),
        "received_at": ("s", format_rfc3339(row.received_at)),
        "transport": ("s", row.transport),
        "provider_id": ("s", row.provider_id or ""),
        "provider_name": ("s", _payload_text(row.payload, "provider", "name")),
        "kind": ("s", row.kind or ""),
        "decision": ("s", row.decision),
        "rules": ("as", list(row.rules)),
        "reasons": ("as", list(row.reasons)),
        "title": ("s", _payload_text(row.payload, "title")),
        "text_kept": ("b", text_summary(row.payload) is None),
        "verified": ("b", row.verified),
        "sender": ("a{ss}", {str(k): "" if v is None else str(v) for k, v in row.sender.items()}),
        "events": ("as", events),
    }


def _payload_text(payload: str | None, *path: str) -> str:
    """The text at ``path`` in the journaled payload (``title``; ``provider``, ``name``), or ""."""
    try:
        data: Any = json.loads(payload or "")
    except ValueError:
        return ""
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, str) else ""

