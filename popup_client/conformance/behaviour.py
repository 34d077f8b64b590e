"""Checks that drive a popup with real input: clicks, Esc, its first frame, focus.

Input goes through the popup's window (``QTest`` on the ``QWindow``), so Qt
itself hit-tests and routes it as it routes a user's click: a control under
an image does not get the click. Spies watch what a popup must not do:

- :class:`UrlSpy` — every URL handed to ``QDesktopServices.openUrl`` (URL
  handlers for the usual schemes) or to Python's ``webbrowser``;
- :class:`WindowSpy` — top-level windows that appear;
- :class:`FirstPaintSpy` — the close control's state when the popup's first
  frame, and the control itself, are painted;
- :class:`ActivationSpy` — Qt's warning that a window which refuses focus
  asked to be activated.

Focus on the ``offscreen`` and ``minimal`` platforms cannot be measured: they
give focus to every window shown, whatever its flags. There the kit holds
the popup to ``WindowDoesNotAcceptFocus`` (with which Qt refuses to activate
it) and to never asking for activation; on a real window system it also
checks that a focused window keeps the focus.
"""

from __future__ import annotations

import logging
import webbrowser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QtMsgType, QUrl, Slot, qInstallMessageHandler
from PySide6.QtGui import QDesktopServices, QGuiApplication, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget

from . import locate as L
from .model import CheckResult, not_applicable
from .paint import record_text

log = logging.getLogger(__name__)

URL_SCHEMES = ("http", "https", "file", "mailto", "ftp", "tel", "sms", "weixin", "alipays", "taobao", "market")
NO_FOCUS_PLATFORMS = ("offscreen", "minimal", "vnc")
SAMPLE_MS = 50
WHY_AD_KEYS = ("广告主", "付费方", "推送原因")


def _why_key_shown(key: str, text: str) -> bool:
    """The key, or (under a translator) the translation of its label 「key：」, appears."""
    from .static import spellings

    return key in text or any(s.rstrip(":： ") in text for s in spellings(key + "："))


# ----------------------------------------------------------------- spies


class UrlSpy(QObject):
    """Catches URLs opened through QDesktopServices (by scheme) and Python's webbrowser module."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._saved: dict[str, Any] = {}

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url.toString())

    def _browser(self, url: str, *args: Any, **kwargs: Any) -> bool:  # noqa: ARG002
        self.urls.append(str(url))
        return True

    def __enter__(self) -> UrlSpy:
        for scheme in URL_SCHEMES:
            QDesktopServices.setUrlHandler(scheme, self, "handle")  # type: ignore[arg-type]
        for name in ("open", "open_new", "open_new_tab"):
            self._saved[name] = getattr(webbrowser, name)
            setattr(webbrowser, name, self._browser)
        return self

    def __exit__(self, *exc: object) -> None:
        for scheme in URL_SCHEMES:
            QDesktopServices.unsetUrlHandler(scheme)
        for name, value in self._saved.items():
            setattr(webbrowser, name, value)

    def mark(self) -> int:
        return len(self.urls)

    def since(self, mark: int) -> list[str]:
        return self.urls[mark:]


def _visible_windows() -> list[QObject]:
    widgets: list[QObject] = [w for w in QApplication.topLevelWidgets() if w.isVisible() and type(w).__name__ != "QTipLabel"]
    handles = {w.windowHandle() for w in QApplication.topLevelWidgets() if isinstance(w, QWidget)}
    windows: list[QObject] = [w for w in QGuiApplication.topLevelWindows() if w.isVisible() and w not in handles]
    return widgets + windows


class WindowSpy:
    """Top-level windows that became visible since :meth:`mark`."""

    def __init__(self, *ignore: QObject) -> None:
        self._ignore = list(ignore)
        self._before: list[QObject] = []

    def mark(self) -> None:
        self._before = _visible_windows()

    def ignore(self, obj: QObject) -> None:
        self._ignore.append(obj)

    def new(self) -> list[str]:
        out = []
        for window in _visible_windows():
            if any(window is x for x in self._before) or any(window is x for x in self._ignore):
                continue
            out.append(L.describe(window) if isinstance(window, QWidget) else type(window).__name__)
        return out


@dataclass
class PaintState:
    enabled: bool
    visible: bool


class FirstPaintSpy(QObject):
    """Records, for every window first painted while installed, the close control's state then."""

    def __init__(self) -> None:
        super().__init__()
        self.window_frames: list[tuple[QWidget, PaintState | None]] = []
        self.control_frames: list[tuple[QWidget, PaintState]] = []
        self._seen: set[int] = set()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or not isinstance(obj, QWidget) or id(obj) in self._seen:
            return False
        if obj.isWindow():
            self._seen.add(id(obj))
            close = L.find(obj, "close")
            state = PaintState(close.isEnabled(), close.isVisibleTo(obj)) if close is not None else None
            self.window_frames.append((obj, state))
        elif obj.objectName() == L.CONTROLS["close"].object_name or obj.accessibleName() == L.CONTROLS["close"].accessible_name:
            self._seen.add(id(obj))
            self.control_frames.append((obj, PaintState(obj.isEnabled(), obj.isVisible())))
        return False

    def window_state(self, popup: QWidget) -> tuple[bool, PaintState | None]:
        for window, state in self.window_frames:
            if window is popup:
                return True, state
        return False, None

    def control_state(self, popup: QWidget) -> PaintState | None:
        for control, state in self.control_frames:
            if control.window() is popup:
                return state
        return None


