"""The ``appearance`` preferences: the theme (high contrast from the system or chosen), text size, reduced motion."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from popup_client.core.prefs import Preferences
from popup_client.ui import motion, text_size
from popup_client.ui import theme as T
from popup_client.ui.popup_window import PopupWindow
from popup_client.ui.stack import PopupStack
from popup_client.wiring import connect_stack
from tests.helpers.service import make_service
from tests.ui.conftest import contrast, make_view


def prefs(**appearance: Any) -> Preferences:
    return Preferences.validate({"appearance": appearance})


# ------------------------------------------------------------------ the theme


class FakeAccessibility:
    def __init__(self, high: bool) -> None:
        self.high = high

    def contrastPreference(self) -> Qt.ContrastPreference:  # noqa: N802 - Qt's name
        return Qt.ContrastPreference.HighContrast if self.high else Qt.ContrastPreference.NoPreference


def test_qt_reports_the_contrast_preference(qapp: Any) -> None:
    """PySide6 ≥ 6.10: QStyleHints.accessibility().contrastPreference(), which the auto theme follows."""
    hints = QGuiApplication.styleHints()
    assert hints.accessibility().contrastPreference() in (Qt.ContrastPreference.NoPreference, Qt.ContrastPreference.HighContrast)


@pytest.mark.parametrize("high", [False, True])
@pytest.mark.parametrize("dark", [False, True])
def test_auto_follows_the_systems_contrast_and_scheme(qapp: Any, monkeypatch: Any, high: bool, dark: bool) -> None:
    monkeypatch.setattr(T, "system_wants_high_contrast", lambda: high)
    monkeypatch.setattr(T, "system_is_dark", lambda: dark)
    expected = {(False, False): T.LIGHT, (False, True): T.DARK,
                (True, False): T.HIGH_CONTRAST_LIGHT, (True, True): T.HIGH_CONTRAST_DARK}[(high, dark)]  # fmt: skip
    assert T.theme_for("auto") is T.theme_for(None) is expected
    assert T.theme_for("high-contrast") is (T.HIGH_CONTRAST_DARK if dark else T.HIGH_CONTRAST_LIGHT)
    assert T.theme_for("light") is T.theme_for(False) is T.LIGHT and T.theme_for("dark") is T.theme_for(True) is T.DARK


def test_system_high_contrast_is_read_from_qt(qapp: Any, monkeypatch: Any) -> None:
    hints = QGuiApplication.styleHints()
    for high in (False, True):
        monkeypatch.setattr(type(hints), "accessibility", lambda self, h=high: FakeAccessibility(h))
        assert T.system_wants_high_contrast() is high


def test_unknown_theme_names_are_refused() -> None:
    with pytest.raises(ValueError, match="no theme 'neon'"):
        T.theme_for("neon")


@pytest.mark.parametrize("theme", [T.HIGH_CONTRAST_LIGHT, T.HIGH_CONTRAST_DARK], ids=lambda t: t.name)
def test_high_contrast_palettes_are_high_contrast(theme: T.Theme) -> None:
    """Text ≥ 7:1 (WCAG AAA) on the card and on every button; the focus ring and the outlines ≥ 3:1."""
    card = theme.qcolor("card")
    for fg, bg in (("text", "card"), ("text_secondary", "card"), ("button_text", "button"), ("primary_text", "primary"),
                   ("chip_text", "chip"), ("avatar_text", "avatar"), ("button_text", "menu")):  # fmt: skip
        assert contrast(theme.qcolor(fg), theme.qcolor(bg)) >= 7, (fg, bg)
    for edge in ("border", "outline", "focus", "close_glyph", "primary"):
        assert contrast(theme.qcolor(edge), card) >= 3, edge
    assert theme.high_contrast and theme.outline


def test_a_high_contrast_popup_is_drawn_in_its_palette(window: PopupWindow, qtbot: Any) -> None:
    window.set_theme("high-contrast-dark")
    window.show_view(make_view("ad"))
    image = window.grab().toImage()
    assert image.pixelColor(window.width() // 2, window.height() - 4) == QColorOf(T.HIGH_CONTRAST_DARK.card)
    outlined = "QPushButton, QToolButton#more_button, QLabel#unverified_label { border: 1px solid"
    assert outlined + " #FFFFFF" in window.styleSheet()
    window.set_theme(False)
    assert outlined not in window.styleSheet()


def QColorOf(value: str) -> Any:  # noqa: N802 - reads like the QColor it is
    from PySide6.QtGui import QColor

    return QColor(value)


def test_the_stack_applies_the_theme_preference_at_once(qtbot: Any, tmp_path: Path, content: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    stack = PopupStack(service.prefs, screen=lambda: _Screen())  # type: ignore[arg-type, return-value]
    connect_stack(service, stack)
    rid = service.submit({**content, "id": "t"}, _sender()).receipt_id
    QApplication.processEvents()
    service.set_pref("appearance.theme", "high-contrast")
    assert stack.window_of(rid).theme().high_contrast
    service.set_pref("appearance.theme", "light")
    assert stack.window_of(rid).theme() is T.LIGHT
    stack.close_all()


# ------------------------------------------------------------------ text size


def test_text_scale_is_the_preference_times_the_systems(qapp: Any) -> None:
    assert text_size.text_scale(prefs(text_size=150), system=1.0) == 1.5
    assert text_size.text_scale(prefs(text_size=150), system=1.2) == 1.8
    assert text_size.text_scale(prefs(text_size=200), system=1.5) == 2.0  # never beyond 200 %
    assert text_size.text_scale(prefs(), system=1.0) == 1.0


def test_the_text_size_preference_is_bounded() -> None:
    from popup_client.core.prefs import InvalidPrefs

    for bad in (99, 201):
        with pytest.raises(InvalidPrefs):
            prefs(text_size=bad)


def test_the_systems_font_scale_is_its_font_against_the_stock_size(qapp: Any, monkeypatch: Any) -> None:
    def general(points: float) -> Any:
        font = QFont()
        font.setPointSizeF(points)
        return staticmethod(lambda _which: font)

    stock = text_size.STOCK_POINTS_OTHER
    monkeypatch.setattr(text_size.sys, "platform", "linux")
    monkeypatch.setattr(QFontDatabase, "systemFont", general(stock * 1.5))
    dpi = QGuiApplication.primaryScreen().logicalDotsPerInchY()
    assert text_size.system_text_scale() == pytest.approx(min(1.5 * dpi / 96, 2.0), abs=0.01)
    monkeypatch.setattr(QFontDatabase, "systemFont", general(stock * 0.8))
    assert text_size.system_text_scale() == 1.0  # smaller than stock: popups never go below their sizes


def test_a_new_text_size_rebuilds_the_pool_and_replaces_a_shown_window_once_closed(qtbot: Any, tmp_path: Path, content: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    stack = PopupStack(service.prefs, screen=lambda: _Screen())  # type: ignore[arg-type, return-value]
    connect_stack(service, stack)
    monkey_system = pytest.MonkeyPatch()
    monkey_system.setattr(text_size, "system_text_scale", lambda: 1.0)
    try:
        first = service.submit({**content, "id": "a"}, _sender()).receipt_id
        QApplication.processEvents()
        shown = stack.window_of(first)
        service.set_pref("appearance.text_size", "200")
        assert stack.text_scale() == 2.0 and shown.text_scale() == 1.0  # on screen: kept until it closes
        shown.close_with("button")
        second = service.submit({**content, "id": "b"}, _sender()).receipt_id
        QApplication.processEvents()
        assert stack.window_of(second).text_scale() == 2.0
        assert stack.window_of(second).width() * stack.window_of(second).height() <= 1024 * 768 / 8
    finally:
        monkey_system.undo()
        stack.close_all()


def test_large_text_shows_full_text_which_asks_for_the_history(qtbot: Any) -> None:
    window = PopupWindow(text_scale=2.0)
    qtbot.addWidget(window)
    window.show_view(make_view("news", body="很长的正文。" * 40))
    asked: list[bool] = []
    window.full_text_requested.connect(lambda: asked.append(True))
    assert window.body_label.is_elided() and window.full_text_button.isVisible()
    assert window.full_text_button.accessibleName() == "全文"
    qtbot.mouseClick(window.full_text_button, Qt.MouseButton.LeftButton)
    assert asked == [True] and window.isVisible()
    assert window.height() <= T.MAX_HEIGHT and window.width() == T.WIDTH
    window.hide()


def test_the_stack_forwards_full_text(qtbot: Any, tmp_path: Path, content: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    service.set_pref("appearance.text_size", "200")
    stack = PopupStack(service.prefs, screen=lambda: _Screen())  # type: ignore[arg-type, return-value]
    connect_stack(service, stack)
    rid = service.submit({**content, "id": "f"}, _sender()).receipt_id
    QApplication.processEvents()
    with qtbot.waitSignal(stack.full_text_requested) as blocker:
        stack.window_of(rid).full_text_button.click()
    assert blocker.args == [rid]
    stack.close_all()


# ------------------------------------------------------------------ motion


@pytest.fixture
def effects_on(qapp: Any, monkeypatch: Any) -> Any:
    """A desktop whose platform theme turns Qt's UI effects on (offscreen has none)."""
    before = {effect: QApplication.isEffectEnabled(effect) for effect in motion.EFFECTS}
    monkeypatch.setattr(motion, "_system", {effect: True for effect in motion.EFFECTS})
    yield
    for effect, enabled in before.items():
        QApplication.setEffectEnabled(effect, enabled)


