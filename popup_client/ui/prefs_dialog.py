"""The preferences dialog, generated from the schema (:func:`pref_fields`).

One editor per field type, qutebrowser style: a spin box for ``int``, a
check box for ``bool``, a combo box for ``choice``, a line edit for ``str``,
check boxes for a ``list`` with choices, an editable list for one without,
and a small table for ``caps.providers``. Each field declares its section,
label, hint and the words for its values with its definition
(:mod:`popup_client.core.prefs.shown`); a field declared without them lands
in "Other", so a new setting shows up without touching this file.

Every valid change is saved at once, as a change of that one setting
(``service.change_prefs``: the file is read afresh and only this key
changes); an invalid one shows the :class:`PrefError` message under its
field and saves nothing. A setting changed elsewhere since the dialog
showed it is not overwritten: the dialog says so and shows the new value
(the app reloads the dialog when the file changes, :meth:`reload`). The schema's descriptions (the tooltips) and its error
messages are the core's English, shown translated (:func:`tr_core`).
Turning minors mode off while a guardian PIN is set asks for the PIN,
which the one path of every change checks (:meth:`PrefsStore.update`). The membership tier is not a
preference and appears nowhere here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from popup_client.core.guardian import GuardianError, GuardianLock
from popup_client.core.news_sources import UNUSABLE
from popup_client.core.prefs.shown import Section
from popup_client.core.prefs import (
    PROVIDERS_KEY,
    Change,
    LayeredPrefsStore,
    Preferences,
    PrefError,
    PrefField,
    get_pref,
    minors_mode,
    pref_fields,
    set_pref,
    setting,
    toml_value,
)
from popup_client.core.trust.locks import LockedField
from .ports import ServiceDoor

from .i18n import tr, tr_core
from .pref_editors import PrefEditor, TextEditor, button, make_editor
from .theme import app_font
from .widgets import BODY_PX, DIALOG_MARGIN, ErrorLabel, hint_label, plain_label, section

log = logging.getLogger(__name__)

PinPrompt = Callable[[], "str | None"]
_PIN_RE = re.compile(r"^[0-9]{4,12}$")
_UNSHOWN = object()


class _ChangedElsewhere(Exception):
    """The setting in the file is no longer the value the dialog showed: not overwritten."""


def label_of(field: PrefField) -> str:
    """The setting's label as declared with it (:class:`~popup_client.core.prefs.shown.Shown`), translated."""
    return tr_core(field.shown.label) if field.shown is not None else field.key


def sections(fields: list[PrefField]) -> list[tuple[Section, list[PrefField]]]:
    """The fields by the section each declares, in the sections' order; within one, schema order, ``last`` ones last."""
    grouped: dict[Section, list[PrefField]] = {section: [] for section in Section}
    for field in fields:
        grouped[field.shown.section if field.shown is not None else Section.OTHER].append(field)
    return [
        (section, sorted(members, key=lambda f: f.shown is not None and f.shown.last))
        for section, members in grouped.items()
        if members
    ]


