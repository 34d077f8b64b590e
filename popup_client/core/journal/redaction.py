"""What the journal keeps of a popup's text: the text of a push, only a fingerprint of the rest.

Ads, news and content pushes (the regulated kinds) keep their payload:
complaints rest on it. Everything else — service popups, which every
desktop notification becomes, and payloads that did not parse — keeps
what the rules and the history need (provider, kind, topic, times,
decision, rules) but not the text, unless the user asks for it
(``privacy.keep_service_text``). The payload column then holds a stub::

    {"version": 1, "id": "…", "kind": "service", "provider": {"id": …, "name": …},
     "text": {"kept": false, "fingerprint": "<16 hex>", "length": 42}}

The fingerprint is an HMAC-SHA256 of the text, keyed with a random key kept
in the journal (``privacy_key``): it tells whether two entries had the same
text, and lets someone who has the journal *and* guesses the exact text
confirm the guess; it does not give the text back. ``length`` counts its
characters. Of a payload that did not parse, the raw text sent is not kept
either; its error and reasons stay (the core's own sentences about where
the payload is wrong: field paths and limits, never its values).

Rows cleared while they still count toward the frequency caps keep only
:data:`CLEARED_PAYLOAD` (see :mod:`.retention`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any

import msgspec

from popup_client.core.digests import hmac_sha256
from popup_client.core.journal.connection import JournalConnection
from popup_client.core.journal.records import Receipt
from popup_client.core.journal.schema import CLEARED_PAYLOAD
from popup_client.core.journal.sqlite import json_object
from popup_client.core.vocabulary import Kind

#: The kinds whose payload is always kept (complaints rest on it).
PUSH_KINDS = frozenset({Kind.AD.value, Kind.NEWS.value, Kind.CONTENT.value})
_KEY_QUERY = "SELECT key FROM privacy_key LIMIT 1"

_KEPT_FIELDS = ("version", "id", "kind", "topic")
_KEPT_PROVIDER_FIELDS = ("id", "name", "domain")
_TEXT_FIELDS = ("title", "body")
#: What :func:`redacted_from` reads of a payload: its fields, and its provider's.
READ_FIELDS, READ_PROVIDER_FIELDS = (*_KEPT_FIELDS, *_TEXT_FIELDS), _KEPT_PROVIDER_FIELDS
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)
_FAST = msgspec.json.Encoder(order="sorted")
_PLAIN = frozenset({str, int, bool, type(None)})


def _compact(stub: dict[str, Any]) -> str:
    """``_COMPACT.encode(stub)``, by msgspec when that is byte for byte the same: text, whole numbers, booleans, None.

    (A float may be written otherwise, and msgspec refuses a lone surrogate, which ``json`` writes.)
    """
    if _plain(stub):
        try:
            return _FAST.encode(stub).decode("utf-8")
        except UnicodeEncodeError:
            pass
    return _COMPACT.encode(stub)


def _plain(value: Any) -> bool:
    if value.__class__ is dict:
        return all(key.__class__ is str and _plain(item) for key, item in value.items())
    return value.__class__ in _PLAIN


def text_key(journal: JournalConnection) -> bytes:
    """The journal's fingerprint key (made with the journal, :mod:`.schema` version 3)."""
    row = journal._fetch_one("read the fingerprint key", _KEY_QUERY, ())
    return bytes(row[0]) if row is not None else b""


def keeps_text(kind: str | None, *, keep_service_text: bool) -> bool:
    """Whether a payload of ``kind`` (None: it did not parse) is journaled with its text."""
    return keep_service_text or kind in PUSH_KINDS


def fingerprint(text: str, key: bytes) -> str:
    """The keyed fingerprint of ``text`` (16 hex digits)."""
    return hmac_sha256(key, text.encode("utf-8", "replace")).hex()[:16]


def _text_summary(text: str, key: bytes) -> dict[str, Any]:
    return {"kept": False, "fingerprint": fingerprint(text, key), "length": len(text)}


def redacted_payload(payload: str, key: bytes) -> str:
    """The stub kept of a normalized payload's JSON: its ids and provider, the text's fingerprint and length."""
    data = json_object(payload)
    if data is None:
        return _compact({"text": _text_summary(payload, key)})
    return redacted_from(data, key)


def redacted_from(data: Mapping[str, Any], key: bytes) -> str:
    """:func:`redacted_payload` of the normalized payload as data (what its JSON decodes to), without the JSON."""
    kept: dict[str, Any] = {k: data[k] for k in _KEPT_FIELDS if k in data}
    provider = data.get("provider")
    if isinstance(provider, dict):
        kept["provider"] = {k: provider[k] for k in _KEPT_PROVIDER_FIELDS if k in provider}
    text = "\n".join(str(data[k]) for k in _TEXT_FIELDS if isinstance(data.get(k), str))
    kept["text"] = _text_summary(text, key)
    return _compact(kept)


def redact(receipt: Receipt, key: bytes) -> Receipt:
    """``receipt`` without its text: the payload as a stub.

    Of a payload that did not parse nothing is kept but the summary (its
    salvaged ids are in their columns already): its fields were never checked.
    """
    if receipt.payload is None:
        payload = None
    elif receipt.error is None:
        payload = redacted_payload(receipt.payload, key)
    else:
        payload = _compact({"text": _text_summary(receipt.payload, key)})
    return dataclasses.replace(receipt, payload=payload, payload_exact=None)  # the bytes as received hold the text too


def for_journal(receipt: Receipt, key: bytes, *, keep_service_text: bool, claimed_kind: str | None = None) -> Receipt:
    """What the journal keeps of ``receipt``: as it is for a push, else :func:`redact`-ed.

    ``claimed_kind`` is the kind a payload that did not parse said it was
    (its receipt has none): a rejected push keeps what was sent.
    """
    kind = receipt.kind if receipt.error is None else claimed_kind
    return receipt if keeps_text(kind, keep_service_text=keep_service_text) else redact(receipt, key)


def text_summary(payload: str | None) -> dict[str, Any] | None:
    """The ``text`` summary of a stub (``kept``, ``fingerprint``, ``length``; or ``cleared``), None for a full payload."""
    if payload is None:
        return None
    if payload == CLEARED_PAYLOAD:
        return {"kept": False, "cleared": True}
    if '"kept":false' not in payload:
        return None
    data = json_object(payload)
    summary = data.get("text") if data is not None else None
    return summary if isinstance(summary, dict) and summary.get("kept") is False else None
