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
- ``History(u limit) → aa{sv}``: the newest journal entries (``provider_name`` the name the popup showed);
- ``Status() → a{sv}``: ``version``, ``paused_until``, ``open``.

Nothing here touches the bus: :class:`Control` answers calls with
(signature, body) and the D-Bus server sends them. Closing goes through
:meth:`PopupService.request_close`, so the stack closes the popup and the
journal records how.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from .. import __version__
from ..core.journal import CloseHow, HistoryRow
from ..core.timefmt import format_rfc3339
from ..service import PopupService, Submission
from .dbus_common import CONTROL_INTERFACE

log = logging.getLogger(__name__)

ERROR_PREFIX = "org.popupclient.Error"
#: ``Pause(0)`` pauses until ``Resume``: the end of time datetime can write.
FOREVER = datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
MAX_HISTORY = 1000
#: The longest pause a call may ask for (a year), beyond which 0 is meant.
MAX_PAUSE_SECONDS = 366 * 24 * 3600

CONTROL_XML = f"""<interface name="{CONTROL_INTERFACE}">
    <method name="List"><arg direction="out" type="aa{{sv}}"/></method>
    <method name="Dismiss"><arg name="id" direction="in" type="u"/><arg direction="out" type="b"/></method>
    <method name="DismissAll"><arg direction="out" type="u"/></method>
    <method name="Pause"><arg name="seconds" direction="in" type="u"/><arg direction="out" type="s"/></method>
    <method name="Resume"/>
    <method name="History"><arg name="limit" direction="in" type="u"/><arg direction="out" type="aa{{sv}}"/></method>
    <method name="Status"><arg direction="out" type="a{{sv}}"/></method>
  </interface>"""

#: member → input signature.
SIGNATURES = {"List": "", "Dismiss": "u", "DismissAll": "", "Pause": "u", "Resume": "", "History": "u", "Status": ""}

Reply = tuple[str, tuple[Any, ...]]


class ControlRefused(Exception):
    """A control call that cannot be done; ``name`` is the D-Bus error name."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = f"{ERROR_PREFIX}.{name}"


@dataclass(frozen=True)
class OpenPopup:
    """A popup handed to the stack and not closed yet."""

    receipt_id: int
    transport: str
    provider_id: str
    provider_name: str
    kind: str
    title: str


class OpenPopups:
    """Tracks the popups that are open (shown or queued), from the service's listeners."""

    def __init__(self, service: PopupService) -> None:
        self._service = service
        self._open: dict[int, OpenPopup] = {}
        service.show_listeners.append(self._on_show)
        service.close_listeners.append(self._on_close)

    def detach(self) -> None:
        _remove(self._service.show_listeners, self._on_show)
        _remove(self._service.close_listeners, self._on_close)

    def _on_show(self, submission: Submission) -> None:
        popup = submission.popup
        if popup is None:
            return
        if submission.replaces is not None:
            self._open.pop(submission.replaces, None)
        self._open[submission.receipt_id] = OpenPopup(
            submission.receipt_id,
            submission.sender.transport,
            popup.provider.id or "",
            popup.provider.name or "",
            popup.kind,
            popup.title,
        )

    def _on_close(self, receipt_id: int, how: CloseHow) -> None:
        self._open.pop(receipt_id, None)

    def items(self) -> list[OpenPopup]:
        return sorted(self._open.values(), key=lambda p: p.receipt_id)

    def __contains__(self, receipt_id: object) -> bool:
        return receipt_id in self._open


class Control:
    """Answers the calls of ``org.popupclient.Control1``.

    ``dbus_id_of`` maps a receipt id to its freedesktop notification id (or
    None); ``visible`` lists the receipts on screen (without it, every open
    popup counts as on screen).
    """

    def __init__(
        self,
        service: PopupService,
        open_popups: OpenPopups,
        dbus_id_of: Callable[[int], int | None],
        visible: Callable[[], Iterable[int]] | None = None,
    ) -> None:
        self._service = service
        self._open = open_popups
        self._dbus_id_of = dbus_id_of
        self._visible = visible

    def handle(self, member: str, args: tuple[Any, ...]) -> Reply:
        """(signature, body) of the reply; raises :class:`ControlRefused`."""
        handler = getattr(self, f"_{member.lower()}", None)
        if member not in SIGNATURES or handler is None:
            raise ControlRefused("UnknownMethod", f"{CONTROL_INTERFACE} has no method {member}")
        result: Reply = handler(*args)
        return result

    def _list(self) -> Reply:
        on_screen = set(self._visible()) if self._visible is not None else None
        return "aa{sv}", ([self._popup_dict(p, on_screen) for p in self._open.items()],)

    def _popup_dict(self, popup: OpenPopup, on_screen: set[int] | None) -> dict[str, tuple[str, Any]]:
        return {
            "id": ("u", popup.receipt_id),
            "dbus_id": ("u", self._dbus_id_of(popup.receipt_id) or 0),
            "transport": ("s", popup.transport),
            "provider_id": ("s", popup.provider_id),
            "provider_name": ("s", popup.provider_name),
            "kind": ("s", popup.kind),
            "title": ("s", popup.title),
            "on_screen": ("b", on_screen is None or popup.receipt_id in on_screen),
        }

    def _dismiss(self, receipt_id: int) -> Reply:
        if receipt_id not in self._open:
            return "b", (False,)
        log.info("control: dismiss receipt %d", receipt_id)
        self._service.request_close(receipt_id)
        return "b", (True,)

    def _dismissall(self) -> Reply:
        popups = self._open.items()
        log.info("control: dismiss all (%d open)", len(popups))
        for popup in popups:
            self._service.request_close(popup.receipt_id)
        return "u", (len(popups),)

    def _pause(self, seconds: int) -> Reply:
        if seconds == 0 or seconds > MAX_PAUSE_SECONDS:
            until = FOREVER
        else:
            until = self._service.now() + timedelta(seconds=seconds)
        text = format_rfc3339(until.astimezone(timezone.utc))
        self._save("paused_until", text)
        log.info("control: paused until %s", text)
        return "s", (text,)

    def _resume(self) -> Reply:
        self._save("paused_until", "")
        log.info("control: resumed")
        return "", ()

    def _save(self, key: str, raw: str) -> None:
        """Change this one preference in the file as saved now (never writing back a stale copy)."""
        try:
            self._service.set_pref(key, raw)
        except Exception as exc:  # the preferences file cannot be read or written
            raise ControlRefused("Failed", f"cannot save the preferences: {exc}") from None

    def _history(self, limit: int) -> Reply:
        rows = self._service.journal.history(limit=min(limit or 50, MAX_HISTORY))
        return "aa{sv}", ([history_dict(row) for row in rows],)

    def _status(self) -> Reply:
        status = {
            "version": ("s", __version__),
            "paused_until": ("s", self._service.prefs.paused_until),
            "open": ("u", len(self._open.items())),
        }
        return "a{sv}", (status,)


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


def _remove(listeners: list[Any], listener: Any) -> None:
    try:
        listeners.remove(listener)
    except ValueError:
        pass
