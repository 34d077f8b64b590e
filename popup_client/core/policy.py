"""The policy: runs every rule in order and turns the verdicts into one decision.

``reject`` if any content rule fired, else ``suppress`` if any preference
rule fired, else ``show``. Every rule runs, so the decision names every rule
id that fired, not only the first.

The reasons are English sentences, as the transports reply them; each is a
:class:`~popup_client.core.text.Text` where the rule gave one, so the
journal keeps it and the UI shows it in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar, overload

from .errors import PayloadError, Problem
from .rules import ALL_RULES, Context, Outcome, Rule, Verdict
from .text import AT_PATH
from .vocabulary import DecisionKind, Kind

_T = TypeVar("_T")


class _Once(cached_property[_T]):
    """``cached_property`` without the lock Python 3.11 takes at every first access (3.12 dropped it): a decision is one thread's."""

    @overload
    def __get__(self, instance: None, owner: type[Any] | None = None) -> _Once[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type[Any] | None = None) -> _T: ...
    def __get__(self, instance: object | None, owner: type[Any] | None = None) -> _Once[_T] | _T:
        if instance is None:
            return self
        value: _T = self.func(instance)
        instance.__dict__[str(self.attrname)] = value  # read from there from now on
        return value


def _reason(verdict: Verdict) -> str:
    return AT_PATH.format(path=verdict.path, message=verdict.reason) if verdict.path else verdict.reason


@dataclass(frozen=True)
class Decision:
    """The one decision a received payload gets, with every verdict behind it."""

    decision: DecisionKind
    verdicts: tuple[Verdict, ...] = ()
    news_list_version: str | None = None

    @_Once
    def rules(self) -> tuple[str, ...]:
        """Distinct rule ids that fired, in evaluation order."""
        return tuple(dict.fromkeys(v.rule for v in self.verdicts))

    @_Once
    def reasons(self) -> tuple[str, ...]:
        """A sentence per verdict, ``path: reason``: a translatable Text where the rule gave one."""
        return tuple(_reason(v) for v in self.verdicts)

    @property
    def problems(self) -> list[Problem]:
        """The verdicts as lint problems (path, message, rule)."""
        return [Problem(v.path, v.reason, v.rule) for v in self.verdicts]

    def as_dict(self) -> dict[str, Any]:
        return {"decision": self.decision, "rules": list(self.rules), "reasons": list(self.reasons)}

    @classmethod
    def from_error(cls, error: PayloadError) -> Decision:
        """The decision for a payload that did not parse: reject, naming every problem."""
        return cls(DecisionKind.REJECT, tuple(Verdict(p.rule, p.message, p.path) for p in error.problems))


class Policy:
    """Evaluates rules in order; adding a rule is adding one object to the sequence."""

    def __init__(self, rules: Sequence[Rule] = ALL_RULES) -> None:
        self.rules = tuple(rules)
        self._content = tuple(r for r in self.rules if r.outcome is Outcome.REJECT)
        # Each rule's check and whether it rejects, looked up once rather than for every popup: by kind, without
        # the rules that never fire for it (a rule's ``kinds``), and all of them for a kind not known.
        self._every_check, self._every_kind = _by_kind(self.rules), _compile(self.rules)
        self._content_checks, self._content_kind = _by_kind(self._content), _compile(self._content)

    def evaluate(self, ctx: Context) -> Decision:
        """Run every rule; the strongest outcome wins."""
        return self._every_check.get(ctx.popup.kind, self._every_kind)(ctx)

    def lint(self, ctx: Context) -> Decision:
        """Run the content rules only (what can reject), not the user's preferences."""
        return self._content_checks.get(ctx.popup.kind, self._content_kind)(ctx)


_Decide = Callable[[Context], Decision]


def _by_kind(rules: Sequence[Rule]) -> dict[str, _Decide]:
    """The decision for a popup of each kind: a rule that says it fires only for some (``kinds``) is left out of the others."""
    return {kind: _compile([r for r in rules if kind in getattr(r, "kinds", Kind)]) for kind in Kind}


def _compile(rules: Sequence[Rule]) -> _Decide:
    """The rules' checks written out one after another in a function of their own: every popup runs it, with no loop to pay.

    An empty result (most rules, most popups) is skipped; a generator is always iterated. Only the checks' numbers are
    written into the text; the checks themselves are passed in.
    """
    env: dict[str, Any] = {"_Decision": Decision, "_REJECT": DecisionKind.REJECT, "_SUPPRESS": DecisionKind.SUPPRESS,
                           "_SHOW": DecisionKind.SHOW}  # fmt: skip
    body = ["def decide(ctx):", "    rejected = []", "    suppressed = []"]
    for index, rule in enumerate(rules):
        env[f"_check{index}"] = rule.check
        found_by = "rejected" if rule.outcome is Outcome.REJECT else "suppressed"
        body += [f"    found = _check{index}(ctx)", "    if found:", f"        {found_by}.extend(found)"]
    body += [
        "    kind = _REJECT if rejected else _SUPPRESS if suppressed else _SHOW",
        "    version = ctx.news_sources.version if ctx.popup.kind == 'news' else None",
        "    return _Decision(kind, (*rejected, *suppressed), version)",
    ]
    exec("\n".join(body), env)  # noqa: S102 - text of numbered names only
    decide: _Decide = env["decide"]
    return decide
