"""Small pieces shared by the dialogs (preferences, history, report, disclosure).

Labels of kinds, decisions and events; local times; the journaled payload
read back; an inline error label; form sections; and
opting out of a provider through the preferences schema. Strings go through
:func:`popup_client.ui.i18n.tr`; stored ones are marked for lupdate.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from popup_client.core.journal import Event
from popup_client.core.prefs import Preferences, opt_out_provider

from .i18n import QT_TRANSLATE_NOOP, tr
from .theme import app_font

if TYPE_CHECKING:
    from .ports import PrefsDoor

log = logging.getLogger(__name__)

BODY_PX = 13
SMALL_PX = 12
ERROR_COLOR = "#B3261E"
DIALOG_MARGIN = 16


# Untranslated labels: keys are the schema's values; translated when shown.
KIND_LABELS = {
    "ad": QT_TRANSLATE_NOOP("", "广告"), "news": QT_TRANSLATE_NOOP("", "新闻"),
    "content": QT_TRANSLATE_NOOP("", "内容"), "service": QT_TRANSLATE_NOOP("", "服务"),
}  # fmt: skip
# 「显示」 is also a preferences section: the decisions are disambiguated as "decision".
DECISION_LABELS = {
    "show": QT_TRANSLATE_NOOP("", "显示", "decision"), "suppress": QT_TRANSLATE_NOOP("", "已屏蔽", "decision"),
    "reject": QT_TRANSLATE_NOOP("", "已拒绝", "decision"),
}  # fmt: skip
CLOSE_LABELS = {
    "button": QT_TRANSLATE_NOOP("", "关闭按钮"), "esc": QT_TRANSLATE_NOOP("", "Esc 键"),
    "timeout": QT_TRANSLATE_NOOP("", "超时"), "api": QT_TRANSLATE_NOOP("", "程序关闭"),
    "replaced": QT_TRANSLATE_NOOP("", "被替换"),
}  # fmt: skip


def kind_label(kind: str | None) -> str:
    """「广告」, 「新闻」…; an unknown or missing kind as it is, or 「—」."""
    return tr(KIND_LABELS[kind]) if kind in KIND_LABELS else (kind or "—")


def decision_label(decision: str) -> str:
    return tr(DECISION_LABELS[decision], "decision") if decision in DECISION_LABELS else decision


def event_label(event: Event) -> str:
    """One event in words: 「已显示」, 「关闭（超时）」, 「举报 #3」, 「操作：open」."""
    if event.type == "display":
        return tr("已显示")
    if event.type == "close":
        how = str(event.detail.get("how", ""))
        return tr("关闭（{how}）").format(how=tr(CLOSE_LABELS.get(how, how)))
    if event.type == "report":
        return tr("举报 #{n}").format(n=event.detail.get("complaint_id", "?"))
    if event.type == "action":
        return tr("操作：{a}").format(a=event.detail.get("action", ""))
    return event.type


def events_text(events: Iterable[Event]) -> str:
    return " · ".join(event_label(e) for e in events)


def local_time(value: datetime, tz: tzinfo | None = None) -> str:
    """``value`` in local time (``tz``, else the system's), to the second."""
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")


# ------------------------------------------------------------------ the journaled payload


def payload_object(payload: str | None) -> dict[str, Any]:
    """The journaled payload as a dict; ``{}`` if there is none or it is not a JSON object."""
    if not payload:
        return {}
    try:
        data = json.loads(payload)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def payload_text(data: dict[str, Any], *path: str) -> str | None:
    """A string at ``path`` in a payload dict (``"provider", "name"``), else None."""
    node: Any = data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, str) else None


def pretty_json(payload: str | None) -> str:
    """The payload indented for reading; text that is not JSON as it is."""
    if not payload:
        return ""
    try:
        return json.dumps(json.loads(payload), ensure_ascii=False, indent=2)
    except ValueError:
        return payload


# ------------------------------------------------------------------ widgets


class ErrorLabel(QLabel):
    """An inline error under a field: plain text, wrapped, red; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setFont(app_font(SMALL_PX))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(ERROR_COLOR))
        self.setPalette(palette)
        self.hide()

    def set_error(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


def plain_label(text: str = "", *, px: int = BODY_PX, bold: bool = False, wrap: bool = False) -> QLabel:
    """A plain-text label in the app's font."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setFont(app_font(px, bold=bold))
    label.setWordWrap(wrap)
    return label


def hint_label(text: str = "") -> QLabel:
    """A small secondary line of explanation, wrapped."""
    label = plain_label(text, px=SMALL_PX, wrap=True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def titled_box(title: str, parent: QWidget | None = None) -> tuple[QWidget, QGroupBox]:
    """A bold heading over a frame; the frame's content keeps the regular font."""
    outer = QWidget(parent)
    column = QVBoxLayout(outer)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(6)
    column.addWidget(plain_label(title, bold=True))
    frame = QGroupBox()
    column.addWidget(frame)
    return outer, frame


def section(title: str, parent: QWidget | None = None) -> tuple[QWidget, QFormLayout]:
    """A titled frame with a form layout, labels right-aligned."""
    outer, frame = titled_box(title, parent)
    form = QFormLayout(frame)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setHorizontalSpacing(12)
    form.setVerticalSpacing(8)
    form.setContentsMargins(12, 12, 12, 12)
    return outer, form


# ------------------------------------------------------------------ opting out


def _toml_list(values: Iterable[str]) -> str:
    # Provider ids are [A-Za-z0-9._:-]; a JSON list of such strings is a TOML list.
    return json.dumps(list(values), ensure_ascii=False)


def opt_out_command(providers: Iterable[str]) -> str:
    """The command line that sets ``opt_out.providers`` to ``providers``."""
    return f"popup-client prefs set opt_out.providers '{_toml_list(providers)}'"


def set_opted_out(service: PrefsDoor, provider_id: str, opted_out: bool) -> bool:
    """Add ``provider_id`` to (or remove it from) ``opt_out.providers``; True if that changed them.

    The core's change (:func:`~popup_client.core.prefs.opt_out_provider`),
    so an invalid id raises :class:`popup_client.core.prefs.PrefError` and
    nothing is saved.
    """
    changed = False

    def change(prefs: Preferences) -> Preferences:  # on the list as saved now: another change meanwhile is kept
        nonlocal changed
        after = opt_out_provider(provider_id, opted_out)(prefs)
        changed = after is not prefs
        return after

    service.change_prefs(change)
    if changed:
        log.info("provider %s %s", provider_id, "opted out" if opted_out else "opted in again")
    return changed
