"""The history window's table: a journal row as an entry, its details text, the model and its filter.

:class:`HistoryModel` holds the rows read (as :class:`Entry`, each cell's
text made once); :class:`HistoryFilter` narrows them by provider,
decision, kind and free text. :mod:`.history_window` shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QWidget

from popup_client.core.journal import HistoryRow
from popup_client.core.journal.redaction import text_summary

from .i18n import QT_TRANSLATE_NOOP, tr, tr_core
from .theme import app_font, content_font
from .widgets import (
    BODY_PX,
    decision_label,
    event_label,
    events_text,
    kind_label,
    local_time,
    payload_object,
    payload_text,
    pretty_json,
)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ModelIndex = QModelIndex | QPersistentModelIndex

# Marked for lupdate, translated when shown.
COLUMNS = (
    QT_TRANSLATE_NOOP("", "时间"), QT_TRANSLATE_NOOP("", "提供者"), QT_TRANSLATE_NOOP("", "类型"),
    QT_TRANSLATE_NOOP("", "标题"), QT_TRANSLATE_NOOP("", "决定"), QT_TRANSLATE_NOOP("", "规则"),
    QT_TRANSLATE_NOOP("", "传输"), QT_TRANSLATE_NOOP("", "发送方"), QT_TRANSLATE_NOOP("", "事件"),
)  # fmt: skip
CONTENT_COLUMNS = frozenset({1, 3, 7})  # text that came from a payload or a sender: the content font
TITLE_COLUMN = 3


def sender_text(sender: dict[str, Any]) -> str:
    """Who sent it: D-Bus name / pid / executable where known, else the sender's details."""
    parts = [str(sender[k]) if k != "pid" else f"pid {sender[k]}" for k in ("dbus_name", "pid", "exe") if k in sender]
    if not parts:
        parts = [f"{v}" if k == "peer" else f"{k}={v}" for k, v in sender.items() if isinstance(v, (str, int, float))]
    return " / ".join(parts)


@dataclass(frozen=True)
class Entry:
    """One receipt as the table shows it."""

    row: HistoryRow
    provider_name: str | None
    cells: tuple[str, ...]
    haystack: str  # lower-cased text the search box looks in


def not_kept_text(row: HistoryRow) -> str | None:
    """What the history says in place of a text the journal does not keep (docs/privacy.md), or None."""
    summary = text_summary(row.payload)
    if summary is None:
        return None
    if summary.get("cleared"):
        return tr("（已清除，仍计入频率上限）")
    return tr("（未保留文字）")


def make_entry(row: HistoryRow, tz: tzinfo | None = None) -> Entry:
    data = payload_object(row.payload)
    name = payload_text(data, "provider", "name")
    title = payload_text(data, "title") or (tr("（无法解析）") if row.error else not_kept_text(row) or "")
    provider = name or row.provider_id or tr("（未知）")
    cells = (
        local_time(row.received_at, tz), provider, kind_label(row.kind), title, decision_label(row.decision),
        ", ".join(row.rules), row.transport, sender_text(row.sender), events_text(row.events),
    )  # fmt: skip
    shown = (*(tr_core(reason) for reason in row.reasons), tr_core(row.error or ""))
    words = (*cells, row.provider_id or "", row.popup_id or "", row.topic or "", *row.reasons, row.error or "", *shown)
    return Entry(row, name, cells, "\n".join(words).casefold())


def details_text(row: HistoryRow, tz: tzinfo | None = None) -> str:
    """Everything about one receipt, as plain text for the details pane."""
    entry = make_entry(row, tz)
    verified = tr("已验证") if row.verified else tr("未验证")
    lines = [
        tr("回执 #{id} · {time} · {decision}").format(id=row.id, time=entry.cells[0], decision=entry.cells[4]),
        tr("提供者：{name}（{id}），{verified}").format(name=entry.cells[1], id=row.provider_id or "—", verified=verified),
        tr("类型：{kind}　弹窗 ID：{pid}　话题：{topic}").format(kind=entry.cells[2], pid=row.popup_id or "—", topic=row.topic or "—"),
        tr("传输：{t}　发送方：{s}").format(t=row.transport, s=entry.cells[7] or "—"),
    ]
    if row.rules:
        lines += ["", tr("规则：") + ", ".join(row.rules), tr("原因：")] + [f"  • {tr_core(reason)}" for reason in row.reasons]
    if row.error:
        lines += ["", tr("错误：") + tr_core(row.error)]
    if row.events:
        lines += ["", tr("事件：")] + [f"  {local_time(e.at, tz)}  {event_label(e)}" for e in row.events]
    summary = text_summary(row.payload)
    if summary is not None and not summary.get("cleared"):
        lines += ["", tr("文字未保留（见偏好设置的「隐私」）：{length} 个字符，指纹 {fingerprint}").format(
            length=summary.get("length", "?"), fingerprint=summary.get("fingerprint", "—"))]  # fmt: skip
    elif summary is not None:
        lines += ["", tr("已清除：只留下提供者、类型、话题和时间，用于频率上限，一天后删除。")]
    lines += ["", tr("收到的内容（图片以摘要代替）："), pretty_json(row.payload) or "—"]
    return "\n".join(lines)


class HistoryModel(QAbstractTableModel):
    """The loaded receipts, one row each."""

    def __init__(self, tz: tzinfo | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._entries: list[Entry] = []
        self._app_font = app_font(BODY_PX)
        self._content_font = content_font(BODY_PX)

    def set_rows(self, rows: list[HistoryRow]) -> None:
        self.beginResetModel()
        self._entries = [make_entry(row, self._tz) for row in rows]
        self.endResetModel()

    def entry(self, row: int) -> Entry:
        return self._entries[row]

    def entries(self) -> list[Entry]:
        return list(self._entries)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = entry.cells[index.column()]
            if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
                return entry.row.provider_id or text
            return text
        if role == Qt.ItemDataRole.FontRole:
            return self._content_font if index.column() in CONTENT_COLUMNS else self._app_font
        if role == ROW_ROLE:
            return entry.row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None


class HistoryFilter(QSortFilterProxyModel):
    """Provider, decision and kind (exact, None = any) and free text (anywhere in the row)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.provider: str | None = None
        self.decision: str | None = None
        self.kind: str | None = None
        self.text = ""

    def set_filter(self, **values: Any) -> None:
        if hasattr(self, "endFilterChange"):  # Qt >= 6.10; invalidateFilter() is deprecated there
            self.beginFilterChange()
            self.__dict__.update(values)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self.__dict__.update(values)
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, HistoryModel)
        entry = model.entry(source_row)
        row = entry.row
        return (
            (self.provider is None or row.provider_id == self.provider)
            and (self.decision is None or row.decision == self.decision)
            and (self.kind is None or row.kind == self.kind)
            and all(word in entry.haystack for word in self.text.casefold().split())
        )
