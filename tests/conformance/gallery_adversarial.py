"""Popups written to fool the kit (issue 13): each passes a naive check while breaking a ui-* guarantee.

Every one is a :class:`~tests.conformance.gallery.VendorPopup` (an independent
popup, found by the documented names) with one corner cut, and says which
guarantees the kit must find broken — exactly — and which measurements must
be among the failures. Those that act late carry ``watch_ms=None``: they are
checked with the kit's default watch (2 s), not the gallery's short one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QMouseEvent, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from .gallery import AVAILABLE, Exhibit, VendorPopup

URL = "https://ads.example.com/landing"


def _badge(popup: QWidget) -> QLabel:
    return next(w for w in popup.findChildren(QLabel) if w.text() == "广告")


def _close(popup: QWidget) -> QWidget:
    return next(w for w in popup.findChildren(QWidget) if w.accessibleName() == "关闭")


def _body(popup: QWidget) -> QLabel:
    return next(w for w in popup.findChildren(QLabel) if w.text().startswith("冬季新品"))


# ------------------------------------------------------------------ 1. badge size from the font, not the pixels


class ShrunkBadge(QLabel):
    """Says 12 px, paints its text under a 0.6 scale: 7 px glyphs."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        painter.setPen(self.palette().windowText().color())
        painter.translate(self.width() * 0.2, self.height() * 0.2)
        painter.scale(0.6, 0.6)
        painter.setFont(self.font())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text())
        painter.end()


class NotDrawnBadge(QLabel):
    """Its text is 「广告」, but it paints only its background: nothing to read."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        painter.end()


def _swap_badge(popup: QWidget, cls: type[QLabel]) -> None:
    old = _badge(popup)
    new = cls("广告", popup)
    new.setFont(old.font())
    new.setGeometry(old.geometry())
    new.setAutoFillBackground(True)
    palette = new.palette()
    palette.setColor(new.backgroundRole(), Qt.GlobalColor.darkRed)
    palette.setColor(new.foregroundRole(), Qt.GlobalColor.white)
    new.setPalette(palette)
    old.deleteLater()
    old.setParent(None)  # type: ignore[call-overload]


# ------------------------------------------------------------------ 2. close that closes only in its centre


def _dead_ring(popup: QWidget) -> None:
    """Transparent, mouse-eating strips over the close control's edges, all but its 12 px centre."""
    r = _close(popup).geometry()
    inner = 12
    edge = (r.width() - inner) // 2
    for rect in (QRect(r.x(), r.y(), r.width(), edge), QRect(r.x(), r.bottom() + 1 - edge, r.width(), edge),
                 QRect(r.x(), r.y() + edge, edge, inner), QRect(r.right() + 1 - edge, r.y() + edge, edge, inner)):  # fmt: skip
        strip = QWidget(popup)
        strip.setGeometry(rect)
        strip.show()
        strip.raise_()


# ------------------------------------------------------------------ 3. hot zones the kit did not look at


def _flat_button_over_body(popup: QWidget) -> None:
    body = _body(popup)
    button = QPushButton(popup)
    button.setFlat(True)
    button.setStyleSheet("background: transparent; border: none;")
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setGeometry(body.geometry().adjusted(0, 8, -90, 0))  # over the body, clear of the close control
    button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl(URL)))
    button.show()


class _OpensOnClick(QObject):
    """An event filter on a label: a click on it opens the advertiser's page."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            QDesktopServices.openUrl(QUrl(URL + "?from=" + obj.objectName()))
            return True
        return False


def _filter_on_advertiser(popup: QWidget) -> None:
    label = next(w for w in popup.findChildren(QLabel) if w.text().startswith("广告主"))
    label.setObjectName("advertiser_line")
    popup._opener = _OpensOnClick(popup)  # type: ignore[attr-defined]
    label.installEventFilter(popup._opener)  # type: ignore[attr-defined]


# ------------------------------------------------------------------ 4. something clickable by the close control


class ToggleLabel(QLabel):
    """A 「收藏」 label that toggles when clicked: it takes clicks, though it is no button."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.setText("已收藏" if self.text() == "收藏" else "收藏")
        event.accept()


def _label_by_close(popup: QWidget) -> None:
    close = _close(popup).geometry()
    label = ToggleLabel("收藏", popup)
    label.setGeometry(close.x() - 3 - 30, close.y() + 8, 30, 20)
    label.show()


# ------------------------------------------------------------------ 5. effects after the kit stops looking


class _BodyClicks(VendorPopup):
    """Does :meth:`body_clicked` when the body is clicked (an event filter on it)."""

    def __init__(self, kind: str = "ad", **kw: Any) -> None:
        super().__init__(kind, **kw)
        _body(self).installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: ARG002
        if event.type() == QEvent.Type.MouseButtonRelease:
            self.body_clicked()
        return False

    def body_clicked(self) -> None:
        raise NotImplementedError


