"""Translations: the .ts files are complete and current, the .qm files compiled from them, English has no Chinese left.

The UI's source strings (context "") are Chinese, the core's (context
"core", tests/ui/test_i18n_core.py) English; resources/translations holds
zh_CN (every UI string as itself) and en (every core string as itself). In
English the mandated 「广告」 and 「关闭」 stay, with the English beside them;
every other string of the app is English, so a walk over the dialogs and
popups built with ASCII payloads finds no CJK character but those.
"""

from __future__ import annotations

import copy
import importlib.machinery
import importlib.util
import json
import logging
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QPoint, QRect, Qt, QTranslator
from PySide6.QtGui import QAction, QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QWidget,
)

from popup_client.core.prefs import pref_fields
from popup_client.core.rules import Sender
from popup_client.service import PopupService
from popup_client.ui import i18n
from popup_client.ui import theme as T
from popup_client.ui.disclosure_dialog import DisclosureDialog
from popup_client.ui.history_window import HistoryWindow
from popup_client.ui.i18n import install_translator, remove_translators, tr
from popup_client.ui.popup_parts import S_CLOSE
from popup_client.ui.popup_window import S_AD, PopupWindow
from popup_client.ui.prefs_dialog import PreferencesDialog
from popup_client.ui.report_dialog import ReportDialog
from popup_client.ui.tray import Tray, TrayActions
from popup_client.ui.view import PopupView
from tests.conftest import example
from tests.helpers.memkeyring import memory_keyring
from tests.helpers.service import make_service
from tests.ui.conftest import KINDS, make_view

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
# CJK ideographs, kana, CJK punctuation (「」、。), full-width forms (：（）).
CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u312f\u3190-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
# What stays Chinese in English: the mandated texts, and Chinese's own name in the language menu.
KEPT = ("「广告」", "「关闭」", "广告", "关闭", "简体中文")
UI, CORE = "", "core"  # the translation contexts


def load_script() -> ModuleType:
    """scripts/update-translations as a module: the tests run lupdate and lrelease as it does."""
    path = ROOT / "scripts" / "update-translations"
    loader = importlib.machinery.SourceFileLoader("update_translations", str(path))
    spec = importlib.util.spec_from_loader("update_translations", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("update_translations", module)  # dataclasses look their module up there
    loader.exec_module(module)
    return module


SCRIPT = load_script()


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "en") == "en"
    yield
    remove_translators(qapp)


@pytest.fixture(autouse=True)
def source_strings_after(qapp: QApplication) -> Iterator[None]:
    """Every test leaves the app in its source language, as the other tests expect it."""
    yield
    remove_translators(qapp)


# ------------------------------------------------------------------ the files


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_ts_has_no_unfinished_obsolete_or_vanished_message(language: str) -> None:
    messages = SCRIPT.messages(i18n.ts_path(language))
    assert len(messages) > 100
    assert [m.source for m in messages if m.type] == []
    assert all(m.translation.strip() for m in messages)


@pytest.mark.parametrize(("language", "context"), [("zh_CN", UI), ("en", CORE)])
def test_each_context_translates_its_source_language_as_itself(language: str, context: str) -> None:
    messages = [m for m in SCRIPT.messages(i18n.ts_path(language)) if m.context == context]
    assert len(messages) > 100
    assert [m.source for m in messages if m.translation != m.source] == []


def test_english_keeps_the_mandated_texts_and_nothing_else_chinese() -> None:
    messages = {m.key: m.translation for m in SCRIPT.messages(i18n.ts_path("en"))}
    assert messages[(UI, "广告", "badge")] == "广告 Ad"
    assert messages[(UI, "关闭", "tooltip")] == "关闭 Close"
    assert (UI, S_CLOSE, "") in messages and messages[(UI, S_CLOSE, "")] == "Close"  # a dialog's button
    for key, text in messages.items():
        assert not CJK.search(_without_kept(text)), (key, text)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_ts_covers_exactly_the_strings_in_the_code(language: str, tmp_path: Path) -> None:
    fresh = tmp_path / f"fresh_{language}.ts"
    SCRIPT.lupdate(fresh, language)
    wanted = {m.key for m in SCRIPT.messages(fresh)}
    shipped = {m.key for m in SCRIPT.messages(i18n.ts_path(language))}
    assert sorted(wanted - shipped) == [], "strings not in the .ts yet: run scripts/update-translations"
    assert sorted(shipped - wanted) == [], "strings gone from the code: run scripts/update-translations"


