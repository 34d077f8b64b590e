"""Membership never buys anything: changing only ``audience.tier`` never changes a decision.

Property-based: random streams of payloads (all kinds, providers, topics,
times, valid and invalid) against random preferences, replayed twice through
a real service and journal, once as sent and once with every tier rewritten.
"""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal
from popup_client.core.prefs import Preferences
from popup_client.core.prefs import PrefsStore
from popup_client.core.rules import Sender
from popup_client.service import PopupService
from tests.conftest import example
from tests.helpers.rules import EXAMPLES_NOW

BASES = [example(f"valid-{k}.json") for k in ("ad", "news", "content", "service")]
for base in BASES:  # images make no difference to tiers and slow the QR rule down
    base.pop("image", None)
    base["provider"].pop("icon", None)

TIERS = st.sampled_from(["", "ordinary", "member", "vip", "svip", "premium-plus", "免费用户", "超级会员"])

prefs_strategy = st.builds(
    lambda caps, opt_kinds, opt_providers, quiet, minors, topic_max, unverified, paused: Preferences.validate(
        {
            "caps": {"global_hourly": caps[0], "provider_hourly": caps[1], "provider_daily": caps[2], "service_per_minute": caps[3]},
            "opt_out": {"kinds": opt_kinds, "providers": opt_providers},
            "quiet_hours": quiet,
            "minors_mode": minors,
            "topic_max": topic_max,
            "unverified_providers": unverified,
            "paused_until": paused,
        }
    ),
    st.tuples(*(st.integers(0, 5) for _ in range(4))),
    st.lists(st.sampled_from(["ad", "news", "content", "service"]), max_size=2, unique=True),
    st.lists(st.sampled_from(["com.example.shop", "com.example.news", "p0.example.com"]), max_size=2, unique=True),
    st.sampled_from(["", "22:00-08:00", "11:00-13:00", "00:00-23:59"]),
    st.booleans(),
    st.integers(0, 3),
    st.sampled_from(["show", "reject"]),
    st.sampled_from(["", (EXAMPLES_NOW + timedelta(minutes=30)).isoformat()]),
)


@st.composite
def payload_stream(draw: st.DrawFn) -> list[tuple[dict[str, Any], int, bool]]:
    """(payload, seconds since the previous one, verified) triples."""
    stream = []
    for i in range(draw(st.integers(1, 25))):
        doc = copy.deepcopy(draw(st.sampled_from(BASES)))
        doc["id"] = f"p-{draw(st.integers(0, 12))}"  # some ids repeat: duplicates
        doc["provider"]["id"] = draw(st.sampled_from([doc["provider"]["id"], "p0.example.com", "p1.example.com"]))
        doc["topic"] = draw(st.sampled_from([None, "t1", "t2"]))
        doc["audience"] = {"tier": draw(TIERS), "personalized": draw(st.booleans()), "minor": draw(st.booleans())}
        if draw(st.integers(0, 9)) == 0:
            doc["title"] = ""  # now and then an invalid payload
        if draw(st.integers(0, 9)) == 0:
            doc["link"] = "https://elsewhere.example.org/"
        stream.append((doc, draw(st.integers(0, 1800)), draw(st.booleans())))
    return stream


def _decisions(stream: list[tuple[dict[str, Any], int, bool]], prefs: Preferences, tmp: Path, tier: str | None) -> list[dict[str, Any]]:
    clock = FixedClock(EXAMPLES_NOW)
    store = PrefsStore(tmp / "unused.toml")
    service = PopupService(Journal(":memory:", clock=clock), store, clock=clock)
    service.settings.prefs = prefs  # noqa: SLF001 - no disk writes inside the property loop
    results = []
    for doc, gap, verified in stream:
        clock.advance(timedelta(seconds=gap))
        if tier is not None:
            doc = {**doc, "audience": {**doc["audience"], "tier": tier}}
        submission = service.submit(json.dumps(doc, ensure_ascii=False), Sender("test", verified=verified))
        results.append(submission.decision.as_dict())
    service.journal.close()
    return results


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(stream=payload_stream(), prefs=prefs_strategy, tier=TIERS)
def test_tier_never_changes_a_decision(tmp_path: Path, stream: list[tuple[dict[str, Any], int, bool]], prefs: Preferences, tier: str) -> None:
    assert _decisions(stream, prefs, tmp_path, None) == _decisions(stream, prefs, tmp_path, tier)


def test_the_property_can_fail(tmp_path: Path) -> None:
    """A rule that did read the tier would be caught by the same comparison."""
    from popup_client.core.policy import Policy
    from popup_client.core.rules import ALL_RULES, Outcome, Verdict

    class TierBoost:
        id, article, outcome = "tier-boost", "none", Outcome.SUPPRESS

        def check(self, ctx: Any) -> Any:
            if ctx.popup.audience.tier != "vip":
                yield Verdict(self.id, "not a member")

    clock = FixedClock(EXAMPLES_NOW)
    service = PopupService(Journal(":memory:", clock=clock), PrefsStore(tmp_path / "p.toml"), clock=clock, policy=Policy([*ALL_RULES, TierBoost()]))
    doc = copy.deepcopy(BASES[0])
    plain = service.decide({**doc, "audience": {"tier": "ordinary"}}, Sender("test"))
    vip = service.decide({**doc, "audience": {"tier": "vip"}}, Sender("test"))
    assert plain.as_dict() != vip.as_dict()


def test_no_rule_reads_the_tier() -> None:
    """Belt and braces: no attribute ``tier`` is read anywhere in the rules or the policy."""
    import ast
    import inspect

    from popup_client.core import policy, rules
    from popup_client.core.rules import base, content, preferences

    for module in (rules, base, content, preferences, policy):
        tree = ast.parse(inspect.getsource(module))
        reads = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "tier"]
        assert reads == [], f"{module.__name__} reads .tier at lines {reads}"
