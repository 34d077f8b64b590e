"""A freedesktop ``Notify`` call as a popup payload (docs/payload.md, "Freedesktop mapping").

Pure Python, no Qt and no bus: :func:`map_notify` takes the call's arguments
as they came off the wire and returns the payload dict that goes to
:meth:`PopupService.submit`, the :class:`Presentation` the stack applies, and
the facts the history keeps. The payload is then judged like any other: what
is wrong with it (an unknown ``x-popup-*`` hint, an ad without review…) is
left for the contract and the rules to report, under their ids.

Images are decoded for real (:mod:`.images`): ``image-data`` pixels,
files and icon names become PNG or JPEG ``data:`` URIs within the payload's
limits. An image that cannot be read is dropped with a note; it never costs
the notification.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ...core.digests import sha256
from ...core.images import ImageProblem
from ...core.normalize import normalize_line, normalize_multiline
from ...core.payload import ICON_MAX_BYTES, IMAGE_MAX_BYTES
from ...core.presentation import MAX_TIMEOUT_MS, Action, Presentation
from .images import ICON_SIDE, IMAGE_SIDE, IconResolver, ImageDataError, data_uri, image_data_png, uri_of_ref

log = logging.getLogger(__name__)

SPEC_VERSION = "1.3"
#: Actions taken from one call at most (pairs of key and label).
MAX_ACTION_PAIRS = 8
NAME_MAX, TITLE_MAX, BODY_MAX, LABEL_MAX = 40, 120, 1000, 40
URGENCY_NAMES = ("low", "normal", "critical")
CRITICAL = 2
PROVIDER_PREFIX = "desktop."
#: Hints that carry a raw image, newest name first (the spec renamed them twice).
IMAGE_DATA_HINTS = ("image-data", "image_data", "icon_data")
IMAGE_PATH_HINTS = ("image-path", "image_path")
IMAGE_DATA_SIGNATURE = "(iiibiiay)"
X_POPUP = "x-popup-"
#: ``x-popup-*`` hint → where its string goes in the payload.
X_POPUP_FIELDS: dict[str, tuple[str, ...]] = {
    "x-popup-kind": ("kind",),
    "x-popup-advertiser": ("ad", "advertiser"),
    "x-popup-review-id": ("ad", "review_id"),
    "x-popup-reviewer": ("review", "reviewer"),
    "x-popup-reviewed-at": ("review", "reviewed_at"),
    "x-popup-news-source": ("news", "source"),
    "x-popup-news-license": ("news", "license"),
    "x-popup-news-original-title": ("news", "original_title"),
    "x-popup-news-published-at": ("news", "published_at"),
    "x-popup-news-url": ("news", "url"),
    "x-popup-link": ("link",),
    "x-popup-topic": ("topic",),
    "x-popup-domain": ("provider", "domain"),
}
_MARKUP_TAG = re.compile(r"</?(?:b|i|u|s|a|img|br|span|tt|big|small|sub|sup|font|p)\b[^<>]*>", re.I)
_BREAK_TAG = re.compile(r"<br\s*/?>|</p\s*>", re.I)
_IMG_ALT = re.compile(r"<img\b[^<>]*?\balt\s*=\s*(['\"])(.*?)\1[^<>]*>", re.I | re.S)
_LABEL_JUNK = re.compile(r"[^a-z0-9_-]+")

#: A hint as it comes off the wire: its D-Bus signature and its value.
Hint = tuple[str, Any]


@dataclass(frozen=True)
class NotifyCall:
    """The arguments of ``Notify(susssasa{sv}i)``; hints keep their D-Bus signatures."""

    app_name: str
    replaces_id: int
    app_icon: str
    summary: str
    body: str
    actions: Sequence[str] = ()
    hints: Mapping[str, Hint] = field(default_factory=dict)
    expire_timeout: int = -1


@dataclass(frozen=True)
class Mapped:
    """What a ``Notify`` call became.

    ``facts`` (app name, desktop entry, category, urgency, notes on what was
    dropped) go to the sender details, so the history shows them.
    """

    payload: dict[str, Any]
    presentation: Presentation
    facts: dict[str, Any]


# ------------------------------------------------------------------ the mapping


def map_notify(
    call: NotifyCall,
    *,
    popup_id: str,
    fallback_name: str | None = None,
    resolve_icon: IconResolver | None = None,
) -> Mapped:
    """The payload, presentation and facts of one ``Notify`` call.

    ``popup_id`` must be unique per provider for ever (the duplicate rule
    remembers); ``fallback_name`` (the sender's executable name) names the
    provider when the call gives no app name.
    """
    notes: list[str] = []
    name = _provider_name(call.app_name) or _provider_name(fallback_name or "")
    entry = _string_hint(call.hints, "desktop-entry")
    payload: dict[str, Any] = {"version": 1, "id": popup_id, "provider": {"name": name}, "kind": "service"}
    provider_id = provider_id_for(entry or name)
    if provider_id:
        payload["provider"]["id"] = provider_id
    payload.update(_texts(call.summary, call.body))
    _apply_x_popup(payload, call.hints)
    _apply_images(payload, call, resolve_icon, notes)
    kind = payload.get("kind")
    facts = _facts(call, entry, notes)
    return Mapped(payload, presentation_for(call, service=kind == "service"), facts)


def _provider_name(app_name: str) -> str:
    return _truncate(normalize_line(app_name), NAME_MAX)


def _texts(summary: str, body: str) -> dict[str, str]:
    """``title`` and ``body``; an empty summary takes the body's first line."""
    title = normalize_line(strip_markup(summary))
    text = normalize_multiline(strip_markup(body))
    if not title and text:
        first, _, rest = text.partition("\n")
        title, text = normalize_line(first), rest.strip()
    result = {"title": _truncate(title, TITLE_MAX)}
    if text:
        result["body"] = _truncate(text, BODY_MAX)
    return result


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _facts(call: NotifyCall, entry: str | None, notes: list[str]) -> dict[str, Any]:
    facts: dict[str, Any] = {"app_name": call.app_name[:200]}
    if entry:
        facts["desktop_entry"] = entry[:200]
    category = _string_hint(call.hints, "category")
    if category:
        facts["category"] = category[:200]
    facts["urgency"] = URGENCY_NAMES[urgency_of(call.hints)]
    if notes:
        facts["notes"] = notes
    return facts


# ------------------------------------------------------------------ text


def strip_markup(text: str) -> str:
    """Text with the specification's markup tags removed and entities decoded.

    Only the tags of the body-markup set (and a few look-alikes) are removed,
    so plain text such as ``1 < 2 > 0`` survives; ``<br>`` becomes a line
    break and ``<img alt="…">`` its alt text.
    """
    if "<" in text:
        text = _IMG_ALT.sub(lambda m: m.group(2), text)
        text = _BREAK_TAG.sub("\n", text)
        text = _MARKUP_TAG.sub("", text)
    if "&" not in text:
        return text
    import html  # here: html.entities is half a MiB an idle app need not hold

    return html.unescape(text)


def provider_id_for(name: str | None) -> str | None:
    """``desktop.`` + a reverse-DNS-safe form of a desktop entry or app name.

    Each dot-separated label is lower-cased; non-ASCII labels are written in
    punycode (``xn--…``), other characters become ``-``. None when nothing
    is left.
    """
    if name and len(name) <= _REMEMBERED_NAME_MAX:
        return _remembered_provider_id(name)  # a burst names the same app a thousand times
    return _provider_id(name)


def _provider_id(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    if name.endswith(".desktop"):
        name = name[: -len(".desktop")]
    labels = [label for label in (_label(part) for part in name.split(".")) if label]
    if not labels:
        return None
    result = PROVIDER_PREFIX + ".".join(labels)
    return result if len(result) <= 255 else PROVIDER_PREFIX + sha256(name.encode()).hexdigest()[:32]


#: Provider ids of the names seen last (short names only: a caller's long ones are not kept).
_remembered_provider_id = lru_cache(maxsize=256)(_provider_id)
_REMEMBERED_NAME_MAX = 200


def _label(part: str) -> str:
    if not part.isascii():
        part = "xn--" + part.encode("punycode").decode("ascii")
    label = _LABEL_JUNK.sub("-", part).strip("-_")
    if len(label) > 63:
        label = label[:63].rstrip("-_")
    return label


# ------------------------------------------------------------------ hints


def _value(hints: Mapping[str, Hint], name: str) -> tuple[str, Any] | None:
    hint = hints.get(name)
    if isinstance(hint, tuple) and len(hint) == 2 and isinstance(hint[0], str):
        return hint
    return None


def _string_hint(hints: Mapping[str, Hint], name: str) -> str | None:
    hint = _value(hints, name)
    if hint is None or hint[0] not in ("s", "o") or not isinstance(hint[1], str):
        return None
    return hint[1].strip() or None


def _bool_hint(hints: Mapping[str, Hint], name: str) -> bool:
    hint = _value(hints, name)
    if hint is None or hint[0] not in ("b", "y", "i", "u"):
        return False
    return bool(hint[1])


def urgency_of(hints: Mapping[str, Hint]) -> int:
    """0 low, 1 normal, 2 critical (a missing or odd ``urgency`` hint is normal)."""
    hint = _value(hints, "urgency")
    if hint is None or hint[0] not in ("y", "u", "i", "n", "q", "x", "t") or not isinstance(hint[1], int):
        return 1
    return hint[1] if 0 <= hint[1] <= CRITICAL else 1


def _apply_x_popup(payload: dict[str, Any], hints: Mapping[str, Hint]) -> None:
    """Fill payload fields from ``x-popup-*`` hints; an unknown one becomes a field the contract refuses."""
    for name in sorted(hints):
        if not name.startswith(X_POPUP):
            continue
        hint = _value(hints, name)
        value = hint[1] if hint is not None else None
        path = X_POPUP_FIELDS.get(name, (name,))
        target = payload
        for key in path[:-1]:
            target = target.setdefault(key, {})
        target[path[-1]] = value


def presentation_for(call: NotifyCall, *, service: bool) -> Presentation:
    """What the call asks of the stack; only ``service`` popups get timeouts, urgency and actions."""
    hints = call.hints
    resident, transient = (_bool_hint(hints, "resident"), _bool_hint(hints, "transient")) if hints else (False, False)
    if not service:
        return _presentation(None, False, resident, transient)
    timeout, critical = timeout_ms(call.expire_timeout), bool(hints) and urgency_of(hints) == CRITICAL
    if call.actions:  # a caller's own keys and labels: never kept beyond the call
        return Presentation(timeout_ms=timeout, critical=critical, actions=actions_of(call.actions), resident=resident, transient=transient)
    return _presentation(timeout, critical, resident, transient)


@lru_cache(maxsize=64)
def _presentation(timeout: int | None, critical: bool, resident: bool, transient: bool) -> Presentation:
    """One (immutable) presentation for each set of requests without actions: most calls ask for the same."""
    return Presentation(timeout_ms=timeout, critical=critical, resident=resident, transient=transient)


def timeout_ms(expire_timeout: int) -> int | None:
    """-1 (or any negative) → the user's preference; 0 → never; else ms, at most an hour."""
    if expire_timeout < 0:
        return None
    return min(expire_timeout, MAX_TIMEOUT_MS)


def actions_of(flat: Sequence[str]) -> tuple[Action, ...]:
    """Pairs of (key, label) from the flat list; a dangling key, empty keys and repeats are dropped."""
    actions: list[Action] = []
    seen: set[str] = set()
    for i in range(0, len(flat) - 1, 2):
        key, label = flat[i], flat[i + 1]
        if not key or key in seen:
            continue
        seen.add(key)
        text = _truncate(normalize_line(strip_markup(label)), LABEL_MAX) or key
        actions.append(Action(key, text))
        if len(actions) == MAX_ACTION_PAIRS:
            break
    return tuple(actions)


# ------------------------------------------------------------------ images


def _apply_images(payload: dict[str, Any], call: NotifyCall, resolve: IconResolver | None, notes: list[str]) -> None:
    image = _image_of(call.hints, resolve, notes)
    if image:
        payload["image"] = image
    if call.app_icon:
        icon = _uri_of_ref(call.app_icon, resolve, notes, "app_icon", ICON_SIDE, ICON_MAX_BYTES)
        if icon:
            payload["provider"]["icon"] = icon


def _uri_of_ref(ref: str, resolve: IconResolver | None, notes: list[str], what: str, side: int, limit: int) -> str | None:
    try:
        return uri_of_ref(ref, resolve, side, limit)
    except ImageProblem as exc:
        notes.append(f"{what} {ref[:200]!r} dropped: {exc}")
        return None


def _image_of(hints: Mapping[str, Hint], resolve: IconResolver | None, notes: list[str]) -> str | None:
    if not hints:
        return None
    for name in IMAGE_DATA_HINTS:
        hint = _value(hints, name)
        if hint is None:
            continue
        try:
            if hint[0] != IMAGE_DATA_SIGNATURE:
                raise ImageDataError(f"has the signature {hint[0]}, not {IMAGE_DATA_SIGNATURE}")
            return data_uri(image_data_png(hint[1]), IMAGE_SIDE, IMAGE_MAX_BYTES)
        except ImageProblem as exc:
            notes.append(f"{name} dropped: {exc}")
            return None
    for name in IMAGE_PATH_HINTS:
        ref = _string_hint(hints, name)
        if ref:
            return _uri_of_ref(ref, resolve, notes, name, IMAGE_SIDE, IMAGE_MAX_BYTES)
    return None


# ------------------------------------------------------------------ what the server says about itself


def capabilities(*, actions: bool, images: bool) -> list[str]:
    """``GetCapabilities``: what this server really does, nothing more.

    Never ``body-markup`` (markup is stripped), ``body-hyperlinks``,
    ``body-images``, ``icon-multi``, ``persistence`` or ``sound``.
    ``x-popup-hints`` tells clients that the ``x-popup-*`` hints of
    docs/payload.md are understood.
    """
    caps = ["body"]
    if actions:
        caps.append("actions")
    if images:
        caps.append("icon-static")
    caps.append("x-popup-hints")
    return caps

