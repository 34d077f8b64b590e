"""A top-level QWidget shown on a layer surface instead of as a Qt window.

The widget keeps living as an ordinary widget — the stack fills it, moves
it, shows and hides it, its buttons emit their signals — but it is never
mapped by Qt (``WA_DontShowOnScreen``). :class:`LayerWidgetHost` watches it:

- shown → a layer surface is made (anchored as the :class:`HostBackend`
  says), hidden → the surface is destroyed, moved or resized → re-anchored;
- whenever Qt would repaint it, it is painted into a shared-memory buffer at
  the output's scale (crisp at scale 2) and committed;
- the compositor's pointer events become Qt mouse and hover events on the
  child under the pointer (a press and its release go to the same child, as
  Qt's implicit grab does); a click lets the surface take the keyboard, and
  a shortcut's ``ctl focus-newest`` gives it the keyboard at once (the
  widget's ``keyboard_wanted``); then Escape, Tab / Shift+Tab, Enter and
  Space reach the widget's focused button as key presses (Qt never counts
  the widget active, so the ring of its focused button is marked by hand);
- tooltips are not shown: they would be windows of their own.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QEnterEvent, QKeyEvent, QMouseEvent, QRegion
from PySide6.QtWidgets import QApplication, QWidget

from .layer_surface import LayerSurface, Placement
from .seat import BTN_LEFT, KEY_ENTER, KEY_ESC, KEY_KPENTER, KEY_LEFTSHIFT, KEY_RIGHTSHIFT, KEY_SPACE, KEY_TAB

log = logging.getLogger(__name__)

_LEFT = Qt.MouseButton.LeftButton
_NO_BUTTON = Qt.MouseButton.NoButton
_NO_MODIFIER = Qt.KeyboardModifier.NoModifier
#: evdev code → the Qt key it is (the same on every layout).
_KEYS = {KEY_ESC: Qt.Key.Key_Escape, KEY_TAB: Qt.Key.Key_Tab, KEY_ENTER: Qt.Key.Key_Return,
         KEY_KPENTER: Qt.Key.Key_Enter, KEY_SPACE: Qt.Key.Key_Space}  # fmt: skip
_SHIFT_KEYS = frozenset({KEY_LEFTSHIFT, KEY_RIGHTSHIFT})


class HostBackend(Protocol):
    """What a host asks of the placer that owns it."""

    def new_surface(self, host: LayerWidgetHost) -> LayerSurface: ...

    def placement_of(self, widget: QWidget) -> Placement: ...

    def scale_of(self, surface: LayerSurface) -> int: ...

    def surface_gone(self, host: LayerWidgetHost, surface: LayerSurface) -> None: ...


class LayerWidgetHost(QObject):
    """Shows one top-level widget as a layer surface and feeds it the surface's input."""

    def __init__(self, widget: QWidget, backend: HostBackend) -> None:
        super().__init__(widget)
        self.widget = widget
        self._backend = backend
        self.surface: LayerSurface | None = None
        self._scale = 0
        self._render_pending = False
        self._hovered: QWidget | None = None
        self._pressed: QWidget | None = None
        self._pos = QPoint()
        self._shift = False
        self._keyboard = False
        widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        widget.installEventFilter(self)
        wanted = getattr(widget, "keyboard_wanted", None)
        if wanted is not None:
            wanted.connect(self.take_keyboard)

    # ------------------------------------------------------------ the widget's life

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.widget:
            return False
        kind = event.type()
        if kind == QEvent.Type.Show:
            self._map()
        elif kind == QEvent.Type.Hide:
            self._unmap()
        elif kind in (QEvent.Type.Move, QEvent.Type.Resize):
            self._place()
        elif kind == QEvent.Type.UpdateRequest:
            self.schedule_render()
        elif kind == QEvent.Type.ToolTip:
            return True  # a tooltip would be a Qt window of its own
        return False

    def _map(self) -> None:
        if self.surface is not None:
            return
        surface = self._backend.new_surface(self)
        surface.on_configured = self.schedule_render
        surface.on_outputs_changed = self._on_outputs_changed
        surface.on_closed = self._on_closed_by_compositor
        self.surface = surface
        self._scale = 0
        self._place()

    def _unmap(self) -> None:
        surface, self.surface = self.surface, None
        self._hovered = self._pressed = None
        if surface is not None:
            self._backend.surface_gone(self, surface)
            surface.destroy()

    def _place(self) -> None:
        if self.surface is not None and self.widget.isVisible():
            self.surface.place(self._backend.placement_of(self.widget))
            self.schedule_render()

    def _on_outputs_changed(self) -> None:
        if self.surface is not None and self._backend.scale_of(self.surface) != self._scale:
            self.schedule_render()

    def _on_closed_by_compositor(self) -> None:
        """The compositor took the surface away (its output went): show it again where it can be."""
        log.info("the compositor closed a popup's surface; showing it again")
        self._unmap()
        if self.widget.isVisible():
            self._map()

    # ------------------------------------------------------------ painting

    def schedule_render(self) -> None:
        if not self._render_pending:
            self._render_pending = True
            QTimer.singleShot(0, self._render)

    def _render(self) -> None:
        self._render_pending = False
        surface = self.surface
        if surface is None or not surface.configured or surface.closed:
            return
        scale = self._backend.scale_of(surface)
        if scale != self._scale and hasattr(self.widget, "set_render_scale"):
            self.widget.set_render_scale(float(scale))  # pictures decoded for this scale
        self._scale = scale
        size = self.widget.size()
        buffer = surface.buffer(size.width() * scale, size.height() * scale)
        image = buffer.image
        image.setDevicePixelRatio(scale)
        image.fill(Qt.GlobalColor.transparent)
        flags = QWidget.RenderFlag.DrawWindowBackground | QWidget.RenderFlag.DrawChildren
        self.widget.render(image, QPoint(0, 0), QRegion(), flags)
        surface.present(buffer, scale)

    # ------------------------------------------------------------ pointer

    def pointer_enter(self, x: float, y: float) -> None:
        local = QPointF(x, y)
        QApplication.sendEvent(self.widget, QEnterEvent(local, local, local))
        self.pointer_motion(x, y)

    def pointer_leave(self) -> None:
        self._set_hovered(None)
        QApplication.sendEvent(self.widget, QEvent(QEvent.Type.Leave))

    def pointer_motion(self, x: float, y: float) -> None:
        self._pos = QPoint(int(x), int(y))
        target = self._pressed or self._child_at(self._pos)
        self._set_hovered(target)
        buttons = _LEFT if self._pressed is not None else _NO_BUTTON
        self._send_mouse(QEvent.Type.MouseMove, target, _NO_BUTTON, buttons)

    def pointer_button(self, button: int, pressed: bool) -> None:
        if button != BTN_LEFT:
            return
        if pressed:
            self.allow_keyboard()  # as on X11: a click lets the keyboard in, so Esc closes it (and Tab walks)
            take = getattr(self.widget, "take_keyboard", None)
            if take is not None:
                take(from_shortcut=False)
            self._pressed = self._child_at(self._pos)
            self._send_mouse(QEvent.Type.MouseButtonPress, self._pressed, _LEFT, _LEFT)
        elif self._pressed is not None:
            target, self._pressed = self._pressed, None
            self._send_mouse(QEvent.Type.MouseButtonRelease, target, _LEFT, _NO_BUTTON)
            self._set_hovered(self._child_at(self._pos))
        self.schedule_render()

    def _child_at(self, pos: QPoint) -> QWidget:
        child = self.widget.childAt(pos)
        return child if child is not None else self.widget

    def _send_mouse(self, kind: QEvent.Type, target: QWidget, button: Qt.MouseButton, buttons: Qt.MouseButton) -> None:
        if not target.isVisible() and target is not self.widget:
            return
        local = QPointF(target.mapFrom(self.widget, self._pos))
        scene = QPointF(self._pos)
        event = QMouseEvent(kind, local, scene, scene, button, buttons, _NO_MODIFIER)
        QApplication.sendEvent(target, event)

    def _set_hovered(self, widget: QWidget | None) -> None:
        """Enter/leave events and the under-mouse state, as Qt gives a mapped window (``:hover`` styles)."""
        if widget is self._hovered:
            return
        old_chain = self._chain(self._hovered)
        new_chain = self._chain(widget)
        for gone in old_chain:
            if gone not in new_chain:
                gone.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, False)
                QApplication.sendEvent(gone, QEvent(QEvent.Type.Leave))
                gone.update()
        for came in reversed(new_chain):
            if came not in old_chain:
                came.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
                local = QPointF(came.mapFrom(self.widget, self._pos))
                QApplication.sendEvent(came, QEnterEvent(local, QPointF(self._pos), QPointF(self._pos)))
                came.update()
        self._hovered = widget

    def _chain(self, widget: QWidget | None) -> list[QWidget]:
        """``widget`` and its ancestors below the top-level widget (which gets enter/leave on its own)."""
        chain: list[QWidget] = []
        while widget is not None and widget is not self.widget:
            chain.append(widget)
            widget = widget.parentWidget()
        return chain

    # ------------------------------------------------------------ keyboard

    def allow_keyboard(self) -> None:
        """The user clicked the popup: the compositor may give it the keyboard now (Esc closes it)."""
        if self.surface is not None:
            self.surface.allow_keyboard(True)

    def take_keyboard(self) -> None:
        """A shortcut asked for the popup to have the keyboard: the compositor gives it at once."""
        if self.surface is not None:
            self.surface.allow_keyboard(True, at_once=True)

    def keyboard_focus(self, focused: bool) -> None:
        log.debug("popup surface %s the keyboard", "has" if focused else "lost")
        self._shift = False
        self._keyboard = focused
        self._mark_focus()

    def key(self, code: int, pressed: bool) -> None:
        """A key of the surface's keyboard: Shift is remembered, the others go to the focused button."""
        if code in _SHIFT_KEYS:
            self._shift = pressed
            return
        qt_key = _KEYS.get(code)
        if qt_key is None:
            return
        if qt_key == Qt.Key.Key_Tab and self._shift:
            qt_key = Qt.Key.Key_Backtab
        modifiers = Qt.KeyboardModifier.ShiftModifier if self._shift else _NO_MODIFIER
        target = self.widget.focusWidget() or self.widget
        kind = QEvent.Type.KeyPress if pressed else QEvent.Type.KeyRelease
        if pressed or qt_key == Qt.Key.Key_Space:  # Space presses a button on its release
            QApplication.sendEvent(target, QKeyEvent(kind, qt_key, modifiers))
        self._mark_focus()

    def _mark_focus(self) -> None:
        """The focused button's ring, while the surface has the keyboard (the widget is never Qt's active window)."""
        mark = getattr(self.widget, "mark_keyboard_focus", None)
        if mark is not None:
            mark(self.widget.focusWidget() if self._keyboard and self.widget.isVisible() else None)
        self.schedule_render()

    def detach(self) -> None:
        """Stop hosting: the widget goes back to being an ordinary window (hidden)."""
        self._unmap()
        self.widget.removeEventFilter(self)
        self.widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, False)
