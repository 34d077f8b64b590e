"""Who is calling, and which of a caller's calls must wait. No Qt, no bus I/O.

The server asks the bus once per connection for the caller's process id
(its calls *park*, in order, until the answer is in), and keeps the answers
in a bounded cache. A caller whose ``Notify`` is being prepared off the Qt
thread has its later calls *held* behind it, up to :data:`MAX_HELD_BYTES`,
so each connection's calls take effect in the order sent.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from jeepney import Message

from .peers import PeerInfo, executable_of

PEER_CACHE = 1024
#: Bytes of calls (message bodies) one caller may have waiting behind its notification being
#: prepared; beyond, its calls are refused (LimitsExceeded) until the wait is over.
MAX_HELD_BYTES = 64 * 1024 * 1024


@dataclass
class _Held:
    """The calls of a caller that wait for its notification being prepared, and their size."""

    messages: list[Message] = field(default_factory=list)
    size: int = 0


class Callers:
    """The callers known, those being looked up, and those whose calls are held."""

    def __init__(self) -> None:
        self._peers: OrderedDict[str, PeerInfo] = OrderedDict()
        self._parked: dict[str, list[Message]] = {}
        self._held: dict[str, _Held] = {}

    def known(self, name: str) -> PeerInfo | None:
        """What is known of a caller, or None while the bus must be (or is being) asked."""
        if name in self._parked:
            return None
        peer = self._peers.get(name)
        if peer is not None:
            self._peers.move_to_end(name)
            return peer
        return PeerInfo("") if not name else None

    def park(self, name: str, msg: Message) -> bool:
        """Keep a call until the caller is known; True if the bus must be asked now (the first one)."""
        waiting = self._parked.setdefault(name, [])
        waiting.append(msg)
        return len(waiting) == 1

    def learned(self, name: str, pid: int | None) -> list[Message]:
        """The bus answered (``pid`` None: it could not say); returns the calls that waited, in order."""
        self._peers[name] = PeerInfo(name, pid, executable_of(pid))
        while len(self._peers) > PEER_CACHE:
            self._peers.popitem(last=False)
        return self._parked.pop(name, [])

    def is_held(self, name: str) -> bool:
        return name in self._held

    def hold(self, name: str) -> None:
        """The caller's later calls wait, from now on, until :meth:`release`."""
        self._held[name] = _Held()

    def add_held(self, name: str, msg: Message) -> bool:
        """Keep a held caller's call; False if that would pass :data:`MAX_HELD_BYTES` (refuse it)."""
        held = self._held[name]
        size = msg.header.body_length
        if held.size + size > MAX_HELD_BYTES:
            return False
        held.messages.append(msg)
        held.size += size
        return True

    def release(self, name: str) -> list[Message]:
        """The caller's ``Notify`` is done: its calls that waited, in order."""
        held = self._held.pop(name, None)
        return held.messages if held is not None else []

    def drop_held(self) -> None:
        """Forget every held call (the server stops: they go unanswered)."""
        self._held.clear()