def test_reduce_motion_turns_every_qt_effect_off_and_gives_them_back(effects_on: Any) -> None:
    motion.apply_motion(prefs(reduce_motion=True))
    assert not any(QApplication.isEffectEnabled(e) for e in motion.EFFECTS)
    assert not motion.animations_allowed(prefs(reduce_motion=True))
    motion.apply_motion(prefs(reduce_motion=False))
    assert QApplication.isEffectEnabled(Qt.UIEffect.UI_FadeTooltip) and motion.animations_allowed(prefs())


def test_no_motion_where_the_system_asks_for_none(qapp: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(motion, "_system", {effect: False for effect in motion.EFFECTS})
    assert motion.system_reduces_motion() and not motion.animations_allowed(prefs(reduce_motion=False))
    motion.apply_motion(prefs(reduce_motion=False))
    assert not QApplication.isEffectEnabled(Qt.UIEffect.UI_General)


def test_popups_have_no_animation_of_their_own() -> None:
    """What reduced motion must cover: nothing in the UI animates but Qt's effects (a new animation must ask motion)."""
    ui = Path(__file__).resolve().parents[2] / "popup_client" / "ui"
    animated = [p.name for p in ui.rglob("*.py") if "QPropertyAnimation" in (text := p.read_text(encoding="utf-8"))
                or "QVariantAnimation" in text or "setWindowOpacity" in text]  # fmt: skip
    assert animated == []


# ------------------------------------------------------------------ helpers


class _Screen:
    def availableGeometry(self) -> QRect:  # noqa: N802 - Qt's name
        return QRect(0, 0, 1024, 768)

    def geometry(self) -> QRect:
        return QRect(0, 0, 1024, 768)


def _sender() -> Any:
    from popup_client.core.rules import Sender

    return Sender("test", verified=True)
