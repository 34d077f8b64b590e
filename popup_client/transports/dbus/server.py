"""The desktop's notification server: freedesktop Desktop Notifications 1.3 on the session bus.

:class:`NotificationServer` owns ``org.freedesktop.Notifications`` and serves
``/org/freedesktop/Notifications``: ``Notify`` (``susssasa{sv}i`` → ``u``),
``CloseNotification`` (``u``), ``GetCapabilities`` (→ ``as``) and
``GetServerInformation`` (→ ``ssss``), and emits ``NotificationClosed``
(``uu``) and ``ActionInvoked`` (``us``). It also owns ``org.popupclient.Daemon``
for the control interface of :mod:`.control`.

Every ``Notify`` becomes a payload (:mod:`.freedesktop`) and goes through
:meth:`PopupService.submit` like any other popup; the sender is recorded as
``Sender("dbus", verified=False)`` with its unique name, pid and executable,
which the bus is asked once per connection (its calls wait, in order, until
the answer is in). A suppressed or rejected notification still gets an id,
then at once ``NotificationClosed(id, 4)``. Other reasons: 1 the popup
expired, 2 the user closed it (its close button, Esc, an action, or a
``popup-client ctl dismiss``), 3 ``CloseNotification``; a popup replaced in
place sends nothing. A replacement (``replaces_id``) is honoured only for
the same provider's open notification; it gets a new receipt and keeps its id.

``ActivationToken`` is never sent: the app cannot obtain an xdg-activation
token (X11 has none), so it is neither emitted nor implied by a capability.
``CloseNotification`` of an id that is not open answers an empty reply, as
most servers do (the specification's "empty error" is read as "no error").

A notification with images is prepared off the Qt thread
(:mod:`.prepare`): every image it names or carries (a path, a
``file://`` URI, an icon name, pixels) is read and decoded on a worker, and
the images are scanned for barcodes ahead, before it is submitted. No file a
caller names is ever opened on the Qt thread. Its reply
(the id) is sent once it is submitted, as for every ``Notify``, so a reply
still means the notification is decided and journaled, and ids are handed
out in the order notifications are submitted. Meanwhile the caller's later
calls, whatever they are, wait behind it (up to :data:`MAX_HELD_BYTES`), so
each connection's calls take effect, and are answered, in the order sent;
other callers are not kept waiting.

The bus is spoken with jeepney from the Qt event loop (:mod:`.wire`);
no QtDBus. Its I/O never blocks the loop after :meth:`start`.
"""

from __future__ import annotations

import functools
import logging
import uuid
from typing import Any

from jeepney import HeaderFields, Message, MessageType
from jeepney.bus_messages import message_bus
from PySide6.QtCore import QObject, Signal

from ... import __version__
from ...core.journal import CloseHow
from ...core.rules import Sender
from ...open_popups import OpenPopup
from ...service import PopupService
from .bus import NOTIFICATIONS_INTERFACE, NOTIFICATIONS_NAME, NOTIFICATIONS_PATH
from .ids import TRANSPORT, UNDEFINED, NotificationIds, dbus_id_of
from .callers import MAX_HELD_BYTES, Callers
from .peers import PeerInfo
from .control import Control
from .names import NameClaim, claim_names, is_error, sender_of
from .interface import ERROR, INTROSPECTABLE, PEER, CallRefused, Method
from .objects import CONTROL, NOTIFICATIONS, OBJECTS
from .standard import STANDARD_CALLS
from .codec import SignalEncoder
from .wire import BusConnection
from .freedesktop import SPEC_VERSION, Mapped, NotifyCall, capabilities
from .icon_theme import IconTheme
from .images import IconResolver
from .prepare import NotifyPreparer

log = logging.getLogger(__name__)

SERVER_NAME = "popup-client"
SERVER_VENDOR = "popup-client"
_LOOKUP_TIMEOUT_MS = 2000
_NOTIFY = NOTIFICATIONS["Notify"]



