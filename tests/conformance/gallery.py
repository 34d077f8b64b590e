"""A gallery of popups for the conformance kit: good ones, and ones broken on purpose.

Each :class:`Exhibit` makes fresh popups and says which guarantees (rule
ids) the kit must find broken — no more, no fewer — and which
measurements must be among the failures. Most exhibits are popup-client's
own window with one thing spoiled; :class:`VendorPopup` is an independent
QWidget popup, written the way an OS vendor might, found only through the
documented names (some by accessible name alone), to show the kit is not
tied to our window.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt, QTimer, QUrl
from PySide6.QtGui import (QAccessible, QAccessibleAnnouncementEvent, QColor, QDesktopServices, QFont, QKeyEvent,
                           QPainter, QPaintEvent, QPalette, QPixmap, QShowEvent)
from PySide6.QtWidgets import QLabel, QPushButton, QToolButton, QWidget

from popup_client.conformance.ours import hostile_view, new_window, prepare
from popup_client.conformance.runner import REFERENCE_AVAILABLE, Subject
from popup_client.ui import theme as T
from popup_client.ui.accessible import give_role
from popup_client.ui.popup_window import PopupWindow
from popup_client.ui.view import PopupView

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
AVAILABLE = QRect(*REFERENCE_AVAILABLE)


def example_view(kind: str, **changes: Any) -> PopupView:
    view = prepare(EXAMPLES / f"valid-{kind}.json").view
    assert view is not None
    return replace(view, **changes)


@dataclass
class Exhibit:
    """A popup of the gallery and what the kit must find wrong with it."""

    name: str
    kind: str
    make: Callable[[], QWidget]
    broken: frozenset[str] = frozenset()  # the rule ids that must fail, exactly
    measurements: frozenset[str] = frozenset()  # measurements that must be among the failures
    hostile: Callable[[], QWidget] | None = None  # the same popup with a hostile payload
    made: list[QWidget] = field(default_factory=list)
    watch_ms: int | None = 150  # how long the kit watches; None: its default (2 s), for popups that act late

    def subject(self) -> Subject:
        def keep(make: Callable[[], QWidget]) -> Callable[[], QWidget]:
            def new() -> QWidget:
                popup = make()
                self.made.append(popup)
                return popup

            return new

        subject = Subject(keep(self.make), release=_release, on_screen=False, name=self.name)
        if self.hostile is not None:
            subject.hostile = Subject(keep(self.hostile), release=_release, on_screen=False)
        return subject


def _release(popup: QWidget) -> None:
    popup.hide()


# ------------------------------------------------------------------ our window, spoiled


def ours(kind: str, spoil: Callable[[PopupWindow], None] | None = None, *, cls: type[PopupWindow] = PopupWindow,
         hostile: bool = False, **changes: Any) -> Callable[[], QWidget]:  # fmt: skip
    """A factory of our window showing the example of ``kind``, spoiled by ``spoil`` after it is filled."""

    def make() -> QWidget:
        view = example_view(kind, **changes)
        view = hostile_view(view) if hostile else view
        window = new_window(view, available=AVAILABLE) if cls is PopupWindow else _new_of(cls, view)
        if spoil is not None:
            window.hide()
            spoil(window)
            window.show()
        return window

    return make


def _new_of(cls: type[PopupWindow], view: PopupView) -> PopupWindow:
    """Like :func:`new_window`, for a subclass (the spoiling is in the class itself)."""
    from popup_client.conformance.locate import KIND_PROPERTY, VERIFIED_PROPERTY
    from popup_client.ui.stack import MARGIN

    window = cls()
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.setProperty(KIND_PROPERTY, view.kind)
    window.setProperty(VERIFIED_PROPERTY, view.verified)
    window.set_theme(False)
    window.set_view(view)
    window.move(AVAILABLE.width() - MARGIN - window.width(), MARGIN)
    window.show()
    return window


def close_too_small(w: PopupWindow) -> None:
    w.close_button.setFixedSize(20, 20)
    w.close_button.move(T.WIDTH - T.CLOSE_INSET - 20, T.CLOSE_INSET)


def close_covered(w: PopupWindow) -> None:
    picture = QPixmap(44, 44)
    picture.fill(QColor("#3A7BD5"))
    image = QLabel(w)
    image.setObjectName("promo_image")
    image.setPixmap(picture)
    image.setGeometry(w.close_button.geometry().adjusted(-4, -4, 4, 4))
    image.raise_()


class CloseAfterCountdown(PopupWindow):
    """The close control is disabled for 3 s after the popup appears."""

    def showEvent(self, event: QShowEvent) -> None:
        self.close_button.setEnabled(False)
        QTimer.singleShot(3000, self.close_button, lambda: self.close_button.setEnabled(True))
        super().showEvent(event)


def badge_hidden(w: PopupWindow) -> None:
    w.ad_label.hide()


def badge_low_contrast(w: PopupWindow) -> None:
    w.ad_label.setStyleSheet("background: #F6D5D3; color: #FFFFFF; border-radius: 4px;")


def badge_without_cjk_font(w: PopupWindow) -> None:
    font = QFont()
    font.setFamilies(["DejaVu Sans"])
    font.setPixelSize(13)
    font.setBold(True)
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    w.ad_label.setFont(font)


def provider_elided_away(w: PopupWindow) -> None:
    w.provider_label.setFixedWidth(22)


class BodyOpensLink(PopupWindow):
    """A click anywhere on the body opens the popup's link: a hot zone."""

    def set_view(self, view: PopupView) -> None:
        super().set_view(view)
        self.content_area.set_activatable(True)
        self.content_area.unsetCursor()
        if not getattr(self, "_wired", False):
            self.content_area.clicked.connect(lambda: QDesktopServices.openUrl(QUrl(self.view().link or "")))
            self._wired = True


