"""What a rule is: an id, an article, an outcome, and a check over a context."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from enum import Enum
from functools import lru_cache
from typing import Any, Protocol

from ..journal import ShownQuery
from ..news_sources import NewsSourceList
from ..payload import Popup
from ..prefs import Preferences
from ..text import QT_TRANSLATE_NOOP, Text

#: Clock skew tolerated for timestamps a provider claims are "now or earlier".
SKEW = timedelta(minutes=5)


@lru_cache(maxsize=64)  # made once per preference value, not per popup: timedelta(hours=n) takes ~0.5 us
def hours(n: int) -> timedelta:
    """A preference given in hours (news age, topic window) as a timedelta."""
    return timedelta(hours=n)

#: A kind as a reason names it ("a news popup…"): the English word is the kind itself.
KIND_WORDS: dict[str, Text] = {
    "ad": QT_TRANSLATE_NOOP("core", "ad"),
    "news": QT_TRANSLATE_NOOP("core", "news"),
    "content": QT_TRANSLATE_NOOP("core", "content"),
    "service": QT_TRANSLATE_NOOP("core", "service"),
}


class Outcome(str, Enum):
    """What a rule that fires does to the popup."""

    REJECT = "reject"
    SUPPRESS = "suppress"


@dataclass(frozen=True)
class Verdict:
    """One reason a rule fired: the rule id, a sentence, and the JSON path if any.

    ``reason`` is the English sentence; a rule gives it as a
    :class:`~popup_client.core.text.Text` (a ``str``), so that it can also
    be shown translated (:attr:`text`).
    """

    rule: str
    reason: str
    path: str = ""

    @property
    def text(self) -> Text | None:
        """The reason as a translatable text, or None if it was given as a plain ``str``."""
        return self.reason if isinstance(self.reason, Text) else None


#: What a rule that finds nothing returns: one shared empty tuple.
NONE: tuple[Verdict, ...] = ()


@dataclass(frozen=True)
class Sender:
    """Who handed the payload over, as the transport knows it.

    ``verified`` is True when a provider token matched, False when the
    provider is unverified, and None where verification does not apply
    (``lint``). ``token_provider_id`` is the provider the token was issued
    to, ``token_provider_name`` the name it was registered with: a verified
    popup must show that name (rule ``provider-identity``). A signed payload
    (issue 18) is verified the same way, the policy bundle's registry giving
    the id and name; ``identity_problem`` says why a signature was refused,
    and rule ``provider-identity`` rejects the popup with it.
    """

    transport: str
    verified: bool | None = None
    token_provider_id: str | None = None
    token_provider_name: str | None = None
    identity_problem: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)


class JournalView(Protocol):
    """The journal queries rules need (the real :class:`Journal` provides them)."""

    def count_shown(
        self,
        *,
        since: datetime,
        provider_id: str | None = None,
        kinds: Collection[str] | None = None,
        topic: str | None = None,
    ) -> int: ...

    def count_shown_many(self, queries: Sequence[ShownQuery]) -> list[int]: ...

    def was_received(self, provider_id: str, popup_id: str) -> bool: ...


class EmptyJournal:
    """A journal with nothing in it, for linting without state."""

    def count_shown(
        self,
        *,
        since: datetime,
        provider_id: str | None = None,
        kinds: Collection[str] | None = None,
        topic: str | None = None,
    ) -> int:
        return 0

    def count_shown_many(self, queries: Sequence[ShownQuery]) -> list[int]:
        return [0] * len(queries)

    def was_received(self, provider_id: str, popup_id: str) -> bool:
        return False


@dataclass(frozen=True, init=False)
class Context:
    """Everything a rule may look at. There is deliberately no membership tier here."""

    popup: Popup
    sender: Sender
    prefs: Preferences
    now: datetime
    local_tz: tzinfo
    journal: JournalView
    news_sources: NewsSourceList

    def __init__(
        self, popup: Popup, sender: Sender, prefs: Preferences, now: datetime, local_tz: tzinfo, journal: JournalView,
        news_sources: NewsSourceList,
    ) -> None:  # fmt: skip
        # One per popup: set at once, not field by field through the frozen __setattr__ (half the time).
        self.__dict__.update(popup=popup, sender=sender, prefs=prefs, now=now, local_tz=local_tz, journal=journal, news_sources=news_sources)


class Rule(Protocol):
    """A rule: small, with a stable id, the article it implements, and what firing does.

    A rule that can fire only for some kinds of popup may say which, as a class attribute ``kinds``
    (a tuple of :class:`~popup_client.core.vocabulary.Kind`): the policy then does not run it for the others.
    """

    id: str
    article: str
    outcome: Outcome

    def check(self, ctx: Context) -> Iterable[Verdict]:
        """A verdict for each way the popup breaks the rule, nothing if it holds.

        A sequence, or a generator; the rules here return a sequence (:data:`NONE` when they find
        nothing, as for most popups): the policy skips an empty one without iterating it.
        """
        ...