class ActivationSpy:
    """Collects Qt's warnings that a window refusing focus asked to be activated."""

    MARKER = "requestActivate() called for"

    def __init__(self) -> None:
        self.requests: list[str] = []
        self._previous: Any = None

    def _handler(self, kind: QtMsgType, context: Any, message: str) -> None:
        if self.MARKER in message:
            self.requests.append(message.strip())
        elif self._previous is not None:
            self._previous(kind, context, message)

    def __enter__(self) -> ActivationSpy:
        self._previous = qInstallMessageHandler(self._handler)
        return self

    def __exit__(self, *exc: object) -> None:
        qInstallMessageHandler(self._previous)


@contextmanager
def app_filter(spy: QObject) -> Iterator[None]:
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(spy)
    try:
        yield
    finally:
        app.removeEventFilter(spy)


# ----------------------------------------------------------------- input


def wait(ms: int) -> None:
    QTest.qWait(ms)


def settle(popup: QWidget) -> None:
    """Let a just-shown popup be exposed and painted."""
    if not popup.isVisible():
        popup.show()
    handle = popup.windowHandle()
    if handle is not None and not popup.testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen):
        QTest.qWaitForWindowExposed(handle, 1000)
    QApplication.processEvents()
    QApplication.processEvents()


def window_point(popup: QWidget, point: QPoint) -> QPoint:
    """A point of ``popup`` in its QWindow's coordinates."""
    return popup.mapTo(popup.window(), point) if popup.window() is not popup else point


def click(popup: QWidget, point: QPoint) -> None:
    """A left click at ``point`` (popup coordinates) through the window, as a user's click arrives."""
    handle = _handle(popup)
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, window_point(popup, point))


def press_escape(popup: QWidget) -> None:
    QTest.keyClick(_handle(popup), Qt.Key.Key_Escape)


def _handle(popup: QWidget) -> QWindow:
    handle = popup.window().windowHandle()
    if handle is None:
        popup.window().winId()
        handle = popup.window().windowHandle()
    assert handle is not None
    return handle


# ----------------------------------------------------------------- the phases


Factory = Callable[[], QWidget]


@dataclass
class Appearance:
    """What happened while a fresh popup appeared."""

    popup: QWidget
    first_window: tuple[bool, PaintState | None]
    first_control: PaintState | None
    stayed_enabled: bool
    samples: int
    activation_requests: list[str]
    focus: CheckResult
    checks: list[CheckResult] = field(default_factory=list)


def focus_measurable(on_screen: bool) -> str | None:
    """Why focus cannot be measured here, or None if it can."""
    platform = QGuiApplication.platformName()
    if platform in NO_FOCUS_PLATFORMS:
        return f"the {platform} platform focuses every window shown, whatever its flags"
    if not on_screen:
        return "the popup is rendered without being mapped on screen"
    return None


def _user_window() -> tuple[QWidget, QLineEdit] | None:
    """A focused ordinary window, standing for the user's; None if the window system will not focus it."""
    window = QWidget()
    window.setObjectName("conformance_user_window")
    window.setWindowTitle("conformance: the user's window")
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