class EscapeIgnored(PopupWindow):
    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.ignore()


class ComesBack(PopupWindow):
    """Closes, then shows itself again 100 ms later."""

    def close_with(self, how: str) -> None:
        super().close_with(how)
        if how in ("button", "esc"):
            QTimer.singleShot(100, self, self.show)


class FadesOut(PopupWindow):
    """Hides only after a 250 ms fade: not closed at once."""

    def close_with(self, how: str) -> None:
        if how in ("button", "esc"):
            QTimer.singleShot(250, self, lambda: PopupWindow.close_with(self, how))
            return
        super().close_with(how)


def report_hidden(w: PopupWindow) -> None:
    w.report_button.hide()


def why_ad_hidden(w: PopupWindow) -> None:
    w.why_ad_button.hide()


def source_hidden(w: PopupWindow) -> None:
    w.meta_row.hide()


def unverified_unmarked(w: PopupWindow) -> None:
    w.unverified_label.hide()


def details_beside_close(w: PopupWindow) -> None:
    w.details_button.setParent(w)
    w.details_button.setGeometry(T.WIDTH - T.CLOSE_INSET - T.CLOSE_SIZE - 70, 8, 66, 28)
    w.details_button.show()


class BadgeShrinksWithLongTitles(PopupWindow):
    """The payload's title length sets the badge's font size: a payload restyles the popup."""

    def set_view(self, view: PopupView) -> None:
        super().set_view(view)
        font = QFont(self.ad_label.font())
        font.setPixelSize(13 if len(view.title) < 100 else 14)
        self.ad_label.setFont(font)


def styled_exhibit() -> Exhibit:
    """Compared with a hostile variant of its own payload (the kit's variation check)."""
    return Exhibit("payload-restyles-badge", "ad", ours("ad", cls=BadgeShrinksWithLongTitles),
                   frozenset({"ui-no-provider-style"}), frozenset({"payload-moves-nothing"}),
                   hostile=ours("ad", cls=BadgeShrinksWithLongTitles, hostile=True))  # fmt: skip


