"""A row's digest is that of its canonical JSON, byte for byte, however the JSON is written (msgspec or ``json``)."""

from __future__ import annotations

import math
import random
import struct
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from popup_client.core.text import Text
from popup_client.core.trust import chain
from popup_client.core.trust.chain import content_digest, link, seal
from popup_client.core.trust.keys import canonical_json, sha256_hex
from popup_client.core.vocabulary import DecisionKind, Kind
from tests.fuzz.strategies import characters, fuzz_settings, hostile_text


def digest_by_json(row: dict[str, Any]) -> str:
    """The digest as the chain's definition gives it: SHA-256 of ``keys.canonical_json`` of the row."""
    return sha256_hex(canonical_json({k: v for k, v in row.items() if k not in ("chain_prev", "chain_hash")}))


def any_float(bits: int) -> float:
    return float(struct.unpack("<d", struct.pack("<Q", bits))[0])


values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**200), max_value=2**200),
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(min_value=1.7e9, max_value=1.9e9),  # a row's ts
    st.integers(min_value=0, max_value=2**64 - 1).map(any_float).filter(math.isfinite),
    st.sampled_from([0.0, -0.0, 1e-4, 9.9e-5, 1e16, 9999999999999998.0, 1e-7, 1.5e300, 5e-324]),
    hostile_text.filter(lambda s: not any("\ud800" <= c <= "\udfff" for c in s)),
    st.sampled_from([*Kind, *DecisionKind]),
)
rows = st.dictionaries(st.text(characters.filter(lambda c: not "\ud800" <= c <= "\udfff"), max_size=12), values, max_size=30)


@fuzz_settings(200)
@given(rows)
def test_any_row_has_the_digest_of_its_canonical_json(row: dict[str, Any]) -> None:
    assert content_digest(row) == digest_by_json(row)
    sealed = seal(row, "0" * 64)
    assert content_digest(sealed) == digest_by_json(sealed)  # the chain fields left out


def test_every_kind_of_float_and_integer_has_the_digest_of_its_canonical_json() -> None:
    rng = random.Random(16)
    numbers: list[Any] = [any_float(rng.getrandbits(64)) for _ in range(20_000)]
    numbers += [rng.uniform(-1, 1) * 10 ** rng.uniform(-6, 18) for _ in range(20_000)]
    numbers += [rng.randrange(-(2**80), 2**80) for _ in range(2_000)]
    for number in filter(lambda n: not isinstance(n, float) or math.isfinite(n), numbers):
        row = {"ts": number, "id": 1}
        assert content_digest(row) == digest_by_json(row), number


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_a_row_with_no_canonical_json_is_refused_as_before(value: float) -> None:
    with pytest.raises(ValueError):
        content_digest({"ts": value})


@pytest.mark.parametrize(
    "value",
    [Text("a reason"), 1e16, 1e-5, b"bytes"],
    ids=["a str subclass", "exponent", "small exponent", "bytes"],
)
def test_values_msgspec_writes_otherwise_go_through_json(value: Any) -> None:
    row = {"id": 1, "value": value}
    try:
        expected: str | type[Exception] = digest_by_json(row)
    except TypeError as exc:
        expected = type(exc)
    if isinstance(expected, str):
        assert content_digest(row) == expected
    else:
        with pytest.raises(expected):
            content_digest(row)


def test_a_journal_row_is_written_without_the_standard_json_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    row = {"table": "receipts", "id": 7, "chain_seq": 12, "ts": 1796212800.25, "decision": DecisionKind.SHOW, "kind": Kind.NEWS,
           "payload": '{"title":"台风\\n“海燕”"}', "verified": 1, "topic": None}  # fmt: skip
    expected = digest_by_json(row)
    monkeypatch.setattr(chain, "canonical_json", lambda value: pytest.fail("the row went through json"))
    assert content_digest(row) == expected
    assert seal(row, "0" * 64)["chain_hash"] == link("0" * 64, expected)


@fuzz_settings(200)
@given(rows, st.sampled_from(["0" * 64, "f" * 64, "0123456789abcdef" * 4]))
def test_a_rows_chain_hash_from_its_columns_and_values_is_that_of_the_row(row: dict[str, Any], prev: str) -> None:
    row = {k: v for k, v in row.items() if k not in ("chain_prev", "chain_hash")}
    assert chain.chain_hash(prev, tuple(row), tuple(row.values())) == link(prev, digest_by_json(row))


def test_a_journal_rows_chain_hash_is_written_from_a_struct_of_its_values(monkeypatch: pytest.MonkeyPatch) -> None:
    columns = ("table", "id", "chain_seq", "ts", "decision", "kind", "payload", "verified", "topic")
    values = ("receipts", 7, 12, 1796212800.25, DecisionKind.SHOW, Kind.NEWS, '{"title":"台风\\n“海燕”"}', 1, None)
    expected = link("0" * 64, digest_by_json(dict(zip(columns, values))))
    monkeypatch.setattr(chain, "canonical_json", lambda value: pytest.fail("the row went through json"))
    monkeypatch.setattr(chain, "content_digest", lambda value: pytest.fail("the row was made a dict"))
    assert chain.chain_hash("0" * 64, columns, values) == expected
