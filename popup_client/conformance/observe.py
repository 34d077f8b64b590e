"""What popups do while the kit watches, each observation attributed to the popup that caused it.

One :class:`Observer` is installed for the length of one check
(:func:`observing`); it sees

- every URL handed to ``QDesktopServices.openUrl`` (handlers for the usual
  schemes) or to Python's ``webbrowser``, and every program started through
  Python's ``subprocess`` or ``os.system`` (``xdg-open URL``) — none of them
  reaches a browser: the program is refused (``OSError``);
- every top-level window shown (a popup shown again, a second window);
- each popup's first frame and its close control's state then;
- which widgets a mouse press travels through (the last one took it);
- Qt's warning that a window refusing focus asked to be activated, and
  windows that became active.

**Attribution.** An observation belongs to the popup whose code caused it:
the Python frames between the event and the kit's own frames are searched
for a widget of a registered popup (``self`` of a method, a variable a
lambda closes over); a window shown with a popup as parent belongs to it;
else, what happens while the kit is clicking a popup belongs to that popup.
What none of these name is kept with ``popup=None`` ("source unknown"). A
popup checked earlier in the same process is remembered, so its late
effects are reported as its own, never as the popup being checked now's.
"""

from __future__ import annotations

import inspect
import logging
import os
import subprocess
import time
import webbrowser
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from PySide6.QtCore import QEvent, QObject, QtMsgType, QUrl, Slot, qInstallMessageHandler
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QWidget

from . import locate as L
from . import quarantine
from .quarantine import URL_SCHEMES

log = logging.getLogger(__name__)

ACTIVATION_MARKER = "requestActivate() called for"
_KIT_DIR = str(Path(__file__).resolve().parent)
#: Popups checked earlier in this process (popup object, what it was called), newest last.
_EARLIER: list[tuple[QWidget, str]] = []
_EARLIER_MAX = 500


def alive(widget: Any) -> bool:
    """Whether ``widget``'s C++ object still exists."""
    try:
        import shiboken6

        return bool(shiboken6.isValid(widget))
    except ImportError:  # pragma: no cover - shiboken ships with PySide6
        return True


@dataclass
class Observation:
    """One thing a popup did: ``kind`` is ``url``, ``window``, ``shown``, ``activation`` or ``active``."""

    at: float
    kind: str
    what: str
    popup: QWidget | None
    how: str
    role: str | None = None

    def line(self) -> str:
        return f"{self.what} ({self.how})"


@dataclass
class FirstFrame:
    """The close control's state when a popup's first frame (and the control's) was painted."""

    window_painted: bool = False
    close_in_frame: bool | None = None  # None: no close control in the first frame
    enabled: bool = False
    visible: bool = False
    control_enabled: bool | None = None
    control_visible: bool | None = None


@dataclass
class Registered:
    popup: QWidget
    role: str
    frame: FirstFrame = field(default_factory=FirstFrame)
    closed_at: float | None = None