class LateBodyLink(_BodyClicks):
    """A click on the body opens the advertiser's page one second later (a timer whose code names no widget)."""

    def body_clicked(self) -> None:
        QTimer.singleShot(1000, self, lambda: QDesktopServices.openUrl(QUrl(URL + "?late")))


class LateFocusGrab(VendorPopup):
    """Appears without focus, then a second later drops the flag and takes the keyboard."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not getattr(self, "_armed", False):
            self._armed = True
            QTimer.singleShot(1000, self, self._grab)

    def _grab(self) -> None:
        if not self.isVisible():
            return
        self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus, False)
        self.show()
        self.activateWindow()


class ComesBackLater(VendorPopup):
    """Hides when closed, and shows itself again a second later."""

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        if not getattr(self, "_back", False):
            self._back = True
            QTimer.singleShot(1000, self, self.show)


class OpensAfterClose(VendorPopup):
    """Closing opens the advertiser's page ``delay_ms`` later, on a timer no widget owns."""

    delay_ms = 1000

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        me, url = self, URL + "?after-close"
        QTimer.singleShot(self.delay_ms, lambda: (me, QDesktopServices.openUrl(QUrl(url))))


class OpensLongAfterClose(OpensAfterClose):
    """The same, 1.5 s later: after a short watch ends, while the next popup is being checked."""

    delay_ms = 1500


# ------------------------------------------------------------------ further corners cut


class OpensOnHover(VendorPopup):
    """Hovering the body opens the advertiser's page: no click needed."""

    def __init__(self, kind: str = "ad", **kw: Any) -> None:
        super().__init__(kind, **kw)
        _body(self).installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: ARG002
        if event.type() == QEvent.Type.Enter:
            QDesktopServices.openUrl(QUrl(URL + "?hover"))
        return False


class OpensOnDoubleClick(VendorPopup):
    """A double click on the title opens the advertiser's page (a single click does nothing)."""

    def __init__(self, kind: str = "ad", **kw: Any) -> None:
        super().__init__(kind, **kw)
        _body(self).installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: ARG002
        if event.type() == QEvent.Type.MouseButtonDblClick:
            QDesktopServices.openUrl(QUrl(URL + "?double"))
        return False


class OpensWithXdgOpen(_BodyClicks):
    """A click on the body runs ``xdg-open`` on the advertiser's page: no Qt call to catch."""

    def body_clicked(self) -> None:
        import subprocess

        try:
            subprocess.Popen(["xdg-open", URL + "?xdg"])  # noqa: S603,S607
        except OSError:
            pass



def _close_transparent(popup: QWidget) -> None:
    _close(popup).setStyleSheet("QToolButton { color: transparent; font-size: 20px; border: none; }")


def _badge_colour_of_background(popup: QWidget) -> None:
    _badge(popup).setStyleSheet("background: #B00020; color: #B00020; border-radius: 3px;")


def _close_clipped_by_parent(popup: QWidget) -> None:
    close = _close(popup)
    holder = QWidget(popup)
    geometry = close.geometry()
    holder.setGeometry(geometry.x(), geometry.y(), 18, geometry.height())
    close.setParent(holder)
    close.move(0, 0)
    holder.show()
    close.show()


class KeepsAWindow(VendorPopup):
    """Closing hides the popup, and leaves a small 「广告」 window in its place."""

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        self._stub = QLabel("广告 · 点击查看")
        self._stub.setWindowFlags(Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint)
        self._stub.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self._stub.show()


class SecondWindow(VendorPopup):
    """Showing it also shows a transparent window over the screen."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if getattr(self, "_overlay", None) is None:
            self._overlay = QWidget(None, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint)
            self._overlay.setObjectName("overlay")
            self._overlay.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
            self._overlay.setGeometry(0, 0, 800, 600)
            self._overlay.show()


class _AnyClickOpens(QObject):
    """An application-wide event filter: any click anywhere, in any popup, opens the advertiser's page."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: ARG002
        if event.type() == QEvent.Type.MouseButtonRelease:
            QDesktopServices.openUrl(QUrl(URL + "?anywhere"))
        return False


class LeavesAFilterBehind(VendorPopup):
    """Installs an application-wide click handler that outlives it (hidden, it is not deleted)."""

    def __init__(self, kind: str = "ad", **kw: Any) -> None:
        super().__init__(kind, **kw)
        from PySide6.QtWidgets import QApplication

        self._filter = _AnyClickOpens(self)
        QApplication.instance().installEventFilter(self._filter)  # type: ignore[union-attr]


