"""The user's preference rules (docs/rules.md, second table): firing suppresses the popup.

Counts come from the journal, so caps survive restarts. No rule reads
``audience.tier``: membership never changes a decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from functools import lru_cache

from ..journal.shown_query import shown_query
from ..text import QT_TRANSLATE_NOOP, Text
from ..timefmt import format_rfc3339
from ..vocabulary import CAPPED_KINDS
from .base import KIND_WORDS, NONE, Context, Outcome, Verdict, hours

#: Kinds the hourly/daily/global caps apply to; service popups have a flood guard instead.


class Paused:
    """5(7): the user paused all popups until a time."""

    id, article, outcome = "paused", "5(7)", Outcome.SUPPRESS

    def check(self, ctx: Context) -> Sequence[Verdict]:
        until = ctx.prefs.paused_until
        if until is not None and ctx.now < until:
            return (Verdict(self.id, QT_TRANSLATE_NOOP("core", "popups are paused until {time}").format(time=format_rfc3339(until))),)
        return NONE


class OptedOut:
    """5(7): the user opted out of this provider or this kind."""

    id, article, outcome = "opted-out", "5(7)", Outcome.SUPPRESS

    def check(self, ctx: Context) -> Sequence[Verdict]:
        popup, opt_out = ctx.popup, ctx.prefs.opt_out
        if popup.provider.id not in opt_out.providers and popup.kind not in opt_out.kinds:
            return NONE
        found: list[Verdict] = []
        if popup.provider.id in opt_out.providers:
            found.append(Verdict(self.id, QT_TRANSLATE_NOOP("core", "the user opted out of {provider}").format(provider=popup.provider.id)))
        if popup.kind in opt_out.kinds:
            found.append(Verdict(self.id, QT_TRANSLATE_NOOP("core", "the user opted out of all {kind} popups").format(kind=KIND_WORDS[popup.kind])))
        return found or NONE


class QuietHours:
    """5(7): nothing pops up inside the user's quiet hours."""

    id, article, outcome = "quiet-hours", "5(7)", Outcome.SUPPRESS

    def check(self, ctx: Context) -> Sequence[Verdict]:
        if ctx.prefs.quiet_hours is not None and ctx.prefs.in_quiet_hours(ctx.now.astimezone(ctx.local_tz)):
            text = QT_TRANSLATE_NOOP("core", "inside the user's quiet hours ({hours})")
            return (Verdict(self.id, text.format(hours=str(ctx.prefs.quiet_hours))),)
        return NONE


class MinorProtection:
    """5(8): in minors mode, no ads, nothing personalized, no unlisted news."""

    id, article, outcome = "minor-protection", "5(8)", Outcome.SUPPRESS

    def check(self, ctx: Context) -> Sequence[Verdict]:
        if not ctx.prefs.minors_mode:
            return NONE
        popup = ctx.popup
        found: list[Verdict] = []
        if popup.kind == "ad":
            found.append(Verdict(self.id, QT_TRANSLATE_NOOP("core", "minors mode is on: no advertising")))
        if popup.audience.personalized:
            found.append(Verdict(self.id, QT_TRANSLATE_NOOP("core", "minors mode is on: no personalized popups")))
        if popup.kind == "news" and (popup.news is None or not popup.news.source or popup.news.source not in ctx.news_sources):
            found.append(Verdict(self.id, QT_TRANSLATE_NOOP("core", "minors mode is on: news only from listed sources")))
        return found or NONE


class TopicCluster:
    """5(5): no flood of popups on one topic from one provider."""

    id, article, outcome = "topic-cluster", "5(5)", Outcome.SUPPRESS
    kinds = CAPPED_KINDS  # a service popup has no topic flood guard

    def check(self, ctx: Context) -> Sequence[Verdict]:
        popup, prefs = ctx.popup, ctx.prefs
        if not popup.topic or popup.kind == "service":
            return NONE
        since = ctx.now - hours(prefs.topic_window_hours)
        shown = ctx.journal.count_shown(since=since, provider_id=popup.provider.id, topic=popup.topic)
        if shown >= prefs.topic_max:
            text = QT_TRANSLATE_NOOP("core", "{shown} popups on topic {topic!r} already shown in {hours} h (limit {limit})")
            return (Verdict(self.id, text.format(shown=shown, topic=popup.topic, hours=prefs.topic_window_hours, limit=prefs.topic_max)),)
        return NONE


class FrequencyCap:
    """5(7): the user's caps per provider and overall; a flood guard for service popups."""

    id, article, outcome = "frequency-cap", "5(7)", Outcome.SUPPRESS

    def check(self, ctx: Context) -> Sequence[Verdict]:
        return self._service(ctx) if ctx.popup.kind == "service" else self._capped(ctx)

    def _service(self, ctx: Context) -> Sequence[Verdict]:
        cap = ctx.prefs.caps.service_per_minute
        shown = ctx.journal.count_shown(since=ctx.now - _MINUTE, provider_id=ctx.popup.provider.id, kinds=_SERVICE)
        return (_cap_verdict(self.id, _SERVICE_REASON, shown, cap),) if shown >= cap else NONE

    def _capped(self, ctx: Context) -> Sequence[Verdict]:
        found: list[Verdict] = []
        provider_id = ctx.popup.provider.id
        hourly, daily = ctx.prefs.provider_caps(provider_id or "")
        hour_ago, day_ago = ctx.now - _HOUR, ctx.now - _DAY
        hour, everyone, day = ctx.journal.count_shown_many(  # the two since the hour together: its time converted once
            [
                shown_query((hour_ago, provider_id, CAPPED_KINDS, None)),
                shown_query((hour_ago, None, CAPPED_KINDS, None)),
                shown_query((day_ago, provider_id, CAPPED_KINDS, None)),
            ]
        )
        caps = (hourly, daily, ctx.prefs.caps.global_hourly)
        for shown, cap, text in zip((hour, day, everyone), caps, _CAP_REASONS):
            if shown >= cap:
                found.append(_cap_verdict(self.id, text, shown, cap))
        return found or NONE


@lru_cache(maxsize=1024, typed=True)  # under load most popups meet the same cap with the same count; a Verdict is immutable
def _cap_verdict(rule: str, text: Text, shown: int, limit: int) -> Verdict:
    """The verdict of a cap reached: ``shown`` popups where ``limit`` are allowed."""
    return Verdict(rule, text.format(shown=shown, limit=limit))


_MINUTE, _HOUR, _DAY = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
_SERVICE = ("service",)
_SERVICE_REASON = QT_TRANSLATE_NOOP("core", "{shown} notifications from this provider in the last minute (limit {limit})")
_CAP_REASONS = (
    QT_TRANSLATE_NOOP("core", "{shown} popups shown from this provider in the last hour (limit {limit})"),
    QT_TRANSLATE_NOOP("core", "{shown} popups shown from this provider in the last 24 h (limit {limit})"),
    QT_TRANSLATE_NOOP("core", "{shown} popups shown from all providers in the last hour (limit {limit})"),
)

PREFERENCE_RULES = (Paused(), OptedOut(), QuietHours(), MinorProtection(), TopicCluster(), FrequencyCap())
