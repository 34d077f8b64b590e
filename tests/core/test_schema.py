"""The JSON Schema file is generated from the model and kept fresh."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from popup_client.core.schema import schema_path, schema_text

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def test_schema_file_is_not_stale() -> None:
    assert schema_path().read_text(encoding="utf-8") == schema_text(), (
        "resources/schema/popup-1.schema.json is stale: run `python -m popup_client.core.schema`"
    )


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_text()))


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("valid-*.json")))
def test_valid_examples_conform_to_the_schema(name: str) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    assert not list(validator.iter_errors(json.loads((EXAMPLES / name).read_text(encoding="utf-8"))))


@pytest.mark.parametrize(
    "name",
    [
        "invalid-unknown-field-style.json",
        "invalid-version-2.json",
        "invalid-ad-missing-review-id.json",
        "invalid-news-missing-license.json",
        "invalid-content-missing-review.json",
        "invalid-naive-timestamp.json",
        "invalid-ad-disguised-as-content.json",
    ],
)
def test_schema_states_the_structural_contract(name: str) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    assert list(validator.iter_errors(json.loads((EXAMPLES / name).read_text(encoding="utf-8"))))
