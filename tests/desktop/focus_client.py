"""An ordinary client window for the desktop tests: it holds the keyboard while popups come and go.

Run as ``python focus_client.py LOG``. The window is frameless, maximized
(so it covers exactly the usable area the window manager gives it) and
plain magenta, so a screenshot shows the popups over it and nothing else.
Every change of keyboard focus and every key it receives is appended to
LOG, one line each: ``<time> focus in|out`` and ``<time> key <name>``.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QPalette, QWindow
from PySide6.QtWidgets import QApplication, QWidget

APP_ID = "popup-client-test-client"
COLOR = "#ff00ff"


class Client(QWidget):
    def __init__(self, log: object) -> None:
        super().__init__()
        self._log = log
        self.setWindowTitle("popup-client test client")
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(COLOR))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def write(self, text: str) -> None:
        self._log.write(f"{time.time():.3f} {text}\n")  # type: ignore[attr-defined]
        self._log.flush()  # type: ignore[attr-defined]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        self.write(f"key {event.text() or event.key()}")


def main() -> int:
    log = open(sys.argv[1], "a", encoding="utf-8")  # noqa: SIM115 - open for the process's life
    app = QApplication([sys.argv[0], "-name", APP_ID])  # X11: the window class instance, as a Wayland app_id
    QGuiApplication.setDesktopFileName(APP_ID)
    client = Client(log)

    def on_focus(window: QWindow | None) -> None:
        client.write("focus in" if window is not None else "focus out")

    app.focusWindowChanged.connect(on_focus)
    client.showMaximized()
    client.write("shown")
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
