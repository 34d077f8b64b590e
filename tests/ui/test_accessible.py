"""What assistive technology gets of a popup, read through Qt's accessibility interfaces (as AT-SPI, UIA and AX get it).

``QAccessible.queryAccessibleInterface`` answers offscreen too: the roles and
names here are the ones Qt's bridges hand to a screen reader.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from popup_client.ui import accessible as A
from popup_client.ui.i18n import install_translator, remove_translators
from popup_client.ui.popup_window import S_AD, S_CLOSE, S_REPORT, PopupWindow
from tests.ui.conftest import HOSTILE_TEXT, make_view


def iface(widget: QWidget) -> QAccessibleInterface:
    found = QAccessible.queryAccessibleInterface(widget)
    assert found is not None and found.isValid()
    return found


def name_of(widget: QWidget) -> str:
    return iface(widget).text(QAccessible.Text.Name)


def tree(root: QAccessibleInterface) -> list[tuple[QAccessible.Role, str]]:
    """(role, name) of every visible descendant, depth first, as a screen reader walks it."""
    out: list[tuple[QAccessible.Role, str]] = []
    for index in range(root.childCount()):
        child = root.child(index)
        if child is None or child.state().invisible:
            continue
        out.append((child.role(), child.text(QAccessible.Text.Name)))
        out += tree(child)
    return out


@pytest.fixture
def announcements(monkeypatch: Any) -> list[tuple[QWidget, str, QAccessible.AnnouncementPoliteness]]:
    """Every announcement sent through Qt's accessibility API meanwhile."""
    heard: list[tuple[QWidget, str, QAccessible.AnnouncementPoliteness]] = []
    send = QAccessible.__dict__["updateAccessibility"]

    def spy(event: QAccessibleEvent) -> None:
        if event.type() == QAccessible.Event.Announcement:
            heard.append((event.object(), event.message(), event.politeness()))  # type: ignore[attr-defined]
        send(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(spy))
    return heard


@pytest.fixture
def popup(qtbot: Any) -> PopupWindow:
    window = PopupWindow()
    window.set_theme(False)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "en") == "en"
    yield
    remove_translators(qapp)


def test_a_popup_is_a_notification_named_by_provider_ad_status_and_title(popup: PopupWindow) -> None:
    popup.show_view(make_view("ad", verified=False))
    window = iface(popup)
    assert window.role() == QAccessible.Role.Notification
    assert window.text(QAccessible.Text.Name) == "示例ad（未验证、广告）：ad 标题"
    assert window.text(QAccessible.Text.Description) == "正文第一行。"
    assert name_of(popup.ad_label) == S_AD and (QAccessible.Role.StaticText, S_AD) in tree(window)


@pytest.mark.parametrize(("kind", "verified", "name"), [
    ("ad", True, "示例ad（广告）：ad 标题"),
    ("news", True, "示例news：news 标题"),
    ("content", False, "示例content（未验证）：content 标题"),
    ("service", True, "示例service：service 标题"),
])  # fmt: skip
def test_the_name_says_ad_and_unverified_only_when_so(popup: PopupWindow, kind: str, verified: bool, name: str) -> None:
    popup.show_view(make_view(kind, verified=verified))
    assert iface(popup).role() == QAccessible.Role.Notification
    assert name_of(popup) == name
    assert (S_AD in name_of(popup)) == (kind == "ad")


def test_a_pooled_window_is_renamed_for_each_view(popup: PopupWindow) -> None:
    popup.show_view(make_view("ad"))
    popup.close_with("button")
    popup.show_view(make_view("news", body=""))
    assert name_of(popup) == "示例news：news 标题"
    assert iface(popup).text(QAccessible.Text.Description) == ""
    assert iface(popup).role() == QAccessible.Role.Notification