class NotificationServer(QObject):
    """Serves freedesktop notifications and the control interface on the session bus.

    ``replace`` takes the names over from a server that allows it; ``bus_address`` defaults to the session bus;
    ``icon_resolver`` turns icon names into image bytes on the image worker (default: the desktop's icon theme);
    ``actions``: whether popups show action buttons; ``claim``: a connection that owns the names already
    (:func:`~.names.claim_names`, called early), else :meth:`start` claims them. What is open it reads from
    the service's record (:attr:`PopupService.open`).
    """

    #: Another server took ``org.freedesktop.Notifications`` from us (its ``--replace``).
    name_lost = Signal(str)
    #: The bus connection ended (the session is ending, or the bus died); the reason.
    disconnected = Signal(str)

    def __init__(
        self,
        service: PopupService,
        *,
        replace: bool = False,
        bus_address: str | None = None,
        icon_resolver: IconResolver | None = None,
        actions: bool = True,
        claim: NameClaim | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._replace = replace
        self._address = bus_address
        self._resolve_icon = icon_resolver if icon_resolver is not None else IconTheme.of_desktop()
        self._capabilities = capabilities(actions=actions, images=True)
        self._claim = claim
        self._conn: BusConnection | None = None
        self._ids = NotificationIds(service.open)
        self._callers = Callers()
        self._preparer: NotifyPreparer | None = None
        self._run = uuid.uuid4().hex[:12]
        self._calls = 0
        #: While a Notify is submitted: NotificationClosed signals to send once it is answered.
        self._deferred: list[tuple[int, int]] | None = None
        self._control: Control | None = None
        self.owns_control_name = False

    # ------------------------------------------------------------ life cycle

    @property
    def unique_name(self) -> str:
        return self._conn.unique_name if self._conn is not None else ""

    @property
    def capabilities(self) -> list[str]:
        """What ``GetCapabilities`` answers."""
        return list(self._capabilities)

    def start(self) -> None:
        """Own the names (unless a claim was given) and serve; raises :class:`DBusError` naming the owner if taken."""
        if self._conn is not None:
            return
        claim, self._claim = self._claim, None
        if claim is None:
            claim = claim_names(replace=self._replace, address=self._address)
        self.owns_control_name = claim.owns_control_name
        conn = BusConnection(claim.bus, self)
        conn.on_message = self._on_message
        conn.on_closed = self._on_connection_closed
        conn.turn = self._service.batch  # one journal transaction a turn; the replies after its commit
        self._conn = conn
        self._listen()
        conn.attach()
        log.info("serving %s as %s", NOTIFICATIONS_NAME, conn.unique_name)

    def stop(self) -> None:
        """Stop serving and leave the bus (the names are released with the connection)."""
        if self._claim is not None:
            self._claim.bus.close()
            self._claim = None
        if self._conn is None:
            return
        self._unlisten()
        self._conn.close()
        self._conn = None

    def _listen(self) -> None:
        self._preparer = NotifyPreparer(self._service, self._resolve_icon, self)
        self._control = Control(self._service)
        self._service.close_listeners.append(self._on_closed)
        self._service.action_listeners.append(self._on_action)

    def _unlisten(self) -> None:
        if self._preparer is not None:
            self._preparer.close()  # notifications being prepared are dropped, unanswered, with their callers' later calls
            self._preparer.deleteLater()
            self._preparer = None
        self._callers.drop_held()
        for listeners, listener in ((self._service.close_listeners, self._on_closed), (self._service.action_listeners, self._on_action)):
            if listener in listeners:
                listeners.remove(listener)

    def _on_connection_closed(self, reason: str) -> None:
        self._unlisten()
        self._conn = None
        self.disconnected.emit(reason)

    # ------------------------------------------------------------ incoming messages

    def _on_message(self, msg: Message) -> None:
        kind = msg.header.message_type
        if kind is MessageType.signal:
            self._on_signal(msg)
        elif kind is MessageType.method_call:
            self._on_call(msg)

    def _on_signal(self, msg: Message) -> None:
        fields = msg.header.fields
        if fields.get(HeaderFields.member) == "NameLost" and fields.get(HeaderFields.sender) == "org.freedesktop.DBus":
            name = str(msg.body[0])
            log.warning("lost the bus name %s to another server", name)
            if name == NOTIFICATIONS_NAME:
                self.name_lost.emit(name)

    def _on_call(self, msg: Message) -> None:
        name = sender_of(msg)
        if self._callers.is_held(name):
            if not self._callers.add_held(name, msg):
                text = "too many calls are waiting for a notification with images to be prepared; try again later"
                self._error(msg, "LimitsExceeded", text)
            return
        peer = self._callers.known(name)
        if peer is None:
            if self._callers.park(name, msg) and self._conn is not None:
                lookup = message_bus.GetConnectionUnixProcessID(name)
                self._conn.call(lookup, lambda reply: self._on_pid(name, reply), timeout_ms=_LOOKUP_TIMEOUT_MS)
            return
        try:
            self._route(msg, peer)
        except Exception as exc:
            log.exception("D-Bus call failed")
            self._error(msg, "Failed", f"popup-client failed: {exc}")

    def _route(self, msg: Message, peer: PeerInfo) -> None:
        fields = msg.header.fields
        path, member = fields.get(HeaderFields.path, ""), fields.get(HeaderFields.member, "")
        interface = fields.get(HeaderFields.interface)
        signature = fields.get(HeaderFields.signature, "")
        served = OBJECTS.get(path)
        standard = next((i for i in (INTROSPECTABLE, PEER) if interface in (None, i.name) and i.method(member)), None)
        try:
            if standard is not None:
                self._answer(msg, *standard.dispatch(STANDARD_CALLS, member, signature, tuple(msg.body), msg))
            elif served is None:
                self._error(msg, "UnknownObject", f"no object at {path}")
            elif interface not in (None, served.name):
                self._error(msg, "UnknownInterface", f"{path} has no interface {interface}")
            elif served is NOTIFICATIONS:
                self._answer(msg, *NOTIFICATIONS.dispatch(self, member, signature, tuple(msg.body), msg, peer))
            else:
                assert self._control is not None
                self._answer(msg, *CONTROL.dispatch(self._control, member, signature, tuple(msg.body)))
        except CallRefused as exc:
            self._send_error(msg, exc.name, str(exc))

    def _answer(self, msg: Message, method: Method, body: tuple[Any, ...] | None) -> None:
        """Reply with the handler's body (None: the handler replies itself, later)."""
        if body is not None:
            self._reply(msg, method.out_signature or None, body)

    # org.freedesktop.Notifications (Notify below)

    def _get_capabilities(self, _msg: Message, _peer: PeerInfo) -> tuple[Any, ...]:
        return (self.capabilities,)

    def _get_server_information(self, _msg: Message, _peer: PeerInfo) -> tuple[Any, ...]:
        return (SERVER_NAME, SERVER_VENDOR, __version__, SPEC_VERSION)

    # ------------------------------------------------------------ Notify and friends

    def _notify(self, msg: Message, peer: PeerInfo, *body: Any) -> None:
        call = NotifyCall(*body)
        self._calls += 1
        popup_id = f"fd.{self._run}.{self._calls}"
        assert self._preparer is not None
        mapped = self._preparer.prepare(
            call,
            popup_id=popup_id,
            fallback_name=peer.exe_name,
            ready=lambda later: self._prepared(msg, peer, call, later),
            failed=lambda error: self._not_prepared(msg, peer, error),
        )
        if mapped is None:
            self._callers.hold(peer.name)  # the caller's later calls wait for this one
            return
        self._submit_notify(msg, peer, call, mapped)

    def _prepared(self, msg: Message, peer: PeerInfo, call: NotifyCall, mapped: Mapped) -> None:
        try:
            self._submit_notify(msg, peer, call, mapped)
        except Exception as exc:
            log.exception("D-Bus call failed")
            self._error(msg, "Failed", f"popup-client failed: {exc}")
        finally:
            self._release(peer.name)

    def _not_prepared(self, msg: Message, peer: PeerInfo, error: BaseException) -> None:
        self._error(msg, "Failed", f"popup-client failed: {error}")
        self._release(peer.name)

    def _release(self, name: str) -> None:
        """The caller's Notify is done: its calls that waited are handled next, in order."""
        waiting = self._callers.release(name)
        if waiting and self._conn is not None:
            self._conn.requeue(waiting)

    def _submit_notify(self, msg: Message, peer: PeerInfo, call: NotifyCall, mapped: Mapped) -> None:
        provider_id = mapped.payload["provider"].get("id")
        nid, replaced = self._target(call.replaces_id, provider_id)
        sender = Sender(TRANSPORT, verified=False, details={**peer.details(), "dbus_id": nid, **mapped.facts})
        replaces = replaced.receipt_id if replaced is not None else None
        self._deferred = []
        try:
            submission = self._service.submit(mapped.payload, sender, replaces=replaces, presentation=mapped.presentation)
        finally:
            deferred, self._deferred = self._deferred, None
        self._reply(msg, _NOTIFY.out_signature, (nid,))
        if submission.decision.decision != "show":
            if submission.replaces is not None:  # the old popup must not stay under a closed id
                self._ids.silence(submission.replaces)
                if not self._service.request_close(submission.replaces):
                    self._ids.closed_unseen(submission.replaces)
            self._closed_signal(nid, UNDEFINED)
        for closed_nid, reason in deferred:  # closed before the caller had its id: said after the reply
            self._closed_signal(closed_nid, reason)

    def _target(self, replaces_id: int, provider_id: str | None) -> tuple[int, OpenPopup | None]:
        """The id to answer with, and the open notification this call replaces in place.

        Only the same provider's open notification is replaced; an id that was
        issued and is closed now is reused, as the specification wants.
        """
        if replaces_id:
            live = self._ids.live(replaces_id)
            popup = live.submission.popup if live is not None else None
            if live is not None and popup is not None and popup.provider.id == provider_id:
                return replaces_id, live
            if live is None and self._ids.was_issued(replaces_id):
                return replaces_id, None
        return self._ids.allocate(), None

    def _close_notification(self, msg: Message, _peer: PeerInfo, nid: int) -> None:
        live = self._ids.live(nid)
        self._reply(msg)  # before NotificationClosed
        if live is not None:
            self._ids.close_requested(live.receipt_id)
            self._service.request_close(live.receipt_id)

    # ------------------------------------------------------------ what the service reports back

    def _on_closed(self, popup: OpenPopup, how: CloseHow) -> None:
        said = self._ids.closed(popup, how)
        if said is not None and self._deferred is not None:
            self._deferred.append(said)
        elif said is not None:
            self._closed_signal(*said)

    def _on_action(self, receipt_id: int, key: str) -> None:
        live = self._service.open.get(receipt_id)
        nid = dbus_id_of(live.submission) if live is not None else None
        if live is not None and nid is not None and key in live.submission.presentation.action_keys():
            self._signal("ActionInvoked", (nid, key))

    def _closed_signal(self, nid: int, reason: int) -> None:
        self._signal("NotificationClosed", (nid, reason))

    def _signal(self, member: str, body: tuple[Any, ...]) -> None:
        if self._conn is not None:
            self._conn.send_signal(_signal_encoder(member), body)

    # ------------------------------------------------------------ replies

    def _reply(self, msg: Message, signature: str | None = None, body: tuple[Any, ...] = ()) -> None:
        if self._conn is not None:
            self._conn.reply(msg, signature, body)

    def _error(self, msg: Message, name: str, text: str) -> None:
        self._send_error(msg, f"{ERROR}.{name}", text)

    def _send_error(self, msg: Message, name: str, text: str) -> None:
        if self._conn is not None:
            self._conn.reply_error(msg, name, text)

    # ------------------------------------------------------------ who is calling

    def _on_pid(self, name: str, reply: Message | None) -> None:
        pid = int(reply.body[0]) if reply is not None and not is_error(reply) else None
        waiting = self._callers.learned(name, pid)
        if waiting and self._conn is not None:
            self._conn.requeue(waiting)


@functools.cache
def _signal_encoder(member: str) -> SignalEncoder:
    """A signal of the notification interface, its header packed once."""
    signature = NOTIFICATIONS.signal(member).signature
    return SignalEncoder(NOTIFICATIONS_PATH, NOTIFICATIONS_INTERFACE, member, signature)