class Observer(QObject):
    """Watches the application for one check; see the module's docstring."""

    def __init__(self, subject: str) -> None:
        super().__init__()
        self.subject = subject
        self.popups: list[Registered] = []
        self.observations: list[Observation] = []
        self.earlier: list[str] = []  # late effects of popups checked before, for the notes
        self.presses: list[QWidget] = []
        self.ignored: list[QObject] = []
        self._acting: QWidget | None = None
        self.recording = True  # False while the kit itself hides its popups (their hide handlers are not the user's doing)
        self.default_role: str | None = None  # the role of an observation whose source is unknown (isolated runs)
        self._created: list[QWidget] | None = None
        self._pending: dict[int, FirstFrame] = {}
        self._saved: dict[str, Any] = {}
        self._previous_handler: Any = None

    # ------------------------------------------------------------ registry

    def register(self, popup: QWidget, role: str) -> Registered:
        entry = Registered(popup, role)
        self.popups.append(entry)
        return entry

    def entry(self, popup: QWidget | None) -> Registered | None:
        """The popup's latest registration (a re-shown widget is registered once per role)."""
        for item in reversed(self.popups):
            if item.popup is popup:
                return item
        return None

    @contextmanager
    def creating(self) -> Iterator[list[QWidget]]:
        """Windows shown inside this block are held; :meth:`adopt` then sorts the popup from extra windows."""
        self._created = []
        try:
            yield self._created
        except BaseException:
            self._created = None
            raise

    def adopt(self, popup: QWidget, role: str) -> Registered:
        """Register ``popup`` made in :meth:`creating`: other windows shown meanwhile are its doing."""
        entry = self.register(popup, role)
        frame = self._pending.pop(id(popup), None)
        self._pending.clear()
        if frame is not None:
            entry.frame = frame
        for window in self._created or []:
            if window is not popup and not popup.isAncestorOf(window):
                self._record(popup, "window", f"a window {L.describe(window)} appeared with it", "shown by its factory")
        self._created = None
        return entry

    def ignore(self, obj: QObject) -> None:
        """A window of the kit's own (the stand-in for the user's window)."""
        self.ignored.append(obj)

    @contextmanager
    def acting(self, popup: QWidget) -> Iterator[None]:
        """What happens inside this block, with no better evidence, is ``popup``'s doing."""
        self._acting = popup
        try:
            yield
        finally:
            self._acting = None

    def of(self, popup: QWidget, *kinds: str) -> list[Observation]:
        return [o for o in self.observations if o.popup is popup and (not kinds or o.kind in kinds)]

    def unknown(self, *kinds: str) -> list[Observation]:
        """Observations no popup or role could be named for."""
        return [o for o in self.observations if o.popup is None and o.role is None and o.kind in kinds]

    # ------------------------------------------------------------ attribution

    def _popup_of_widget(self, widget: QWidget) -> tuple[QWidget | None, str | None]:
        """(registered popup, None) or (None, earlier subject) or (None, None) for ``widget``."""
        if not alive(widget):  # deleted: only a popup itself can still be recognised, by identity
            for item in reversed(self.popups):
                if item.popup is widget:
                    return item.popup, None
            for popup, name in _EARLIER:
                if popup is widget:
                    return None, name
            return None, None
        window = widget.window()
        for item in self.popups:
            if item.popup is window or item.popup is widget:
                return item.popup, None
        for popup, name in _EARLIER:
            if popup is window or popup is widget:
                return None, name
        return None, None

    def _from_stack(self, frame: FrameType | None) -> tuple[QWidget | None, str | None]:
        while frame is not None and frame.f_code.co_filename.startswith(_KIT_DIR):
            frame = frame.f_back  # the kit's own hooks
        while frame is not None:
            if frame.f_code.co_filename.startswith(_KIT_DIR):
                break
            values = list(frame.f_locals.values())
            owner = frame.f_locals.get("self")  # the code's own object first: an event filter's, not the clicked widget's
            for value in ([owner] if owner is not None else []) + values:
                found = self._popup_of_object(value)
                if found != (None, None):
                    return found
            frame = frame.f_back
        return None, None

    def _popup_of_object(self, value: Any) -> tuple[QWidget | None, str | None]:
        """A widget's popup; for another QObject (an event filter, a helper), that of its nearest widget parent."""
        if isinstance(value, QWidget):
            return self._popup_of_widget(value)
        if isinstance(value, QObject) and alive(value):
            parent = value.parent()
            while parent is not None and not isinstance(parent, QWidget):
                parent = parent.parent()
            if isinstance(parent, QWidget):
                return self._popup_of_widget(parent)
        return None, None

    def attribute(self, kind: str, what: str, *, widget: QWidget | None = None) -> Observation | None:
        """Record an observation; None if it belongs to a popup checked earlier (noted instead), or is not recorded."""
        if not self.recording:
            return None
        popup, earlier, how = None, None, "source unknown"
        if widget is not None:
            popup, earlier = self._popup_of_widget(widget)
            how = "its window" if popup is not None else how
        if popup is None and earlier is None:
            popup, earlier = self._from_stack(inspect.currentframe())
            how = "found in the code that did it" if popup is not None else how
        if popup is None and earlier is None and self._acting is not None:
            popup, how = self._acting, "while the kit clicked it"
        if earlier is not None:
            self.earlier.append(f"{what}, by {earlier} (checked earlier): not counted against {self.subject}")
            return None
        return self._record(popup, kind, what, how)

    def _record(self, popup: QWidget | None, kind: str, what: str, how: str) -> Observation:
        item = self.entry(popup)
        role = item.role if item else self.default_role if popup is None else None
        observation = Observation(time.monotonic(), kind, what, popup, how, role)
        self.observations.append(observation)
        return observation

    # ------------------------------------------------------------ hooks

    @Slot(QUrl)
    def handle_url(self, url: QUrl) -> None:
        self.attribute("url", url.toString())

    def _browser(self, url: str, *args: Any, **kwargs: Any) -> bool:  # noqa: ARG002
        self.attribute("url", str(url))
        return True

    def _program(self, command: Any) -> None:
        argv = command if isinstance(command, str) else " ".join(str(a) for a in command)
        self.attribute("url", f"ran {argv[:200]}")

    def _popen(self) -> type:
        observer = self

        class RefusedPopen(subprocess.Popen):  # type: ignore[type-arg]
            def __init__(self, args: Any, *rest: Any, **kwargs: Any) -> None:  # noqa: ARG002
                observer._program(args)
                raise OSError("the conformance kit does not let a popup start programs while it is checked")

        return RefusedPopen

    def _system(self, command: str) -> int:
        self._program(command)
        return 1

    def _message(self, kind: QtMsgType, context: Any, message: str) -> None:
        if ACTIVATION_MARKER in message:
            self.attribute("activation", message.strip())
        elif self._previous_handler is not None:
            self._previous_handler(kind, context, message)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not isinstance(obj, QWidget):
            return False
        if kind == QEvent.Type.MouseButtonPress:
            self.presses.append(obj)
        elif kind == QEvent.Type.Paint:
            self._painted(obj)
        elif kind == QEvent.Type.Show and obj.isWindow():
            self._shown(obj)
        elif kind == QEvent.Type.WindowActivate and obj.isWindow() and self.entry(obj) is not None:
            self.attribute("active", f"{L.describe(obj)} became the active window", widget=obj)
        return False

    def _painted(self, widget: QWidget) -> None:
        if widget.isWindow():
            item = self.entry(widget)
            frame = item.frame if item is not None else self._pending.get(id(widget))
            if frame is None and self._created is not None:
                frame = self._pending.setdefault(id(widget), FirstFrame())
            if frame is None or frame.window_painted:
                return
            item = Registered(widget, "", frame)
            item.frame.window_painted = True
            close = L.find(widget, "close")
            item.frame.close_in_frame = close is not None
            if close is not None:
                item.frame.enabled, item.frame.visible = close.isEnabled(), close.isVisibleTo(widget)
            return
        control = L.CONTROLS["close"]
        if widget.objectName() == control.object_name or widget.accessibleName() == control.accessible_name:
            item = self.entry(widget.window())
            frame = item.frame if item is not None else self._pending.get(id(widget.window()))
            if frame is not None and frame.control_enabled is None:
                frame.control_enabled, frame.control_visible = widget.isEnabled(), widget.isVisible()

    def _shown(self, window: QWidget) -> None:
        if any(window is x for x in self.ignored) or type(window).__name__ in ("QTipLabel",):
            return
        if self._created is not None:
            self._created.append(window)
            return
        item = self.entry(window)
        if item is not None:
            if item.closed_at is not None:
                self.attribute("shown", f"{L.describe(window)} shown again", widget=window)
            return
        parent = window.parentWidget()
        self.attribute("window", f"a window {L.describe(window)} appeared", widget=parent)

    # ------------------------------------------------------------ install

    def install(self) -> None:
        app = QApplication.instance()
        assert app is not None
        for scheme in URL_SCHEMES:
            QDesktopServices.setUrlHandler(scheme, self, "handle_url")  # type: ignore[arg-type]
        for name in ("open", "open_new", "open_new_tab"):
            self._saved[name] = getattr(webbrowser, name)
            setattr(webbrowser, name, self._browser)
        self._saved["Popen"], self._saved["system"] = subprocess.Popen, os.system
        setattr(subprocess, "Popen", self._popen())  # noqa: B010  (patched for the check only)
        setattr(os, "system", self._system)  # noqa: B010
        self._previous_handler = qInstallMessageHandler(self._message)
        app.installEventFilter(self)
        for url in quarantine.held_since_last_check():
            self.earlier.append(f"{url} opened between checks, by a popup checked earlier: not opened, not counted")

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        qInstallMessageHandler(self._previous_handler)
        quarantine.resume()
        setattr(subprocess, "Popen", self._saved.pop("Popen"))  # noqa: B010
        setattr(os, "system", self._saved.pop("system"))  # noqa: B010
        for name, value in self._saved.items():
            setattr(webbrowser, name, value)
        for item in self.popups:
            if not any(item.popup is p for p, _ in _EARLIER):
                _EARLIER.append((item.popup, self.subject))
        del _EARLIER[:-_EARLIER_MAX]


@contextmanager
def observing(subject: str) -> Iterator[Observer]:
    """An :class:`Observer` installed for the block."""
    observer = Observer(subject)
    observer.install()
    try:
        yield observer
    finally:
        observer.uninstall()
