"""lint and decide agree with RULES.md on every shipped example (resources/examples/expected.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from popup_client.core.rules import Sender
from popup_client.core.timefmt import parse_rfc3339
from tests.helpers.service import make_service

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
NOW = parse_rfc3339(EXPECTED["now"])


def test_every_example_has_an_expectation() -> None:
    files = {p.name for p in EXAMPLES.glob("*.json")} - {"expected.json"}
    assert files == set(EXPECTED["files"])
    assert {name[len("valid-") : -len(".json")] for name in files if name.startswith("valid-")} == {"ad", "news", "content", "service"}
    assert sum(name.startswith("invalid-") for name in files) >= 12


@pytest.mark.parametrize("name", sorted(EXPECTED["files"]))
def test_lint_and_decide(tmp_path: Path, name: str) -> None:
    expected = EXPECTED["files"][name]
    service, _ = make_service(tmp_path, now=NOW)
    raw = (EXAMPLES / name).read_bytes()
    problems = service.lint(raw)
    assert (not problems) == expected["valid"]
    assert sorted({p.rule for p in problems}) == sorted(expected["rules"])
    decision = service.decide(raw, Sender("test"))
    assert decision.decision == expected["decision"]
    assert sorted(decision.rules) == sorted(expected["rules"])
