"""A D-Bus interface declared once: its methods and signals, from which come its introspection XML and its dispatch. No Qt.

An :class:`Interface` is a table of :class:`Method` and :class:`SignalSpec`
entries. Each method names its arguments once (``"id:u seconds:u"``); the
introspection XML (:meth:`Interface.xml`), the signature a call must carry,
the reply's signature, and the handler a call goes to (:meth:`Interface.dispatch`,
``_`` + the method's name in snake case, on the object serving it) all come
from that one entry, so no signature is ever written twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

ERROR = "org.freedesktop.DBus.Error"


class CallRefused(Exception):
    """A call that cannot be served; ``name`` is the D-Bus error name."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


@dataclass(frozen=True)
class Arg:
    """One argument: its name (may be empty) and its D-Bus type."""

    name: str
    type: str

    def xml(self, direction: str | None) -> str:
        import html  # here: html.entities is half a MiB an idle app need not hold

        name = f' name="{html.escape(self.name)}"' if self.name else ""
        way = f' direction="{direction}"' if direction else ""
        return f'<arg{name} type="{html.escape(self.type)}"{way}/>'


def args(spec: str) -> tuple[Arg, ...]:
    """``"id:u hints:a{sv}"`` → the arguments (``":s"`` is an unnamed one)."""
    return tuple(Arg(*item.split(":", 1)) for item in spec.split())


def snake(name: str) -> str:
    """``GetServerInformation`` → ``get_server_information``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@dataclass(frozen=True)
class Method:
    """A method: ``Method("Dismiss", "id:u", ":b")``."""

    name: str
    takes: str = ""
    gives: str = ""

    @property
    def in_args(self) -> tuple[Arg, ...]:
        return args(self.takes)

    @property
    def out_args(self) -> tuple[Arg, ...]:
        return args(self.gives)

    @cached_property  # asked on every call
    def in_signature(self) -> str:
        return "".join(a.type for a in self.in_args)

    @cached_property
    def out_signature(self) -> str:
        return "".join(a.type for a in self.out_args)

    @cached_property
    def handler(self) -> str:
        """The name of the method serving it: ``_dismiss_all`` for ``DismissAll``."""
        return "_" + snake(self.name)

    def xml(self) -> str:
        inner = [a.xml("in") for a in self.in_args] + [a.xml("out") for a in self.out_args]
        if not inner:
            return f'<method name="{self.name}"/>'
        return f'<method name="{self.name}">{"".join(inner)}</method>'


@dataclass(frozen=True)
class SignalSpec:
    """A signal the interface emits: ``SignalSpec("ActionInvoked", "id:u action_key:s")``."""

    name: str
    carries: str = ""

    @cached_property  # asked for every signal sent
    def signature(self) -> str:
        return "".join(a.type for a in args(self.carries))

    def xml(self) -> str:
        return f'<signal name="{self.name}">{"".join(a.xml(None) for a in args(self.carries))}</signal>'


@dataclass(frozen=True)
class Interface:
    """An interface: its name, methods and signals."""

    name: str
    methods: tuple[Method, ...]
    signals: tuple[SignalSpec, ...] = ()

    def method(self, member: str) -> Method | None:
        return self._by_name.get(member)

    @cached_property  # asked on every call
    def _by_name(self) -> dict[str, Method]:
        return {m.name: m for m in reversed(self.methods)}  # the first of a name, as a search would find

    def __getitem__(self, member: str) -> Method:
        method = self.method(member)
        if method is None:
            raise KeyError(member)
        return method

    def signal(self, member: str) -> SignalSpec:
        return next(s for s in self.signals if s.name == member)

    def xml(self) -> str:
        """The ``<interface>`` element of the introspection data."""
        body = "\n    ".join([*(m.xml() for m in self.methods), *(s.xml() for s in self.signals)])
        return f'<interface name="{self.name}">\n    {body}\n  </interface>'

    def check(self, member: str, signature: str) -> Method:
        """The method a call names, if its arguments have the method's signature; else :class:`CallRefused`."""
        method = self.method(member)
        if method is None:
            raise CallRefused(f"{ERROR}.UnknownMethod", f"{self.name} has no method {member}")
        if signature != method.in_signature:
            raise CallRefused(f"{ERROR}.InvalidArgs", f"{member} takes ({method.in_signature}), not ({signature})")
        return method

    def dispatch(self, impl: object, member: str, signature: str, body: tuple[Any, ...], *extra: Any) -> tuple[Method, Any]:
        """Call ``impl``'s handler of ``member`` with ``*extra, *body``; (the method, what the handler returned)."""
        method = self.check(member, signature)
        return method, getattr(impl, method.handler)(*extra, *body)

    def missing_handlers(self, impl: object) -> list[str]:
        """The handlers ``impl`` lacks (a test asks for none)."""
        return [m.handler for m in self.methods if not callable(getattr(impl, m.handler, None))]


def plain(value: Any) -> Any:
    """A D-Bus value with its variants unwrapped (``("s", "x")`` → ``"x"``): what ``ctl`` prints, what the socket sends."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str) and _is_signature(value[0]):
        return plain(value[1])
    return value


def _is_signature(text: str) -> bool:
    return bool(text) and set(text) <= set("ybnqiuxtdsogvha{}()")


INTROSPECTABLE = Interface("org.freedesktop.DBus.Introspectable", (Method("Introspect", gives="xml:s"),))
PEER = Interface("org.freedesktop.DBus.Peer", (Method("Ping"), Method("GetMachineId", gives="id:s")))
