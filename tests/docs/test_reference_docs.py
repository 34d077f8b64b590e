"""docs/rules.md and docs/payload.md say what the code does: no id in one and not the other.

``scripts/make-docs --check`` must find the committed docs equal to what it
writes from the code; and, independently of the generator's tables, the ids
listed in docs/rules.md are compared with those the code defines.

The check runs the conformance kit on the examples (about ten seconds, mostly
watching popups); the checks that run reports are written down as it goes
(:data:`RECORDED_CHECK`), so the comparison of ids reuses that run's names
rather than running the kit a second time.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from popup_client.conformance.model import RULES as GUARANTEES
from popup_client.core.prefs import pref_fields
from popup_client.core.rules import ARTICLES

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "make-docs"
RULES_DOC = ROOT / "docs" / "rules.md"


def make_docs() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("make_docs", str(SCRIPT))
    spec = importlib.util.spec_from_loader("make_docs", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def first_column(section: str) -> list[str]:
    """The backquoted ids in the first column of the tables of one generated section of docs/rules.md."""
    text = RULES_DOC.read_text(encoding="utf-8")
    match = re.search(rf"<!-- make-docs: {section} -->\n(.*?)<!-- /make-docs: {section} -->", text, re.S)
    assert match, f"docs/rules.md has no generated section {section!r}"
    return re.findall(r"^\| `([^`]+)` \|", match.group(1), re.M)


#: ``scripts/make-docs --check`` run as ``__main__`` in a fresh interpreter, as ``python scripts/make-docs --check``
#: runs it, except that the names of the checks its kit run reports are also written to the file in argv[2].
RECORDED_CHECK = """
import json, runpy, sys
root, record = sys.argv[1:]
sys.path.insert(0, root + "/scripts/lib")
import docs_checks
real_kit_run = docs_checks.kit_run
def kit_run():
    ran = real_kit_run()
    with open(record, "w", encoding="utf-8") as out:
        json.dump(sorted(ran), out)
    return ran
docs_checks.kit_run = kit_run
sys.argv = [root + "/scripts/make-docs", "--check"]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


@pytest.fixture(scope="module")
def make_docs_check(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[subprocess.CompletedProcess[str], Path]]:
    """``scripts/make-docs --check``'s run, and the file where it wrote the names of the checks the kit ran."""
    ran = tmp_path_factory.mktemp("make-docs") / "kit-checks.json"
    env = {**os.environ, "MAKE_DOCS_REEXEC": "1", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", RECORDED_CHECK, str(ROOT), str(ran)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    yield result, ran


@pytest.mark.slow
def test_the_committed_docs_are_what_the_code_gives(
        make_docs_check: tuple[subprocess.CompletedProcess[str], Path]) -> None:  # fmt: skip
    result, _ = make_docs_check
    assert result.returncode == 0, f"run scripts/make-docs:\n{result.stdout}{result.stderr}"


def test_every_rule_id_is_in_rules_md_and_no_other() -> None:
    listed = first_column("content-rules") + first_column("preference-rules")
    assert sorted(listed) == sorted(ARTICLES)
    assert len(listed) == len(set(listed))


def test_every_preference_is_in_rules_md_and_no_other() -> None:
    assert first_column("preferences") == [f.key for f in pref_fields()]


def test_every_guarantee_and_conformance_check_is_in_rules_md_and_no_other(
        make_docs_check: tuple[subprocess.CompletedProcess[str], Path]) -> None:  # fmt: skip
    listed = first_column("guarantees")
    guarantees = [name for name in listed if name.startswith("ui-")]
    checks = [name for name in listed if not name.startswith("ui-")]
    assert guarantees == list(GUARANTEES)
    assert len(checks) == len(set(checks))
    module = make_docs()
    in_code = set(module.check_ids_in_code())
    assert in_code - set(checks) == set(), "checks the kit has that docs/rules.md does not list"
    if set(checks) - in_code:  # named at run time (not a literal in the source): the kit must really report them
        _, ran = make_docs_check  # the kit's run in make-docs --check; if it stopped before the kit ran, a run here
        kit = json.loads(ran.read_text(encoding="utf-8")) if ran.is_file() else module.kit_run()
        assert set(checks) - in_code <= set(kit), "checks docs/rules.md lists that the kit does not have"


def test_the_check_finder_sees_checks_built_every_way_the_kit_builds_them() -> None:
    found = make_docs().check_ids_in_code()
    assert found["close-hit-area"] == ("ui-close", None)  # _check(rule, "…") with rule = "ui-close"
    assert found["focus-kept"] == ("ui-no-focus-steal", "the focused window keeps focus")  # rule, name = …
    assert found["live-keyboard-kept"][0] == "ui-no-focus-steal"  # CheckResult("ui-…", "…")
    assert found["badge-text-size"][0] == "ui-ad-label"  # through a helper, _size_check(rule, "…")


def test_the_generator_refuses_a_rule_it_has_no_sentence_for(monkeypatch: pytest.MonkeyPatch) -> None:
    module = make_docs()
    monkeypatch.delitem(module.FIRES, "stale-news")
    with pytest.raises(module.DocsError, match="'stale-news' is in the code but has no entry"):
        module.section_content_rules()
    monkeypatch.setitem(module.FIRES, "stale-news", "x")
    monkeypatch.setitem(module.FIRES, "no-such-rule", "x")
    with pytest.raises(module.DocsError, match="'no-such-rule' has an entry in scripts/lib/docs_sentences.py but is not in the code"):
        module.section_content_rules()


def test_the_generator_refuses_a_payload_field_it_has_no_sentence_for(monkeypatch: pytest.MonkeyPatch) -> None:
    module = make_docs()
    monkeypatch.delitem(module.FIELDS, "news.url")
    with pytest.raises(module.DocsError, match="payload field 'news.url' is in the code"):
        module.section_fields()
