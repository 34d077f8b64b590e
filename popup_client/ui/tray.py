"""The tray icon and its menu: pause, preferences, history, report, disclosure, quit.

The menu's actions call back into the app through :class:`TrayActions`, so
the tray knows nothing of the service. Without a system tray the app says so
and keeps working (popups still appear; the CLI reaches everything).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from .fonts import bundled_family
from .i18n import tr

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrayActions:
    """What the tray's menu items do (the app provides them)."""

    pause_hour: Callable[[], None]
    pause_until_tomorrow: Callable[[], None]
    resume: Callable[[], None]
    preferences: Callable[[], None]
    history: Callable[[], None]
    report: Callable[[], None]
    disclosure: Callable[[], None]
    quit: Callable[[], None]
    is_paused: Callable[[], bool]


def tray_icon(paused: bool = False) -> QIcon:
    """A speech-bubble icon drawn at several sizes (no image files needed)."""
    icon = QIcon()
    for size in (16, 22, 24, 32, 48, 64, 128):
        icon.addPixmap(_bubble(size, paused))
    return icon


def _bubble(size: int, paused: bool) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    path = QPainterPath()
    path.addRoundedRect(QRectF(s * 0.06, s * 0.08, s * 0.88, s * 0.66), s * 0.16, s * 0.16)
    tail = QPainterPath()
    tail.moveTo(QPointF(s * 0.28, s * 0.70))
    tail.lineTo(QPointF(s * 0.22, s * 0.94))
    tail.lineTo(QPointF(s * 0.50, s * 0.72))
    painter.fillPath(path.united(tail), QColor("#7A7F87") if paused else QColor("#1F6FEB"))
    painter.setPen(QColor("white"))
    font = QFont(bundled_family())
    font.setPixelSize(max(int(s * 0.38), 6))
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(0, s * 0.08, s, s * 0.66), Qt.AlignmentFlag.AlignCenter, "II" if paused else "弹")
    painter.end()
    return pixmap


class Tray(QObject):
    """The system tray icon of the running app."""

    def __init__(self, actions: TrayActions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._actions = actions
        self.menu = QMenu()
        self.icon = QSystemTrayIcon(tray_icon(), self)
        self.icon.setToolTip(tr("popup-client 弹窗管理"))
        self._build_menu()
        self.icon.setContextMenu(self.menu)
        self.menu.aboutToShow.connect(self._on_menu_shown)

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def notify(self, title: str, message: str) -> None:
        """A short tray message (e.g. a preference changed from a popup's menu)."""
        if self.icon.isVisible() and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, 4000)

    def refresh(self) -> None:
        """Update the icon and the pause items to the current state."""
        paused = self._actions.is_paused()
        self.icon.setIcon(tray_icon(paused))
        self.resume_action.setEnabled(paused)
        self.icon.setToolTip(tr("popup-client：已暂停推送") if paused else tr("popup-client 弹窗管理"))

    def _build_menu(self) -> None:
        a = self._actions
        pause = self.menu.addMenu(tr("暂停推送"))
        self.pause_menu = pause
        self._add(pause, tr("暂停 1 小时"), a.pause_hour, "pause_hour")
        self._add(pause, tr("暂停到明天"), a.pause_until_tomorrow, "pause_tomorrow")
        self.resume_action = self._add(pause, tr("恢复推送"), a.resume, "resume")
        self.menu.addSeparator()
        self._add(self.menu, tr("偏好设置…"), a.preferences, "preferences")
        self._add(self.menu, tr("推送记录…"), a.history, "history")
        self._add(self.menu, tr("投诉举报…"), a.report, "report")
        self._add(self.menu, tr("服务说明"), a.disclosure, "disclosure")
        self.menu.addSeparator()
        self._add(self.menu, tr("退出"), a.quit, "quit")

    def _add(self, menu: QMenu, text: str, slot: Callable[[], None], name: str) -> QAction:
        action = menu.addAction(text)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: self._run(slot))
        return action

    def _run(self, slot: Callable[[], None]) -> None:
        slot()
        self.refresh()

    def _on_menu_shown(self) -> None:
        self.refresh()

    def action(self, name: str) -> QAction:
        """A menu action by object name (for tests and the app)."""
        for menu in (self.menu, self.pause_menu):
            for action in menu.actions():
                if action.objectName() == name:
                    return action
        raise KeyError(name)
