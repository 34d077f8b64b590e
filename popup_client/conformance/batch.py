"""The behaviour run: fresh popups shown together, clicked, then watched once for ``watch_ms``.

Every input the kit sends goes to a popup of its own, made for it by the
factory and registered with the :class:`~popup_client.conformance.observe.Observer`
under a role:

- ``shown`` — shown and never touched: first frame, focus, what a popup
  does by itself;
- ``grid`` — one real click each, at the close control's centre first, then
  at a 4 × 4 grid of points spread over its whole hit area;
- ``esc`` — Esc;
- ``hot`` — the mouse moved over, then a click on, every part that is not
  a labelled action, and a double click on each named part and widget (ad,
  news and content popups);
- ``near`` — clicks in the 8 px around the close control, to find what
  takes a click there.

They are made, shown and clicked one after another in a fraction of a
second (the grid and Esc popups are all shown before any is clicked), then
the kit watches them all for one ``watch_ms`` (2 s by default), so every
popup is watched at least that long after it was shown and after it was
clicked, and the check takes about ``watch_ms`` plus the clicks. If
something happens that no popup can be named for, each group of roles is
run again alone (:func:`_isolate`). Each observation belongs to the popup that
caused it (see :mod:`~popup_client.conformance.observe`). Given a single
widget, the kit shows it again for each role, one after the other, then
watches once: late effects are then counted against the role that was
running when they came.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from . import locate as L
from .inputs import click, double_click, hover, leave, press_escape, settle, wait
from .observe import Observer, alive

log = logging.getLogger(__name__)

NO_FOCUS_PLATFORMS = ("offscreen", "minimal", "vnc")
SAMPLE_MS = 50
GRID = 4
#: Distances from the close control's edge at which the kit probes for anything taking a click.
NEAR_DISTANCES = (1, 4, 7)
NEAR_STEP = 6
REUSED_SAMPLE_MS = 300
MAX_FRESH = 4
ROLES = ("shown", "grid", "esc", "hot", "near")
UNKNOWN_KINDS = ("url", "window", "activation")  # popups a sequence of clicks may use up (a click that closes one)
Factory = Callable[[], QWidget]


@dataclass
class Probe:
    """A click the kit made and what came of it."""

    role: str
    point: QPoint
    popup: QWidget
    closed: bool = False
    taker: QWidget | None = None  # the widget that took the mouse press (None: nobody below the window)
    label: str = ""
    taker_is_close: bool = False
    taker_name: str = ""
    visible_after: bool = False  # still (or again) visible when the watch ended


@dataclass
class Run:
    """Everything one behaviour run saw."""

    observer: Observer
    shown: QWidget
    probes: list[Probe] = field(default_factory=list)
    close_rect: QRect | None = None
    stayed_enabled: bool = True
    samples: int = 0
    flag_kept: bool = True
    focus_why_not: str | None = None
    focus_kept: bool | None = None
    focus_to: str = ""
    watch_ms: int = 0
    seconds: float = 0.0
    reused: bool = False

    def of(self, role: str) -> list[Probe]:
        return [p for p in self.probes if p.role == role]


def focus_measurable(on_screen: bool) -> str | None:
    """Why focus cannot be measured here, or None if it can."""
    platform = QGuiApplication.platformName()
    if platform in NO_FOCUS_PLATFORMS:
        return f"the {platform} platform focuses every window shown, whatever its flags (no real window system)"
    if not on_screen:
        return "the popup is rendered without being mapped on screen"
    return None


def _user_window(observer: Observer) -> tuple[QWidget, QLineEdit] | None:
    """A focused ordinary window, standing for the user's; None if the window system will not focus it."""
    window = QWidget()
    window.setObjectName("conformance_user_window")
    window.setWindowTitle("conformance: the user's window")
    observer.ignore(window)
    edit = QLineEdit(window)
    window.resize(240, 60)
    window.show()
    window.activateWindow()
    edit.setFocus()
    for _ in range(40):
        if QApplication.activeWindow() is window:
            return window, edit
        wait(25)
    window.close()
    window.deleteLater()
    return None


def grid_points(rect: QRect) -> list[QPoint]:
    """The centre, then a GRID × GRID grid from 1 px inside one edge to 1 px inside the other."""
    points = [rect.center()]
    for row in range(GRID):
        for col in range(GRID):
            x = rect.left() + 1 + round(col * (rect.width() - 3) / (GRID - 1))
            y = rect.top() + 1 + round(row * (rect.height() - 3) / (GRID - 1))
            points.append(QPoint(x, y))
    return points