def decoded(qm: Path, ts: Path) -> dict[tuple[str, str, str], str]:
    """What ``qm`` translates each message of ``ts`` to."""
    translator = QTranslator()
    assert translator.load(str(qm)), qm
    return {m.key: translator.translate(m.context, m.source, m.comment or None) for m in SCRIPT.messages(ts)}


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_qm_is_compiled_from_the_current_ts(language: str, tmp_path: Path) -> None:
    ts, shipped, compiled = i18n.ts_path(language), i18n.qm_path(language), tmp_path / f"{language}.qm"
    SCRIPT.lrelease(ts, compiled)
    if compiled.read_bytes() != shipped.read_bytes():  # another lrelease version may lay the file out otherwise
        assert decoded(shipped, ts) == decoded(compiled, ts), "stale .qm: run scripts/update-translations"
    assert decoded(shipped, ts) == {m.key: m.translation for m in SCRIPT.messages(ts)}


UNFINISHED_TS = (
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="{language}">\n'
    "<context>\n<name></name>\n<message><source>甲</source><translation type=\"unfinished\"></translation></message>\n"
    "<message><source>乙</source><translation>乙</translation></message>\n</context>\n"
    "<context>\n<name>core</name>\n<message><source>one {{n}}</source><translation type=\"unfinished\"></translation>"
    "</message>\n</context>\n</TS>\n"
)


@pytest.mark.parametrize(
    ("language", "filled"),
    [("zh_CN", [("", "甲", "甲", ""), ("", "乙", "乙", ""), ("core", "one {n}", "", "unfinished")]),
     ("en", [("", "甲", "", "unfinished"), ("", "乙", "乙", ""), ("core", "one {n}", "one {n}", "")])],
)  # fmt: skip
def test_script_fills_each_context_in_its_source_language(tmp_path: Path, language: str, filled: list[Any]) -> None:
    ts = tmp_path / "x.ts"
    ts.write_text(UNFINISHED_TS.format(language=language), encoding="utf-8")
    assert SCRIPT.translate_as_source(ts, language) == 1
    assert [(m.context, m.source, m.translation, m.type) for m in SCRIPT.messages(ts)] == filled


# ------------------------------------------------------------------ choosing the language


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en_US", "en"), ("en_GB", "en"), ("de_DE", "en"), ("zh_CN", "zh_CN"), ("zh_TW", "zh_CN"), ("zh_HK", "zh_CN")],
)
def test_auto_follows_the_system_locale(qapp: QApplication, locale: str, expected: str) -> None:
    assert install_translator(qapp, "auto", locale=QLocale(locale)) == expected
    assert i18n.current_language() == expected
    assert tr("举报") == ("Report" if expected == "en" else "举报")


@pytest.mark.parametrize(("preference", "locale"), [("en", "zh_CN"), ("zh_CN", "en_US")])
def test_the_preference_overrides_the_locale(qapp: QApplication, preference: str, locale: str) -> None:
    assert install_translator(qapp, preference, locale=QLocale(locale)) == preference
    assert tr("查看详情") == ("Details" if preference == "en" else "查看详情")


def test_an_unknown_language_follows_the_system(qapp: QApplication, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="popup_client.ui.i18n"):
        assert install_translator(qapp, "fr", locale=QLocale("en_US")) == "en"
    assert "unknown language" in caplog.text


