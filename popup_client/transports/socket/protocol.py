"""The local socket's protocol: newline-delimited JSON, its size limits, and request lines taken apart exactly.

A request is ``{"token": "...", "popup": {...}}`` (``token`` optional, no
other field, no key twice). :func:`parse_request` returns the token and the
popup's exact JSON text (so duplicate keys or ``NaN`` inside the popup are
the payload contract's business), or raises :class:`RequestError` whose
message is the sentence sent back to the client.

A provider listed in an installed policy bundle signs instead (issue 18;
:mod:`popup_client.core.trust.signed_payload`): ``{"signed": {"payload":
"<the payload's JSON text>", "signature": {"key_id", "sha256", "sig"}}}``,
the signature over the UTF-8 bytes of that text (any payload, pretty-printed
or not, fits on the line as a JSON string), or ``{"popup": {...},
"signature": {...}}``, the signature over the popup's exact text in the
line. Either way :attr:`Request.signed` is the ``"signed"`` object to verify.

A control request — ``popup-client ctl`` over the socket — is ``{"ctl":
"focus-newest"}``, with the action's arguments beside it (``{"ctl":
"dismiss", "id": 7}``): :class:`ControlRequest`, its arguments checked by
:mod:`.control`. It carries no token: the socket admits only the user the app
runs as, and a provider's token is no credential for control.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

#: A popup as received is at most 1 MiB (docs/payload.md); the envelope gets 64 KiB more.
MAX_POPUP_BYTES = 1024 * 1024
ENVELOPE_BYTES = 64 * 1024
MAX_LINE_BYTES = MAX_POPUP_BYTES + ENVELOPE_BYTES
#: A reply longer than this is not from popup-client.
MAX_REPLY_BYTES = 1024 * 1024

_DECODER = json.JSONDecoder()
_WS = re.compile(r"[ \t\n\r]*")
_REQUEST_SHAPE = 'a request is one line {"token": "...", "popup": {...}}, the token optional, or {"signed": {"payload": "...", "signature": {...}}}'


class RequestError(ValueError):
    """A line that is not a request; the message is the sentence sent back."""


@dataclass(frozen=True)
class Request:
    """A request line taken apart: the token, the popup's exact JSON text, and its signature if signed."""

    token: str | None
    popup: bytes
    signed: dict[str, Any] | None = None


@dataclass(frozen=True)
class ControlRequest:
    """A ``{"ctl": "<action>", ...}`` line: the action's name and its other members (its arguments)."""

    action: str
    args: dict[str, Any]


# ------------------------------------------------------------------ request lines


def _skip(text: str, i: int) -> int:
    """The index of the first character at or after ``i`` that is not JSON white space."""
    match = _WS.match(text, i)
    return match.end() if match else i


def _members(text: str) -> list[tuple[str, Any, int, int]]:
    """The top-level members of a JSON object text: (key, value, start, end) of each value."""
    i = _skip(text, 0)
    if not text.startswith("{", i):
        raise ValueError("not an object")
    i = _skip(text, i + 1)
    members: list[tuple[str, Any, int, int]] = []
    if text.startswith("}", i):
        i += 1
    else:
        while True:
            key, i = _DECODER.raw_decode(text, i)
            if not isinstance(key, str):
                raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, i)
            i = _skip(text, i)
            if not text.startswith(":", i):
                raise json.JSONDecodeError("Expecting ':' delimiter", text, i)
            start = _skip(text, i + 1)
            value, end = _DECODER.raw_decode(text, start)
            members.append((key, value, start, end))
            i = _skip(text, end)
            if text.startswith(",", i):
                i = _skip(text, i + 1)
                continue
            if not text.startswith("}", i):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, i)
            i += 1
            break
    if _skip(text, i) != len(text):
        raise json.JSONDecodeError("Extra data", text, i)
    return members


