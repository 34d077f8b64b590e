"""The history window: every payload received, what was decided, and what happened to it.

A table (:class:`HistoryModel` behind a :class:`HistoryFilter`) of the
journal's receipts, newest first: local time, provider, kind, title,
decision, rule ids, transport and sender, events. Filters by provider,
decision, kind and free text; a details pane shows the reasons (in the
interface language where the journal kept them as translatable text, else
in the English recorded), the sender and the journaled payload as indented
JSON. At most ``page_size`` rows are read at a time (「加载更多」 reads
more). The window reloads when shown and, while visible, whenever a new
receipt is journaled.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from popup_client.core.journal import HistoryRow, Journal, JournalError
from popup_client.core.vocabulary import DecisionKind

from .i18n import QT_TRANSLATE_NOOP, tr, tr_core
from .theme import app_font, content_font
from .widgets import (
    BODY_PX,
    DIALOG_MARGIN,
    KIND_LABELS,
    decision_label,
    event_label,
    events_text,
    hint_label,
    kind_label,
    local_time,
    payload_object,
    payload_text,
    plain_label,
    pretty_json,
)

log = logging.getLogger(__name__)

PAGE_SIZE = 500
POLL_MS = 3000
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


def make_entry(row: HistoryRow, tz: tzinfo | None = None) -> Entry:
    data = payload_object(row.payload)
    name = payload_text(data, "provider", "name")
    title = payload_text(data, "title") or (tr("（无法解析）") if row.error else "")
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


class HistoryWindow(QDialog):
    """The journal's receipts, newest first."""

    def __init__(
        self, journal: Journal, *, page_size: int = PAGE_SIZE, tz: tzinfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._page = page_size
        self._limit = page_size
        self._tz = tz
        self._newest: int | None = None
        self.model = HistoryModel(tz, self)
        self.proxy = HistoryFilter(self)
        self.proxy.setSourceModel(self.model)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self.setWindowTitle(tr("推送记录"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setFont(app_font(BODY_PX))
        self.resize(1080, 660)
        self._build()

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        self.provider_combo = QComboBox()
        self.provider_combo.setMinimumContentsLength(16)
        self.provider_combo.addItem(tr("全部提供者"), None)
        self.decision_combo = self._combo(tr("全部决定"), {d.value: decision_label(d) for d in DecisionKind})
        self.kind_combo = self._combo(tr("全部类型"), {k: kind_label(k) for k in KIND_LABELS})
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("搜索标题、提供者、规则、原因…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.proxy.set_filter(text=text))
        for combo, name in ((self.provider_combo, "provider"), (self.decision_combo, "decision"), (self.kind_combo, "kind")):
            combo.currentIndexChanged.connect(lambda _, c=combo, n=name: self._filter_changed(n, c.currentData()))
        filters = QHBoxLayout()
        for label, widget in ((tr("提供者"), self.provider_combo), (tr("决定"), self.decision_combo), (tr("类型"), self.kind_combo)):
            filters.addWidget(plain_label(label))
            filters.addWidget(widget)
            filters.addSpacing(8)
        filters.addWidget(self.search, 1)
        self.table = self._make_table()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setFont(content_font(BODY_PX))
        self.details.setPlaceholderText(tr("选择一行，查看原因和收到的内容。"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setSizes([400, 220])
        self.status = hint_label()
        self.more_button = self._button(tr("加载更多"), self.load_more)
        self.refresh_button = self._button(tr("刷新"), self.refresh)
        close = self._button(tr("关闭"), self.close)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        for button in (self.more_button, self.refresh_button, close):
            footer.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN)
        layout.setSpacing(10)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(footer)

    def _combo(self, everything: str, items: dict[str, str]) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everything, None)
        for value, label in items.items():
            combo.addItem(label, value)
        return combo

    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(26)
        header = table.horizontalHeader()
        header.setFont(app_font(BODY_PX, bold=True))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((150, 110, 64, 0, 84, 110, 70, 150, 200)):  # room for English words too
            if width:
                table.setColumnWidth(column, width)
        table.selectionModel().currentRowChanged.connect(lambda *_: self._show_details())
        return table

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        """Read the newest rows again, keeping the filters and the selected receipt."""
        selected = self.selected_row()
        try:
            rows = self._journal.history(limit=self._limit)
        except JournalError as exc:
            log.error("cannot read the history: %s", exc)
            self.status.setText(tr("无法读取记录：") + tr_core(str(exc)))
            return
        self._newest = rows[0].id if rows else None
        self.model.set_rows(rows)
        self._fill_providers()
        self.more_button.setEnabled(len(rows) >= self._limit)
        self._select(selected.id if selected else None)
        self._update_status()

    def load_more(self) -> None:
        """Read ``page_size`` more rows."""
        self._limit += self._page
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def _poll(self) -> None:
        try:
            newest = self._journal.history(limit=1)
        except JournalError:
            return
        if (newest[0].id if newest else None) != self._newest:
            self.refresh()

    def _fill_providers(self) -> None:
        combo = self.provider_combo
        current = combo.currentData()
        names: dict[str, str | None] = {}
        for entry in self.model.entries():
            if entry.row.provider_id and entry.row.provider_id not in names:
                names[entry.row.provider_id] = entry.provider_name
        if current is not None:
            names.setdefault(current, None)
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(tr("全部提供者"), None)
        for provider_id in sorted(names):
            name = names[provider_id]
            combo.addItem(tr("{name}（{id}）").format(name=name, id=provider_id) if name else provider_id, provider_id)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    # ------------------------------------------------------------ selection and filters

    def _filter_changed(self, name: str, value: Any) -> None:
        self.proxy.set_filter(**{name: value})
        self._update_status()

    def _update_status(self) -> None:
        self.status.setText(
            tr("已载入最近 {loaded} 条，显示 {shown} 条").format(loaded=self.model.rowCount(), shown=self.proxy.rowCount())
        )
        self._show_details()

    def visible_rows(self) -> list[HistoryRow]:
        """The receipts the filters let through, in table order."""
        return [self.proxy.index(i, 0).data(ROW_ROLE) for i in range(self.proxy.rowCount())]

    def selected_row(self) -> HistoryRow | None:
        index = self.table.selectionModel().currentIndex()
        rows = self.table.selectionModel().selectedRows()
        if not rows or not index.isValid():
            return None
        row: HistoryRow = index.data(ROW_ROLE)
        return row

    def select_receipt(self, receipt_id: int) -> bool:
        """Select the row of ``receipt_id`` if it is visible."""
        return self._select(receipt_id)

    def _select(self, receipt_id: int | None) -> bool:
        for i in range(self.proxy.rowCount()):
            index = self.proxy.index(i, 0)
            if receipt_id is not None and index.data(ROW_ROLE).id == receipt_id:
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                self.table.selectionModel().setCurrentIndex(index, flags)
                self.table.scrollTo(index)
                return True
        self._show_details()
        return False

    def _show_details(self) -> None:
        row = self.selected_row()
        text = details_text(row, self._tz) if row is not None else ""
        if self.details.toPlainText() != text:
            self.details.setPlainText(text)
