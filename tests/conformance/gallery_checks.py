"""One broken popup for each measurement no other exhibit breaks, so every check is shown able to fail.

Each is a :class:`~tests.conformance.gallery.VendorPopup` with one thing
spoiled. ``focus-kept`` needs a real window system: it is shown failing by
``test_gallery.test_focus_is_measured_under_a_real_window_system`` (Xvfb).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible, QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from popup_client.ui.accessible import give_role

from .gallery import Exhibit
from .gallery_adversarial import _badge, _close, _x, made

#: Measurements shown failing outside the gallery, and where.
PROVEN_ELSEWHERE = {"focus-kept": "test_gallery.test_focus_is_measured_under_a_real_window_system"}


def _label(popup: QWidget, start: str) -> QLabel:
    return next(w for w in popup.findChildren(QLabel) if w.text().startswith(start))


def _button(popup: QWidget, text: str) -> QPushButton:
    return next(w for w in popup.findChildren(QPushButton) if w.text() == text)


def _no_cjk(widget: QWidget) -> None:
    font = QFont()
    font.setFamilies(["DejaVu Sans"])
    font.setPixelSize(13)
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    widget.setFont(font)


def _provider(popup: QWidget) -> QLabel:
    return _label(popup, "某某科技")


def _advertiser_unnamed(popup: QWidget) -> None:
    _label(popup, "广告主").setText("广告主：未提供")


def _badge_clipped(popup: QWidget) -> None:
    badge = _badge(popup)
    holder = QWidget(popup)
    holder.setGeometry(badge.x(), badge.y(), 22, badge.height())
    badge.setParent(holder)
    badge.move(0, 0)


def _badge_low(popup: QWidget) -> None:
    _badge(popup).move(260, 96)


class _Dot(QWidget):
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#202124"))
        painter.end()


def _badge_corner_covered(popup: QWidget) -> None:
    badge = _badge(popup)
    dot = _Dot(popup)
    dot.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    dot.setGeometry(badge.x() + badge.width() - 4, badge.y() + badge.height() - 4, 3, 3)


def _close_named_in_english(popup: QWidget) -> None:
    close = _close(popup)
    close.setObjectName("close_button")
    close.setAccessibleName("Close")


def _close_hidden(popup: QWidget) -> None:
    _close(popup).hide()


def _close_away_from_corner(popup: QWidget) -> None:
    _close(popup).move(popup.width() - 40 - 30, 4)


def _details_large(popup: QWidget) -> None:
    details = QPushButton("查看详情", popup)
    details.setObjectName("details_button")
    details.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    details.setGeometry(12, 50, popup.width() - 24, 56)


def _far_away(popup: QWidget) -> None:
    popup.move(1200, 16)
    popup.move = lambda *args: None  # type: ignore[method-assign]  # the factory's placing is ignored


class _AsksForFocus(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
            obj.activateWindow()
        return False


def _asks_for_focus(popup: QWidget) -> None:
    popup._asker = _AsksForFocus(popup)  # type: ignore[attr-defined]
    popup.installEventFilter(popup._asker)  # type: ignore[attr-defined]


def _maximized(popup: QWidget) -> None:
    popup.setMaximumSize(16777215, 16777215)
    popup.setMinimumSize(0, 0)
    popup.setWindowState(Qt.WindowState.WindowMaximized)


def _provider_low(popup: QWidget) -> None:
    _provider(popup).move(12, 96)


def _provider_hidden(popup: QWidget) -> None:
    _provider(popup).hide()


def _provider_small(popup: QWidget) -> None:
    font = QFont()
    font.setPixelSize(10)
    _provider(popup).setFont(font)


def _report_no_cjk(popup: QWidget) -> None:
    _no_cjk(_button(popup, "举报"))


def _report_disabled(popup: QWidget) -> None:
    _button(popup, "举报").setEnabled(False)


def _close_a_graphic(popup: QWidget) -> None:
    """The close control tells assistive technology it is a picture, not a button."""
    give_role(_close(popup), QAccessible.Role.Graphic)


def _badge_named_in_english(popup: QWidget) -> None:
    _badge(popup).setAccessibleName("AD")


def _report_out_of_tab_reach(popup: QWidget) -> None:
    _button(popup, "举报").setFocusPolicy(Qt.FocusPolicy.NoFocus)


def _spoiled(spoil: Callable[[QWidget], None], kind: str) -> Callable[[], QWidget]:
    return made(spoil=spoil, kind=kind)


CHECKS: list[Exhibit] = [
    _x("advertiser-unnamed", "ad", _spoiled(_advertiser_unnamed, "ad"), {"ui-ad-label"}, {"advertiser-named"}),
    _x("badge-clipped-by-its-parent", "ad", _spoiled(_badge_clipped, "ad"), {"ui-ad-label"}, {"badge-fully-visible"}),
    _x("badge-below-the-header", "ad", _spoiled(_badge_low, "ad"), {"ui-ad-label"}, {"badge-in-header"}),
    _x("badge-corner-covered", "ad", _spoiled(_badge_corner_covered, "ad"), {"ui-ad-label"}, {"badge-not-overlapped"}),
    _x("close-named-in-english", "service", _spoiled(_close_named_in_english, "service"), {"ui-close", "ui-accessible"},
       {"close-accessible-name", "a11y-close-role"}),
    _x("close-hidden", "service", _spoiled(_close_hidden, "service"), {"ui-close", "ui-one-click"}, {"close-shown"}),
    _x("close-away-from-the-corner", "service", _spoiled(_close_away_from_corner, "service"), {"ui-close"},
       {"close-top-right"}),
    _x("details-button-a-third-of-the-popup", "ad", _spoiled(_details_large, "ad"), {"ui-no-hot-zone"},
       {"details-size"}),
    _x("off-the-screen", "service", _spoiled(_far_away, "service"), {"ui-bounds"}, {"inside-screen"}),
    _x("asks-to-be-activated", "service", _spoiled(_asks_for_focus, "service"), {"ui-no-focus-steal"},
       {"no-activation-request"}),
    _x("maximized", "service", _spoiled(_maximized, "service"), {"ui-bounds"}, {"not-full-screen"}),
    _x("provider-below-the-header", "service", _spoiled(_provider_low, "service"), {"ui-provider"},
       {"provider-in-header"}),
    _x("provider-hidden", "service", _spoiled(_provider_hidden, "service"), {"ui-provider"}, {"provider-shown"}),
    _x("provider-in-10px", "service", _spoiled(_provider_small, "service"), {"ui-provider"}, {"provider-text-size"}),
    _x("provider-without-cjk-glyphs", "service", _spoiled(lambda p: _no_cjk(_provider(p)), "service"),
       {"ui-provider"}, {"provider-glyphs"}),
    _x("report-without-cjk-glyphs", "service", _spoiled(_report_no_cjk, "service"), {"ui-report"},
       {"report-glyphs"}),
    _x("report-disabled", "service", _spoiled(_report_disabled, "service"), {"ui-report"}, {"report-usable"}),
    _x("close-exposed-as-a-picture", "service", _spoiled(_close_a_graphic, "service"), {"ui-accessible"},
       {"a11y-close-role"}),
    _x("badge-named-in-english-for-screen-readers", "ad", _spoiled(_badge_named_in_english, "ad"), {"ui-accessible"},
       {"a11y-badge-exposed"}),
    _x("silent-on-arrival", "news", made(kind="news", heard_by=""), {"ui-accessible"}, {"a11y-announced"}),
    _x("report-out-of-tab-reach", "content", _spoiled(_report_out_of_tab_reach, "content"), {"ui-accessible"},
       {"a11y-keyboard"}),
    _x("source-without-cjk-glyphs", "news", _spoiled(lambda p: _no_cjk(_label(p, "来源")), "news"), {"ui-source"},
       {"source-glyphs"}),
]
