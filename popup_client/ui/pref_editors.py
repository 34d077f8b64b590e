"""One editor widget per preference type, for the preferences dialog.

Each :class:`PrefEditor` shows a value (:meth:`PrefEditor.load`) and emits
:attr:`PrefEditor.committed` with the raw TOML text of a new one, which the
dialog validates with :func:`popup_client.core.prefs.set_pref`; an editor
never saves anything itself. Loading a value emits nothing.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from popup_client.core.prefs import Preferences, PrefField

from .i18n import tr, tr_core
from .theme import app_font
from .widgets import BODY_PX, kind_label

NO_CAP = -1  # the spin value that means "the general cap" in the provider table
MAX_INT = 999_999


def _words(text: str | None) -> str:
    """A word the field declares (:class:`~popup_client.core.prefs.shown.Shown`), translated; "" if none."""
    return tr_core(text) if text else ""


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def caps_table(table: dict[str, dict[str, int]]) -> str:
    """``caps.providers`` as an inline TOML table."""
    rows = [f"{toml_string(pid)} = {{ {', '.join(f'{k} = {v}' for k, v in caps.items())} }}" for pid, caps in table.items()]
    return "{ " + ", ".join(rows) + " }" if rows else "{}"


def button(text: str) -> QPushButton:
    """A push button that never becomes the dialog's default (Enter stays with the field)."""
    widget = QPushButton(text)
    widget.setAutoDefault(False)
    return widget


def _row(*widgets: QWidget, stretch_first: bool = False, stretch_end: bool = False) -> QHBoxLayout:
    line = QHBoxLayout()
    line.setContentsMargins(0, 0, 0, 0)
    for index, widget in enumerate(widgets):
        line.addWidget(widget, 1 if stretch_first and index == 0 else 0)
    if stretch_end:
        line.addStretch(1)
    return line


