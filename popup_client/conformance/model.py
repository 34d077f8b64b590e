"""What a conformance run produces: one :class:`CheckResult` per measurement, gathered in a :class:`Result`.

Every measurement names the docs/rules.md guarantee it belongs to (``ui-close``),
the article of the regulation, what was measured and the threshold it was
held to, so that a line of the report reads as evidence::

    PASS ui-close [5(7), 5(9)] close-hit-area: 36×36 (≥ 32×32)

No Qt here: a result can be written, read back and compared anywhere.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from popup_client.core.errors import CoreError

log = logging.getLogger(__name__)

#: The guarantees of docs/rules.md ("What every rendered popup guarantees"), with their articles.
RULES: dict[str, str] = {
    "ui-provider": "5(7)",
    "ui-ad-label": "5(9)",
    "ui-close": "5(7), 5(9)",
    "ui-one-click": "5(9)",
    "ui-no-focus-steal": "5(7)",
    "ui-report": "6",
    "ui-no-hot-zone": "5(10)",
    "ui-why-ad": "5(9)",
    "ui-source": "5(4)",
    "ui-bounds": "5(7)",
    "ui-no-provider-style": "5(7)",
    "ui-accessible": "5(7), 5(9)",
}

#: One sentence per guarantee, for reports.
GUARANTEES: dict[str, str] = {
    "ui-provider": "the provider's name is visible in the header, ≥ 12 px, never elided below 4 characters; "
    "an unverified provider is marked",
    "ui-ad-label": "an ad shows 「广告」 in the header: fully visible, not overlapped, ≥ 12 px, contrast ≥ 4.5:1; "
    "the advertiser is named",
    "ui-close": "a close control at the top-right corner, ≥ 32 × 32 px, glyph contrast ≥ 3:1, enabled from the "
    "first frame, named 「关闭」, nothing interactive within 8 px, its centre hit-tests to it",
    "ui-one-click": "one click on close, or Esc, closes at once; closing opens nothing; the popup never comes back",
    "ui-no-focus-steal": "the popup appears without taking keyboard focus",
    "ui-report": "every popup offers 「举报」",
    "ui-no-hot-zone": "clicking body, image or header opens nothing; 「查看详情」 is smaller than a quarter of the popup",
    "ui-why-ad": "an ad can show who advertises, who paid and why this person sees it",
    "ui-source": "a news popup names its source (「来源：…」)",
    "ui-bounds": "the popup lies inside the available screen area and covers at most 1/8 of it",
    "ui-no-provider-style": "nothing in a payload changes colours, fonts, sizes or positions",
    "ui-accessible": "a screen reader hears the popup arrive with its provider and, for an ad, 「广告」; the close "
    "control is a push button named 「关闭」; close, 「举报」 and every action are reachable by Tab",
}

PASS, FAIL, NOT_APPLICABLE = "pass", "fail", "n/a"

Box = tuple[int, int, int, int]  # x, y, w, h in logical px, relative to the popup


class ConformanceError(CoreError):
    """The conformance kit could not run (no popup, no QApplication, unreadable input)."""


class ConformanceFailure(AssertionError):
    """Raised by :meth:`Result.assert_ok`: the popup breaks at least one guarantee."""


@dataclass(frozen=True)
class CheckResult:
    """One measurement against one guarantee.

    Attributes:
        rule: the guarantee's id in docs/rules.md (``ui-close``).
        name: what was measured (``close-hit-area``); unique within a result.
        passed: whether the measurement meets the threshold (True when not applicable).
        measured: the value found, as a reader wants it (``36×36``, ``7.1:1``, ``yes``).
        threshold: what it is held to (``≥ 32×32``).
        detail: how it was measured, or why it failed.
        applicable: False when the guarantee does not apply (a badge on a service popup).
    """

    rule: str
    name: str
    passed: bool
    measured: str
    threshold: str
    detail: str = ""
    applicable: bool = True

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown guarantee {self.rule!r}; one of {sorted(RULES)}")

    @property
    def article(self) -> str:
        return RULES[self.rule]

    @property
    def status(self) -> str:
        if not self.applicable:
            return NOT_APPLICABLE
        return PASS if self.passed else FAIL

    @property
    def failed(self) -> bool:
        return self.applicable and not self.passed

    def line(self) -> str:
        """``FAIL ui-close [5(7), 5(9)] close-hit-area: 20×20 (≥ 32×32) — detail``."""
        text = f"{self.status.upper():4} {self.rule} [{self.article}] {self.name}: {self.measured} ({self.threshold})"
        return f"{text} — {self.detail}" if self.detail else text

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "article": self.article, "status": self.status}


def not_applicable(rule: str, name: str, why: str) -> CheckResult:
    """A measurement that does not apply to this popup (it passes, and says why)."""
    return CheckResult(rule, name, True, "—", "—", why, applicable=False)


@dataclass
class Result:
    """Every measurement made on one popup.

    Attributes:
        subject: what was checked (a file name, a class name).
        kind: the popup's kind (``ad``, ``news``, ``content``, ``service``), if known.
        checks: the measurements, grouped by guarantee in docs/rules.md order.
        boxes: the rectangles measured (logical px, relative to the popup), by name.
        size: the popup's logical size (w, h).
        screenshot_png: the popup as rendered at ``scale``, PNG bytes (or None).
        notes: what the reader should know about how it was measured.
        problems: lint problems of the payload rendered (``path``, ``message``, ``rule``), if any.
    """

    subject: str
    kind: str | None = None
    checks: list[CheckResult] = field(default_factory=list)
    boxes: dict[str, Box] = field(default_factory=dict)
    size: tuple[int, int] = (0, 0)
    scale: float = 1.0
    screenshot_png: bytes | None = None
    notes: list[str] = field(default_factory=list)
    problems: list[dict[str, str]] = field(default_factory=list)

    def add(self, checks: Iterable[CheckResult]) -> None:
        self.checks.extend(checks)
        self.checks.sort(key=lambda c: list(RULES).index(c.rule))

    @property
    def passed(self) -> bool:
        """No measurement failed and the payload (if any) has no lint problem."""
        return not self.failures and not self.problems

    @property
    def failures(self) -> list[CheckResult]:
        return [c for c in self.checks if c.failed]

    @property
    def failed_rules(self) -> set[str]:
        return {c.rule for c in self.failures}

    @property
    def failed_names(self) -> set[str]:
        return {c.name for c in self.failures}

    def rules_checked(self) -> list[str]:
        """The guarantees with at least one measurement, in docs/rules.md order."""
        seen = {c.rule for c in self.checks}
        return [r for r in RULES if r in seen]

    def check(self, name: str) -> CheckResult:
        """The measurement called ``name``."""
        for item in self.checks:
            if item.name == name:
                return item
        raise KeyError(f"no measurement {name!r}; measured: {[c.name for c in self.checks]}")

    def summary(self) -> str:
        failed = len(self.failures)
        if self.passed:
            return f"{self.subject}: PASS ({len(self.checks)} measurements)"
        parts = [f"{failed} of {len(self.checks)} measurements failed"] if failed else []
        parts += [f"{len(self.problems)} lint problems"] if self.problems else []
        return f"{self.subject}: FAIL ({', '.join(parts)})"

    def report_text(self, *, all_lines: bool = False) -> str:
        """A summary line, then the failures (or every measurement with ``all_lines``)."""
        lines = [self.summary()]
        lines += [f"  LINT {p['rule']} {p['path'] or '(payload)'}: {p['message']}" for p in self.problems]
        lines += ["  " + c.line() for c in (self.checks if all_lines else self.failures)]
        lines += [f"  NOTE {note}" for note in self.notes] if all_lines else []
        return "\n".join(lines)

    def assert_ok(self) -> None:
        """Raise :class:`ConformanceFailure` listing every failed measurement."""
        if self.failures:
            raise ConformanceFailure(self.report_text())

    def as_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "kind": self.kind,
            "passed": self.passed,
            "failed_rules": sorted(self.failed_rules),
            "size": list(self.size),
            "scale": self.scale,
            "checks": [c.as_dict() for c in self.checks],
            "boxes": {k: list(v) for k, v in self.boxes.items()},
            "notes": list(self.notes),
            "problems": [dict(p) for p in self.problems],
        }
