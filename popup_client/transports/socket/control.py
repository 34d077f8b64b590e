"""``popup-client ctl`` over the local socket: control requests answered, and their blocking client. No Qt.

The actions are the control interface's methods (the table
:data:`~popup_client.transports.dbus.objects.CONTROL`) in kebab case —
``list``, ``dismiss``, ``dismiss-all``, ``pause``, ``resume``, ``history``,
``status``, ``focus-newest``, ``close-newest``, ``report-newest`` — and
their arguments the table's, by name: ``{"ctl": "dismiss", "id": 7}``,
``{"ctl": "pause", "seconds": 1800}``, ``{"ctl": "history", "limit": 20}``.
The reply is ``{"ctl": "<action>", "reply": [...]}``, the method's reply
values as JSON (D-Bus variants unwrapped), or ``{"error": "..."}``.

One implementation answers both doors: :class:`~popup_client.transports.dbus.control.Control`,
whose ``handle`` the D-Bus server calls too. Who may ask is the socket's own
rule: a connection of the user the app runs as (the kernel's peer
credentials, :mod:`.gate`), the same trust as the per-user session bus
(SECURITY.md); no token is asked for, and none is accepted (:mod:`.protocol`).
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from ..dbus.interface import CallRefused, Method, plain
from ..dbus.objects import CONTROL
from .client import ClientError, Connection, SendError, decode_reply
from .protocol import ControlRequest

if TYPE_CHECKING:  # the client's side does not load the service
    from ..dbus.control import Control

log = logging.getLogger(__name__)

_UINT_MAX = 0xFFFFFFFF
CALL_TIMEOUT = 10.0


def action_of(method: Method) -> str:
    """``DismissAll`` → ``dismiss-all``."""
    return method.handler.removeprefix("_").replace("_", "-")


#: action → the control method it calls.
ACTIONS: dict[str, Method] = {action_of(m): m for m in CONTROL.methods}


# ------------------------------------------------------------------ the server's side


def _arguments(method: Method, action: str, given: dict[str, Any]) -> tuple[Any, ...]:
    """The call's arguments in the table's order; :class:`ValueError` says what is wrong."""
    names = [arg.name for arg in method.in_args]
    unknown = sorted(set(given) - set(names))
    if unknown:
        raise ValueError(f"{action} takes {_takes(method)}, not {', '.join(map(repr, unknown))}")
    values = []
    for arg in method.in_args:
        value = given.get(arg.name)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _UINT_MAX:
            raise ValueError(f"{action} takes {_takes(method)}: {arg.name!r} must be a whole number from 0 to {_UINT_MAX}")
        values.append(value)
    return tuple(values)


def _takes(method: Method) -> str:
    return " and ".join(repr(arg.name) for arg in method.in_args) or "no arguments"


def answer_control(control: Control, request: ControlRequest) -> dict[str, Any]:
    """The reply line to a control request (an unknown action or bad arguments: an error reply)."""
    method = ACTIONS.get(request.action)
    if method is None:
        return {"error": f"no control action {request.action!r}; the actions are: {', '.join(ACTIONS)}"}
    try:
        args = _arguments(method, request.action, request.args)
    except ValueError as exc:
        return {"error": str(exc)}
    try:
        _signature, body = control.handle(method.name, args)
    except CallRefused as exc:
        return {"error": str(exc)}
    return {"ctl": request.action, "reply": plain(list(body))}


# ------------------------------------------------------------------ the client's side


def encode_control(member: str, *args: Any) -> bytes:
    """The request line (with its newline) calling control method ``member`` (``"FocusNewest"``)."""
    method = CONTROL[member]
    request = {"ctl": action_of(method), **{arg.name: value for arg, value in zip(method.in_args, args, strict=True)}}
    return (json.dumps(request, ensure_ascii=False) + "\n").encode("utf-8")


class SocketControl:
    """A blocking control client over the app's socket, for ``popup-client ctl``: ``call`` as over D-Bus.

    Raises what :class:`~.client.Connection` raises (:class:`~.client.NotRunning`,
    :class:`~.client.ForeignServer`…); an error reply raises :class:`~.client.SendError`.
    """

    def __init__(self, name: str | None = None, *, timeout: float = CALL_TIMEOUT) -> None:
        self.timeout = timeout
        self._conn = Connection(name, timeout=timeout)
        self.address = self._conn.address

    def __enter__(self) -> SocketControl:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    def check_running(self) -> None:
        """It is: the connection was made (and its server is of this user)."""

    def call(self, member: str, *args: Any) -> tuple[Any, ...]:
        """Call a control method; its reply values (variants already unwrapped)."""
        self._conn.write(encode_control(member, *args))
        try:
            reply = decode_reply(self._conn.read_line(self.timeout))
        except SendError as exc:  # the app's own sentence, as ctl prints a D-Bus error's
            if exc.reply is not None:
                raise SendError(str(exc.reply["error"]), exc.reply) from None
            raise
        values = reply.get("reply")
        if not isinstance(values, list):
            raise SendError(f"the app's reply to {member} carries no values; is that really popup-client at the other end?")
        return tuple(values)


__all__ = ["ACTIONS", "ClientError", "SocketControl", "answer_control", "encode_control"]