def appear(factory: Factory, *, on_screen: bool, settle_ms: int) -> Appearance:
    """Show a fresh popup from ``factory`` with the first-frame, activation and focus spies on."""
    why_not = focus_measurable(on_screen)
    user = _user_window() if why_not is None else None
    if why_not is None and user is None:
        why_not = "the window system did not focus a test window"
    spy = FirstPaintSpy()
    with ActivationSpy() as activation, app_filter(spy):
        popup = factory()
        settle(popup)
        close = L.find(popup, "close")
        stayed, samples = True, 0
        for _ in range(max(1, settle_ms // SAMPLE_MS)):
            wait(SAMPLE_MS)
            if close is not None and popup.isVisible():
                samples += 1
                stayed = stayed and close.isEnabled() and close.isVisibleTo(popup)
    focus = _focus_result(popup, user, why_not)
    if user is not None:
        user[0].close()
        user[0].deleteLater()
    return Appearance(popup, spy.window_state(popup), spy.control_state(popup), stayed, samples,
                      activation.requests, focus)  # fmt: skip


def _focus_result(popup: QWidget, user: tuple[QWidget, QLineEdit] | None, why_not: str | None) -> CheckResult:
    rule, name = "ui-no-focus-steal", "focus-kept"
    if user is None:
        return not_applicable(rule, name, f"not measurable: {why_not}")
    window, edit = user
    active = QApplication.activeWindow()
    kept = active is window and QApplication.focusWidget() is edit
    measured = "kept by the user's window" if kept else f"moved to {L.describe(active) if active else 'no window'}"
    return CheckResult(rule, name, kept, measured, "the focused window keeps focus", "a focused window, then the popup")


def first_frame_checks(seen: Appearance) -> list[CheckResult]:
    rule = "ui-close"
    painted, state = seen.first_window
    control = seen.first_control
    if not painted:
        measured, ok = "the popup was never painted", False
    elif state is None:
        measured, ok = "no close control in the first frame", False
    else:
        ok = state.enabled and state.visible and (control is None or (control.enabled and control.visible))
        measured = f"visible: {'yes' if state.visible else 'no'}, enabled: {'yes' if state.enabled else 'no'}"
        if control is not None and (not control.enabled or not control.visible):
            measured += " (disabled when first painted)" if not control.enabled else " (hidden when first painted)"
    stayed = seen.stayed_enabled and seen.samples > 0
    return [
        CheckResult(rule, "close-first-frame", ok, measured, "visible and enabled in the first frame",
                    "the close control's state when the popup's first frame and the control were painted"),
        CheckResult(rule, "close-stays-enabled", stayed,
                    f"{'enabled' if stayed else 'not enabled'} in {seen.samples} samples", "enabled throughout",
                    f"sampled every {SAMPLE_MS} ms after showing"),
    ]  # fmt: skip


def activation_checks(seen: Appearance) -> list[CheckResult]:
    asked = len(seen.activation_requests)
    return [
        CheckResult("ui-no-focus-steal", "no-activation-request", asked == 0, f"{asked} activation requests", "0",
                    "Qt reports a window that refuses focus asking to be activated"),
        seen.focus,
    ]  # fmt: skip


def _close_by_click(popup: QWidget) -> tuple[bool, str]:
    close = L.find(popup, "close")
    if close is None or not L.is_shown(popup, close):
        return False, "no close control to click"
    click(popup, L.rect_in(popup, close).center())
    return not popup.isVisible(), "one click at the centre of " + L.describe(close)


def _close_by_escape(popup: QWidget) -> tuple[bool, str]:
    press_escape(popup)
    return not popup.isVisible(), "Esc sent to the popup's window"


def closing_checks(factory: Factory, release: Callable[[QWidget], None], settle_ms: int) -> list[CheckResult]:
    """One click on close, and Esc, each on a fresh popup: hidden at once, still hidden later, nothing opened.

    Two distinct popups are closed together and watched for one settling
    time; a factory that re-shows one widget gets them one after the other.
    """
    rule = "ui-one-click"
    outcome: dict[str, tuple[bool, str]] = {}
    came_back: list[str] = []
    opened: list[str] = []

    def run(batch: list[tuple[str, Callable[[QWidget], tuple[bool, str]], QWidget]]) -> None:
        for _, _, popup in batch:
            settle(popup)
        windows = WindowSpy(*(popup for _, _, popup in batch))
        windows.mark()
        with UrlSpy() as urls:
            for how, act, popup in batch:
                outcome[how] = act(popup)
            wait(settle_ms)
            opened.extend(urls.urls + windows.new())
        came_back.extend(how for how, _, popup in batch if outcome[how][0] and popup.isVisible())
        for _, _, popup in batch:
            release(popup)

    first, second = factory(), factory()
    if first is not second:
        run([("click", _close_by_click, first), ("Esc", _close_by_escape, second)])
    else:
        run([("click", _close_by_click, first)])
        run([("Esc", _close_by_escape, factory())])
    click_ok, click_how = outcome["click"]
    key_ok, key_how = outcome["Esc"]
    return [
        CheckResult(rule, "one-click-closes", click_ok, f"hidden after one click: {'yes' if click_ok else 'no'}",
                    "hidden at once", click_how),
        CheckResult(rule, "esc-closes", key_ok, f"hidden after Esc: {'yes' if key_ok else 'no'}", "hidden at once",
                    key_how),
        CheckResult(rule, "stays-closed", not came_back,
                    "shown again after " + " and ".join(came_back) if came_back else "stayed hidden",
                    f"still hidden {settle_ms} ms later"),
        CheckResult(rule, "close-opens-nothing", not opened, ", ".join(opened) if opened else "nothing opened",
                    "no URL, no window"),
    ]  # fmt: skip


def _is_button_at(popup: QWidget, point: QPoint) -> bool:
    widget: QWidget | None = L.hit(popup, point)
    while widget is not None and widget is not popup:
        if isinstance(widget, QAbstractButton):
            return True
        widget = widget.parentWidget()
    return False


def hot_zone_points(popup: QWidget) -> list[tuple[str, QPoint]]:
    """Points on body, image and header (named parts' centres, then a grid), never on a button."""
    points: list[tuple[str, QPoint]] = []
    for key in ("header", "provider", "icon", "ad_label", "unverified", "title", "body", "image", "content", "source",
                "advertiser"):  # fmt: skip
        widget = L.find(popup, key)
        if L.is_shown(popup, widget) and widget is not None:
            points.append((L.describe(widget), L.rect_in(popup, widget).center()))
    width, height = popup.width(), popup.height()
    for row in range(4):
        for col in range(6):
            points.append(("grid", QPoint(round((col + 0.5) * width / 6), round((row + 0.5) * height / 4))))
    inside = QRect(QPoint(0, 0), popup.size())
    return [(name, p) for name, p in points if inside.contains(p) and not _is_button_at(popup, p)]


def hot_zone_checks(factory: Factory, release: Callable[[QWidget], None], kind: str | None, settle_ms: int) -> list[CheckResult]:
    rule, name = "ui-no-hot-zone", "clicks-open-nothing"
    if kind not in ("ad", "news", "content"):
        why = "the popup's kind is unknown (pass kind=)" if kind is None else f"a {kind} popup may act on a body click"
        return [not_applicable(rule, name, why)]
    popup = factory()
    settle(popup)
    points = hot_zone_points(popup)
    windows = WindowSpy(popup)
    windows.mark()
    clicked: list[str] = []
    with UrlSpy() as urls:
        for label, point in points:
            if not popup.isVisible():
                break
            mark = urls.mark()
            click(popup, point)
            wait(1)
            clicked.append(label)
            if urls.since(mark):
                clicked[-1] += f" → {urls.since(mark)[0]}"
        wait(settle_ms)
        opened = urls.urls + windows.new()
    release(popup)
    named = sorted({c.split(" →")[0] for c in clicked if c != "grid"})
    detail = f"{len(clicked)} clicks on {', '.join(named)} and a 6×4 grid, buttons excepted"
    first = next((c for c in clicked if "→" in c), "")
    return [CheckResult(rule, name, not opened and bool(clicked),
                        ", ".join(opened[:3]) + (f" (clicking {first.split(' →')[0]})" if first else "")
                        if opened else f"nothing opened ({len(clicked)} clicks)", "no URL, no window", detail)]  # fmt: skip


def why_ad_checks(popup: QWidget, kind: str | None) -> list[CheckResult]:
    """Click 「为什么看到此广告」 (if the popup does not show it all already) and read what is shown."""
    rule, name = "ui-why-ad", "why-ad-shows"
    if kind != "ad":
        return [not_applicable(rule, name, "not an ad" if kind else "the popup's kind is unknown (pass kind=)")]
    before = record_text(popup).all_text()
    how = "shown without a click"
    if not all(_why_key_shown(key, before) for key in WHY_AD_KEYS):
        control = L.find(popup, "why_ad")
        if control is None or not L.is_shown(popup, control):
            return [CheckResult(rule, name, False, "no 「为什么看到此广告」 control", "advertiser, payer, targeting shown")]
        windows = WindowSpy(popup)
        windows.mark()
        click(popup, L.rect_in(popup, control).center())
        wait(1)
        how = "after one click on " + L.describe(control)
        before = record_text(popup).all_text() + "\n" + _new_window_text(windows)
    found = [key for key in WHY_AD_KEYS if _why_key_shown(key, before)]
    missing = [key for key in WHY_AD_KEYS if not _why_key_shown(key, before)]
    measured = "shows " + "、".join(found) if not missing else "missing " + "、".join(missing)
    return [CheckResult(rule, name, not missing, measured, "「广告主」「付费方」「推送原因」 shown", how)]


def _new_window_text(windows: WindowSpy) -> str:
    texts = []
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and L.describe(widget) in windows.new():
            texts.append(record_text(widget).all_text())
    return "\n".join(texts)