def test_close_report_and_actions_are_named_focusable_buttons_and_labels_read_in_full(popup: PopupWindow) -> None:
    title = "同步完成：" + "“项目资料”文件夹中的文件" * 8  # more than the label's two lines show
    popup.show_view(replace(make_view("service", title=title), actions=(("default", "打开"), ("a", "回复"), ("b", "稍后"))))
    assert popup.title_label.displayed_text() != title, "the label paints it elided"
    seen = tree(iface(popup))
    buttons = [name for role, name in seen if role in (QAccessible.Role.Button, QAccessible.Role.CheckBox)]
    assert (QAccessible.Role.Button, S_CLOSE) in seen and (QAccessible.Role.Button, S_REPORT) in seen, seen
    assert {"回复", "稍后", "更多"} <= set(buttons), seen
    assert all(buttons), f"every button shown has a name: {seen}"
    shown = [b for b in popup.findChildren(QAbstractButton) if b.isVisible()]
    popup.take_keyboard()  # what ctl focus-newest does (docs/accessibility.md); before it nothing is focusable
    assert all(iface(b).state().focusable for b in shown), "each reachable (tests/desktop: none focused on arrival)"
    labels = (popup.provider_label, popup.title_label, popup.body_label)
    assert [name_of(label) for label in labels] == ["示例service", title, "正文第一行。"]
    assert (QAccessible.Role.StaticText, title) in seen


def test_hostile_text_is_read_clipped_and_without_bidi_controls(popup: PopupWindow) -> None:
    view = make_view("content")
    popup.show_view(replace(view, provider_name=HOSTILE_TEXT, title=HOSTILE_TEXT, body=HOSTILE_TEXT))
    name, description = name_of(popup), iface(popup).text(QAccessible.Text.Description)
    assert len(name) <= 2 * A.MAX_NAME_CHARS + 10 and len(description) <= A.MAX_DESCRIPTION_CHARS
    assert "\u202e" not in name + description and "\u2067" not in name + description
    assert "<b>html</b>" in name, "markup is read as the text it is"


def test_each_popup_is_announced_once_when_it_appears(popup: PopupWindow, announcements: list[Any]) -> None:
    popup.set_view(make_view("ad"))
    assert announcements == [], "nothing is said of a popup not shown"
    popup.show()
    assert announcements == [(popup, "示例ad（广告）：ad 标题。正文第一行。", QAccessible.AnnouncementPoliteness.Polite)]
    popup.close_with("button")
    popup.show_view(make_view("news", body=""))
    assert [text for _, text, _ in announcements[1:]] == ["示例news：news 标题"]


def test_a_popup_replaced_in_place_is_announced_again(popup: PopupWindow, announcements: list[Any]) -> None:
    popup.show_view(make_view("service"))
    popup.set_view(make_view("service", title="下载完成"))  # the stack's in-place replacement
    assert [text for _, text, _ in announcements] == ["示例service：service 标题。正文第一行。", "示例service：下载完成。正文第一行。"]


def test_a_critical_notification_is_announced_assertively(popup: PopupWindow, announcements: list[Any]) -> None:
    popup.show_view(replace(make_view("service"), critical=True))
    popup.close_with("button")
    popup.show_view(make_view("service"))
    assert [p for _, _, p in announcements] == [QAccessible.AnnouncementPoliteness.Assertive,
                                                QAccessible.AnnouncementPoliteness.Polite]  # fmt: skip


def test_every_named_button_takes_tab_focus_once_given_the_keyboard_but_not_the_window(popup: PopupWindow) -> None:
    popup.show_view(make_view("ad"))
    assert popup.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert popup.windowHandle().flags() & Qt.WindowType.WindowDoesNotAcceptFocus
    popup.take_keyboard()
    buttons = [b for b in popup.findChildren(QAbstractButton) if b.isVisibleTo(popup)]
    assert {b.objectName() for b in buttons} >= {"close_button", "report_button", "details_button", "why_ad_button"}
    assert all(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in buttons), [
        b.objectName() for b in buttons if not b.focusPolicy() & Qt.FocusPolicy.TabFocus]


def test_in_english_the_name_keeps_广告_and_the_close_button_关闭(english: None, popup: PopupWindow) -> None:
    popup.show_view(make_view("ad", verified=False))
    assert name_of(popup) == "示例ad (Unverified, 广告 Ad): ad 标题"
    assert name_of(popup.close_button) == S_CLOSE
    assert name_of(popup.report_button) == "Report", "built after the translator was installed"
