"""The standard interfaces every exported object answers: ``Introspectable`` and ``Peer``.

Their tables are :data:`.interface.INTROSPECTABLE` and :data:`.interface.PEER`;
:data:`STANDARD_CALLS` holds the handlers those tables name.
"""

from __future__ import annotations

from typing import Any

from jeepney import HeaderFields, Message

from .objects import introspect, machine_id


class _StandardCalls:
    """Answers ``Introspectable`` and ``Peer`` on every object (the handlers their tables name)."""

    def _introspect(self, msg: Message) -> tuple[Any, ...]:
        return (introspect(msg.header.fields.get(HeaderFields.path, "")),)

    def _ping(self, _msg: Message) -> tuple[Any, ...]:
        return ()

    def _get_machine_id(self, _msg: Message) -> tuple[Any, ...]:
        return (machine_id(),)


STANDARD_CALLS = _StandardCalls()
