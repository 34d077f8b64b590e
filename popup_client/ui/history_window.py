"""The history window: every payload received, what was decided, and what happened to it.

A table (:class:`HistoryModel` behind a :class:`HistoryFilter`) of the
journal's receipts, newest first: local time, provider, kind, title,
decision, rule ids, transport and sender, events. Filters by provider,
decision, kind and free text; a details pane shows the reasons (in the
interface language where the journal kept them as translatable text, else
in the English recorded), the sender and the journaled payload as indented
JSON. At most ``page_size`` rows are read at a time (「加载更多」 reads
more). 「清除记录…」 (given a :class:`~.ports.ForgetDoor`) forgets the
history — of the provider chosen in the filter, else all of it — after a
confirmation that says what goes and what stays for the caps. The window reloads when shown and, while visible, whenever a new
receipt is journaled.
"""

from __future__ import annotations

import logging
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
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
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from popup_client.core.journal import HistoryRow, Journal, JournalError
from popup_client.core.vocabulary import DecisionKind

from .history_model import ROW_ROLE, TITLE_COLUMN, HistoryFilter, HistoryModel, details_text
from .i18n import tr, tr_core
from .ports import ForgetDoor
from .theme import app_font, content_font
from .widgets import (
    BODY_PX,
    DIALOG_MARGIN,
    KIND_LABELS,
    decision_label,
    hint_label,
    kind_label,
    plain_label,
)

log = logging.getLogger(__name__)

PAGE_SIZE = 500
POLL_MS = 3000


class HistoryWindow(QDialog):
    """The journal's receipts, newest first."""

    def __init__(
        self,
        journal: Journal,
        *,
        forgetting: ForgetDoor | None = None,
        page_size: int = PAGE_SIZE,
        tz: tzinfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._journal = journal
        self._forgetting = forgetting
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
        self.clear_button = self._button(tr("清除记录…"), self.clear_history)
        self.clear_button.setVisible(self._forgetting is not None)
        close = self._button(tr("关闭"), self.close)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        for button in (self.clear_button, self.more_button, self.refresh_button, close):
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

    def clear_history(self) -> bool:
        """Forget the history (of the provider chosen in the filter, else all), once the user confirms; True if done."""
        if self._forgetting is None:
            return False
        provider = self.provider_combo.currentData()
        try:
            plan = self._forgetting.plan_clear(provider_id=provider)
        except JournalError as exc:
            self.status.setText(tr("无法读取记录：") + tr_core(str(exc)))
            return False
        scope = tr("提供者 {id} 的记录").format(id=provider) if provider else tr("全部记录")
        text = tr("清除{scope}？将删除 {deleted} 条记录和 {complaints} 条举报，无法恢复。").format(
            scope=scope, deleted=plan.deleted, complaints=plan.complaints)  # fmt: skip
        if plan.kept_for_caps:
            text += "\n\n" + tr(
                "最近一天显示过的 {n} 条只留下提供者、类型、话题和时间，不含文字，让频率上限仍然正确；满一天后自动删除。"
            ).format(n=plan.kept_for_caps)
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        if QMessageBox.question(self, tr("清除记录"), text, buttons, QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return False
        try:
            done = self._forgetting.clear_history(provider_id=provider)
        except JournalError as exc:
            self.status.setText(tr("无法清除记录：") + tr_core(str(exc)))
            return False
        self.refresh()
        self.status.setText(tr("已删除 {deleted} 条记录和 {complaints} 条举报。").format(deleted=done.deleted, complaints=done.complaints))
        return True

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
