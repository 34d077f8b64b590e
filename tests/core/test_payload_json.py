"""Decoding a payload's JSON (core/payload.py): msgspec for the usual payload, ``json`` for every other, same result."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from popup_client.core import payload
from popup_client.core.errors import PayloadError
from popup_client.core.payload import load_json_object, parse_popup


def _by_json(raw: bytes) -> Any:
    """What load_json_object gave before msgspec decoded payloads: json's reading, or its error."""
    try:
        return payload._loads(raw.decode("utf-8"))  # noqa: SLF001
    except (ValueError, RecursionError) as exc:
        return type(exc)


def _loaded(raw: bytes) -> Any:
    try:
        return load_json_object(raw)
    except PayloadError as exc:
        return [(p.path, p.message) for p in exc.problems]


def test_a_valid_payload_is_decoded_without_the_json_module(service_popup: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(payload, "_loads", lambda text: pytest.fail("decoded by json"))
    service_popup["link"] = "https://example.com/a:b"  # texts with ':' in them
    assert parse_popup(json.dumps(service_popup, ensure_ascii=False, indent=1)).link == "https://example.com/a:b"


@pytest.mark.parametrize(
    "raw",
    [
        b'{"title": "a:b", "title": "c"}',
        b'{"title": "c", "title": "a:b"}',
        b'{"provider": {"id": "com.a", "id": "com.b"}, "kind": "ad"}',
        b'{"provider": {"name": "x"}, "provider": {"name": "y"}}',
        b'{"ad": {"targeting": ["a", "b"], "targeting": []}}',
        # a ':' escaped inside a text would make up for a key given twice
        b'{"title": "x", "title": "y", "body": "\\u003a"}',
        b'{"title": "x", "title": "y", "body": "\\u003A"}',
        b'{"title" : "x" , "title" :"y"}',
    ],
)
def test_a_key_given_twice_is_refused_whatever_the_colons(raw: bytes) -> None:
    with pytest.raises(PayloadError) as info:
        load_json_object(raw)
    assert "appears twice in one object" in info.value.problems[0].message


@pytest.mark.parametrize(
    "raw",
    [
        b'{"title": "\\ud800"}',  # a lone surrogate: json takes it, the checks refuse it
        b'{"title": "\\u003a"}',
        b'\xef\xbb\xbf{"a": 1}',
        b'{"version": NaN}',
        b'{"version": 1e400}',
        b'{"version": 123456789012345678901234567890}',
        b'{"a": "\\ud83d\\ude00", "b": "\\u00e9", "c": "\\/"}',
        b' \r\n\t{"a" : [1, 2.5, true, null, {"b": {}}]}\r\n',
    ],
)
def test_what_msgspec_refuses_or_might_read_otherwise_is_read_by_json(raw: bytes) -> None:
    expected = _by_json(raw)
    assert _loaded(raw) == expected if isinstance(expected, dict) else isinstance(_loaded(raw), list)


def test_random_edits_of_payloads_decode_as_json_decodes_them(ad: dict[str, Any], news: dict[str, Any]) -> None:
    rng = random.Random(11)
    texts = [json.dumps(doc, ensure_ascii=rng.random() < 0.3).encode() for doc in (ad, news)]
    pieces = [b'"title": "t:1", ', b'"id": "x", ', b":", b'"', b"\\u003a", b"\\ud800", b",", b"}", b"{", b" ", b'"a":1,']
    for _ in range(3000):
        raw = bytearray(rng.choice(texts))
        for _ in range(rng.randrange(1, 3)):
            at = rng.randrange(len(raw))
            if rng.random() < 0.5:
                raw[at:at] = rng.choice(pieces)
            else:
                del raw[at : at + rng.randrange(1, 4)]
        expected = _by_json(bytes(raw))
        if isinstance(expected, dict):
            assert load_json_object(bytes(raw)) == expected, bytes(raw)
        else:
            assert isinstance(_loaded(bytes(raw)), list), bytes(raw)
