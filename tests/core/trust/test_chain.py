"""The hash chain: edited, removed, reordered and added rows are found and named; checkpoints catch rewrites and cuts."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from popup_client.core.trust.chain import (
    GENESIS,
    HASH_FIELD,
    chain_proof,
    content_digest,
    make_checkpoint,
    seal,
    seal_all,
    verify_chain,
    verify_proof,
)
from popup_client.core.trust.errors import TrustError
from popup_client.core.trust.keys import Ed25519PrivateKey, generate_key

AT = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.utc)


def rows(count: int = 6) -> list[dict[str, Any]]:
    plain = [
        {"table": "receipts", "id": i, "received_at": f"2026-12-02T12:00:0{i}Z", "ts": 1796212800.25 + i,
         "provider_id": "com.example.news", "decision": "show", "payload": '{"kind": "news"}', "verified": 1, "topic": None}
        for i in range(1, count + 1)
    ]  # fmt: skip
    return seal_all(plain)


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return generate_key()


def test_an_untouched_chain_verifies_and_reports_its_head() -> None:
    chain = rows()
    report = verify_chain(chain)
    assert report.ok and report.count == 6 and report.head == chain[-1][HASH_FIELD]
    assert chain[0]["chain_prev"] == GENESIS and all(b["chain_prev"] == a[HASH_FIELD] for a, b in zip(chain, chain[1:]))


def test_the_hash_covers_every_column_and_the_previous_row() -> None:
    row = {"id": 1, "decision": "show"}
    assert seal(row, GENESIS)[HASH_FIELD] != seal({**row, "decision": "reject"}, GENESIS)[HASH_FIELD]
    assert seal(row, GENESIS)[HASH_FIELD] != seal(row, "1" * 64)[HASH_FIELD]
    assert content_digest({"a": 1, "b": 2}) == content_digest({"b": 2, "a": 1})  # key order is not content


def test_an_edited_row_is_named() -> None:
    chain = rows()
    chain[2]["decision"] = "reject"
    report = verify_chain(chain)
    assert report.problem is not None and (report.problem.kind, report.problem.row, report.problem.index) == ("edited", "3", 2)
    assert report.problem.message == "row 3 was edited: its content no longer gives the hash it was sealed with"
    assert report.count == 2  # the rows before it are good


def test_a_deleted_row_is_found() -> None:
    chain = rows()
    del chain[3]
    problem = verify_chain(chain).problem
    assert problem is not None and problem.kind == "removed"
    assert problem.message == "rows between row 3 and row 5 were removed: row 5 follows a row that is not there"


def test_a_deleted_first_row_is_found() -> None:
    problem = verify_chain(rows()[1:]).problem
    assert problem is not None and problem.kind == "removed" and problem.row == "2"


@pytest.mark.parametrize("order", [[0, 2, 1, 3, 4, 5], [5, 0, 1, 2, 3, 4], [0, 1, 2, 3, 5, 4]])
def test_reordered_rows_are_found(order: list[int]) -> None:
    chain = rows()
    problem = verify_chain([chain[i] for i in order]).problem
    assert problem is not None and problem.kind == "reordered" and "is out of order" in problem.message


def test_a_forged_row_slipped_in_is_found() -> None:
    chain = rows()
    forged = seal({"table": "receipts", "id": 99, "decision": "show"}, chain[2][HASH_FIELD])
    problem = verify_chain([*chain[:3], forged, *chain[3:]]).problem
    assert problem is not None and problem.kind == "added" and problem.row == "4"
    assert problem.message == "a row was added before row 4: it was sealed right after row 3"


def test_an_unsealed_row_is_named() -> None:
    chain = rows()
    del chain[1][HASH_FIELD]
    problem = verify_chain(chain).problem
    assert problem is not None and problem.kind == "unsealed" and problem.row == "2"


def test_a_chain_recomputed_after_an_edit_is_caught_by_a_head_checkpoint(key: Ed25519PrivateKey) -> None:
    chain = rows()
    head = make_checkpoint(key, "head", 4, chain[3][HASH_FIELD], AT)
    assert verify_chain(chain, heads=[head], key=key.public_key()).ok
    plain = [{k: v for k, v in row.items() if not k.startswith("chain_")} for row in chain]
    plain[1]["decision"] = "suppress"
    rewritten = seal_all(plain)  # whoever edits can recompute every hash, but cannot sign
    assert verify_chain(rewritten).ok
    problem = verify_chain(rewritten, heads=[head], key=key.public_key()).problem
    assert problem is not None and problem.kind == "rewritten" and problem.row == "4"
    assert problem.message == "the chain was rewritten: row 4 no longer has the hash the checkpoint of 2026-12-02T12:00:00Z signed"


def test_rows_cut_off_the_end_are_caught_by_a_head_checkpoint(key: Ed25519PrivateKey) -> None:
    chain = rows()
    head = make_checkpoint(key, "head", 6, chain[-1][HASH_FIELD], AT)
    problem = verify_chain(chain[:4], heads=[head], key=key.public_key()).problem
    assert problem is not None and problem.kind == "truncated"
    assert problem.message == "rows were removed from the end: a checkpoint of 2026-12-02T12:00:00Z counted 6 rows, there are 4"


def test_pruned_rows_keep_the_rest_verifiable_from_a_prune_checkpoint(key: Ed25519PrivateKey) -> None:
    chain = rows()
    prune = make_checkpoint(key, "prune", 3, chain[2][HASH_FIELD], AT)
    head = make_checkpoint(key, "head", 6, chain[-1][HASH_FIELD], AT)
    report = verify_chain(chain[3:], start=prune, heads=[head], key=key.public_key())
    assert report.ok and report.count == 6
    problem = verify_chain(chain[4:], start=prune, key=key.public_key()).problem  # one more removed than the checkpoint says
    assert problem is not None and problem.kind == "removed"
    assert verify_chain(chain[3:]).problem is not None  # without the checkpoint the first row links to nothing


def test_an_altered_or_foreign_checkpoint_is_refused(key: Ed25519PrivateKey) -> None:
    chain = rows()
    prune = make_checkpoint(key, "prune", 3, chain[2][HASH_FIELD], AT)
    altered = {"checkpoint": {**prune["checkpoint"], "count": 2}, "sig": prune["sig"]}
    problem = verify_chain(chain[3:], start=altered, key=key.public_key()).problem
    assert problem is not None and problem.kind == "checkpoint" and "was altered: its signature does not match" in problem.message
    other = generate_key()
    problem = verify_chain(chain[3:], start=make_checkpoint(other, "prune", 3, chain[2][HASH_FIELD], AT), key=key.public_key()).problem
    assert problem is not None and "not with the journal's key" in problem.message
    head = make_checkpoint(key, "head", 3, chain[2][HASH_FIELD], AT)
    problem = verify_chain(chain[3:], start=head, key=key.public_key()).problem
    assert problem is not None and "not a prune checkpoint" in problem.message
    with pytest.raises(TrustError):
        make_checkpoint(key, "snapshot", 1, GENESIS, AT)


def test_a_proof_shows_one_row_leads_to_the_head_without_the_others() -> None:
    chain = rows()
    proof = chain_proof(chain, 2)
    assert verify_proof(proof) is None and proof["head"] == chain[-1][HASH_FIELD]
    assert proof["row"]["id"] == 3 and all(isinstance(d, str) and len(d) == 64 for d in proof["following"])
    edited = {**proof, "row": {**proof["row"], "decision": "reject"}}
    assert verify_proof(edited) == "the row in the chain proof was edited: it no longer gives its hash"
    dropped = {**proof, "following": proof["following"][1:]}
    assert verify_proof(dropped) == "the chain proof does not lead to its head: a later row was changed, removed or reordered"
    swapped = {**proof, "following": proof["following"][::-1]}
    assert verify_proof(swapped) is not None
    assert verify_proof({"row": 1}) == "the chain proof is malformed"
