"""The report dialog (「举报」): a reason, a note, and a complaint number in the journal.

Opened from a popup (with its receipt id) or from the tray menu (without:
the user then picks one of the recent popups shown, or 「其他」). The reason
is one of :data:`REASONS`; 「其他」 needs a note. 提交 records the complaint
through ``service.report`` and shows its number; then 「不再接收此来源」
opts out of the provider at once. When the reported popup's provider gave a
``complaint_url``, 「向提供者投诉」 opens it, https only, through an
injectable opener.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from popup_client.core.errors import CoreError
from popup_client.core.journal import HistoryRow
from .ports import ServiceDoor

from .i18n import QT_TRANSLATE_NOOP, tr, tr_core
from .theme import app_font, content_font
from .links import UrlOpener, is_https, open_https
from .widgets import (
    BODY_PX,
    DIALOG_MARGIN,
    ErrorLabel,
    hint_label,
    local_time,
    payload_object,
    payload_text,
    plain_label,
    set_opted_out,
    titled_box,
)

log = logging.getLogger(__name__)

#: The reasons offered, as recorded in the journal (untranslated; translated when shown).
REASONS = (
    QT_TRANSLATE_NOOP("", "违法违规"),
    QT_TRANSLATE_NOOP("", "低俗"),
    QT_TRANSLATE_NOOP("", "广告未标明"),
    QT_TRANSLATE_NOOP("", "无法关闭"),
    QT_TRANSLATE_NOOP("", "频次过高"),
    QT_TRANSLATE_NOOP("", "虚假信息"),
    QT_TRANSLATE_NOOP("", "其他"),
)
OTHER = "其他"
MAX_TEXT = 2000
RECENT = 30


def describe(row: HistoryRow) -> str:
    """「示例新闻：台风…」 — the provider's name (or id) and the title of a receipt."""
    data = payload_object(row.payload)
    provider = payload_text(data, "provider", "name") or row.provider_id or tr("未知来源")
    title = payload_text(data, "title") or tr("（无标题）")
    return tr("{provider}：{title}").format(provider=provider, title=title)


def complaint_url(row: HistoryRow | None) -> str | None:
    """The provider's https complaint page for a receipt that passed the rules, else None."""
    if row is None or row.decision == "reject":
        return None
    url = payload_text(payload_object(row.payload), "provider", "complaint_url")
    return url if is_https(url) else None