# ------------------------------------------------------------------ an independent, vendor-style popup


class VendorPopup(QWidget):
    """A popup written from scratch, as an OS vendor might: no code shared with popup-client.

    The close control and 「举报」 are found by accessible name only; the
    badge has neither object name nor accessible name, only its text (which
    Qt gives assistive technology as its name). It is a notification to
    assistive technology (its own accessible interface), or (``heard_by``)
    announces itself when shown, or is silent; its buttons take Tab focus.
    """

    def __init__(self, kind: str = "ad", *, size: tuple[int, int] = (340, 160), focus: bool = False,
                 rich_body: bool = False, heard_by: str = "role") -> None:  # fmt: skip
        super().__init__()
        self._heard_by = heard_by  # "role" (a notification), "announcement" (on show), or "" (silent)
        if heard_by == "role":
            give_role(self, QAccessible.Role.Notification)
        self.setAccessibleName("某某科技服务：冬季新品上市")
        flags = Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        if not focus:
            flags |= Qt.WindowType.WindowDoesNotAcceptFocus
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowFlags(flags)
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self._steal = focus
        self.setProperty("popup_kind", kind)
        self.setProperty("popup_verified", True)
        self.setFixedSize(*size)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#FFFFFF"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#202124"))
        self.setPalette(palette)
        width, height = size
        self._label("provider_label", "某某科技服务", QRect(12, 12, 150, 20), px=13, bold=True)
        if kind == "ad":
            badge = self._label("", "广告", QRect(170, 12, 40, 20), px=12, bold=True)
            badge.setStyleSheet("background: #B00020; color: #FFFFFF; border-radius: 3px;")
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._label("", "广告主：某某科技有限公司", QRect(12, height - 62, 220, 18), px=12)
        if kind == "news":
            self._label("", "来源：新华社", QRect(12, height - 62, 220, 18), px=12)
        close = QToolButton(self)
        close.setAccessibleName("关闭")
        close.setText("×")
        close.setAutoRaise(True)
        close.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        close.setGeometry(width - 40, 4, 36, 36)
        close.setStyleSheet("QToolButton { color: #3C4043; font-size: 20px; border: none; }")
        close.clicked.connect(self.hide)
        body = self._label("", "冬季新品上市，<b style='color:red'>满300减50</b>", QRect(12, 44, width - 24, 40), px=13)
        body.setTextFormat(Qt.TextFormat.AutoText if rich_body else Qt.TextFormat.PlainText)
        report = self._button("举报", QRect(width - 64, height - 36, 52, 26))
        report.setAccessibleName("举报")
        if kind == "ad":
            why = self._button("为什么看到此广告", QRect(12, height - 36, 130, 26))
            why.setObjectName("why_ad_button")
            self._why = self._label("", "付费方：某某科技有限公司　推送原因：您关注了冬季服饰", QRect(12, 44, width - 24, 40), px=12)
            self._why.setAutoFillBackground(True)
            self._why.hide()
            why.clicked.connect(lambda: self._why.setVisible(not self._why.isVisible()))

    def _label(self, name: str, text: str, rect: QRect, *, px: int, bold: bool = False) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont()
        font.setPixelSize(px)
        font.setBold(bold)
        label.setFont(font)
        label.setGeometry(rect)
        return label

    def _button(self, text: str, rect: QRect) -> QPushButton:
        button = QPushButton(text, self)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        font = QFont()
        font.setPixelSize(12)
        button.setFont(font)
        button.setGeometry(rect)
        return button

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        painter.setPen(QColor("#DADCE0"))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._heard_by == "announcement":
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, self.accessibleName()))
        if self._steal:
            self.activateWindow()
            self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)


def vendor(kind: str = "ad", **kw: Any) -> Callable[[], QWidget]:
    def make() -> QWidget:
        popup = VendorPopup(kind, **kw)
        popup.move(AVAILABLE.width() - 16 - popup.width(), 16)
        popup.show()
        return popup

    return make


