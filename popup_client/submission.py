"""A submitted payload, in every form a transport hands it over, and what became of it. No Qt.

:data:`RawPayload` is what :meth:`~popup_client.service.PopupService.submit`
takes; :func:`parse_any` makes a :class:`~popup_client.core.payload.Popup`
of it; :class:`Submission` is the outcome the transports reply with and the
UI shows. The journal's text of a payload (images summarised, a bad
payload kept as it came, its ids salvaged) is made here too.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, get_args, get_type_hints

import msgspec

from .core.digests import sha256
from .core.errors import PayloadError
from .core.payload import Popup, load_json_object, parse_popup, popup_from_object
from .core.policy import Decision
from .core.presentation import DEFAULT_PRESENTATION, Presentation
from .core.rules import Sender

RawPayload = bytes | str | dict[str, Any] | Popup
_RAW_KEEP = 64 * 1024


@dataclass(frozen=True)
class Submission:
    """What became of one submitted payload."""

    receipt_id: int
    decision: Decision
    popup: Popup | None
    sender: Sender
    replaces: int | None = None
    presentation: Presentation = DEFAULT_PRESENTATION

    def reply(self) -> dict[str, Any]:
        """The transports' reply: ``{"id", "decision", "rules", "reasons"}``."""
        return {"id": self.receipt_id, **self.decision.as_dict()}


def _image_summary(uri: str | None) -> str | None:
    if uri is None:
        return None
    digest = sha256(uri.encode("utf-8", "replace")).hexdigest()[:16]
    return f"<image sha256:{digest} {len(uri)} chars>"


def journal_data(popup: Popup) -> dict[str, Any]:
    """The normalized payload for the journal as data, images summarised by their hash."""
    data = popup.to_dict()
    if popup.image is not None:
        data["image"] = _image_summary(popup.image)
    if popup.provider.icon is not None:
        data["provider"]["icon"] = _image_summary(popup.provider.icon)
    return data


def journal_payload(popup: Popup, *, parsed: bool = False) -> str:
    """The normalized payload for the journal (JSON), images summarised by their hash.

    ``parsed``: ``popup`` is what :func:`parse_any` made of a payload (each field of its declared type), so its
    JSON can be written from the Struct at once (:func:`struct_json`), the same text as :meth:`Popup.to_json`.
    """
    if popup.image is None and popup.provider.icon is None:
        # nothing to summarise: the same compact JSON, written by msgspec at once
        return struct_json(popup) if parsed else popup.to_json()
    return COMPACT_JSON.encode(journal_data(popup))


#: The journal's JSON: compact, characters as themselves.
COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------- a parsed popup's JSON from the Struct


@dataclass(frozen=True)
class _Mirror:
    """Structs with a popup's fields, each None by default and left out when None (``omit_defaults``).

    ``msgspec.convert(popup, popup_type, from_attributes=True)`` copies a parsed popup into them in C, and
    msgspec writes that as :meth:`Popup.to_json` writes the popup (fields in order, None left out, a kind as its
    value), given what parsing guarantees: each nested model of its declared class (msgspec made it), and
    each timestamp an aware ``datetime`` whose offset is whole minutes (checked: a ``datetime`` given in a
    dict passes parsing as it is, and msgspec would write ``+05:00`` for ``+05:00:07``).
    """

    popup_type: type
    stamps: tuple[tuple[str, ...], ...]  # the paths of the fields typed Any at run time: the timestamps


def _mirror_of(model: type, path: tuple[str, ...], stamps: list[tuple[str, ...]]) -> type:
    fields: list[tuple[str, Any, None]] = []
    hints = get_type_hints(model)
    for name in model.__struct_fields__:
        args = get_args(hints[name]) or (hints[name],)
        nested = [a for a in args if isinstance(a, type) and issubclass(a, msgspec.Struct)]
        if nested:
            fields.append((name, _mirror_of(nested[0], (*path, name), stamps) | None, None))
            continue
        if Any in args:
            stamps.append((*path, name))
        fields.append((name, Any, None))
    return msgspec.defstruct(f"Journal{model.__name__}", fields, omit_defaults=True)