def near_points(popup: QWidget, rect: QRect) -> list[QPoint]:
    """Points 1, 4 and 7 px outside each edge of ``rect``, every few px along it, inside the popup."""
    inside = QRect(QPoint(0, 0), popup.size())
    out: list[QPoint] = []
    for d in NEAR_DISTANCES:
        ring = rect.adjusted(-d, -d, d, d)
        xs = list(range(ring.left(), ring.right() + 1, NEAR_STEP)) + [ring.right()]
        ys = list(range(ring.top(), ring.bottom() + 1, NEAR_STEP)) + [ring.bottom()]
        out += [QPoint(x, ring.top()) for x in xs] + [QPoint(x, ring.bottom()) for x in xs]
        out += [QPoint(ring.left(), y) for y in ys] + [QPoint(ring.right(), y) for y in ys]
    return [p for p in out if inside.contains(p) and not rect.contains(p)]


def labelled_actions(popup: QWidget) -> list[QWidget]:
    """The controls a click may act through: close, 「查看详情」, 「举报」, ⋯, 「为什么看到此广告」."""
    found = [L.find(popup, key) for key in ("close", "details", "report", "more", "why_ad")]
    return [w for w in found if w is not None and L.is_shown(popup, w)]


def on_labelled(popup: QWidget, point: QPoint) -> bool:
    target = L.hit(popup, point)
    return any(w is target or w.isAncestorOf(target) for w in labelled_actions(popup))


def hot_points(popup: QWidget) -> list[tuple[str, QPoint]]:
    """Text, provider, badge, image, background: named parts' centres and a 6 × 4 grid, labelled actions excepted."""
    points: list[tuple[str, QPoint]] = []
    for key in ("header", "provider", "icon", "ad_label", "unverified", "title", "body", "image", "content", "source",
                "advertiser"):  # fmt: skip
        widget = L.find(popup, key)
        if widget is not None and L.is_shown(popup, widget):
            points.append((L.describe(widget), L.rect_in(popup, widget).center()))
    for widget in L.widgets_in(popup):  # every other widget's centre: unnamed buttons, clickable labels
        if L.is_shown(popup, widget) and not widget.children():
            points.append((L.describe(widget), L.rect_in(popup, widget).center()))
    width, height = popup.width(), popup.height()
    for row in range(4):
        for col in range(6):
            points.append(("grid", QPoint(round((col + 0.5) * width / 6), round((row + 0.5) * height / 4))))
    inside = QRect(QPoint(0, 0), popup.size())
    return [(name, p) for name, p in points if inside.contains(p) and not on_labelled(popup, p)]


class Batch:
    """Makes, shows, clicks and watches the popups of one behaviour run."""

    def __init__(self, observer: Observer, factory: Factory, release: Callable[[QWidget], None], *,
                 reused: bool, kind_hot: bool) -> None:  # fmt: skip
        self.observer = observer
        self.factory = factory
        self.release = release
        self.reused = reused
        self.kind_hot = kind_hot
        self.made: list[QWidget] = []

    def fresh(self, role: str) -> QWidget:
        if self.reused:  # one widget for every role: what comes with no source belongs to the role running
            self.observer.default_role = role
        with self.observer.creating():
            popup = self.factory()
        self.observer.adopt(popup, role)
        settle(popup)
        if not any(popup is p for p in self.made):
            self.made.append(popup)
        return popup

    def _click(self, probe: Probe) -> Probe:
        popup = probe.popup
        self.observer.presses.clear()
        with self.observer.acting(popup):
            if probe.role == "esc":
                press_escape(popup)
            else:
                entered = hover(popup, probe.point) if probe.role == "hot" else []  # hovering must open nothing
                click(popup, probe.point)
                if popup.isVisible():
                    leave(entered)
        below_window = [w for w in self.observer.presses if w is not popup]
        probe.taker = below_window[-1] if below_window and self.observer.presses[-1] is not popup else None
        if probe.taker is not None:
            close = L.find(popup, "close")
            probe.taker_is_close = close is not None and L.is_related(probe.taker, close)
            probe.taker_name = L.describe(probe.taker)
        probe.closed = not popup.isVisible()
        entry = self.observer.entry(popup)
        if probe.closed and entry is not None and entry.closed_at is None:
            entry.closed_at = time.monotonic()
        return probe

    def close_probes(self, rect: QRect) -> list[Probe]:
        """Grid and Esc popups, all made first (factory mode), then clicked."""
        plan = [("grid", p) for p in grid_points(rect)] + [("esc", rect.center())]
        if self.reused:
            return [self._click(Probe(role, point, self.fresh(role))) for role, point in plan]
        probes = [Probe(role, point, self.fresh(role)) for role, point in plan]
        return [self._click(p) for p in probes]

    def sequence(self, role: str, points: list[tuple[str, QPoint]]) -> list[Probe]:
        """Clicks one after another on one popup; a fresh one when a click closed it."""
        probes: list[Probe] = []
        popup, used = self.fresh(role), 1
        for label, point in points:
            if not popup.isVisible():
                if used >= MAX_FRESH:
                    break
                popup, used = self.fresh(role), used + 1
            before = len(self.observer.of(popup, "url", "window"))
            probe = self._click(Probe(role, point, popup, label=label))
            if role == "hot" and label != "grid" and popup.isVisible():  # and a double click on each part
                with self.observer.acting(popup):
                    double_click(popup, point)
            if len(self.observer.of(popup, "url", "window")) > before:
                probe.label += " → " + self.observer.of(popup, "url", "window")[-1].what
            probes.append(probe)
        return probes

    def finish(self) -> None:
        self.observer.recording = False
        try:
            for popup in self.made:
                if alive(popup):
                    self.release(popup)
            QApplication.processEvents()
        finally:
            self.observer.recording = True


