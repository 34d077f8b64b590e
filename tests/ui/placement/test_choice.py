"""The placement chosen for each kind of session, and what run says about it."""

from __future__ import annotations

import pytest

from popup_client.ui.placement.choice import Choice, Session, choose

LAYER = frozenset({"wl_compositor", "wl_shm", "zwlr_layer_shell_v1", "wl_seat"})
NO_LAYER = frozenset({"wl_compositor", "wl_shm", "xdg_wm_base", "wl_seat"})


def probe_of(offered: frozenset[str] | OSError):  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def probe(display: str) -> frozenset[str]:
        asked.append(display)
        if isinstance(offered, OSError):
            raise offered
        return offered

    probe.asked = asked  # type: ignore[attr-defined]
    return probe


def session(**env: str) -> Session:
    return Session.from_environ(env, env.pop("platform", "linux"))


def pick(env: dict[str, str], offered: frozenset[str] | OSError = LAYER, preference: str = "auto", pywayland: bool = True) -> Choice:
    return choose(Session.from_environ(env, env.get("platform", "linux")), preference, probe_of(offered), has_pywayland=lambda: pywayland)


SWAY = {"WAYLAND_DISPLAY": "wayland-1", "DISPLAY": ":0", "XDG_CURRENT_DESKTOP": "sway"}
GNOME = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0", "XDG_CURRENT_DESKTOP": "GNOME"}
X11 = {"DISPLAY": ":0", "XDG_CURRENT_DESKTOP": "XFCE"}


@pytest.mark.parametrize(
    ("env", "offered", "mechanism", "qt"),
    [
        (SWAY, LAYER, "layer-shell", None),
        ({**SWAY, "XDG_CURRENT_DESKTOP": "KDE"}, LAYER, "layer-shell", None),
        (GNOME, NO_LAYER, "xwayland", "xcb"),
        ({"WAYLAND_DISPLAY": "wayland-0", "XDG_CURRENT_DESKTOP": "GNOME"}, NO_LAYER, "window", None),
        (X11, LAYER, "x11", "xcb"),
        ({**SWAY, "QT_QPA_PLATFORM": "offscreen"}, LAYER, "native", None),
        ({"platform": "win32"}, LAYER, "native", None),
        ({"platform": "darwin"}, LAYER, "native", None),
        ({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":1"}, LAYER, "layer-shell", None),
    ],
)
def test_automatic_choice(env: dict[str, str], offered: frozenset[str], mechanism: str, qt: str | None) -> None:
    choice = pick(env, offered)
    assert (choice.mechanism, choice.qt_platform) == (mechanism, qt), choice


def test_layer_shell_needs_pywayland_and_says_how_to_get_it() -> None:
    choice = pick(SWAY, LAYER, pywayland=False)
    assert choice.mechanism == "xwayland"
    assert "pip install pywayland" in choice.reason


def test_a_compositor_that_does_not_answer_falls_back_with_the_reason() -> None:
    choice = pick(SWAY, OSError("timed out"))
    assert choice.mechanism == "xwayland" and "timed out" in choice.reason


def test_plain_windows_are_warned_about_naming_what_to_install() -> None:
    choice = pick({"WAYLAND_DISPLAY": "wayland-0", "XDG_CURRENT_DESKTOP": "GNOME"}, NO_LAYER)
    assert choice.mechanism == "window"
    (warning,) = choice.warnings
    assert "sudo apt install xwayland" in warning and "layer-shell" in warning and "keyboard" in warning


@pytest.mark.parametrize(
    ("env", "preference", "mechanism"),
    [(SWAY, "xwayland", "xwayland"), (SWAY, "window", "window"), (GNOME, "window", "window"), (X11, "xwayland", "xwayland")],
)
def test_the_preference_is_followed_where_it_can_work(env: dict[str, str], preference: str, mechanism: str) -> None:
    choice = pick(env, NO_LAYER if env is GNOME else LAYER, preference)
    assert choice.mechanism == mechanism and not choice.warnings


@pytest.mark.parametrize(("env", "preference"), [(GNOME, "layer-shell"), (SWAY, "x11"), ({"WAYLAND_DISPLAY": "w"}, "xwayland")])
def test_a_preference_that_cannot_work_falls_back_with_a_warning(env: dict[str, str], preference: str) -> None:
    choice = pick(env, NO_LAYER if env is GNOME else LAYER, preference)
    assert choice.mechanism != preference
    assert choice.warnings and choice.warnings[0].startswith(f"placement = {preference} cannot work here")


def test_the_line_run_prints_names_mechanism_reason_and_corner() -> None:
    line = pick(SWAY).line("bottom-left")
    assert line.startswith("placement: layer-shell (sway offers wlr-layer-shell")
    assert line.endswith("popups stack from the bottom-left corner)")


def test_the_compositor_is_asked_only_when_it_matters() -> None:
    probe = probe_of(LAYER)
    choose(Session.from_environ(X11, "linux"), "auto", probe, has_pywayland=lambda: True)
    choose(Session.from_environ({**SWAY, "QT_QPA_PLATFORM": "offscreen"}, "linux"), "auto", probe, has_pywayland=lambda: True)
    assert probe.asked == []  # type: ignore[attr-defined]
