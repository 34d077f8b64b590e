"""Translatable core text: a str of English that keeps its template and arguments, and what the core writes with it."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path

import pytest

from popup_client.core.errors import PayloadError, Problem
from popup_client.core.policy import Decision
from popup_client.core.prefs import Preferences, PrefError, pref_fields, set_pref
from popup_client.core.rules import Verdict
from popup_client.core.text import AT_PATH, OR, QT_TRANSLATE_NOOP, SEMICOLON, SENTENCES, Text, fields, join
from tests.helpers.corpus import all_reasons

STORY = QT_TRANSLATE_NOOP("core", "the story is {hours} h old; news older than {limit} h is not pushed")


def test_a_formatted_text_is_its_english_and_keeps_template_and_arguments() -> None:
    text = STORY.format(hours=80, limit=72)
    assert isinstance(text, str) and text == "the story is 80 h old; news older than 72 h is not pushed"
    assert text.template == STORY.template and dict(text.args) == {"hours": 80, "limit": 72}
    assert type(str(text)) is Text and f"{text}" == text  # str() and f-strings keep it
    assert json.dumps({"reasons": [text]}) == json.dumps({"reasons": [str.__str__(text)]})


def test_a_template_without_placeholders_is_finished_and_unescapes_braces() -> None:
    text = QT_TRANSLATE_NOOP("core", "a table {{ hourly = N }}")
    assert text == "a table { hourly = N }" and text.template == "a table {{ hourly = N }}"


def test_arguments_must_match_the_placeholders() -> None:
    for wrong in ({"hours": 1}, {"hours": 1, "limit": 2, "extra": 3}):
        with pytest.raises(ValueError, match="takes the arguments"):
            STORY.format(**wrong)
    with pytest.raises(TypeError, match="named arguments only"):
        STORY.format(1, 2)
    with pytest.raises(TypeError, match="is a list"):
        STORY.format(hours=[1], limit=2)
    with pytest.raises(ValueError, match="already formatted"):
        STORY.format(hours=1, limit=2).format(hours=3, limit=4)


def test_a_text_is_immutable_and_survives_copy_and_pickle() -> None:
    text = AT_PATH.format(path="news.published_at", message=STORY.format(hours=80, limit=72))
    with pytest.raises(AttributeError):
        text.template = "x"  # type: ignore[misc]
    for other in (copy.deepcopy(text), pickle.loads(pickle.dumps(text))):
        assert other == text and other.template == text.template
        assert isinstance(other.args["message"], Text) and other.args["message"].template == STORY.template


def test_json_round_trip_nests_texts_and_keeps_data() -> None:
    text = AT_PATH.format(path="news.published_at", message=STORY.format(hours=80, limit=72))
    data = json.loads(json.dumps(text.to_json()))
    assert data == {"template": "{path}: {message}",
                    "args": {"path": "news.published_at", "message": {"template": STORY.template, "args": {"hours": 80, "limit": 72}}}}  # fmt: skip
    back = Text.from_json(data)
    assert back == text and isinstance(back.args["message"], Text) and not isinstance(back.args["path"], Text)
    for bad in ([], {"args": {}}, {"template": "x {a}", "args": []}, {"template": "x {a}", "args": {"b": 1}}):
        with pytest.raises((TypeError, ValueError)):
            Text.from_json(bad)


def test_fields_names_every_placeholder_and_rejects_broken_templates() -> None:
    assert fields("{a} {b!r} {c:>{width}} {{literal}}") == {"a", "b", "c", "width"}
    with pytest.raises(ValueError):
        fields("{unclosed")


def test_the_marker_is_for_the_core_context_only() -> None:
    with pytest.raises(ValueError, match="context"):
        QT_TRANSLATE_NOOP("", "x")  # type: ignore[arg-type]


def test_join_uses_a_translatable_separator() -> None:
    assert join(OR, []) == "" and join(OR, ["https"]) == "https"
    joined = join(SEMICOLON, ["a", "b", "c"])
    assert joined == "a; b; c" and isinstance(joined, Text) and joined.template == SEMICOLON.template


def test_exceptions_keep_their_text() -> None:
    error = PayloadError([Problem("title", QT_TRANSLATE_NOOP("core", "is required"))])
    assert str(error) == "invalid payload:\n  title: is required [contract]" and isinstance(str(error), Text)
    with pytest.raises(PrefError) as caught:
        set_pref(Preferences(), "caps.global_hourly", "-1")
    message = str(caught.value)
    assert isinstance(message, Text)
    assert message == ("caps.global_hourly = -1 is not valid: input should be greater than or equal to 0. "
                       "Expected a whole number, 0 or more, e.g. caps.global_hourly = 6.")  # fmt: skip


def test_every_preference_description_is_translatable_text() -> None:
    assert all(isinstance(f.description, Text) and f.description for f in pref_fields())


#: Arguments that hold a sentence of the core's (to be translated), not data (shown as it is).
SENTENCE_ARGS = frozenset({"message", "problems", "problem", "reason"})
#: Joins of sentences (a list of values, "a, b or c", joins data).
SENTENCE_JOINS = frozenset({SEMICOLON.template, SENTENCES.template, "{first}\n  {second}"})


def untranslatable(text: str) -> list[str]:
    """The sentences inside ``text`` that are plain ``str``, not Text."""
    if not isinstance(text, Text):
        return [text]
    found = []
    for name, value in text.args.items():
        if (name in SENTENCE_ARGS or text.template in SENTENCE_JOINS) and isinstance(value, str):
            found += untranslatable(value)
    return found


def test_every_reason_of_the_examples_and_the_corpus_is_translatable(tmp_path: Path) -> None:
    reasons = all_reasons(tmp_path)
    assert len(reasons) > 250
    templates = {r.template for _, r in reasons if isinstance(r, Text)} | {
        a.template for _, r in reasons if isinstance(r, Text) for a in r.args.values() if isinstance(a, Text)
    }
    assert len(templates) > 40, "the corpus reaches most of the core's messages"
    for name, reason in reasons:
        assert untranslatable(reason) == [], (name, reason)


def test_the_check_finds_a_plain_sentence() -> None:
    assert untranslatable(AT_PATH.format(path="title", message="plain words")) == ["plain words"]
    assert untranslatable(AT_PATH.format(path="title", message=QT_TRANSLATE_NOOP("core", "is required"))) == []


def test_a_plain_str_reason_stays_plain() -> None:
    decision = Decision("reject", (Verdict("x", "plain words", "title"), Verdict("y", "more")))
    assert decision.reasons == ("title: plain words", "more")
    assert decision.verdicts[0].text is None and untranslatable(decision.reasons[0]) == ["plain words"]
    assert not isinstance(decision.reasons[1], Text)
