"""A D-Bus connection driven by the Qt event loop: jeepney parses, a QSocketNotifier reads.

jeepney is sans-I/O: it turns bytes into messages and messages into bytes.
:class:`BusConnection` does the rest with no thread. It takes over a
:class:`~.names.BusSocket` that did the blocking start-up (connect,
authenticate, Hello, own the names), makes the socket non-blocking and hands
it to the event loop: incoming bytes are parsed and dispatched a few
milliseconds' worth per turn (what arrives meanwhile joins the turn), so a
burst of calls never freezes the loop and costs few turns;
what the turn sends is written at its end in one go (a system call per
message would cost more than the message), and as the socket accepts it. Messages that arrived
during the start-up are dispatched first, in order.

A turn may run inside :attr:`BusConnection.turn` (the server's: one journal
transaction for every call of the turn). Its replies are then written only
after that context ends, so a reply still means "recorded"; if it fails, what
the turn would have sent is dropped and each call of the turn gets an error.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack
from typing import Any

from jeepney import Message, MessageType
from jeepney.wrappers import new_error
from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from .codec import SignalEncoder, encode, encode_reply
from .names import READ_CHUNK, BusSocket, reply_serial_of, wants_reply

log = logging.getLogger(__name__)

#: Time spent dispatching messages in one event-loop turn before yielding: under a 60 Hz frame, and long
#: enough that a burst costs few turns (each ends in a journal commit and a write to the bus).
_BUDGET_S = 0.012
#: Bytes waiting to be written before reading stops (back-pressure on the bus).
_MAX_PENDING_OUTPUT = 4 * 1024 * 1024
_EXPIRY_CHECK_MS = 250
#: While dispatching, outgoing bytes are written once per turn, or when this many wait.
_FLUSH_AT = 64 * 1024
_FAILED = "org.freedesktop.DBus.Error.Failed"

MessageHandler = Callable[[Message], None]
ReplyHandler = Callable[["Message | None"], None]


class BusConnection(QObject):
    """One connection to a message bus, read and written from the Qt event loop.

    ``on_message`` receives every message that is not a reply to one of our
    calls; ``on_closed`` is called once, with a reason, when the bus goes away.
    """

    def __init__(self, bus: BusSocket, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self.unique_name = bus.unique_name
        self.on_message: MessageHandler | None = None
        self.on_closed: Callable[[str], None] | None = None
        #: What each turn of dispatching runs inside (one journal transaction); its output waits for the end.
        self.turn: Callable[[], AbstractContextManager[Any]] | None = None
        self._sock = bus.sock
        self._parser = bus.parser
        self._inbox = bus.inbox
        self._out = bytearray()
        self._replies: dict[int, ReplyHandler] = {}
        self._deadlines: dict[int, float] = {}
        self._reader: QSocketNotifier | None = None
        self._writer: QSocketNotifier | None = None
        self._pump_timer = QTimer(self)
        self._pump_timer.setSingleShot(True)
        self._pump_timer.setInterval(0)
        self._pump_timer.timeout.connect(self._pump)
        self._expiry_timer = QTimer(self)
        self._expiry_timer.setInterval(_EXPIRY_CHECK_MS)
        self._expiry_timer.timeout.connect(self._expire)
        self._closed = False
        self._dispatching = False
        self._answered: list[Message] | None = None  # the calls answered in this turn

    # ------------------------------------------------------------ the event loop

    def attach(self) -> None:
        """Hand the socket to the event loop; kept messages are dispatched on the next turn."""
        self._sock.setblocking(False)
        fd = self._sock.fileno()
        self._reader = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
        self._reader.activated.connect(self._on_readable)
        self._writer = QSocketNotifier(fd, QSocketNotifier.Type.Write, self)
        self._writer.activated.connect(self._on_writable)
        self._writer.setEnabled(bool(self._out))
        self._pump_timer.start()  # what arrived during the start-up, parsed or not

    def send(self, msg: Message) -> int:
        """Queue a message for the bus; returns its serial."""
        return self._queue(encode, msg)

    def send_signal(self, signal: SignalEncoder, body: tuple[Any, ...]) -> int:
        """Queue a signal whose header is packed once (the hot path: NotificationClosed); returns its serial."""
        return self._queue(signal.encode, body)

    def _queue(self, encoder: Callable[..., bytes], *args: Any) -> int:
        """Queue ``encoder(*args, serial)`` with the next serial; returns the serial."""
        serial = self._bus.next_serial()
        if self._closed:
            return serial
        self._out += encoder(*args, serial)
        if not self._dispatching or (self.turn is None and len(self._out) >= _FLUSH_AT):
            self._flush()
        return serial

    def call(self, msg: Message, on_reply: ReplyHandler, *, timeout_ms: int = 5000) -> None:
        """Send a method call; ``on_reply`` gets the reply, or None if none came in time."""
        serial = self.send(msg)
        self._replies[serial] = on_reply
        self._deadlines[serial] = time.monotonic() + timeout_ms / 1000
        if not self._expiry_timer.isActive():
            self._expiry_timer.start()

    def reply(self, call: Message, signature: str | None = None, body: tuple[Any, ...] = ()) -> None:
        """Answer a method call (nothing is sent if the caller asked for no reply)."""
        if wants_reply(call):
            self._note_answered(call)
            self._queue(encode_reply, call, signature, body)

    def reply_error(self, call: Message, name: str, text: str) -> None:
        if wants_reply(call):
            self._note_answered(call)
            self.send(new_error(call, name, "s", (text,)))

    def _note_answered(self, call: Message) -> None:
        if self._answered is not None and self.turn is not None:
            self._answered.append(call)  # answered again with an error if the turn cannot be recorded

    def requeue(self, messages: list[Message]) -> None:
        """Dispatch these messages again, before anything received after them."""
        self._inbox.extendleft(reversed(messages))
        if not self._pump_timer.isActive():
            self._pump_timer.start()

    @property
    def is_open(self) -> bool:
        return not self._closed

    def close(self) -> None:
        """Close the socket; nothing more is sent or dispatched. Idempotent."""
        self._closed = True
        for notifier in (self._reader, self._writer):
            if notifier is not None:
                notifier.setEnabled(False)
        self._pump_timer.stop()
        self._expiry_timer.stop()
        self._bus.close()
        self._replies.clear()
        self._deadlines.clear()
        self._inbox.clear()

    # ------------------------------------------------------------ plumbing

    def _on_readable(self) -> None:
        if not self._closed and self._read():
            self._pump()

    def _read(self) -> bool:
        """Hand what the socket holds (up to :data:`READ_CHUNK`) to the parser; False if nothing came."""
        try:
            data = self._sock.recv(READ_CHUNK)
        except (BlockingIOError, InterruptedError):
            return False
        except OSError as exc:
            self._lost(f"reading from the bus failed: {exc}")
            return False
        if not data:
            self._lost("the bus closed the connection")
            return False
        self._parser.add_data(data)
        return True

    def _pump(self) -> None:
        """Dispatch messages for a few milliseconds; the rest on the next turn, reading paused meanwhile."""
        deadline = time.perf_counter() + _BUDGET_S
        drained: list[bool] = []
        kept, self._answered = len(self._out), []
        self._dispatching = True  # replies and signals go out together, at the end of the turn
        try:
            with ExitStack() as turn:
                self._enter_turn(turn)
                drained.append(self._dispatch_until(deadline))
        except Exception as exc:  # the turn's transaction failed: nothing of it was recorded
            answered = self._answered
            log.error("a turn of %d D-Bus calls could not be journaled: %s", len(answered), exc)
            del self._out[kept:]
            self._answered = None
            for call in answered:
                self.reply_error(call, _FAILED, f"popup-client could not journal the call, so it was not done: {exc}")
        finally:
            self._dispatching, self._answered = False, None
        if self._closed:
            return
        self._flush()
        if drained and drained[0]:
            self._set_reading(len(self._out) < _MAX_PENDING_OUTPUT)
        else:
            self._set_reading(False)
            self._pump_timer.start()

    def _enter_turn(self, stack: ExitStack) -> None:
        if self.turn is None:
            return
        try:
            stack.enter_context(self.turn())
        except Exception as exc:  # e.g. the journal cannot begin a transaction: each call fails on its own
            log.error("cannot begin a turn of D-Bus calls: %s", exc)

    def _dispatch_until(self, deadline: float) -> bool:
        """Dispatch until the inbox is empty (True) or the deadline passed."""
        while not self._closed:
            msg = self._next_message()
            if msg is None:
                return True
            self._dispatch(msg)
            if time.perf_counter() >= deadline:
                return False
        return False

    def _next_message(self) -> Message | None:
        if self._inbox:
            return self._inbox.popleft()
        try:
            msg = self._parser.get_next_message()
            if msg is None and self._reader is not None and len(self._out) < _MAX_PENDING_OUTPUT and self._read():
                msg = self._parser.get_next_message()  # what came during the turn joins it: fewer, fuller turns
            return msg
        except Exception as exc:  # a corrupt stream cannot be resynchronised
            self._lost(f"unreadable message from the bus: {exc}")
            return None

    def _dispatch(self, msg: Message) -> None:
        serial = reply_serial_of(msg)
        if serial is not None and serial in self._replies:
            self._deadlines.pop(serial, None)
            _call_safely(self._replies.pop(serial), msg)
        elif self.on_message is not None and msg.header.message_type is not MessageType.method_return:
            _call_safely(self.on_message, msg)

    def _expire(self) -> None:
        """Calls whose reply is overdue get None; the check stops when none is waiting."""
        now = time.monotonic()
        for serial in [s for s, deadline in self._deadlines.items() if deadline <= now]:
            del self._deadlines[serial]
            handler = self._replies.pop(serial, None)
            if handler is not None:
                _call_safely(handler, None)
        if not self._deadlines:
            self._expiry_timer.stop()

    def _set_reading(self, enabled: bool) -> None:
        if self._reader is not None and not self._closed:
            self._reader.setEnabled(enabled)

    def _flush(self) -> None:
        while self._out and not self._closed:
            try:
                sent = self._sock.send(self._out)
            except (BlockingIOError, InterruptedError):
                break
            except OSError as exc:
                self._lost(f"writing to the bus failed: {exc}")
                return
            del self._out[:sent]
        if self._writer is not None and not self._closed:
            self._writer.setEnabled(bool(self._out))
        if not self._out and not self._pump_timer.isActive():
            self._set_reading(True)

    def _on_writable(self) -> None:
        self._flush()

    def _lost(self, reason: str) -> None:
        if self._closed:
            return
        log.warning("D-Bus connection lost: %s", reason)
        self.close()
        if self.on_closed is not None:
            self.on_closed(reason)


def _call_safely(handler: Callable[[Any], None], value: Any) -> None:
    try:
        handler(value)
    except Exception:
        log.exception("D-Bus message handler %r failed", handler)