def run_batch(observer: Observer, factory: Factory, release: Callable[[QWidget], None], *, on_screen: bool,
              reused: bool, kind_hot: bool, watch_ms: int) -> Run:  # fmt: skip
    """Show, click and watch; see the module's docstring."""
    started = time.monotonic()
    why_not = focus_measurable(on_screen)
    user = _user_window(observer) if why_not is None else None
    if why_not is None and user is None:
        why_not = "the window system did not focus a test window (no window manager?)"
    batch = Batch(observer, factory, release, reused=reused, kind_hot=kind_hot)
    run = _act(batch, ROLES, watch_ms, reused=reused)
    run.focus_why_not = why_not
    window = run.shown.window()
    run.flag_kept = bool(window.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus)
    if user is not None:
        active = QApplication.activeWindow()
        run.focus_kept = active is user[0] and QApplication.focusWidget() is user[1]
        run.focus_to = "kept by the user's window" if run.focus_kept else f"moved to {L.describe(active)}"
        user[0].close()
        user[0].deleteLater()
    for probe in run.probes:
        probe.visible_after = alive(probe.popup) and probe.popup.isVisible()
    batch.finish()
    observer.default_role = None
    if not reused and observer.unknown(*UNKNOWN_KINDS):
        _isolate(observer, factory, release, kind_hot=kind_hot, watch_ms=watch_ms)
    run.seconds = time.monotonic() - started
    return run


def _act(batch: Batch, roles: tuple[str, ...], watch_ms: int, *, reused: bool) -> Run:
    """Show the ``shown`` popup, perform ``roles``' clicks, watch."""
    shown = batch.fresh("shown")
    close = L.find(shown, "close")
    run = Run(batch.observer, shown, watch_ms=watch_ms, reused=reused)
    if reused:  # the one widget is closed by the clicks below: sample its close control now
        _watch(run, close, min(watch_ms, REUSED_SAMPLE_MS))
    if close is not None and L.is_shown(shown, close):
        run.close_rect = L.rect_in(shown, close)
        if "grid" in roles:
            run.probes += batch.close_probes(run.close_rect)
        if "near" in roles:
            near = [("near", p) for p in near_points(shown, run.close_rect) if not on_labelled(shown, p)]
            run.probes += batch.sequence("near", near)
    if "hot" in roles and batch.kind_hot:
        run.probes += batch.sequence("hot", hot_points(shown))
    _watch(run, close, watch_ms)
    return run


def _isolate(observer: Observer, factory: Factory, release: Callable[[QWidget], None], *, kind_hot: bool,
             watch_ms: int) -> None:  # fmt: skip
    """Something of unknown source happened: run each role alone, so what happens then is that role's.

    Only a popup that misbehaves pays for this (a watch per role).
    """
    observer.observations = [o for o in observer.observations if o.role is not None or o.kind not in UNKNOWN_KINDS]
    for group in (("shown",), ("shown", "grid"), ("shown", "hot"), ("shown", "near")):
        observer.default_role = group[-1]
        batch = Batch(observer, factory, release, reused=False, kind_hot=kind_hot)
        _act(batch, group, watch_ms, reused=False)
        batch.finish()
    observer.default_role = None


def _watch(run: Run, close: QWidget | None, watch_ms: int) -> None:
    """Wait ``watch_ms``, sampling the untouched popup's close control."""
    deadline = time.monotonic() + watch_ms / 1000
    while True:
        wait(SAMPLE_MS)
        if close is not None and alive(close) and run.shown.isVisible():
            run.samples += 1
            run.stayed_enabled = run.stayed_enabled and close.isEnabled() and close.isVisibleTo(run.shown)
        if time.monotonic() >= deadline:
            break