class ReportDialog(QDialog):
    """Report a popup, or a provider, or something else."""

    submitted = Signal(int)  # the complaint number

    def __init__(
        self,
        service: ServiceDoor,
        receipt_id: int | None,
        *,
        url_opener: UrlOpener | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._opener = url_opener
        self._row = service.journal.get(receipt_id) if receipt_id is not None else None
        self.complaint_id: int | None = None
        self.setWindowTitle(tr("举报"))
        self.setFont(app_font(BODY_PX))
        self._build()
        self._target_changed()
        self.resize(max(self.sizeHint().width(), 500), self.sizeHint().height())

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN)
        layout.setSpacing(10)
        heading = tr("举报这条弹窗") if self._row is not None else tr("举报弹窗")
        layout.addWidget(plain_label(heading, px=15, bold=True))
        layout.addLayout(self._target_row())
        layout.addWidget(self._reasons_box())
        self.text = QPlainTextEdit()
        self.text.setFont(content_font(BODY_PX))
        self.text.setPlaceholderText(tr("补充说明（选择「其他」时必填）"))
        self.text.setFixedHeight(84)
        layout.addWidget(self.text)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.provider_button = QPushButton(tr("向提供者投诉"))
        self.provider_button.setAutoDefault(False)
        self.provider_button.clicked.connect(self.open_complaint_url)
        self.provider_url = hint_label()
        row = QHBoxLayout()
        row.addWidget(self.provider_button)
        row.addWidget(self.provider_url, 1)
        layout.addLayout(row)
        self.result_label = plain_label(bold=True, wrap=True)
        self.result_label.hide()
        self.opt_out = QCheckBox(tr("不再接收此来源"))
        self.opt_out.hide()
        self.opt_out.toggled.connect(self._opt_out_toggled)
        layout.addWidget(self.result_label)
        layout.addWidget(self.opt_out)
        layout.addWidget(hint_label(tr("举报只记录在本机，不会发送到任何地方。")))
        buttons = QDialogButtonBox()
        self.submit_button = buttons.addButton(tr("提交"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit_button.setDefault(True)
        close = buttons.addButton(tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.submit_button.clicked.connect(self.submit)
        close.clicked.connect(self.close)
        layout.addWidget(buttons)

    def _target_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(plain_label(tr("举报对象")))
        self.target = QComboBox()
        self.target.setFont(content_font(BODY_PX))
        self.target.setMinimumContentsLength(28)
        self.target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        if self._row is not None:  # a fixed receipt: shown as text, nothing to choose
            self.target.addItem(describe(self._row), self._row.id)
            self.target.hide()
            fixed = plain_label(tr("{popup}（{time}）").format(popup=describe(self._row), time=local_time(self._row.received_at)))
            fixed.setFont(content_font(BODY_PX))
            row.addWidget(fixed, 1)
        else:
            for recent in self._recent():
                self.target.addItem(f"{local_time(recent.received_at)}  {describe(recent)}", recent.id)
            self.target.addItem(tr("其他（不针对某条弹窗）"), None)
            self.target.currentIndexChanged.connect(lambda _: self._target_changed())
            row.addWidget(self.target, 1)
        return row

    def _recent(self) -> list[HistoryRow]:
        try:
            return self._service.journal.history(limit=RECENT, decision="show")
        except CoreError as exc:
            log.error("cannot read the recent popups: %s", exc)
            return []

    def _reasons_box(self) -> QWidget:
        outer, frame = titled_box(tr("举报原因"))
        grid = QGridLayout(frame)
        grid.setHorizontalSpacing(24)
        self.reasons = QButtonGroup(self)
        self.reason_buttons: dict[str, QRadioButton] = {}
        for index, reason in enumerate(REASONS):
            button = QRadioButton(tr(reason))
            self.reasons.addButton(button, index)
            self.reason_buttons[reason] = button
            grid.addWidget(button, index // 4, index % 4)
        return outer

    # ------------------------------------------------------------ state

    def selected_row(self) -> HistoryRow | None:
        """The receipt being reported, or None for 「其他」."""
        receipt_id = self.target.currentData()
        if self._row is not None and receipt_id == self._row.id:
            return self._row
        return self._service.journal.get(receipt_id) if isinstance(receipt_id, int) else None

    def selected_reason(self) -> str | None:
        index = self.reasons.checkedId()
        return REASONS[index] if index >= 0 else None

    def _target_changed(self) -> None:
        url = complaint_url(self.selected_row())
        self.provider_button.setVisible(url is not None)
        self.provider_url.setVisible(url is not None)
        self.provider_url.setText(url or "")
        self.provider_button.setToolTip(url or "")

    def open_complaint_url(self) -> bool:
        """Open the provider's complaint page (https only); False if there is none or it was refused."""
        url = complaint_url(self.selected_row())
        return url is not None and open_https(url, self._opener)

    # ------------------------------------------------------------ submitting

    def submit(self) -> int | None:
        """Record the complaint; its number, or None when something is missing."""
        reason = self.selected_reason()
        text = self.text.toPlainText().strip()[:MAX_TEXT]
        if reason is None:
            self.error.set_error(tr("请选择举报原因。"))
            return None
        if reason == OTHER and not text:
            self.error.set_error(tr("选择「其他」时，请写明举报原因。"))
            self.text.setFocus()
            return None
        row = self.selected_row()
        try:
            number = self._service.report(
                receipt_id=row.id if row else None, provider_id=row.provider_id if row else None, reason=reason, text=text
            )
        except CoreError as exc:
            self.error.set_error(tr("举报未能记录：") + tr_core(str(exc)))
            return None
        self.complaint_id = number
        self._after_submit(row)
        self.submitted.emit(number)
        return number

    def _after_submit(self, row: HistoryRow | None) -> None:
        self.error.set_error(None)
        for widget in (self.target, self.text, self.submit_button, *self.reason_buttons.values()):
            widget.setEnabled(False)
        self.result_label.setText(tr("已记录，举报编号 #{n}。可凭此编号向提供者或有关部门反映。").format(n=self.complaint_id))
        self.result_label.show()
        provider = row.provider_id if row else None
        if provider:
            opted_out = provider in self._service.prefs.opt_out.providers
            self.opt_out.blockSignals(True)
            self.opt_out.setChecked(opted_out)
            self.opt_out.blockSignals(False)
            self.opt_out.setText(tr("不再接收此来源（{p}）").format(p=provider))
            self.opt_out.show()

    def _opt_out_toggled(self, on: bool) -> None:
        row = self.selected_row()
        if row is None or not row.provider_id:
            return
        try:
            set_opted_out(self._service, row.provider_id, on)
        except CoreError as exc:
            self.error.set_error(tr("未能保存：") + tr_core(str(exc)))
            self.opt_out.blockSignals(True)
            self.opt_out.setChecked(not on)
            self.opt_out.blockSignals(False)
        else:
            self.error.set_error(None)
