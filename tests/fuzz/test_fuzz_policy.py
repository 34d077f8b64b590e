"""Fuzzing the policy: any popup, preferences, sender, time and history give one coherent decision.

Never an exception; ``reject`` exactly when a content rule fired, ``suppress``
exactly when only the user's preferences did, ``show`` when nothing did; the
same answer twice and whatever the membership tier; and a ``show`` keeps the
promises docs/rules.md makes about what may be shown.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

import msgspec
from hypothesis import assume, given
from hypothesis import strategies as st

from popup_client.core.errors import PayloadError
from popup_client.core.payload import Popup, popup_from_object
from popup_client.core.policy import Decision, Policy
from popup_client.core.prefs import Preferences
from popup_client.core.rules import CONTENT_RULES, PREFERENCE_RULES, Context, Sender
from popup_client.core.rules.preferences import CAPPED_KINDS
from popup_client.core.timefmt import format_rfc3339
from tests.fuzz.strategies import BASES, characters, fuzz_settings, hostile_text
from tests.helpers.rules import EXAMPLES_NOW, FakeJournal, news_sources

CONTENT_IDS = {rule.id for rule in CONTENT_RULES} | {"contract"}
PREFERENCE_IDS = {rule.id for rule in PREFERENCE_RULES}
PROVIDERS = ["com.example.shop", "com.example.news", "com.example.travel", "org.example.files", "p0.example.com"]
DOMAINS = [None, "example.com", "shop.example.com", "news.example.com", "travel.example.com"]
LINKS = [
    None,
    "https://shop.example.com/a",
    "https://news.example.com/a",
    "http://travel.example.com/x",
    "https://example.com/",
    "https://example.com.evil.net/",
    "https://evil.net/",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/html,x",
    "ms-settings:",
    "//evil.net/",
    "https://u:p@shop.example.com/",
    "https://shop.\u0435xample.com/",
    "https://shop.example.com\uff0eevil.net/",
]
SOURCES = ["新华社", "人民日报", "不存在的来源", "<b>新华社</b>", ""]
POLICY = Policy()


def stamp(now: datetime, hours: float) -> str:
    return format_rfc3339((now + timedelta(hours=hours)).replace(microsecond=0))


hours = st.one_of(st.floats(-200, 2, allow_nan=False), st.sampled_from([-72.0, -71.99, 0.0, 0.08, 0.09, 1e5, -1e5]))


@st.composite
def popups(draw: st.DrawFn, now: datetime) -> Popup:
    """A popup that parses, with every field a rule reads drawn at random."""
    doc = copy.deepcopy(draw(st.sampled_from(BASES)))
    kind = draw(st.sampled_from(["ad", "news", "content", "service"]))
    doc["kind"] = kind
    doc["id"] = f"f-{draw(st.integers(0, 20))}"
    doc["provider"] = {"id": draw(st.sampled_from(PROVIDERS)), "name": draw(st.sampled_from(["示例", "\u202eX", "Shop"]))}
    domain = draw(st.sampled_from(DOMAINS))
    if domain:
        doc["provider"]["domain"] = domain
    if draw(st.booleans()):
        doc["provider"]["complaint_url"] = draw(st.sampled_from([u for u in LINKS if u]))
    doc["title"] = draw(st.one_of(st.sampled_from(["标题", "台风“海燕”将于今夜登陆"]), st.text(characters, min_size=1, max_size=40)))
    for key in ("link", "topic", "sent_at", "ad", "news", "review"):
        doc.pop(key, None)
    link = draw(st.sampled_from(LINKS))
    if link:
        doc["link"] = link
    topic = draw(st.sampled_from([None, "t1", "t2"]))
    if topic:
        doc["topic"] = topic
    if draw(st.booleans()):
        doc["sent_at"] = stamp(now, draw(hours))
    if draw(st.booleans()) or kind == "ad" and draw(st.booleans()):
        doc["ad"] = {k: v for k, v in {"advertiser": draw(st.sampled_from(["广告主", "", None])), "review_id": draw(st.sampled_from(["R-1", None]))}.items() if v is not None}
    if kind == "news" and draw(st.booleans()) or draw(st.integers(0, 5)) == 0:
        news = {
            "source": draw(st.sampled_from(SOURCES)),
            "license": draw(st.sampled_from(["10120170001", "", None])),
            "original_title": draw(st.sampled_from([doc["title"], "另一个标题", None])),
            "published_at": stamp(now, draw(hours)) if draw(st.booleans()) else None,
            "url": draw(st.sampled_from(["https://www.news.cn/a.html", "http://www.news.cn/a.html", "javascript:x", None])),
        }
        doc["news"] = {k: v for k, v in news.items() if v is not None}
    if kind != "service" and draw(st.integers(0, 4)) > 0 or draw(st.integers(0, 5)) == 0:
        review = {"reviewer": draw(st.sampled_from(["editor-1", "", None])), "reviewed_at": stamp(now, draw(hours)) if draw(st.booleans()) else None}
        doc["review"] = {k: v for k, v in review.items() if v is not None}
    doc["audience"] = {"tier": draw(st.sampled_from(["", "vip", "免费"])), "personalized": draw(st.booleans()), "minor": draw(st.booleans())}
    try:
        return popup_from_object(doc)
    except PayloadError:
        assume(False)
        raise


preferences = st.builds(
    lambda caps, overrides, kinds, providers, quiet, minors, topic_max, window, age, unverified, paused: Preferences.validate(
        {
            "caps": {
                "global_hourly": caps[0],
                "provider_hourly": caps[1],
                "provider_daily": caps[2],
                "service_per_minute": caps[3],
                "providers": overrides,
            },
            "opt_out": {"kinds": kinds, "providers": providers},
            "quiet_hours": quiet,
            "minors_mode": minors,
            "topic_max": topic_max,
            "topic_window_hours": window,
            "news_max_age_hours": age,
            "unverified_providers": unverified,
            "paused_until": paused,
        }
    ),
    st.tuples(*(st.integers(0, 8) for _ in range(4))),
    st.dictionaries(st.sampled_from(PROVIDERS), st.fixed_dictionaries({"hourly": st.integers(0, 5), "daily": st.integers(0, 9)}), max_size=2),
    st.lists(st.sampled_from(["ad", "news", "content", "service"]), max_size=2, unique=True),
    st.lists(st.sampled_from(PROVIDERS), max_size=2, unique=True),
    st.sampled_from(["", "22:00-08:00", "00:00-23:59", "11:00-13:00"]),
    st.booleans(),
    st.integers(0, 4),
    st.integers(1, 48),
    st.integers(1, 200),
    st.sampled_from(["show", "reject"]),
    st.sampled_from(["", stamp(EXAMPLES_NOW, 0.5), stamp(EXAMPLES_NOW, -0.5)]),
)

senders = st.builds(
    Sender,
    st.sampled_from(["socket", "dbus", "fuzz"]),
    verified=st.sampled_from([None, True, False]),
    token_provider_id=st.sampled_from([None, *PROVIDERS]),
)


@st.composite
def journals(draw: st.DrawFn, now: datetime) -> FakeJournal:
    shown = [
        (draw(st.sampled_from(PROVIDERS)), draw(st.sampled_from(["ad", "news", "content", "service"])), draw(st.sampled_from([None, "t1", "t2"])), now - timedelta(seconds=draw(st.integers(0, 200_000))))
        for _ in range(draw(st.integers(0, 30)))
    ]
    received = {(draw(st.sampled_from(PROVIDERS)), f"f-{draw(st.integers(0, 20))}") for _ in range(draw(st.integers(0, 10)))}
    return FakeJournal(shown, received)


@st.composite
def contexts(draw: st.DrawFn) -> Context:
    now = EXAMPLES_NOW + timedelta(minutes=draw(st.integers(-3000, 3000)))
    tz = draw(st.sampled_from([timezone.utc, timezone(timedelta(hours=8)), timezone(timedelta(hours=-11))]))
    return Context(
        popup=draw(popups(now)),
        sender=draw(senders),
        prefs=draw(preferences),
        now=now,
        local_tz=tz,
        journal=draw(journals(now)),
        news_sources=news_sources(),
    )


def check_coherent(decision: Decision) -> None:
    rules = set(decision.rules)
    assert rules <= CONTENT_IDS | PREFERENCE_IDS, rules - CONTENT_IDS - PREFERENCE_IDS
    if rules & CONTENT_IDS:
        assert decision.decision == "reject"
    elif rules:
        assert decision.decision == "suppress"
    else:
        assert decision.decision == "show" and not decision.verdicts
    kinds = ["content" if v.rule in CONTENT_IDS else "preference" for v in decision.verdicts]
    assert kinds == sorted(kinds), "content verdicts come first, in rule order"
    assert all(v.reason for v in decision.verdicts)


def check_show_promises(ctx: Context) -> None:
    """What a popup that is shown has been checked for (docs/rules.md)."""
    popup, prefs = ctx.popup, ctx.prefs
    assert popup.provider.id and popup.provider.name
    if ctx.sender.verified and ctx.sender.token_provider_id:
        assert ctx.sender.token_provider_id == popup.provider.id
    for url in (popup.link, popup.provider.complaint_url):
        if url:
            parts = urlsplit(url)
            assert parts.scheme in ("https", "http") and parts.hostname and popup.provider.domain
            assert parts.username is None and parts.password is None
    assert popup.kind in ("ad", "news") or popup.ad is None
    assert popup.kind == "news" or popup.news is None
    if popup.kind == "ad":
        assert popup.ad and popup.ad.advertiser and popup.ad.review_id and not prefs.minors_mode
    if popup.kind != "service":
        assert popup.review and popup.review.reviewer and popup.review.reviewed_at
        assert popup.review.reviewed_at <= ctx.now + timedelta(minutes=5)
    if popup.kind == "news":
        assert popup.news and popup.news.source in ctx.news_sources and popup.news.license
        assert popup.title == popup.news.original_title and popup.news.published_at
        assert ctx.now - popup.news.published_at <= timedelta(hours=prefs.news_max_age_hours)
    assert popup.kind not in prefs.opt_out.kinds and popup.provider.id not in prefs.opt_out.providers
    paused = prefs.paused_until
    assert paused is None or paused <= ctx.now
    assert not ctx.journal.was_received(popup.provider.id, popup.id)
    if popup.kind in CAPPED_KINDS:
        hourly, _daily = prefs.provider_caps(popup.provider.id)
        shown = ctx.journal.count_shown(since=ctx.now - timedelta(hours=1), provider_id=popup.provider.id, kinds=CAPPED_KINDS)
        assert shown < hourly
        assert ctx.journal.count_shown(since=ctx.now - timedelta(hours=1), kinds=CAPPED_KINDS) < prefs.caps.global_hourly


@fuzz_settings(400)
@given(contexts())
def test_one_coherent_decision(ctx: Context) -> None:
    decision = POLICY.evaluate(ctx)
    check_coherent(decision)
    assert POLICY.evaluate(ctx) == decision, "the same context, the same decision"
    lint = POLICY.lint(ctx)
    assert [v for v in decision.verdicts if v.rule in CONTENT_IDS] == list(lint.verdicts), "lint is the content part"
    if decision.decision == "show":
        check_show_promises(ctx)
    if ctx.sender.verified and ctx.sender.token_provider_id not in (None, ctx.popup.provider.id):
        assert "provider-identity" in decision.rules and decision.decision == "reject"
    expected_version = ctx.news_sources.version if ctx.popup.kind == "news" else None
    assert decision.news_list_version == expected_version


@fuzz_settings(200)
@given(contexts(), st.sampled_from(["", "vip", "svip", "超级会员", "x" * 32]))
def test_the_tier_changes_nothing(ctx: Context, tier: str) -> None:
    audience = msgspec.structs.replace(ctx.popup.audience, tier=tier)
    other = Context(**{**ctx.__dict__, "popup": ctx.popup.replace(audience=audience)})
    assert POLICY.evaluate(other) == POLICY.evaluate(ctx)


@st.composite
def valid_contexts(draw: st.DrawFn) -> Context:
    """A valid example payload (a fresh id) against random preferences and history: suppressed or shown."""
    now = EXAMPLES_NOW + timedelta(minutes=draw(st.integers(0, 60)))
    doc = copy.deepcopy(draw(st.sampled_from(BASES)))
    doc["id"] = f"v-{draw(st.integers(0, 20))}"
    doc["topic"] = draw(st.sampled_from(["t1", "t2"]))
    doc["audience"] = {"tier": "", "personalized": draw(st.booleans()), "minor": False}
    verified = draw(st.booleans())
    return Context(
        popup=popup_from_object(doc),
        sender=Sender("fuzz", verified=verified, token_provider_id=doc["provider"]["id"] if verified else None),
        prefs=draw(preferences),
        now=now,
        local_tz=timezone(timedelta(hours=8)),
        journal=draw(journals(now)),
        news_sources=news_sources(),
    )


@fuzz_settings(200)
@given(valid_contexts(), st.data())
def test_nothing_a_provider_sends_lifts_a_suppression(ctx: Context, data: st.DataObject) -> None:
    """Rewriting what a provider controls (but the declarations) never turns a suppression into a show."""
    decision = POLICY.evaluate(ctx)
    check_coherent(decision)
    if decision.decision == "show":
        check_show_promises(ctx)
    if decision.decision != "suppress":
        return
    update: dict[str, Any] = {
        "id": f"other-{data.draw(st.integers(0, 99))}",
        "title": data.draw(st.text(characters, min_size=1, max_size=40)),
        "body": data.draw(hostile_text),
        "sent_at": ctx.now - timedelta(seconds=data.draw(st.integers(0, 3600))),
        "audience": msgspec.structs.replace(ctx.popup.audience, tier=data.draw(st.sampled_from(["vip", "svip"])), minor=data.draw(st.booleans())),
    }
    other = Context(**{**ctx.__dict__, "popup": ctx.popup.replace(**update)})
    assert POLICY.evaluate(other).decision != "show"
