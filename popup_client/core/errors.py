"""The core's error classes: one base class, and the payload error."""

from __future__ import annotations

from dataclasses import dataclass

from .text import QT_TRANSLATE_NOOP, join


class CoreError(Exception):
    """Base class of every error the core raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a payload.

    Attributes:
        path: JSON path of the offending field (``provider.name``), or ``""``
            for the payload as a whole.
        message: a sentence a provider can act on (a translatable
            :class:`~popup_client.core.text.Text` where the core wrote it).
        rule: the id of the rule that the problem breaks (``contract`` for
            the payload contract itself).
    """

    path: str
    message: str
    rule: str = "contract"

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message, "rule": self.rule}


_LINE = QT_TRANSLATE_NOOP("core", "{path}: {message} [{rule}]")
_WHOLE = QT_TRANSLATE_NOOP("core", "(payload)")
_INVALID = QT_TRANSLATE_NOOP("core", "invalid payload:\n  {problems}")
_NEXT_LINE = QT_TRANSLATE_NOOP("core", "{first}\n  {second}")


class PayloadError(CoreError):
    """A payload that cannot be turned into a :class:`Popup`; lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = [_LINE.format(path=p.path or _WHOLE, message=p.message, rule=p.rule) for p in self.problems]
        super().__init__(_INVALID.format(problems=join(_NEXT_LINE, lines)))

    @property
    def rules(self) -> list[str]:
        """The distinct rule ids of the problems, in first-seen order."""
        return list(dict.fromkeys(p.rule for p in self.problems))