# ------------------------------------------------------------------ the gallery


def _e(name: str, kind: str, make: Callable[[], QWidget], broken: set[str] | None = None,
       measurements: set[str] | None = None) -> Exhibit:  # fmt: skip
    return Exhibit(name, kind, make, frozenset(broken or ()), frozenset(measurements or ()))


GOOD: list[Exhibit] = [
    *(_e(f"ours-{kind}", kind, ours(kind)) for kind in ("ad", "news", "content", "service")),
    _e("ours-unverified-ad", "ad", ours("ad", verified=False)),
    _e("vendor-ad", "ad", vendor("ad")),
    _e("vendor-news", "news", vendor("news", heard_by="announcement")),
]

BROKEN: list[Exhibit] = [
    _e("close-too-small", "ad", ours("ad", close_too_small), {"ui-close"}, {"close-hit-area"}),
    _e("close-covered-by-image", "content", ours("content", close_covered), {"ui-close", "ui-one-click"},
       {"close-centre-hit-test", "close-unobstructed", "one-click-closes"}),
    _e("close-disabled-for-3s", "news", ours("news", cls=CloseAfterCountdown), {"ui-close", "ui-one-click"},
       {"close-first-frame", "close-stays-enabled", "one-click-closes"}),
    _e("close-crowded", "content", ours("content", details_beside_close), {"ui-close"}, {"close-clearance"}),
    _e("badge-missing", "ad", ours("ad", badge_hidden), {"ui-ad-label"}, {"badge-shown"}),
    _e("badge-low-contrast", "ad", ours("ad", badge_low_contrast), {"ui-ad-label"}, {"badge-contrast"}),
    _e("badge-without-cjk-glyphs", "ad", ours("ad", badge_without_cjk_font), {"ui-ad-label"}, {"badge-glyphs"}),
    _e("provider-elided-away", "content", ours("content", provider_elided_away), {"ui-provider"}, {"provider-chars"}),
    _e("unverified-not-marked", "content", ours("content", unverified_unmarked, verified=False), {"ui-provider"},
       {"unverified-mark"}),
    _e("body-click-opens-link", "content", ours("content", cls=BodyOpensLink), {"ui-no-hot-zone"},
       {"clicks-open-nothing"}),
    _e("steals-focus", "ad", vendor("ad", focus=True), {"ui-no-focus-steal"}, {"no-focus-flag"}),
    _e("larger-than-allowed", "ad", vendor("ad", size=(900, 420)), {"ui-bounds"}, {"screen-share"}),
    _e("escape-ignored", "news", ours("news", cls=EscapeIgnored), {"ui-one-click"}, {"esc-closes"}),
    _e("comes-back", "content", ours("content", cls=ComesBack), {"ui-one-click"}, {"stays-closed"}),
    _e("fades-out", "service", ours("service", cls=FadesOut), {"ui-one-click"}, {"one-click-closes", "esc-closes"}),
    _e("report-missing", "service", ours("service", report_hidden), {"ui-report"}, {"report-shown"}),
    _e("why-ad-missing", "ad", ours("ad", why_ad_hidden), {"ui-why-ad"}, {"why-ad-control", "why-ad-shows"}),
    _e("source-missing", "news", ours("news", source_hidden), {"ui-source"}, {"source-named"}),
    _e("body-as-rich-text", "ad", vendor("ad", rich_body=True), {"ui-no-provider-style"}, {"plain-text"}),
]


BROKEN.append(styled_exhibit())


def exhibit(name: str) -> Exhibit:
    for item in GOOD + BROKEN:
        if item.name == name:
            return item
    raise KeyError(name)


def payload_json(kind: str) -> str:
    return json.dumps(json.loads((EXAMPLES / f"valid-{kind}.json").read_text(encoding="utf-8")), ensure_ascii=False)