def test_a_missing_qm_keeps_the_chinese_strings(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    with caplog.at_level(logging.WARNING, logger="popup_client.ui.i18n"):
        assert install_translator(qapp, "en") == "zh_CN"
    assert "cannot load the en translation" in caplog.text
    assert tr("举报") == "举报"


def test_installing_again_replaces_the_language(qapp: QApplication) -> None:
    install_translator(qapp, "en")
    assert tr("返回") == "Back"
    install_translator(qapp, "zh_CN")
    assert tr("返回") == "返回"
    remove_translators(qapp)
    assert tr("返回") == "返回" and i18n.current_language() == "zh_CN"


def test_the_language_preference_is_in_the_schema() -> None:
    field = next(f for f in pref_fields() if f.key == "language")
    assert (field.type_name, field.default, field.choices) == ("choice", "auto", ("auto", "zh_CN", "en"))


# ------------------------------------------------------------------ the popup in English


def ascii_view(kind: str, *, verified: bool = True, name: str = "Example Provider") -> PopupView:
    extra: dict[str, Any] = {"provider": {"id": f"com.example.{kind}", "name": name, "domain": "example.com"},
                             "title": f"A {kind} title", "body": "The body text."}  # fmt: skip
    if kind == "ad":
        extra["ad"] = {"advertiser": "Example Ltd.", "review_id": "R-1", "payer": "Example Ltd.",
                       "targeting": ["You follow winter clothing", "City: Beijing"]}  # fmt: skip
    if kind == "news":
        extra["news"] = {"source": "Xinhua", "license": "10120170001", "original_title": extra["title"],
                         "published_at": "2026-11-27T18:00:00+08:00", "url": "https://www.news.cn/a.html"}  # fmt: skip
    view = make_view(kind, verified=verified, **extra)
    return replace(view, actions=(("default", "Open"), ("reply", "Reply"))) if kind == "service" else view


def shown_popup(qtbot: Any, view: PopupView) -> PopupWindow:
    window = PopupWindow()
    window.set_theme(False)
    qtbot.addWidget(window)
    window.show_view(view)
    qtbot.waitExposed(window)
    return window


def test_english_ad_badge_report_and_close(qtbot: Any, english: None) -> None:
    window = shown_popup(qtbot, ascii_view("ad"))
    assert window.ad_label.text() == "广告 Ad" and S_AD in window.ad_label.accessibleName()
    assert window.report_button.text() == "Report" and window.details_button.text() == "Details"
    assert window.close_button.accessibleName() == S_CLOSE == "关闭"
    assert window.close_button.toolTip() == "关闭 Close"
    assert window.why_ad_button.text() == "Why this ad?"
    assert [b.text() for b in (window.more_panel.block_button, window.more_panel.fewer_button)] == ["Block this source", "Fewer like this"]
    assert window.advertiser_label.text() == "Advertiser: Example Ltd."


def test_english_badge_fits_the_header(qtbot: Any, english: None) -> None:
    long_name = "W" * 40  # the longest name a payload may give, in the widest letter
    window = shown_popup(qtbot, ascii_view("ad", verified=False, name=long_name))
    badge = QRect(window.ad_label.mapTo(window, QPoint(0, 0)), window.ad_label.size())
    header = window.findChild(QWidget, "header")
    assert header is not None and QRect(header.mapTo(window, QPoint(0, 0)), header.size()).contains(badge)
    close = QRect(window.close_button.pos(), window.close_button.size())
    assert not close.intersects(badge) and close.left() - (badge.left() + badge.width()) >= T.CLOSE_GAP
    for widget in header.findChildren(QWidget):
        if widget is not window.ad_label and widget.isVisible():
            assert not QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()).intersects(badge), widget.objectName()
    assert window.ad_label.contentsRect().width() >= QFontMetricsF(window.ad_label.font()).horizontalAdvance("广告 Ad")
    assert window.provider_label.displayed_value_chars() >= T.MIN_PROVIDER_CHARS
    assert window.unverified_label.isVisible() and window.unverified_label.text() == "Unverified"


