"""The payload's two paths: msgspec with the checks (fast), and the walk that lists every problem (payload_collect)."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timezone
from typing import Any

import msgspec
import pytest

from popup_client.core.errors import PayloadError, Problem
from popup_client.core.payload import Popup, parse_popup, popup_from_object, provider_from_object
from popup_client.core.payload_collect import collect_struct
from popup_client.core.vocabulary import Kind
from tests.helpers.corpus import payload_files


def _problems(doc: Any) -> list[tuple[str, str, str]]:
    with pytest.raises(PayloadError) as info:
        popup_from_object(doc)
    return [(p.path, str(p.message), p.rule) for p in info.value.problems]


def _walked(doc: Any) -> tuple[Any, list[Problem]]:
    problems: list[Problem] = []
    return collect_struct(Popup, copy.deepcopy(doc), "", problems), problems


def test_the_walk_makes_the_same_popup_as_the_fast_path() -> None:
    parsed = 0
    for name, raw in payload_files().items():
        try:
            fast = parse_popup(raw)
        except PayloadError:
            continue
        walked, problems = _walked(json.loads(raw))
        assert problems == [] and walked == fast and walked.to_json() == fast.to_json(), name
        parsed += 1
    assert parsed >= 20


def test_what_msgspec_refuses_and_the_contract_takes_is_built_by_the_walk(service_popup: dict[str, Any]) -> None:
    service_popup["version"] = 1.0  # msgspec wants the integer; the contract has always taken 1.0
    popup = popup_from_object(service_popup)
    assert popup.version == 1 and type(popup.version) is int and popup.kind is Kind.SERVICE


def test_a_tuple_is_not_a_list_even_from_a_transport_that_builds_dicts(ad: dict[str, Any]) -> None:
    ad["ad"]["targeting"] = ("您关注了冬季服饰",)
    assert _problems(ad) == [("ad.targeting", "must be a list", "contract")]


def test_problems_come_in_the_models_order_nested_ones_in_place_unknown_keys_last(service_popup: dict[str, Any]) -> None:
    doc = {"zzz": 1, "title": 5, "version": True, "provider": {"x": 1, "name": "名" * 41, "id": "Bad"}, "kind": "popup"}
    doc["audience"] = {"minor": "yes"}
    assert _problems(doc) == [
        ("version", "must be the integer 1, not a boolean", "contract"),
        ("id", "is required", "contract"),
        ("provider.id", "must be a lower-case reverse-DNS id with at least two labels, ≤ 255 characters, e.g. com.example.news", "provider-identity"),
        ("provider.name", "is 41 characters; the limit is 40", "provider-identity"),
        ("provider.x", "is not a field of payload version 1; remove it (a payload cannot control presentation)", "contract"),
        ("kind", "must be 'ad', 'news', 'content' or 'service'", "contract"),
        ("title", "must be a string", "contract"),
        ("audience.minor", "must be true or false", "contract"),
        ("zzz", "is not a field of payload version 1; remove it (a payload cannot control presentation)", "contract"),
    ]


def test_a_key_that_is_not_unicode_stands_for_its_object(service_popup: dict[str, Any]) -> None:
    service_popup["provider"].update({"\ud800": 1, "name": 5})
    service_popup["title"] = 5
    assert _problems(service_popup) == [
        ("provider", "input should be a valid string, unable to parse raw data as a unicode string", "contract"),
        ("title", "must be a string", "contract"),
    ]


def test_a_list_over_its_limit_is_one_problem_and_one_within_lists_each_item(ad: dict[str, Any]) -> None:
    ad["ad"]["targeting"] = ["a", ""] + [5] * 9
    assert _problems(ad) == [("ad.targeting", "is too long; the limit is 10", "contract")]
    ad["ad"]["targeting"] = ["a", "", 5]
    assert _problems(ad) == [
        ("ad.targeting[1]", "is empty after removing control and invisible characters; give a visible reason", "contract"),
        ("ad.targeting[2]", "must be a string", "contract"),
    ]


def test_timestamps_are_aware_datetimes_written_back_as_sent(news: dict[str, Any]) -> None:
    news["sent_at"] = "2026-11-27T18:00:00.5Z"
    popup = popup_from_object(news)
    assert popup.sent_at == datetime(2026, 11, 27, 18, 0, 0, 500000, tzinfo=timezone.utc)
    assert type(popup.sent_at) is datetime and popup.news is not None and type(popup.news.published_at) is datetime
    assert popup.to_dict()["sent_at"] == "2026-11-27T18:00:00.500000Z"


def test_to_dict_leaves_absent_fields_out_and_writes_words(service_popup: dict[str, Any]) -> None:
    data = popup_from_object(service_popup).to_dict()
    assert "link" not in data and "ad" not in data and type(data["kind"]) is str and data["kind"] == "service"
    assert data["audience"] == {"tier": "", "personalized": False, "minor": False}
    assert list(data)[:4] == ["version", "id", "provider", "kind"]


def test_popups_are_frozen_and_replace_makes_a_copy(service_popup: dict[str, Any]) -> None:
    popup = popup_from_object(service_popup)
    with pytest.raises(AttributeError):
        popup.title = "x"  # type: ignore[misc]
    changed = popup.replace(title="另一个", audience=msgspec.structs.replace(popup.audience, minor=True))
    assert (changed.title, changed.audience.minor, popup.audience.minor) == ("另一个", True, False)
    assert popup.title != "另一个" and changed.key == popup.key


def test_a_provider_is_checked_alone_with_paths_of_its_own() -> None:
    provider = provider_from_object({"id": "com.example.news", "name": "  示例\u200b新闻 "})
    assert (provider.id, provider.name) == ("com.example.news", "示例新闻")
    with pytest.raises(PayloadError) as info:
        provider_from_object({"id": "News", "domain": "https://example.com"})
    assert [p.path for p in info.value.problems] == ["id", "domain"]


def test_the_fast_paths_checks_normalize_every_field_and_each_item_of_a_list(ad: dict[str, Any]) -> None:
    """The compiled checks keep what they normalized (a text and each targeting item) and skip what is absent."""
    ad["title"] = "  Sale\u200b  today "
    ad["ad"]["targeting"] = [" age\u202e  18+ ", "city"]
    ad.pop("topic", None)
    popup = popup_from_object(ad)
    assert popup.title == "Sale today"
    assert popup.ad is not None and list(popup.ad.targeting) == ["age 18+", "city"]
    assert popup.topic is None
