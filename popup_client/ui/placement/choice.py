"""How popups get onto this desktop: chosen once, at start, from the session (no Qt).

=============  ==============================================================
mechanism      what it is, where it is chosen
=============  ==============================================================
layer-shell    each popup a wlr-layer-shell overlay surface of the app's own
               Wayland connection: sway and other wlroots compositors, KWin
xwayland       override-redirect X11 windows through XWayland, placed exactly
               and never focused by the window manager: GNOME (Mutter) and
               other Wayland compositors without layer-shell
x11            X11 windows of type notification, kept above, no input focus,
               placed by the app inside the work area: X11 sessions
window         ordinary top-level windows: a Wayland compositor with neither
               layer-shell nor XWayland (the compositor places them; warned)
native         Qt's own tool windows: Windows, macOS, offscreen rendering
=============  ==============================================================

``auto`` asks the compositor which globals it offers (one short Wayland
roundtrip, before Qt starts); the ``placement`` preference forces a
mechanism, and falls back to ``auto`` with a warning when that mechanism
cannot work here. :func:`choose` returns the choice with the one line
``popup-client run`` prints, and a warning naming what to install or set
when only plain windows are possible.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass

MECHANISMS = ("auto", "layer-shell", "xwayland", "x11", "window")
LAYER_SHELL = "zwlr_layer_shell_v1"
_NON_DESKTOP_QPA = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "minimalegl")

#: Probes a Wayland display: the names of its globals, or raises OSError (or a subclass) saying why not.
Probe = Callable[[str], "frozenset[str]"]


@dataclass(frozen=True)
class Session:
    """What the environment says about the desktop session."""

    platform: str
    wayland_display: str | None
    x_display: str | None
    desktop: str
    qpa: str

    @classmethod
    def from_environ(cls, env: Mapping[str, str], platform: str) -> Session:
        wayland = env.get("WAYLAND_DISPLAY") or ("wayland-0" if env.get("XDG_SESSION_TYPE") == "wayland" else None)
        desktop = env.get("XDG_CURRENT_DESKTOP") or env.get("XDG_SESSION_DESKTOP") or env.get("DESKTOP_SESSION") or ""
        qpa = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
        return cls(platform, wayland, env.get("DISPLAY") or None, desktop.split(":")[0], qpa)

    @property
    def linux_like(self) -> bool:
        return self.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))

    def name(self) -> str:
        return self.desktop or ("this Wayland compositor" if self.wayland_display else "this X11 session")


@dataclass(frozen=True)
class Choice:
    """The mechanism, why, and what ``run`` says about it."""

    mechanism: str
    reason: str
    #: Set QT_QPA_PLATFORM to this before Qt starts (None: leave Qt's own choice).
    qt_platform: str | None = None
    #: The Wayland display the layer-shell mechanism connects to.
    wayland_display: str | None = None
    warnings: tuple[str, ...] = ()

    def line(self, corner: str) -> str:
        return f"placement: {self.mechanism} ({self.reason}; popups stack from the {corner} corner)"


def pywayland_available() -> bool:
    return importlib.util.find_spec("pywayland") is not None


def choose(session: Session, preference: str, probe: Probe, *, has_pywayland: Callable[[], bool] = pywayland_available) -> Choice:
    """The mechanism for ``session``: the preference if it can work here, else the automatic choice."""
    warnings: list[str] = []
    if preference != "auto":
        forced = _forced(session, preference, probe, has_pywayland)
        if isinstance(forced, Choice):
            return forced
        warnings.append(f"placement = {preference} cannot work here ({forced}); choosing automatically")
    choice = _automatic(session, probe, has_pywayland)
    return Choice(choice.mechanism, choice.reason, choice.qt_platform, choice.wayland_display, (*warnings, *choice.warnings))


def _layer_shell(session: Session, probe: Probe, has_pywayland: Callable[[], bool]) -> Choice | str:
    """The layer-shell choice, or why it is not possible."""
    if not session.wayland_display:
        return "not a Wayland session"
    if not has_pywayland():
        return "the Python package pywayland, needed for wlr-layer-shell, is not installed (pip install pywayland)"
    try:
        offered = probe(session.wayland_display)
    except OSError as exc:
        return f"the Wayland compositor could not be asked: {exc}"
    if LAYER_SHELL not in offered:
        return f"{session.name()} offers no wlr-layer-shell"
    reason = f"{session.name()} offers wlr-layer-shell: each popup is an overlay surface inside the usable area"
    return Choice("layer-shell", reason, wayland_display=session.wayland_display)


def _xwayland(session: Session, why_not_layer: str) -> Choice | str:
    if not session.x_display:
        return "no X display (DISPLAY is not set)"
    if session.wayland_display:
        reason = f"{why_not_layer}; popups are override-redirect windows through XWayland, placed in the work area"
    else:
        reason = "override-redirect X11 windows, placed in the work area"
    return Choice("xwayland", reason, qt_platform="xcb")


def _x11(session: Session) -> Choice | str:
    if not session.x_display:
        return "no X display (DISPLAY is not set)"
    if session.wayland_display:
        return "this is a Wayland session: use xwayland"
    return Choice("x11", "an X11 session: notification windows, kept above, placed in the work area", qt_platform="xcb")


def _forced(session: Session, preference: str, probe: Probe, has_pywayland: Callable[[], bool]) -> Choice | str:
    if preference == "layer-shell":
        return _layer_shell(session, probe, has_pywayland)
    if preference == "xwayland":
        return _xwayland(session, "placement = xwayland")
    if preference == "x11":
        return _x11(session)
    if preference == "window":
        return Choice("window", "placement = window: the window system places the popups")
    return f"unknown mechanism {preference!r}"


def _automatic(session: Session, probe: Probe, has_pywayland: Callable[[], bool]) -> Choice:
    if not session.linux_like:
        return Choice("native", f"{_platform_name(session.platform)}: popups are tool windows above the work area")
    if session.qpa in _NON_DESKTOP_QPA:
        return Choice("native", f"QT_QPA_PLATFORM={session.qpa}: no desktop to place popups on")
    if session.wayland_display:
        layer = _layer_shell(session, probe, has_pywayland)
        if isinstance(layer, Choice):
            return layer
        xwayland = _xwayland(session, layer)
        if isinstance(xwayland, Choice):
            return xwayland
        return Choice("window", f"{layer}, and no XWayland", warnings=(_plain_windows_warning(session, layer),))
    x11 = _x11(session)
    if isinstance(x11, Choice):
        return x11
    return Choice("native", "no display is set (neither WAYLAND_DISPLAY nor DISPLAY)")


def _plain_windows_warning(session: Session, why: str) -> str:
    return (
        f"popups are plain windows here: {why} and XWayland is not running (DISPLAY is not set), "
        f"so {session.name()} places them itself (often centred, one on top of another) and may give them the keyboard. "
        "Install Xwayland (Debian/Ubuntu: sudo apt install xwayland; Fedora: sudo dnf install xorg-x11-server-Xwayland) "
        "and let the compositor start it, or use a compositor with wlr-layer-shell (sway, KDE Plasma, Hyprland)"
    )


def _platform_name(platform: str) -> str:
    return {"win32": "Windows", "cygwin": "Windows", "darwin": "macOS"}.get(platform, platform)
