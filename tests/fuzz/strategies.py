"""Hypothesis strategies for fuzzing: hostile text, any JSON, mutated payloads, and the settings.

Fuzzing is bounded so the whole ``tests/fuzz`` directory runs in well under a
minute: :data:`FUZZ` caps the examples. With ``CI`` set the run is
derandomized (the same examples every time, so CI is reproducible); locally
Hypothesis explores afresh and remembers failures in ``.hypothesis/``
(git-ignored). ``POPUP_CLIENT_FUZZ_SCALE=20`` fuzzes twenty times longer.
"""

from __future__ import annotations

import copy
import json
import os
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.conftest import example

SCALE = max(1, int(os.environ.get("POPUP_CLIENT_FUZZ_SCALE", "1") or 1))


def fuzz_settings(examples: int) -> settings:
    """Bounded, deadline-free settings; derandomized on CI."""
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        derandomize=bool(os.environ.get("CI")),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


#: Characters that have broken text handling somewhere: bidi and zero-width controls,
#: C0/C1 controls, lone surrogates, combining marks, very wide glyphs, line separators,
#: full-width forms, and markup.
SPECIAL = (
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
    "\x00\x07\x08\x0b\x0c\x1b\x7f\x85\x9b"
    "\ud800\udbff\udc00\udfff"
    "\u0301\u0336\u20dd\u0489"
    "\ufdfd\u2e3b\ua9c5\U0001242b\u102a\u0bf5"
    "\n\r\t\u2028\u2029\u3000\u00a0"
    "\uff0e\u3002\uff1a\uff0f"
    "<>&\"'/\\;:%#"
    "广告关闭举报示例新闻"
    "\u05d0\u0628\U0001f600\U0001f1e8\U0001f1f3"
)

characters = st.one_of(
    st.characters(),
    st.characters(categories=["Cs"]),  # lone surrogates: what a \ud800 escape gives
    st.sampled_from(SPECIAL),
)
_SAMPLES = ["<b>x</b>", "&amp;", "<script>alert(1)</script>", "javascript:alert(1)", "\u202eevil", "\ufdfd" * 8, "W" * 400]
hostile_text = st.one_of(
    st.text(characters, max_size=60),
    st.text(characters, min_size=100, max_size=1500),
    st.sampled_from(_SAMPLES),
)
#: Valid Unicode only (no lone surrogates): what a UI ever gets, since parsing drops them.
unicode_characters = st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(SPECIAL.replace("\ud800\udbff\udc00\udfff", "")))
unicode_text = st.one_of(
    st.text(unicode_characters, max_size=60),
    st.text(unicode_characters, min_size=100, max_size=1500),
    st.sampled_from(_SAMPLES),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    hostile_text,
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(hostile_text, children, max_size=5)),
    max_leaves=25,
)

BASES: list[dict[str, Any]] = []
for _kind in ("ad", "news", "content", "service"):
    _doc = example(f"valid-{_kind}.json")
    _doc.pop("image", None)  # images go through the QR scan: fuzzed separately, they would dominate the time
    _doc["provider"].pop("icon", None)
    BASES.append(_doc)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON value (dict keys and list indexes)."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _set(doc: Any, path: tuple[Any, ...], value: Any, *, delete: bool = False) -> None:
    node = doc
    for part in path[:-1]:
        node = node[part]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value


@st.composite
def mutated_payloads(draw: st.DrawFn, *, valid_types: bool = False) -> dict[str, Any]:
    """A valid example payload with a few fields replaced, deleted or added.

    ``valid_types`` keeps strings where strings were (so the payload parses
    more often and the policy gets exercised).
    """
    doc = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(0, 4))):
        paths = _paths(doc)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["text", "value", "delete", "add"] if not valid_types else ["text", "text", "delete"]))
        if action == "delete":
            _set(doc, path, None, delete=True)
        elif action == "text":
            _set(doc, path, draw(hostile_text))
        elif action == "value":
            _set(doc, path, draw(json_values))
        else:
            doc[draw(hostile_text)] = draw(json_values)
    return doc


def to_json_bytes(doc: Any, *, ascii_only: bool) -> bytes:
    """JSON text of any value, lone surrogates as ``\\ud800`` escapes when not ``ascii_only``'s job."""
    text = json.dumps(doc, ensure_ascii=ascii_only, allow_nan=True)
    return text.encode("utf-8", "surrogatepass")
