"""How a transport asks for one popup to be presented, within what the user allows.

A :class:`Presentation` travels with a submission from the transport to the
popup stack. It carries only what the freedesktop specification lets a
desktop notification ask for (how long it stays, buttons, whether an action
closes it); nothing in it can change how a popup looks. The stack applies it
to ``service`` popups only: every other kind uses the user's preferences and
offers no buttons but 「查看详情」.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The action key that means "a click on the popup's body" (not a button).
DEFAULT_ACTION = "default"
#: Buttons a popup may carry at most; later ones are dropped.
MAX_ACTIONS = 3
#: Longest time a transport may ask a popup to stay, in milliseconds (the preferences' limit).
MAX_TIMEOUT_MS = 3600 * 1000


@dataclass(frozen=True)
class Action:
    """One action a notification offers: the key sent back, and the button's label."""

    key: str
    label: str


@dataclass(frozen=True)
class Presentation:
    """Per-popup display requests; the defaults mean "as the user's preferences say".

    Attributes:
        timeout_ms: how long the popup stays; ``None`` uses the user's
            ``timeout_seconds.<kind>``, ``0`` keeps it until closed.
        critical: urgency "critical": the popup stays until closed.
        actions: the actions, in order; the one whose key is
            :data:`DEFAULT_ACTION` is a click on the body, the others buttons.
        resident: the popup stays on screen after an action was invoked
            (otherwise invoking an action closes it).
        transient: the sender asked for the popup not to be kept anywhere
            after it closes (the journal still records it).
    """

    timeout_ms: int | None = None
    critical: bool = False
    actions: tuple[Action, ...] = ()
    resident: bool = False
    transient: bool = False

    def __post_init__(self) -> None:
        if self.timeout_ms is not None and not 0 <= self.timeout_ms <= MAX_TIMEOUT_MS:
            raise ValueError(f"timeout_ms must be None or 0–{MAX_TIMEOUT_MS}, not {self.timeout_ms}")

    def expiry_ms(self, preference_seconds: int) -> int:
        """Milliseconds until the popup expires by itself; 0 means never.

        ``preference_seconds`` is the user's timeout for the popup's kind.
        """
        if self.critical:
            return 0
        if self.timeout_ms is None:
            return max(preference_seconds, 0) * 1000
        return self.timeout_ms

    @property
    def buttons(self) -> tuple[Action, ...]:
        """The actions shown as buttons (all but the default action), at most :data:`MAX_ACTIONS`."""
        return tuple(a for a in self.actions if a.key != DEFAULT_ACTION)[:MAX_ACTIONS]

    @property
    def has_default_action(self) -> bool:
        """Whether a click on the body invokes the default action."""
        return any(a.key == DEFAULT_ACTION for a in self.actions)

    def action_keys(self) -> frozenset[str]:
        """Every key the popup may report back through ``PopupService.action``."""
        return frozenset(a.key for a in self.actions)


#: The presentation of a popup that asked for nothing.
DEFAULT_PRESENTATION = Presentation()