class PreferencesDialog(QDialog):
    """The preferences, saved as they are changed."""

    saved = Signal(str)  # the key of a preference just saved

    def __init__(
        self,
        service: ServiceDoor,
        *,
        guardian: GuardianLock | None = None,
        pin_prompt: PinPrompt | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._guardian = guardian if guardian is not None else service.prefs_store.guardian
        self._pin_prompt: PinPrompt = pin_prompt or (lambda: self._ask_pin(tr("未成年人模式已用家长 PIN 锁定。输入 PIN 以关闭：")))
        self._editors: dict[str, PrefEditor] = {}
        self._errors: dict[str, ErrorLabel] = {}
        self._shown: dict[str, Any] = {}  # the value each editor shows, as in effect
        self._own: dict[str, Any] = {}  # that key's value in the user's own file then (vendor defaults and locks aside)
        self._labels: list[QLabel] = []
        self.setWindowTitle(tr("偏好设置"))
        self.setFont(app_font(BODY_PX))
        self.resize(600, 720)
        self._build()
        self.reload()

    # ------------------------------------------------------------ public

    def editor(self, key: str) -> PrefEditor:
        """The editor of a preference (for tests and accessibility tools)."""
        return self._editors[key]

    def error_text(self, key: str) -> str:
        """The error shown under a preference, or ``""``."""
        label = self._errors[key]
        return label.text() if not label.isHidden() else ""

    def reload(self) -> None:
        """Show the preferences in effect now (they may have changed elsewhere): the editors whose value changed."""
        prefs = self._service.prefs
        store = self._service.prefs_store
        for key in self._editors:
            locked = isinstance(store, LayeredPrefsStore) and store.lock_of(key) is not None
            # The providers' table shows the general caps too: reloaded whenever anything changed.
            if get_pref(prefs, key) != self._shown.get(key, _UNSHOWN) or key == PROVIDERS_KEY or locked == self._editors[key].isEnabled():
                self._load(key)
        self._refresh_pin()
        self._refresh_news()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN)
        column.setSpacing(14)
        for group, fields in sections(pref_fields()):
            box, form = section(tr_core(group.value))
            for field in fields:
                self._add_row(form, field)
            if group is Section.MINORS:
                self._add_pin_row(form)
            if group is Section.PRIVACY:
                self._add_privacy_row(form)
            column.addWidget(box)
        column.addStretch(1)
        width = max(label.sizeHint().width() for label in self._labels)
        for label in self._labels:  # one label column across the sections
            label.setMinimumWidth(width)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        buttons = QDialogButtonBox()
        close = buttons.addButton(tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.close)
        footer = QHBoxLayout()
        footer.setContentsMargins(DIALOG_MARGIN, 8, DIALOG_MARGIN, DIALOG_MARGIN)
        footer.addWidget(hint_label(tr("更改会立即保存，并从下一条弹窗起生效。")), 1)
        footer.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(footer)
        self.setMinimumWidth(content.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width())

    def _add_row(self, form: QFormLayout, field: PrefField) -> None:
        editor = self._editors[field.key] = make_editor(field)
        error = self._errors[field.key] = ErrorLabel()
        if field.key == "minors_mode":
            editor.committed.connect(lambda raw: self._on_minors(raw == "true"))
        else:
            editor.committed.connect(lambda raw: self._commit(field.key, raw))
        editor.problem.connect(error.set_error)
        if isinstance(editor, TextEditor) and field.key == "news_sources_file":
            editor.browse_requested.connect(lambda: self._browse_news_file(editor))
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(3)
        line = QHBoxLayout()
        line.addWidget(editor, 0 if editor.compact else 1)
        if editor.compact:
            line.addStretch(1)
        box.addLayout(line)
        if field.key == "news_sources_file":
            self._news_status = hint_label()
            box.addWidget(self._news_status)
        if field.shown is not None and field.shown.hint is not None:
            box.addWidget(hint_label(tr_core(field.shown.hint)))
        box.addWidget(error)
        label = plain_label(label_of(field))
        label.setToolTip(tr_core(field.description))
        editor.setToolTip(tr_core(field.description))
        editor.setProperty("description", tr_core(field.description))
        editor.setAccessibleName(label.text())
        self._labels.append(label)
        form.addRow(label, cell)

    # ------------------------------------------------------------ privacy: what the journal keeps (docs/privacy.md)

    def _add_privacy_row(self, form: QFormLayout) -> None:
        self.privacy_button = button(tr("隐私说明…"))
        self.privacy_button.setToolTip(tr("记录里保存什么、保存多久、保存在哪里，以及如何删除。"))
        self.privacy_button.clicked.connect(self.open_privacy_doc)
        line = QWidget()
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.privacy_button)
        row.addStretch(1)
        self._labels.append(plain_label(tr("说明")))
        form.addRow(self._labels[-1], line)

    def open_privacy_doc(self) -> QDialog:
        """Show docs/privacy.md: what is stored, where, for how long, how to remove it."""
        from .doc_viewer import open_doc

        self.privacy_doc = open_doc("privacy.md", tr("隐私：记录保存什么"), self)
        return self.privacy_doc

    # ------------------------------------------------------------ minors mode and the PIN

    def _add_pin_row(self, form: QFormLayout) -> None:
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(3)
        line = QHBoxLayout()
        self._pin_button = button(tr("设置家长 PIN…"))
        self._pin_button.clicked.connect(self._set_pin)
        line.addWidget(self._pin_button)
        line.addStretch(1)
        box.addLayout(line)
        self._pin_status = hint_label()
        self._pin_error = ErrorLabel()
        box.addWidget(self._pin_status)
        box.addWidget(self._pin_error)
        self._labels.append(plain_label(tr("家长 PIN")))
        form.addRow(self._labels[-1], cell)

    def _refresh_pin(self) -> None:
        reason = self._guardian.unavailable_reason
        self._pin_button.setEnabled(reason is None)
        if reason is not None:
            text = tr("家长 PIN 不可用：") + tr_core(reason)
        elif self._guardian.is_set():
            text = tr("已设置家长 PIN：关闭未成年人模式需要输入 PIN。")
        else:
            text = tr("未设置家长 PIN：任何人都可以关闭未成年人模式。")
        self._pin_status.setText(text)

    def _ask_pin(self, label: str) -> str | None:
        """Ask for a PIN with a password field; None if cancelled."""
        text, ok = QInputDialog.getText(self, tr("家长 PIN"), label, QLineEdit.EchoMode.Password)
        return str(text) if ok else None

    def _on_minors(self, checked: bool) -> None:
        pin: str | None = None
        if not checked and self._service.prefs.minors_mode and self._guardian.is_set():
            pin = self._pin_prompt()  # before the change: no prompt while the file is locked
            if pin is None:
                self._load("minors_mode")
                return
        self._save("minors_mode", minors_mode(checked), pin)

    def _set_pin(self) -> None:
        lock, old = self._guardian, None
        if lock.is_set():
            old = self._ask_pin(tr("输入当前的家长 PIN："))
            if old is None:
                return
            if not lock.verify(old):
                self._pin_error.set_error(tr("当前的家长 PIN 不正确，PIN 未更改。"))
                return
        new = self._ask_pin(tr("新的家长 PIN（4 到 12 位数字）："))
        if new is None:
            return
        again = self._ask_pin(tr("再次输入新的家长 PIN：")) if _PIN_RE.match(new) else new
        if again is None:
            return
        if not _PIN_RE.match(new) or new != again:
            bad = tr("家长 PIN 须为 4 到 12 位数字。") if not _PIN_RE.match(new) else tr("两次输入的 PIN 不一致。")
            self._pin_error.set_error(bad + tr("PIN 未更改。"))
            return
        try:
            lock.set_pin(new, old)
        except GuardianError as exc:
            self._pin_error.set_error(tr_core(str(exc)))
            return
        self._pin_error.set_error(None)
        self._refresh_pin()

    # ------------------------------------------------------------ news

    def _refresh_news(self) -> None:
        sources = self._service.news_sources
        if sources.version == UNUSABLE and not sources.sources:
            self._news_status.setText(tr("清单无法使用，暂不接受任何新闻来源：{path}").format(path=sources.path))
        else:
            self._news_status.setText(tr("正在使用：版本 {v}，{path}").format(v=sources.version, path=sources.path))

    def _browse_news_file(self, editor: TextEditor) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择新闻来源清单"), "", tr("TOML 文件 (*.toml);;所有文件 (*)"))
        if path:
            editor.set_text(path)

    # ------------------------------------------------------------ saving

    def _load(self, key: str) -> None:
        prefs = self._service.prefs
        store = self._service.prefs_store
        self._shown[key] = get_pref(prefs, key)
        self._own[key] = get_pref(store.own, key) if isinstance(store, LayeredPrefsStore) else self._shown[key]
        editor = self._editors[key]
        editor.load(self._shown[key], prefs)
        self._show_lock(key, editor, store.lock_of(key) if isinstance(store, LayeredPrefsStore) else None)

    def _show_lock(self, key: str, editor: PrefEditor, lock: LockedField | None) -> None:
        """A locked setting: its editor disabled, the tooltip saying who locked it and the user's own value kept."""
        editor.setEnabled(lock is None)
        description = str(editor.property("description"))
        if lock is None:
            editor.setToolTip(description)
            return
        bound = ", ".join(lock.bound) if isinstance(lock.bound, tuple) else toml_value(lock.bound)
        text = tr("已由 {who} 锁定（{op} {bound}）。偏好文件中原有的设置 {own} 仍保留，锁定解除后恢复生效。")
        own = toml_value(self._own[key])
        editor.setToolTip(text.format(who=", ".join(lock.set_by), op=lock.op, bound=bound, own=own) + "\n" + description)

    def _commit(self, key: str, raw: str) -> bool:
        """Validate ``raw`` for ``key`` and save it; show the error and save nothing if invalid."""
        try:
            set_pref(self._service.prefs, key, raw)  # checked first: an invalid value stays in its editor, to be fixed
        except PrefError as exc:
            self._errors[key].set_error(tr("未保存：") + tr_core(str(exc)))
            return False
        return self._save(key, setting(key, raw))

    def _save(self, key: str, change: Change, pin: str | None = None) -> bool:
        """Save ``change`` of ``key`` unless the key changed elsewhere since shown; the outcome under its editor."""
        shown = self._shown.get(key, _UNSHOWN)
        own = self._own.get(key, _UNSHOWN)
        warnings = len(self._service.warnings)

        def unless_changed_elsewhere(before: Preferences) -> Preferences:
            if get_pref(before, key) != own:
                raise _ChangedElsewhere
            return change(before)

        try:
            after = self._service.change_prefs(unless_changed_elsewhere, pin=pin)
        except _ChangedElsewhere:
            self._service.refresh_prefs(thorough=True)
            self.reload()
            self._errors[key].set_error(tr("未保存：此项已在别处被更改，现在显示的是更改后的值。"))
            return False
        except GuardianError:
            message = tr("家长 PIN 不正确，未成年人模式保持开启。") if pin else tr("需要家长 PIN 才能关闭未成年人模式。")
            self._errors[key].set_error(message)
            self._load(key)
            return False
        except PrefError as exc:
            self._errors[key].set_error(tr("未保存：") + tr_core(str(exc)))
            self._load(key)
            return False
        new_warnings = self._service.warnings[warnings:]
        self._errors[key].set_error("\n".join(tr_core(w) for w in new_warnings) or None)
        self.reload()
        if get_pref(after, key) != shown:
            log.info("preference %s saved", key)
            self.saved.emit(key)
        return True
