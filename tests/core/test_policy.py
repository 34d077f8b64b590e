"""The policy: every rule runs, the strongest outcome wins, all rule ids are named."""

from __future__ import annotations

from typing import Any

from popup_client.core.errors import PayloadError, Problem
from popup_client.core.policy import Decision, Policy
from popup_client.core.prefs import Preferences
from popup_client.core.rules import ALL_RULES, ARTICLES, Context, Outcome, Verdict
from popup_client.core.vocabulary import Kind
from tests.helpers.rules import context


def test_rule_order_is_content_then_preferences() -> None:
    outcomes = [rule.outcome.value for rule in ALL_RULES]
    assert outcomes == sorted(outcomes)  # "reject" < "suppress"
    assert ARTICLES["contract"] == "—" and ARTICLES["qr-code"] == "5(10)"


def test_show_when_nothing_fires(ad: dict[str, Any]) -> None:
    decision = Policy().evaluate(context(ad))
    assert (decision.decision, decision.rules, decision.reasons) == ("show", (), ())


def test_every_rule_that_fired_is_named(news: dict[str, Any]) -> None:
    news["title"] = "改写的标题"
    news["news"]["source"] = "某某自媒体"
    del news["news"]["license"]
    prefs = Preferences.validate({"opt_out": {"kinds": ["news"]}, "minors_mode": True})
    decision = Policy().evaluate(context(news, prefs=prefs))
    assert decision.decision == "reject"
    assert decision.rules == ("news-license", "news-source", "news-title", "opted-out", "minor-protection")
    assert len(decision.reasons) == 5 and decision.reasons[0].startswith("news.license: ")
    assert decision.news_list_version


def test_suppress_when_only_preferences_fire(ad: dict[str, Any]) -> None:
    prefs = Preferences.validate({"opt_out": {"kinds": ["ad"]}})
    decision = Policy().evaluate(context(ad, prefs=prefs))
    assert (decision.decision, decision.rules, decision.news_list_version) == ("suppress", ("opted-out",), None)


def test_lint_ignores_preferences(ad: dict[str, Any]) -> None:
    prefs = Preferences.validate({"opt_out": {"kinds": ["ad"]}})
    assert Policy().lint(context(ad, prefs=prefs)).decision == "show"
    del ad["ad"]["review_id"]
    assert Policy().lint(context(ad, prefs=prefs)).problems == [
        Problem("ad.review_id", "an ad must carry the id of its compliance review", "ad-review")
    ]


def test_decision_from_a_parse_error() -> None:
    error = PayloadError([Problem("title", "is required"), Problem("provider.name", "is required", "provider-identity")])
    decision = Decision.from_error(error)
    assert decision.as_dict() == {
        "decision": "reject",
        "rules": ["contract", "provider-identity"],
        "reasons": ["title: is required", "provider.name: is required"],
    }


def test_a_rule_is_one_object() -> None:
    class NoCats:
        id, article, outcome = "no-cats", "test", ALL_RULES[0].outcome

        def check(self, ctx: Any) -> Any:
            from popup_client.core.rules import Verdict

            if "猫" in ctx.popup.title:
                yield Verdict(self.id, "no cats", "title")

    policy = Policy([*ALL_RULES, NoCats()])
    doc = {"version": 1, "id": "x", "provider": {"id": "a.b", "name": "n"}, "kind": "service", "title": "小猫"}
    assert policy.evaluate(context(doc)).rules == ("no-cats",)


class _Counting:
    """A rule that fires for news only, and says so; it counts the popups it was asked about."""

    id, article, outcome, kinds = "news-only", "—", Outcome.REJECT, (Kind.NEWS,)

    def __init__(self) -> None:
        self.asked: list[str] = []

    def check(self, ctx: Context) -> tuple[Verdict, ...]:
        self.asked.append(ctx.popup.kind)
        return (Verdict(self.id, "news"),) if ctx.popup.kind == "news" else ()


def test_a_rule_is_not_run_for_a_kind_it_says_it_never_fires_for(ad: dict[str, Any], news: dict[str, Any]) -> None:
    rule = _Counting()
    policy = Policy([rule])
    assert policy.evaluate(context(ad)).decision == "show" and policy.lint(context(ad)).decision == "show"
    assert policy.evaluate(context(news)).rules == ("news-only",)
    assert policy.evaluate(context(context(news).popup.replace(kind="news"))).rules == ("news-only",)  # a plain str kind
    assert rule.asked == ["news", "news"]


def test_the_rules_kinds_are_the_kinds_they_fire_for(ad: dict[str, Any], news: dict[str, Any], content: dict[str, Any], service_popup: dict[str, Any]) -> None:
    for doc in (ad, news, content, service_popup):
        popup = context(doc).popup
        for kind in Kind:  # every rule against every kind: one that says it never fires for a kind finds nothing there
            ctx = context(popup.replace(kind=kind))
            for rule in ALL_RULES:
                if kind not in getattr(rule, "kinds", Kind):
                    assert not rule.check(ctx), (rule.id, kind)