def _faded(popup: QWidget) -> None:
    popup.setWindowOpacity(0.3)


# ------------------------------------------------------------------ the exhibits


def made(cls: type[VendorPopup] = VendorPopup, spoil: Callable[[QWidget], None] | None = None, kind: str = "ad",
         **kw: Any) -> Callable[[], QWidget]:  # fmt: skip
    """A factory of ``cls``, spoiled by ``spoil``, placed and shown."""

    def make() -> QWidget:
        popup = cls(kind, **kw)
        if spoil is not None:
            spoil(popup)
        popup.move(AVAILABLE.width() - 16 - popup.width(), 16)
        popup.show()
        return popup

    return make


def _x(name: str, kind: str, make: Callable[[], QWidget], broken: set[str], measurements: set[str],
       watch_ms: int | None = 150) -> Exhibit:  # fmt: skip
    return Exhibit(name, kind, make, frozenset(broken), frozenset(measurements), watch_ms=watch_ms)


ADVERSARIAL: list[Exhibit] = [
    _x("badge-painted-small", "ad", made(spoil=lambda p: _swap_badge(p, ShrunkBadge)), {"ui-ad-label"},
       {"badge-text-size"}),
    _x("close-closes-only-in-centre", "ad", made(spoil=_dead_ring), {"ui-one-click"}, {"close-area-closes"}),
    _x("flat-button-over-body", "ad", made(spoil=_flat_button_over_body), {"ui-no-hot-zone"}, {"clicks-open-nothing"}),
    _x("event-filter-on-advertiser", "ad", made(spoil=_filter_on_advertiser), {"ui-no-hot-zone"},
       {"clicks-open-nothing"}),
    _x("clickable-label-by-close", "ad", made(spoil=_label_by_close), {"ui-close"}, {"close-clearance"}),
    _x("body-opens-link-a-second-later", "ad", made(LateBodyLink), {"ui-no-hot-zone"}, {"clicks-open-nothing"}, None),
    _x("takes-focus-a-second-later", "news", made(LateFocusGrab, kind="news"), {"ui-no-focus-steal"},
       {"focus-flag-kept"}, None),
    _x("comes-back-a-second-later", "news", made(ComesBackLater, kind="news"), {"ui-one-click"}, {"stays-closed"},
       None),
    _x("opens-a-page-a-second-after-close", "news", made(OpensAfterClose, kind="news"), {"ui-one-click"},
       {"close-opens-nothing"}, None),
    _x("body-opens-on-hover", "ad", made(OpensOnHover), {"ui-no-hot-zone"}, {"clicks-open-nothing"}),
    _x("body-opens-on-double-click", "ad", made(OpensOnDoubleClick), {"ui-no-hot-zone"}, {"clicks-open-nothing"}),
    _x("body-runs-xdg-open", "ad", made(OpensWithXdgOpen), {"ui-no-hot-zone"}, {"clicks-open-nothing"}),
    _x("close-transparent", "news", made(spoil=_close_transparent, kind="news"), {"ui-close"},
       {"close-glyph-contrast"}),
    _x("badge-colour-of-its-background", "ad", made(spoil=_badge_colour_of_background), {"ui-ad-label"},
       {"badge-contrast"}),
    _x("badge-text-set-not-drawn", "ad", made(spoil=lambda p: _swap_badge(p, NotDrawnBadge)), {"ui-ad-label"},
       {"badge-shown"}),
    _x("close-clipped-by-its-parent", "news", made(spoil=_close_clipped_by_parent, kind="news"),
       {"ui-close", "ui-one-click"}, {"close-hit-area", "close-area-closes"}),
    _x("close-leaves-a-window", "news", made(KeepsAWindow, kind="news"), {"ui-one-click"}, {"close-opens-nothing"}),
    _x("second-window-on-show", "news", made(SecondWindow, kind="news"), {"ui-no-hot-zone"}, {"show-opens-nothing"}),
    _x("faded-window", "news", made(spoil=_faded, kind="news"), {"ui-close"}, {"window-opacity"}),
]


class PlacedOnItsScreen(VendorPopup):
    """A correct popup that places itself in the bottom-right corner of the screen Qt gives it, mapped."""

    def __init__(self, kind: str = "ad", **kw: Any) -> None:
        super().__init__(kind, **kw)
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, False)

    def place(self) -> None:
        screen = self.screen().availableGeometry()
        self.move(screen.right() + 1 - 16 - self.width(), screen.bottom() + 1 - 16 - self.height())


def placed_on_its_screen() -> QWidget:
    popup = PlacedOnItsScreen("ad")
    popup.place()
    popup.show()
    return popup
