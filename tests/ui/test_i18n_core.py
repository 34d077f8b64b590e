"""The core's text in the user's language (context "core", written in English, see popup_client/core/text.py).

Every core message has a Chinese translation with the same placeholders;
every reason the app gives for the examples and the hostile corpus formats
in both languages; and the history window and the preferences dialog, as
rendered, show the core's text translated.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QRawFont
from PySide6.QtWidgets import QApplication, QLabel

from popup_client.core.prefs import pref_fields
from popup_client.core.rules import Sender
from popup_client.core.text import Text, fields
from popup_client.service import PopupService
from popup_client.submission import Submission
from popup_client.ui import i18n
from popup_client.ui.fonts import fonts_dir
from popup_client.ui.history_window import HistoryWindow
from popup_client.ui.i18n import install_translator, remove_translators, tr_core
from popup_client.ui.prefs_dialog import PreferencesDialog
from tests.conftest import example
from tests.helpers.corpus import all_reasons
from tests.helpers.memkeyring import memory_keyring
from tests.helpers.service import make_service
from tests.ui.test_i18n import CJK, SCRIPT

CORE = "core"
# A source with English words in it (placeholders aside) must read differently in Chinese.
WORDS = re.compile(r"[A-Za-z]{2,}")
SOCKET = Sender("socket", details={"peer": "local socket"})


@pytest.fixture(autouse=True)
def source_strings_after(qapp: QApplication) -> Iterator[None]:
    yield
    remove_translators(qapp)


def core_messages(language: str) -> list[Any]:
    return [m for m in SCRIPT.messages(i18n.ts_path(language)) if m.context == CORE]


# ------------------------------------------------------------------ the checks, and that they catch what they should


def untranslated_into_chinese(messages: Iterable[Any]) -> list[str]:
    """Core messages with no Chinese translation: unfinished, empty, or English left as it is."""
    return [
        m.source
        for m in messages
        if m.type or not m.translation.strip() or (WORDS.search(_bare(m.source)) and not CJK.search(m.translation))
    ]


def placeholder_mismatches(messages: Iterable[Any]) -> list[tuple[str, str]]:
    """(source, translation) pairs whose placeholders differ, or whose template is broken."""
    found = []
    for m in messages:
        try:
            same = fields(m.translation) == fields(m.source)
        except ValueError:
            same = False
        if not same:
            found.append((m.source, m.translation))
    return found


def _bare(template: str) -> str:
    return re.sub(r"\{[^{}]*\}", "", template)


def test_the_checks_catch_a_missing_chinese_translation_and_a_wrong_placeholder() -> None:
    message = SCRIPT.Message
    bad = [
        message(CORE, "the story is {hours} h old", "", "", "unfinished"),
        message(CORE, "is required", "", "is required", ""),  # English left as it is
        message(CORE, "the story is {hours} h old", "", "该新闻已发布 {hour} 小时", ""),
        message(CORE, "one {n}", "", "一 {n", ""),
    ]
    good = [message(CORE, "{first}.{second}", "", "{first}.{second}", ""), message(CORE, "ad", "", "广告", "")]
    assert untranslated_into_chinese([*bad, *good]) == ["the story is {hours} h old", "is required"]
    assert placeholder_mismatches([*bad[2:], *good]) == [(bad[2].source, bad[2].translation), (bad[3].source, bad[3].translation)]


# ------------------------------------------------------------------ the files


def test_every_core_message_has_a_chinese_translation() -> None:
    messages = core_messages("zh_CN")
    assert len(messages) > 150
    assert untranslated_into_chinese(messages) == []


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_translations_keep_every_placeholder(language: str) -> None:
    assert placeholder_mismatches(SCRIPT.messages(i18n.ts_path(language))) == []


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_core_template_formats_in_both_languages(qapp: QApplication, language: str) -> None:
    install_translator(qapp, language)
    for m in core_messages(language):
        args = {name: f"<{name}>" for name in fields(m.source)}
        text = Text(m.source, args) if args else Text(m.source)
        shown = tr_core(text)
        assert shown == (m.translation.format(**args) if args else m.translation.format()), m.source
        if language == "en":
            assert shown == text


def test_lupdate_reads_the_core_marker_as_the_core_documents_it(tmp_path: Path) -> None:
    source = tmp_path / "marked.py"
    source.write_text(
        "from popup_client.core.text import QT_TRANSLATE_NOOP\n"
        'a = Verdict("r", QT_TRANSLATE_NOOP("core", "the story is {hours} h old; "\n'
        '                                   "too old").format(hours=hours), "news")\n'
        'b = QT_TRANSLATE_NOOP("core", "is required")\n',
        encoding="utf-8",
    )
    ts = tmp_path / "marked.ts"
    subprocess.run([SCRIPT.tool("pyside6-lupdate"), str(source), "-ts", str(ts), "-silent"], check=True)
    assert [m.key for m in SCRIPT.messages(ts)] == [(CORE, "the story is {hours} h old; too old", ""), (CORE, "is required", "")]


def test_the_bundled_font_has_every_character_of_the_chinese_translation(qapp: QApplication) -> None:
    """The app's own text is drawn in the bundled subset font: the core's Chinese must be in it (scripts/make-font-subset)."""
    font = QRawFont(str(fonts_dir() / "PopupUI-Regular.otf"), 16)
    text = "".join(m.translation for m in SCRIPT.messages(i18n.ts_path("zh_CN")))
    missing = sorted({ch for ch in text if ord(ch) > 0x7F and ch.isprintable() and not font.supportsCharacter(ord(ch))})
    assert missing == [], "run scripts/make-font-subset"


# ------------------------------------------------------------------ every reason of the corpus, in both languages


def test_every_reason_of_the_examples_and_the_corpus_shows_in_both_languages(
    qapp: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    reasons = all_reasons(tmp_path)
    assert len(reasons) > 250
    with caplog.at_level(logging.WARNING, logger="popup_client.ui.i18n"):
        install_translator(qapp, "en")
        english = [tr_core(reason) for _, reason in reasons]
        install_translator(qapp, "zh_CN")
        chinese = [tr_core(reason) for _, reason in reasons]
    assert "does not fit" not in caplog.text
    assert english == [str.__str__(reason) for _, reason in reasons], "English shows exactly what the API replied"
    for (name, reason), shown in zip(reasons, chinese):
        assert CJK.search(shown) and shown != reason, (name, reason, shown)


# ------------------------------------------------------------------ as rendered


def shown_history(qtbot: Any, service: PopupService, receipt_id: int) -> HistoryWindow:
    """The history window, on screen (offscreen), with ``receipt_id`` selected."""
    window = HistoryWindow(service.journal)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.select_receipt(receipt_id)
    return window


def history_of_a_rejection(qtbot: Any, tmp_path: Path) -> tuple[Submission, HistoryWindow]:
    service = make_service(tmp_path)[0]
    submission = service.submit(example("invalid-news-stale.json"), SOCKET)
    return submission, shown_history(qtbot, service, submission.receipt_id)


@pytest.mark.parametrize(
    ("language", "reason", "absent"),
    [
        ("zh_CN", "news.published_at：该新闻已发布 180 小时；超过 72 小时的新闻不予推送", "the story is"),
        ("en", "news.published_at: the story is 180 h old; news older than 72 h is not pushed", "该新闻"),
    ],
)
def test_the_history_shows_a_rejections_reason_in_the_interface_language(
    qapp: QApplication, qtbot: Any, tmp_path: Path, language: str, reason: str, absent: str
) -> None:
    install_translator(qapp, language)
    submission, window = history_of_a_rejection(qtbot, tmp_path)
    details = window.details.toPlainText()
    assert f"  • {reason}" in details.splitlines()
    assert absent not in details
    assert submission.reply()["reasons"] == [
        "news.published_at: the story is 180 h old; news older than 72 h is not pushed"
    ], "the API stays English"
    for words in ("the story is 180 h old", "该新闻已发布") if language == "zh_CN" else ("the story is 180 h old",):
        window.search.setText(words)  # the search finds the reason as shown, and as recorded
        assert [row.id for row in window.visible_rows()] == [submission.receipt_id], words


def test_the_history_shows_a_parse_error_in_chinese(qapp: QApplication, qtbot: Any, tmp_path: Path) -> None:
    install_translator(qapp, "zh_CN")
    service = make_service(tmp_path)[0]
    receipt_id = service.submit(b'{"version": 1, "id": "x"}', SOCKET).receipt_id
    details = shown_history(qtbot, service, receipt_id).details.toPlainText()
    assert "  • provider：必须填写" in details.splitlines()
    assert "错误：推送内容无效：" in details and "  provider：必须填写 [contract]" in details.splitlines()
    assert "is required" not in details and "invalid payload" not in details


def test_an_old_row_without_texts_shows_its_english(qapp: QApplication, qtbot: Any, tmp_path: Path) -> None:
    install_translator(qapp, "zh_CN")
    path = tmp_path / "journal.sqlite3"
    service = make_service(tmp_path, journal=path)[0]
    submitted = service.submit(example("invalid-news-stale.json"), SOCKET)
    with sqlite3.connect(path) as raw:  # the row as a version-1 journal left it
        raw.execute("UPDATE receipts SET reason_texts = NULL")
    raw.close()
    details = shown_history(qtbot, service, submitted.receipt_id).details.toPlainText()
    assert "  • news.published_at: the story is 180 h old; news older than 72 h is not pushed" in details.splitlines()


@pytest.mark.parametrize(
    ("language", "tooltip", "error"),
    [
        ("zh_CN", "所有提供者合计每小时最多显示的广告、新闻和内容弹窗数。",
         "未保存：caps.global_hourly = -1 无效：输入值应大于或等于 0。应为：不小于 0 的整数，例如 caps.global_hourly = 6。"),
        ("en", "Ad, news and content popups shown per hour, all providers together.",
         ("Not saved: caps.global_hourly = -1 is not valid: input should be greater than or equal to 0. "
          "Expected a whole number, 0 or more, e.g. caps.global_hourly = 6.")),
    ],
)  # fmt: skip
def test_the_preferences_dialog_shows_descriptions_and_errors_in_the_interface_language(
    qapp: QApplication, qtbot: Any, tmp_path: Path, language: str, tooltip: str, error: str
) -> None:
    install_translator(qapp, language)
    with memory_keyring():
        dialog = PreferencesDialog(make_service(tmp_path)[0])
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        editor = dialog.editor("caps.global_hourly")
        assert editor.toolTip() == tooltip
        editor.committed.emit("-1")
        assert dialog.error_text("caps.global_hourly") == error
        tips = [dialog.editor(f.key).toolTip() for f in pref_fields()]
    assert all(tips)
    if language == "zh_CN":
        assert [t for t in tips if not CJK.search(t)] == []
    else:
        assert [t for t in tips if CJK.search(t.replace("「广告」", "").replace("「关闭」", ""))] == []


@pytest.mark.parametrize(
    ("language", "status", "warning"),
    [
        ("zh_CN", "清单无法使用，暂不接受任何新闻来源：", "无法读取新闻来源清单"),
        ("en", "The list is unusable; no news source is accepted for now: ", "cannot read the news-source list"),
    ],
)
def test_an_unusable_news_list_is_said_in_the_interface_language(
    qapp: QApplication, qtbot: Any, tmp_path: Path, language: str, status: str, warning: str
) -> None:
    install_translator(qapp, language)
    missing = tmp_path / "missing.toml"
    with memory_keyring():
        dialog = PreferencesDialog(make_service(tmp_path)[0])
        qtbot.addWidget(dialog)
        dialog.editor("news_sources_file").committed.emit(f'"{missing}"')
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert f"{status}{missing}" in labels
    assert dialog.error_text("news_sources_file").startswith(warning)