def _not_an_object(text: str) -> RequestError:
    """The error for a line that did not scan as an object: bad JSON, or JSON of another type."""
    try:
        json.loads(text)
    except (ValueError, RecursionError) as exc:
        detail = exc if isinstance(exc, ValueError) else "nested too deeply"
        return RequestError(f"the line is not valid JSON ({detail}); {_REQUEST_SHAPE}")
    return RequestError(f"the line is JSON but not an object; {_REQUEST_SHAPE}")


def parse_request(line: bytes) -> Request | ControlRequest:
    """Take a request line apart, or raise :class:`RequestError` with a sentence for the sender."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RequestError(f"the line is not valid UTF-8 (byte {exc.start}); send UTF-8 JSON") from None
    if not text.strip():
        raise RequestError(f"empty line; {_REQUEST_SHAPE}")
    try:
        members = _members(text)
    except (ValueError, RecursionError):
        raise _not_an_object(text) from None
    keys = [key for key, *_ in members]
    for key in dict.fromkeys(k for k in keys if keys.count(k) > 1):
        raise RequestError(f"the key {key!r} appears twice in the request; send each key once")
    if "ctl" in keys:
        return _control_request({key: value for key, value, *_ in members})
    unknown = sorted(set(keys) - {"token", "popup", "signed", "signature"})
    if unknown:
        raise RequestError(f"unknown field(s) in the request: {', '.join(map(repr, unknown))}; {_REQUEST_SHAPE}")
    found = {key: (value, start, end) for key, value, start, end in members}
    if "signed" in found:
        return _signed_request(found)
    if "popup" not in found:
        raise RequestError(f'the request has no "popup"; {_REQUEST_SHAPE}')
    popup, start, end = found["popup"]
    if not isinstance(popup, dict):
        raise RequestError('"popup" must be a JSON object: the payload described in docs/payload.md')
    popup_text = text[start:end]
    signed = {"payload": popup_text, "signature": found["signature"][0]} if "signature" in found else None
    return Request(_token(found), popup_text.encode("utf-8"), signed)


def _control_request(found: dict[str, Any]) -> ControlRequest:
    """A ``{"ctl": "<action>", ...}`` line; a popup, a signature or a token beside it is refused."""
    mixed = sorted({"token", "popup", "signed", "signature"} & set(found))
    if "token" in mixed:
        raise RequestError(
            'a "ctl" request takes no token: only your own user may connect to this socket, '
            "and a provider's token grants no control"
        )
    if mixed:
        raise RequestError(f'a "ctl" request carries no {", ".join(map(repr, mixed))}; send popups and control requests on lines of their own')
    action = found.pop("ctl")
    if not isinstance(action, str):
        raise RequestError('"ctl" must be the name of a control action, e.g. {"ctl": "focus-newest"}')
    return ControlRequest(action, found)


def _token(found: dict[str, tuple[Any, int, int]]) -> str | None:
    token = found.get("token", (None, 0, 0))[0]
    if token is not None and not isinstance(token, str):
        raise RequestError('"token" must be a string: the token `popup-client provider add` printed')
    return token or None


def _signed_request(found: dict[str, tuple[Any, int, int]]) -> Request:
    """A ``{"signed": {"payload": "…", "signature": {…}}}`` request: the payload's text is the popup."""
    if "popup" in found or "signature" in found:
        raise RequestError('a signed request carries its payload inside "signed", not beside it: {"signed": {"payload": "...", "signature": {...}}}')
    signed = found["signed"][0]
    if not isinstance(signed, dict) or not isinstance(signed.get("payload"), str):
        raise RequestError('"signed" must be {"payload": "<the payload\'s JSON text>", "signature": {"key_id": "...", "sig": "..."}}')
    try:
        popup = signed["payload"].encode("utf-8")
    except UnicodeEncodeError:
        raise RequestError('the signed "payload" is not valid Unicode text') from None
    return Request(_token(found), popup, signed)
