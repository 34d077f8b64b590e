"""Parsing the payload contract of PAYLOAD.md into the one model."""

from __future__ import annotations

import json
from typing import Any

import pytest

from popup_client.core.errors import PayloadError
from popup_client.core.payload import MAX_PAYLOAD_BYTES, parse_popup


def _problems(payload: Any) -> dict[str, tuple[str, str]]:
    raw = payload if isinstance(payload, (bytes, str)) else json.dumps(payload, ensure_ascii=False)
    with pytest.raises(PayloadError) as info:
        parse_popup(raw)
    return {p.path: (p.message, p.rule) for p in info.value.problems}


def test_valid_examples_parse(ad: dict[str, Any], news: dict[str, Any], content: dict[str, Any], service_popup: dict[str, Any]) -> None:
    for doc in (ad, news, content, service_popup):
        popup = parse_popup(json.dumps(doc))
        assert popup.kind == doc["kind"] and popup.provider.id == doc["provider"]["id"]


def test_text_is_normalized_before_checks(service_popup: dict[str, Any]) -> None:
    service_popup["provider"]["name"] = "文件\u202e同步\u200b"
    service_popup["title"] = "  同步\t\t完成 "
    service_popup["body"] = "一\r\n二\x00"
    popup = parse_popup(json.dumps(service_popup))
    assert (popup.provider.name, popup.title, popup.body) == ("文件同步", "同步 完成", "一\n二")


def test_every_problem_is_listed_with_its_path(service_popup: dict[str, Any]) -> None:
    service_popup.update(version=2, title="", sent_at="2026-11-27T19:30:00", style={"color": "red"}, id="bad id!")
    service_popup["provider"]["id"] = "NotReverseDns"
    problems = _problems(service_popup)
    assert set(problems) == {"version", "title", "sent_at", "style", "id", "provider.id"}
    assert "offset" in problems["sent_at"][0]
    assert "remove it" in problems["style"][0]
    assert problems["provider.id"][1] == "provider-identity"
    assert problems["version"][1] == "contract"


@pytest.mark.parametrize("field", ["style", "close_delay", "priority", "tier_boost"])
def test_presentation_controls_are_refused(service_popup: dict[str, Any], field: str) -> None:
    service_popup[field] = 1
    assert field in _problems(service_popup)


def test_nested_unknown_fields_are_refused(ad: dict[str, Any]) -> None:
    ad["provider"]["color"] = "#f00"
    ad["ad"]["badge"] = False
    assert {"provider.color", "ad.badge"} <= set(_problems(ad))


@pytest.mark.parametrize("missing", ["version", "id", "provider", "kind", "title"])
def test_required_fields(service_popup: dict[str, Any], missing: str) -> None:
    del service_popup[missing]
    assert _problems(service_popup)[missing][0] == "is required"


def test_missing_provider_name_names_the_identity_rule(service_popup: dict[str, Any]) -> None:
    service_popup["provider"]["name"] = 42
    assert _problems(service_popup)["provider.name"][1] == "provider-identity"


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("title", "长" * 121, "limit is 120"),
        ("body", "长" * 1001, "limit is 1000"),
        ("topic", "t" * 65, "limit is 64"),
        ("kind", "popup", "must be"),
        ("version", True, "not a boolean"),
        ("id", "x" * 129, "1–128"),
        ("link", "https://" + "a" * 2100, "limit is 2048"),
    ],
)
def test_limits(service_popup: dict[str, Any], field: str, value: Any, fragment: str) -> None:
    service_popup[field] = value
    assert fragment in _problems(service_popup)[field][0]


def test_provider_name_limit_counts_after_normalization(service_popup: dict[str, Any]) -> None:
    service_popup["provider"]["name"] = "名" * 40 + "\u200b" * 50
    assert parse_popup(json.dumps(service_popup)).provider.name == "名" * 40
    service_popup["provider"]["name"] = "名" * 41
    assert "limit is 40" in _problems(service_popup)["provider.name"][0]