def test_english_why_ad_panel_and_news_source(qtbot: Any, english: None) -> None:
    window = shown_popup(qtbot, ascii_view("ad"))
    window.why_ad_button.click()
    assert window.why_ad_button.text() == "Back"
    keys = [label.text() for label in window.why_ad_panel.findChildren(QLabel, "why_key")]
    assert keys == ["Advertiser: ", "Paid by: ", "Targeting: "]
    assert window.findChild(QLabel, "why_targeting").text() == "You follow winter clothing, City: Beijing"
    news = shown_popup(qtbot, ascii_view("news"))
    assert news.source_label.text() == "Source: Xinhua"


# ------------------------------------------------------------------ no Chinese left in English


def _without_kept(text: str) -> str:
    for kept in KEPT:
        text = text.replace(kept, "")
    return text


def _item_texts(view: QAbstractItemView) -> list[str]:
    """Header and cell texts (and tooltips) of a list, a table or a table view."""
    if isinstance(view, QListWidget):
        return [view.item(i).text() for i in range(view.count())]
    if isinstance(view, QTableWidget):
        headers = [view.horizontalHeaderItem(c) for c in range(view.columnCount())]
        cells = [view.item(r, c) for r in range(view.rowCount()) for c in range(view.columnCount())]
        return [item.text() for item in (*headers, *cells) if item is not None]
    model = view.model()
    if model is None:
        return []
    texts = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                texts.append(str(model.index(row, column).data(role) or ""))
    return texts


def _widget_texts(widget: QWidget) -> list[str]:
    texts = [widget.windowTitle(), widget.accessibleName(), widget.toolTip()]
    if isinstance(widget, QLabel):
        texts.append(widget.text())
    if isinstance(widget, QAbstractButton):
        texts.append(widget.text())
    if isinstance(widget, QGroupBox):
        texts.append(widget.title())
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        texts += [widget.placeholderText(), widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()]
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QSpinBox):
        texts += [widget.prefix(), widget.suffix()]
    if isinstance(widget, QAbstractSpinBox):
        texts.append(widget.specialValueText())
    if isinstance(widget, QMenu):
        texts.append(widget.title())
        texts += [t for a in widget.actions() for t in (a.text(), a.toolTip())]
    if isinstance(widget, QAbstractItemView):
        texts += _item_texts(widget)
    return texts


def chinese_left(top: QWidget) -> list[str]:
    """Every text of ``top`` and its children (shown or not) with a CJK character beyond the kept ones."""
    found = []
    for widget in [top, *top.findChildren(QWidget)]:
        for text in _widget_texts(widget):
            if CJK.search(_without_kept(text)):
                found.append(f"{type(widget).__name__} {widget.objectName()!r}: {text!r}")
    for action in top.findChildren(QAction):
        if CJK.search(_without_kept(action.text())):
            found.append(f"QAction {action.objectName()!r}: {action.text()!r}")
    return found


def _ascii(value: Any, counter: list[int]) -> Any:
    """``value`` with every string holding CJK replaced by an ASCII one."""
    if isinstance(value, dict):
        return {k: _ascii(v, counter) for k, v in value.items()}
    if isinstance(value, list):
        return [_ascii(v, counter) for v in value]
    if isinstance(value, str) and CJK.search(value):
        counter[0] += 1
        return f"Text {counter[0]}"
    return value


def ascii_service(tmp_path: Path) -> PopupService:
    """A service whose journal holds popups of every kind, shown and rejected, with ASCII payload text."""
    service = make_service(tmp_path)[0]
    counter = [0]
    socket = Sender("socket", details={"peer": "local socket"})
    for name in ("valid-ad.json", "valid-news.json", "valid-content.json", "valid-service.json",
                 "invalid-link-javascript.json"):  # fmt: skip
        payload = _ascii(copy.deepcopy(example(name)), counter)
        result = service.submit(payload, socket)
        if result.decision.decision == "show":
            service.displayed(result.receipt_id)
    service.report(receipt_id=1, provider_id="com.example.shop", reason="其他", text="")
    assert {row.decision for row in service.journal.history(limit=10)} >= {"show", "reject"}
    return service


