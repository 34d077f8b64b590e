"""Reading a msgspec Struct's field annotations: the bare type, whether None is allowed, the metadata, the default.

Shared by the two models that list every problem at once by walking their
fields: the payload's (:mod:`.payload_collect`) and the preferences'
(:mod:`.prefs.model`).
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from typing import Any, Union, get_args, get_origin

import msgspec


def unwrap(tp: Any) -> tuple[Any, bool, list[Any]]:
    """(the bare type, whether None is allowed, the ``Annotated`` extras, outermost first) of an annotation."""
    extras: list[Any] = []
    nullable = False
    while True:
        if get_origin(tp) is typing.Annotated:
            tp, *more = get_args(tp)
            extras += more
        elif get_origin(tp) is Union or type(tp).__name__ == "UnionType":
            args = [a for a in get_args(tp) if a is not type(None)]
            nullable, tp = len(args) < len(get_args(tp)), args[0] if len(args) == 1 else Any
        else:
            return tp, nullable, extras


def default_of(info: msgspec.structs.FieldInfo) -> Callable[[], Any]:
    """A function giving the field's default (a fresh one each call where the field has a factory)."""
    if info.default_factory is not msgspec.NODEFAULT:
        factory: Callable[[], Any] = info.default_factory
        return factory
    return functools.partial(lambda v: v, info.default)