@functools.cache
def _mirror() -> _Mirror:
    stamps: list[tuple[str, ...]] = []
    popup_type = _mirror_of(Popup, (), stamps)
    return _Mirror(popup_type, tuple(stamps))


_STRUCT_JSON = msgspec.json.Encoder()


def struct_json(popup: Popup) -> str:
    """:meth:`Popup.to_json` of a popup :func:`parse_any` parsed, written by msgspec from the Struct (faster)."""
    mirror = _mirror()
    for path in mirror.stamps:
        value: Any = popup
        for name in path:
            value = getattr(value, name)
            if value is None:
                break
        else:
            offset = value.utcoffset() if value.__class__ is datetime else None
            if offset is None or offset.seconds % 60 or offset.microseconds:
                return popup.to_json()
    return _STRUCT_JSON.encode(msgspec.convert(popup, mirror.popup_type, from_attributes=True)).decode("utf-8")


def _valid_text(text: str) -> str:
    """``text`` with lone surrogates (from ``\\ud800`` escapes) replaced, so SQLite can store it."""
    return text.encode("utf-8", "replace").decode("utf-8")


def exact_text(raw: RawPayload) -> str | None:
    """The payload's text exactly as received (for evidence), if it came as UTF-8 text of at most 64 KiB; else None."""
    try:
        if isinstance(raw, bytes):  # its length is the UTF-8 text's, if it is UTF-8
            return raw.decode("utf-8") if len(raw) <= _RAW_KEEP else None
        return raw if isinstance(raw, str) and len(raw.encode("utf-8")) <= _RAW_KEEP else None
    except UnicodeError:  # not UTF-8, or lone surrogates SQLite cannot keep
        return None


def raw_text(raw: RawPayload) -> str:
    if isinstance(raw, bytes):
        return raw[:_RAW_KEEP].decode("utf-8", "replace")
    if isinstance(raw, str):
        return _valid_text(raw[:_RAW_KEEP])
    if isinstance(raw, Popup):
        return journal_payload(raw)
    return _valid_text(json.dumps(raw, ensure_ascii=False, default=str)[:_RAW_KEEP])


def parse_any(raw: RawPayload) -> Popup:
    """Turn any accepted payload form into a :class:`Popup` (or raise PayloadError)."""
    if isinstance(raw, Popup):
        return raw
    if isinstance(raw, dict):
        return popup_from_object(raw)
    return parse_popup(raw)


def may_carry_images(raw: RawPayload) -> bool:
    """Cheaply: whether the payload can hold an image (every image is a ``data:`` URI)."""
    if isinstance(raw, bytes):
        return b"data:" in raw
    if isinstance(raw, str):
        return "data:" in raw
    if isinstance(raw, Popup):
        return raw.image is not None or raw.provider.icon is not None
    provider = raw.get("provider")  # a dict (D-Bus's mapped Notify): the image and the icon are its only images
    return raw.get("image") is not None or not isinstance(provider, dict) or provider.get("icon") is not None


def salvage_kind(raw: RawPayload) -> str | None:
    """The ``kind`` a payload that did not parse says it is, if it says (a rejected push keeps its text)."""
    try:
        obj = raw if isinstance(raw, dict) else load_json_object(raw) if not isinstance(raw, Popup) else {"kind": raw.kind}
    except PayloadError:
        return None
    kind = obj.get("kind")
    return kind if isinstance(kind, str) else None


def salvage_ids(raw: RawPayload) -> tuple[str | None, str | None]:
    """Best-effort provider and popup ids of a payload that did not parse, for the history."""
    try:
        obj = raw if isinstance(raw, dict) else load_json_object(raw) if not isinstance(raw, Popup) else {}
    except PayloadError:
        return None, None
    provider = obj.get("provider")
    pid = provider.get("id") if isinstance(provider, dict) else None
    nid = obj.get("id")
    return (_valid_text(pid[:255]) if isinstance(pid, str) else None, _valid_text(nid[:128]) if isinstance(nid, str) else None)