def test_every_dialog_is_english(qtbot: Any, tmp_path: Path, english: None) -> None:
    service = ascii_service(tmp_path)
    with memory_keyring():
        dialogs: list[QWidget] = [
            PreferencesDialog(service),
            HistoryWindow(service.journal),
            ReportDialog(service, 1),
            ReportDialog(service, None),
            DisclosureDialog(service, None),
        ]
        for dialog in dialogs:
            qtbot.addWidget(dialog)
        history = dialogs[1]
        assert isinstance(history, HistoryWindow)
        history.refresh()
        history.select_receipt(1)
        report = dialogs[2]
        assert isinstance(report, ReportDialog)
        report.reason_buttons["其他"].setChecked(True)
        assert report.submit() is None  # 「其他」 without a note: an error under the form
        assert report.error.text() == 'With "Other", please describe the reason.'
        assert chinese_left(report) == []
        report.text.setPlainText("Spam")
        assert report.submit() is not None  # the result line and the opt-out box
        assert report.result_label.text().startswith("Recorded as report #")
        for dialog in dialogs:
            assert chinese_left(dialog) == [], type(dialog).__name__
    assert history.details.toPlainText().startswith("Receipt #")
    assert history.windowTitle() == "History" and dialogs[0].windowTitle() == "Preferences"


def test_every_popup_is_english(qtbot: Any, english: None) -> None:
    for kind in KINDS:
        for verified in (True, False):
            window = shown_popup(qtbot, ascii_view(kind, verified=verified))
            window.why_ad_button.setChecked(kind == "ad")
            assert chinese_left(window) == [], (kind, verified)
            window.hide()


def test_the_tray_is_english(qtbot: Any, english: None) -> None:
    def nothing() -> None:
        return None

    tray = Tray(TrayActions(nothing, nothing, nothing, nothing, nothing, nothing, nothing, nothing, lambda: True))
    tray.refresh()
    assert [chinese_left(menu) for menu in (tray.menu, tray.pause_menu)] == [[], []]
    assert tray.icon.toolTip() == "popup-client: paused"
    assert tray.action("report").text() == "Report…" and tray.pause_menu.title() == "Pause"


def test_messages_from_a_popups_menu_are_english(tmp_path: Path, qtbot: Any, english: None) -> None:
    from popup_client.ui.stack import PopupStack
    from popup_client.wiring import connect_popup_menu

    service = make_service(tmp_path)[0]
    stack = PopupStack(service.prefs)
    messages: list[str] = []
    connect_popup_menu(service, stack, messages.append)
    ad = _ascii(copy.deepcopy(example("valid-ad.json")), [0])
    submission = service.submit(ad, Sender("socket", details={"peer": "local socket"}))
    stack.push(submission)
    window = stack.window_of(submission.receipt_id)
    assert window is not None and window.ad_label.text() == "广告 Ad"
    window.more_panel.fewer_button.click()
    assert messages == ["Fewer popups from com.example.shop: at most 1 per hour, 3 per day"]
    stack.close_all("api")


# ------------------------------------------------------------------ the render command


def test_render_command_takes_a_language(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("popup-client")
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path),
           "POPUP_CLIENT_CONFIG_DIR": str(tmp_path / "c"), "POPUP_CLIENT_DATA_DIR": str(tmp_path / "d")}  # fmt: skip
    reports = {}
    for lang in ("zh_CN", "en"):
        out = tmp_path / f"ad-{lang}.png"
        result = subprocess.run(
            [str(exe), "render", str(ROOT / "resources/examples/valid-ad.json"), "--out", str(out), "--json", "--lang", lang],
            capture_output=True, text=True, timeout=120, env=env,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        reports[lang] = json.loads(result.stdout)
        assert out.stat().st_size > 0
    zh, en = reports["zh_CN"], reports["en"]
    assert en["ad_label"]["w"] > zh["ad_label"]["w"], "the English badge carries 「广告」 and 「Ad」"
    close = en["close_button"]
    assert en["ad_label"]["x"] + en["ad_label"]["w"] + T.CLOSE_GAP <= close["x"]
    assert en["report_button"]["w"] != zh["report_button"]["w"]
