"""Each content rule fires on what it forbids and stays quiet otherwise."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

import pytest

from popup_client.core.prefs import Preferences
from popup_client.core.rules import CONTENT_RULES, Sender
from popup_client.core.rules.base import NONE, Rule
from tests.helpers.images import embed, qr_image, to_data_uri
from tests.helpers.rules import EXAMPLES_NOW, FakeJournal, context

RULES: dict[str, Rule] = {rule.id: rule for rule in CONTENT_RULES}


def fired(rule_id: str, doc: dict[str, Any], **kw: Any) -> list[str]:
    """The paths of the verdicts the rule gives (rule ids other than its own included)."""
    return [f"{v.rule}:{v.path}" for v in RULES[rule_id].check(context(doc, **kw))]


def test_rules_have_ids_and_articles() -> None:
    assert list(RULES) == [
        "provider-identity", "ad-declared", "ad-review", "human-review", "news-license", "news-source",
        "news-trace", "news-title", "stale-news", "link-scheme", "third-party-link", "qr-code", "duplicate",
    ]
    assert all(rule.article for rule in CONTENT_RULES)


@pytest.mark.parametrize("fixture", ["ad", "news", "content", "service_popup"])
def test_valid_examples_break_no_content_rule(fixture: str, request: pytest.FixtureRequest) -> None:
    doc = request.getfixturevalue(fixture)
    assert [v for rule in CONTENT_RULES for v in rule.check(context(doc))] == []


@pytest.mark.parametrize("fixture", ["ad", "news", "content", "service_popup"])
def test_a_rule_that_finds_nothing_returns_the_shared_empty_tuple(fixture: str, request: pytest.FixtureRequest) -> None:
    ctx = context(request.getfixturevalue(fixture), sender=Sender("socket", verified=True))
    assert [rule.id for rule in CONTENT_RULES if rule.check(ctx) is not NONE] == []  # the policy skips it unread


# provider-identity


def test_provider_identity_missing_name(service_popup: dict[str, Any]) -> None:
    service_popup["provider"]["name"] = "\u200b\u202e"
    assert fired("provider-identity", service_popup) == ["provider-identity:provider.name"]


def test_provider_identity_missing_id(service_popup: dict[str, Any]) -> None:
    del service_popup["provider"]["id"]
    assert fired("provider-identity", service_popup) == ["provider-identity:provider.id"]


def test_provider_identity_token_for_another_provider(service_popup: dict[str, Any]) -> None:
    sender = Sender("socket", verified=True, token_provider_id="com.other.app")
    assert fired("provider-identity", service_popup, sender=sender) == ["provider-identity:provider.id"]
    ok = Sender("socket", verified=True, token_provider_id="org.example.files")
    assert fired("provider-identity", service_popup, sender=ok) == []


def test_provider_identity_a_verified_popup_shows_its_registered_name(service_popup: dict[str, Any]) -> None:
    registered = Sender("socket", verified=True, token_provider_id="org.example.files", token_provider_name="文件同步")
    assert fired("provider-identity", service_popup, sender=registered) == []
    service_popup["provider"]["name"] = "示例银行"  # the token's provider, another's name
    assert fired("provider-identity", service_popup, sender=registered) == ["provider-identity:provider.name"]
    (verdict,) = CONTENT_RULES[0].check(context(service_popup, sender=registered))
    assert "文件同步" in verdict.reason and "示例银行" in verdict.reason and "org.example.files" in verdict.reason
    service_popup["provider"]["name"] = " 文件\u200b同步 "  # the same name once normalized
    assert fired("provider-identity", service_popup, sender=registered) == []
    unnamed = Sender("socket", verified=True, token_provider_id="org.example.files")  # no registered name known
    service_popup["provider"]["name"] = "示例银行"
    assert fired("provider-identity", service_popup, sender=unnamed) == []


def test_provider_identity_unverified_per_preference(service_popup: dict[str, Any]) -> None:
    unverified = Sender("socket", verified=False)
    assert fired("provider-identity", service_popup, sender=unverified) == []
    strict = Preferences(unverified_providers="reject")
    assert fired("provider-identity", service_popup, sender=unverified, prefs=strict) == ["provider-identity:provider"]


# ad-declared, ad-review


def test_ad_declared_on_other_kinds(ad: dict[str, Any], news: dict[str, Any]) -> None:
    ad["kind"] = "content"
    assert fired("ad-declared", ad) == ["ad-declared:ad"]
    news["kind"] = "content"
    assert fired("ad-declared", news) == ["ad-declared:news"]


@pytest.mark.parametrize("field", ["advertiser", "review_id"])
def test_ad_review_fields(ad: dict[str, Any], field: str) -> None:
    ad["ad"][field] = " \u200b "
    assert fired("ad-review", ad) == [f"ad-review:ad.{field}"]


def test_ad_review_without_ad_object(ad: dict[str, Any]) -> None:
    del ad["ad"]
    assert fired("ad-review", ad) == ["ad-review:ad"]


# human-review


def test_human_review_missing(content: dict[str, Any], service_popup: dict[str, Any]) -> None:
    del content["review"]
    assert fired("human-review", content) == ["human-review:review"]
    assert fired("human-review", service_popup) == []  # service is exempt


def test_human_review_in_the_future_and_after_sending(content: dict[str, Any]) -> None:
    content.pop("sent_at")
    content["review"]["reviewed_at"] = (EXAMPLES_NOW + timedelta(minutes=6)).isoformat()
    assert fired("human-review", content) == ["human-review:review.reviewed_at"]
    content["review"]["reviewed_at"] = (EXAMPLES_NOW + timedelta(minutes=4)).isoformat()  # skew tolerated
    assert fired("human-review", content) == []
    content["sent_at"] = EXAMPLES_NOW.isoformat()
    assert fired("human-review", content) == ["human-review:review.reviewed_at"]


def test_human_review_needs_reviewer_and_time(content: dict[str, Any]) -> None:
    content["review"] = {}
    assert fired("human-review", content) == ["human-review:review.reviewer", "human-review:review.reviewed_at"]


# news rules


def test_news_license(news: dict[str, Any]) -> None:
    del news["news"]["license"]
    assert fired("news-license", news) == ["news-license:news.license"]
    del news["news"]
    assert fired("news-license", news) == ["news-license:news"]


def test_news_source(news: dict[str, Any]) -> None:
    news["news"]["source"] = "人民日报"
    assert fired("news-source", news) == []
    news["news"]["source"] = "某某自媒体"
    assert fired("news-source", news) == ["news-source:news.source"]


@pytest.mark.parametrize("url", ["http://www.news.cn/a", "ftp://www.news.cn/a", "https://", "not a url"])
def test_news_trace(news: dict[str, Any], url: str) -> None:
    news["news"]["url"] = url
    assert fired("news-trace", news) == ["news-trace:news.url"]


def test_news_title(news: dict[str, Any]) -> None:
    news["title"] = "台风“海燕”将于今夜登陆\u200b "  # same after normalization
    assert fired("news-title", news) == []
    news["title"] = "震惊！台风今夜登陆"
    assert fired("news-title", news) == ["news-title:title"]


def test_stale_news(news: dict[str, Any]) -> None:
    news["news"]["published_at"] = (EXAMPLES_NOW - timedelta(hours=71)).isoformat()
    assert fired("stale-news", news) == []
    news["news"]["published_at"] = (EXAMPLES_NOW - timedelta(hours=73)).isoformat()
    assert fired("stale-news", news) == ["stale-news:news.published_at"]
    assert fired("stale-news", news, prefs=Preferences(news_max_age_hours=96)) == []
    news["news"]["published_at"] = (EXAMPLES_NOW + timedelta(hours=1)).isoformat()
    assert fired("stale-news", news) == ["stale-news:news.published_at"]


def test_news_rules_ignore_other_kinds(content: dict[str, Any]) -> None:
    for rule_id in ("news-license", "news-source", "news-trace", "news-title", "stale-news"):
        assert fired(rule_id, content) == []


# links


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("https://travel.example.com/a", []),
        ("http://travel.example.com/a", []),
        ("javascript:alert(1)", ["link-scheme:link"]),
        ("JavaScript:alert(1)", ["link-scheme:link"]),
        ("data:text/html,<script>", ["link-scheme:link"]),
        ("file:///etc/passwd", ["link-scheme:link"]),
        ("weixin://dl/scan", ["link-scheme:link"]),
        ("https://user:pw@travel.example.com/", ["link-scheme:link"]),
        ("https:///nohost", ["link-scheme:link"]),
        ("https://travel.example.com/a b", ["link-scheme:link"]),
        ("//travel.example.com/a", ["link-scheme:link"]),
    ],
)
def test_link_scheme(content: dict[str, Any], link: str, expected: list[str]) -> None:
    content["link"] = link
    assert fired("link-scheme", content) == expected


def test_complaint_url_must_be_https(ad: dict[str, Any]) -> None:
    ad["provider"]["complaint_url"] = "http://shop.example.com/report"
    assert fired("link-scheme", ad) == ["link-scheme:provider.complaint_url"]


@pytest.mark.parametrize(
    ("link", "ok"),
    [
        ("https://travel.example.com/x", True),
        ("https://m.travel.example.com/x", True),
        ("https://TRAVEL.example.com./x", True),
        ("https://travel.example.com.evil.net/x", False),
        ("https://eviltravel.example.com/x", False),
        ("https://example.com/x", False),
        ("https://trаvel.example.com/x", False),  # Cyrillic а: a homograph
        ("https://203.0.113.7/x", False),
    ],
)
def test_third_party_link(content: dict[str, Any], link: str, ok: bool) -> None:
    content["link"] = link
    assert fired("third-party-link", content) == ([] if ok else ["third-party-link:link"])


def test_no_links_without_a_domain(service_popup: dict[str, Any], ad: dict[str, Any]) -> None:
    service_popup["link"] = "https://files.example.org/"
    assert fired("third-party-link", service_popup) == ["third-party-link:link"]
    ad["provider"]["complaint_url"] = "https://complaints.other.com/"
    assert fired("third-party-link", ad) == ["third-party-link:provider.complaint_url"]


# qr-code


def test_qr_code_in_image(content: dict[str, Any]) -> None:
    content["image"] = to_data_uri(embed(qr_image("https://evil.example.net", scale=3), (900, 500), (700, 300)), "PNG")
    assert fired("qr-code", content) == ["qr-code:image"]


def test_qr_code_in_icon(service_popup: dict[str, Any]) -> None:
    service_popup["provider"]["icon"] = to_data_uri(qr_image("hi", scale=2), "PNG")
    assert fired("qr-code", service_popup) == ["qr-code:provider.icon"]


def test_no_qr_in_an_ordinary_picture(content: dict[str, Any]) -> None:
    assert fired("qr-code", content) == []


def test_truncated_image_is_a_contract_problem(content: dict[str, Any]) -> None:
    import base64

    data = base64.b64decode(content["image"].split(",", 1)[1])
    content["image"] = "data:image/jpeg;base64," + base64.b64encode(data[: len(data) // 3]).decode()
    assert fired("qr-code", content) == ["contract:image"]


# duplicate


def test_duplicate(service_popup: dict[str, Any]) -> None:
    journal = FakeJournal(received={("org.example.files", "s-2026-11-27-0001")})
    assert fired("duplicate", service_popup, journal=journal) == ["duplicate:id"]
    other = copy.deepcopy(service_popup)
    other["id"] = "s-2"
    assert fired("duplicate", other, journal=journal) == []