class PrefEditor(QWidget):
    """Base: a value in, raw TOML text out."""

    committed = Signal(str)  # the raw TOML text of a new value
    problem = Signal(str)  # something to tell the user that is not a preference error

    compact = True  # keeps its natural width (a spin box, a combo box) rather than stretching

    def __init__(self, field: PrefField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._loading = False
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(6)

    def load(self, value: Any, prefs: Preferences) -> None:
        """Show ``value`` (``prefs`` for context); emits nothing."""
        self._loading = True
        try:
            self._show(value, prefs)
        finally:
            self._loading = False

    def _show(self, value: Any, prefs: Preferences) -> None:
        raise NotImplementedError

    def _emit(self, raw: str) -> None:
        if not self._loading:
            self.committed.emit(raw)


class IntEditor(PrefEditor):
    def __init__(self, field: PrefField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.spin = QSpinBox()
        low = field.minimum if field.minimum is not None else 0
        self.spin.setRange(low, field.maximum if field.maximum is not None else MAX_INT)
        self.spin.setKeyboardTracking(False)  # one save per edit, not one per digit typed
        shown = field.shown
        self.spin.setSuffix(_words(shown.unit if shown else None))
        self.spin.setMinimumWidth(120)
        if shown is not None and shown.zero is not None:
            self.spin.setSpecialValueText(_words(shown.zero))
        self.spin.valueChanged.connect(lambda value: self._emit(str(value)))
        self._column.addWidget(self.spin)

    def _show(self, value: Any, prefs: Preferences) -> None:
        self.spin.setValue(int(value))


class BoolEditor(PrefEditor):
    def __init__(self, field: PrefField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.box = QCheckBox(tr("开启"))
        self.box.toggled.connect(lambda on: self._emit("true" if on else "false"))
        self._column.addWidget(self.box)

    def _show(self, value: Any, prefs: Preferences) -> None:
        self.box.setChecked(bool(value))


class ChoiceEditor(PrefEditor):
    def __init__(self, field: PrefField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.combo = QComboBox()
        words = field.shown.choices if field.shown is not None else {}
        for choice in field.choices or ():
            self.combo.addItem(_words(words.get(choice)) or choice, choice)
        metrics = QFontMetrics(app_font(BODY_PX))
        widest = max((metrics.horizontalAdvance(self.combo.itemText(i)) for i in range(self.combo.count())), default=0)
        self.combo.setMinimumWidth(widest + 48)  # the style's own hint is too tight for CJK text
        self.combo.currentIndexChanged.connect(lambda _: self._emit(str(self.combo.currentData())))
        self._column.addWidget(self.combo)

    def _show(self, value: Any, prefs: Preferences) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(value), 0))


class TextEditor(PrefEditor):
    """A line edit, saved on Enter or when it loses focus; optionally a 「浏览…」 button."""

    compact = False
    browse_requested = Signal()

    def __init__(self, field: PrefField, parent: QWidget | None = None, *, browse: bool = False) -> None:
        super().__init__(field, parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(_words(field.shown.placeholder if field.shown else None))
        self.edit.setClearButtonEnabled(True)
        self.edit.editingFinished.connect(lambda: self._emit(toml_string(self.edit.text())))
        widgets: list[QWidget] = [self.edit]
        if browse:
            self.browse = button(tr("浏览…"))
            self.browse.clicked.connect(self.browse_requested)
            widgets.append(self.browse)
        self._column.addLayout(_row(*widgets, stretch_first=True))

    def set_text(self, text: str) -> None:
        """Put ``text`` in the field and commit it (the browse button's result)."""
        self.edit.setText(text)
        self._emit(toml_string(text))

    def _show(self, value: Any, prefs: Preferences) -> None:
        self.edit.setText(str(value))


class ChecksEditor(PrefEditor):
    """A list drawn from choices: one check box per choice (kinds as 广告/新闻/内容/服务)."""

    def __init__(self, field: PrefField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.boxes = {choice: QCheckBox(kind_label(choice)) for choice in field.choices or ()}
        for box in self.boxes.values():
            box.toggled.connect(lambda _: self._emit(toml_list(self.checked())))
        line = _row(*self.boxes.values(), stretch_end=True)
        line.setSpacing(16)
        self._column.addLayout(line)

    def checked(self) -> list[str]:
        return [choice for choice, box in self.boxes.items() if box.isChecked()]

    def _show(self, value: Any, prefs: Preferences) -> None:
        for choice, box in self.boxes.items():
            box.setChecked(choice in value)


class ListEditor(PrefEditor):
    """A free list (provider ids): the items, a field to add one, a button to remove the selected."""

    compact = False

    def __init__(self, field: PrefField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.items = QListWidget()
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.items.setMaximumHeight(92)
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(_words(field.shown.placeholder if field.shown else None))
        self.add_button, self.remove_button = button(tr("添加")), button(tr("移除所选"))
        self.entry.returnPressed.connect(self.add)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self._column.addWidget(self.items)
        self._column.addLayout(_row(self.entry, self.add_button, self.remove_button, stretch_first=True))

    def values(self) -> list[str]:
        return [self.items.item(i).text() for i in range(self.items.count())]

    def add(self) -> None:
        text = self.entry.text().strip()
        if text:
            self._emit(toml_list([*self.values(), text]))

    def remove(self) -> None:
        chosen = {item.text() for item in self.items.selectedItems()}
        if chosen:
            self._emit(toml_list([v for v in self.values() if v not in chosen]))

    def _show(self, value: Any, prefs: Preferences) -> None:
        if list(value) != self.values():
            self.entry.clear()  # the added id is now in the list
        self.items.clear()
        self.items.addItems(list(value))


class ProviderCapsEditor(PrefEditor):
    """``caps.providers``: a table of overrides, and a row to set or remove one."""

    compact = False
    CAPS = ("hourly", "daily")

    def __init__(self, field: PrefField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self._value: dict[str, dict[str, int]] = {}
        self._value_ids: list[str] = []
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([tr("来源 ID"), tr("每小时"), tr("每天")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(110)
        self.table.itemSelectionChanged.connect(self._pick)
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(tr("来源 ID"))
        self.spins = {name: QSpinBox() for name in self.CAPS}
        for name, spin in self.spins.items():
            spin.setRange(NO_CAP, MAX_INT)
            spin.setSpecialValueText(tr("默认"))
            spin.setToolTip(tr("每小时上限") if name == "hourly" else tr("每天上限"))
            spin.setMinimumWidth(90)
            spin.setValue(NO_CAP)
        self.set_button, self.remove_button = button(tr("设置此来源的上限")), button(tr("删除所选"))
        self.set_button.clicked.connect(self.put)
        self.remove_button.clicked.connect(self.remove)
        self._column.addWidget(self.table)
        self._column.addLayout(_row(self.entry, *self.spins.values(), stretch_first=True))
        self._column.addLayout(_row(self.set_button, self.remove_button, stretch_end=True))

    def put(self) -> None:
        provider = self.entry.text().strip()
        caps = {name: spin.value() for name, spin in self.spins.items() if spin.value() != NO_CAP}
        if not provider or not caps:
            self.problem.emit(tr("请填写来源 ID，并至少设置每小时或每天的上限。"))
            return
        self._emit(caps_table({**self._value, provider: caps}))

    def selected(self) -> list[str]:
        """The provider ids of the selected rows."""
        return [self._value_ids[index.row()] for index in self.table.selectionModel().selectedRows()]

    def remove(self) -> None:
        chosen = set(self.selected())
        if chosen:
            self._emit(caps_table({p: c for p, c in self._value.items() if p not in chosen}))

    def _pick(self) -> None:
        chosen = self.selected()
        if chosen:
            provider = chosen[0]
            self.entry.setText(provider)
            for name, spin in self.spins.items():
                spin.setValue(self._value.get(provider, {}).get(name, NO_CAP))

    def _show(self, value: Any, prefs: Preferences) -> None:
        self._value = {pid: dict(caps) for pid, caps in value.items()}
        self._value_ids = list(self._value)
        general = {"hourly": prefs.caps.provider_hourly, "daily": prefs.caps.provider_daily}
        self.table.setRowCount(0)
        for provider, caps in self._value.items():
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(provider))
            for column, name in enumerate(self.CAPS, start=1):
                text = str(caps[name]) if name in caps else tr("默认（{n}）").format(n=general[name])
                self.table.setItem(row, column, QTableWidgetItem(text))


def make_editor(field: PrefField) -> PrefEditor:
    """The editor for ``field``'s type."""
    if field.type_name == "int":
        return IntEditor(field)
    if field.type_name == "bool":
        return BoolEditor(field)
    if field.type_name == "choice":
        return ChoiceEditor(field)
    if field.type_name == "list":
        return ChecksEditor(field) if field.choices else ListEditor(field)
    if field.type_name == "table":
        return ProviderCapsEditor(field)
    return TextEditor(field, browse=field.key.endswith("_file"))