@pytest.mark.parametrize("domain", ["Example.com", "https://example.com", "example.com/path", "localhost", "exаmple.com"])
def test_domain_must_be_a_bare_ascii_host(service_popup: dict[str, Any], domain: str) -> None:
    service_popup["provider"]["domain"] = domain
    assert "provider.domain" in _problems(service_popup)


def test_punycode_domain_is_accepted(service_popup: dict[str, Any]) -> None:
    service_popup["provider"]["domain"] = "xn--fiqs8s.example.cn"
    assert parse_popup(json.dumps(service_popup)).provider.domain == "xn--fiqs8s.example.cn"


def test_a_providers_id_and_domain_found_valid_are_looked_up_and_a_wrong_one_refused_every_time(service_popup: dict[str, Any]) -> None:
    from popup_client.core import payload_checks

    service_popup["provider"].update(id="org.example.remembered", domain="remembered.example.org")
    parse_popup(json.dumps(service_popup))
    before = (payload_checks.provider_id.cache_info().hits, payload_checks.host.cache_info().hits)
    for n in range(3):
        service_popup["id"] = f"again-{n}"
        assert parse_popup(json.dumps(service_popup)).provider.domain == "remembered.example.org"
    assert (payload_checks.provider_id.cache_info().hits, payload_checks.host.cache_info().hits) == (before[0] + 3, before[1] + 3)
    service_popup["provider"].update(id="Org.Example.Wrong", domain="Wrong.example.org")
    for _ in range(2):
        assert set(_problems(service_popup)) >= {"provider.id", "provider.domain"}


def test_timestamps_need_an_offset(news: dict[str, Any]) -> None:
    news["news"]["published_at"] = "2026-11-27 18:00:00"
    news["review"]["reviewed_at"] = 1732700000
    problems = _problems(news)
    assert "offset" in problems["news.published_at"][0]
    assert "review.reviewed_at" in problems


def test_image_limits_come_from_the_header(content: dict[str, Any]) -> None:
    content["image"] = content["image"].replace("image/jpeg", "image/png")
    assert "labelled image/png but its bytes are JPEG" in _problems(content)["image"][0]


def test_size_limit_is_one_mebibyte(service_popup: dict[str, Any]) -> None:
    raw = json.dumps(service_popup).encode()
    padded = raw[:-1] + b" " * (MAX_PAYLOAD_BYTES - len(raw)) + b"}"
    assert len(padded) == MAX_PAYLOAD_BYTES
    parse_popup(padded)
    assert "limit is 1048576 bytes" in _problems(padded + b" ")[""][0]


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"\xff\xfe{}", "not valid UTF-8"),
        (b'{"a": 1, "a": 2}', "appears twice"),
        (b"[1, 2]", "must be a JSON object"),
        (b'{"version": NaN}', "not valid JSON"),
        (b'{"a":' + b"[" * 5000 + b"]" * 5000 + b"}", "nested too deeply"),
        (b'{"version": ' + b"9" * 5000 + b"}", "not valid JSON"),
        (b'{"title": "unterminated', "not valid JSON"),
    ],
)
def test_hostile_json(raw: bytes, fragment: str) -> None:
    assert fragment in _problems(raw)[""][0]


def test_deep_nesting_in_a_field_is_a_clear_type_error(service_popup: dict[str, Any]) -> None:
    nested: Any = "x"
    for _ in range(200):
        nested = [nested]
    service_popup["title"] = nested
    assert _problems(service_popup)["title"][0] == "must be a string"


def test_content_rule_fields_are_optional_in_the_model(news: dict[str, Any]) -> None:
    """Missing news.license is reported by the news-license rule, not the parser."""
    del news["news"]["license"]
    assert parse_popup(json.dumps(news)).news is not None


def test_to_json_round_trips(news: dict[str, Any]) -> None:
    popup = parse_popup(json.dumps(news))
    assert parse_popup(popup.to_json()) == popup
