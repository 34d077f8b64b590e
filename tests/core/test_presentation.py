"""Presentation: what a transport may ask of the stack, and how the stack reads it."""

from __future__ import annotations

import pytest

from popup_client.core.presentation import DEFAULT_PRESENTATION, MAX_ACTIONS, MAX_TIMEOUT_MS, Action, Presentation


def test_default_follows_the_preference() -> None:
    assert DEFAULT_PRESENTATION.expiry_ms(6) == 6000
    assert DEFAULT_PRESENTATION.expiry_ms(0) == 0
    assert DEFAULT_PRESENTATION.buttons == ()
    assert not DEFAULT_PRESENTATION.has_default_action


def test_explicit_timeout_and_never() -> None:
    assert Presentation(timeout_ms=2500).expiry_ms(6) == 2500
    assert Presentation(timeout_ms=0).expiry_ms(6) == 0


def test_critical_never_expires() -> None:
    assert Presentation(timeout_ms=2500, critical=True).expiry_ms(6) == 0
    assert Presentation(critical=True).expiry_ms(6) == 0


@pytest.mark.parametrize("value", [-1, MAX_TIMEOUT_MS + 1])
def test_impossible_timeouts_are_refused(value: int) -> None:
    with pytest.raises(ValueError, match="timeout_ms"):
        Presentation(timeout_ms=value)


def test_default_action_is_not_a_button_and_buttons_are_capped() -> None:
    actions = (Action("default", ""), *(Action(f"k{i}", f"L{i}") for i in range(MAX_ACTIONS + 2)))
    p = Presentation(actions=actions)
    assert p.has_default_action
    assert [a.key for a in p.buttons] == [f"k{i}" for i in range(MAX_ACTIONS)]
    assert p.action_keys() == frozenset(a.key for a in actions)
