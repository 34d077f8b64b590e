"""The disclosure dialog (「服务说明」): what the client does, and how to stop any provider.

It says which rules the client enforces, where its data is (the preferences
file and the journal; nothing is sent anywhere), which news-source list is
in use, the user's caps in words, and, for every provider known (registered
ones and those in the journal's recent history): name, id, verified or not,
how many popups it showed today and this week, and how to cancel it — a
「不再接收」 button and the command line that does the same.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from popup_client.core.errors import CoreError
from popup_client.core.prefs import Preferences
from .ports import ServiceDoor

from .i18n import QT_TRANSLATE_NOOP, tr, tr_core
from .theme import app_font, content_font
from .widgets import (
    BODY_PX,
    DIALOG_MARGIN,
    SMALL_PX,
    ErrorLabel,
    hint_label,
    kind_label,
    local_time,
    opt_out_command,
    payload_object,
    payload_text,
    plain_label,
    section,
    titled_box,
    set_opted_out,
)

log = logging.getLogger(__name__)

RECENT = 1000  # receipts looked at for providers that are not registered


ABOUT = QT_TRANSLATE_NOOP(
    "",
    "本程序在桌面上显示各应用和网站推送的弹窗，并按照《互联网弹窗信息推送服务管理规定》逐条检查："
    "广告必须标明「广告」并写明广告主；新闻只来自清单内的正规新闻来源，并注明来源；"
    "每条弹窗都能一键关闭，都能「举报」；同一来源、同一话题的推送次数有上限；"
    "免打扰时段、暂停和「不再接收」由您决定，推送方无法更改。不合规的弹窗不会显示。"
)


class ProviderSource(Protocol):
    """What the dialog needs of the provider registry: ``list()`` of objects with ``id`` and ``name``."""

    def list(self) -> Sequence[Any]: ...


@dataclass(frozen=True)
class KnownProvider:
    """A provider as the dialog lists it."""

    id: str
    name: str
    verified: bool
    today: int
    week: int
    opted_out: bool


def known_providers(service: ServiceDoor, registry: ProviderSource | None, *, recent: int = RECENT) -> list[KnownProvider]:
    """Registered providers and those in the journal's recent history, by id, with their counts."""
    names: dict[str, str] = {}
    verified: set[str] = set()
    if registry is not None:
        try:
            for entry in registry.list():
                names[entry.id] = entry.name
                verified.add(entry.id)
        except CoreError as exc:
            log.warning("cannot read the registered providers: %s", exc)
    for row in service.journal.history(limit=recent):
        if row.provider_id:
            names.setdefault(row.provider_id, payload_text(payload_object(row.payload), "provider", "name") or row.provider_id)
            if row.verified:
                verified.add(row.provider_id)
    today, week = _day_and_week_start(service)
    opted_out = set(service.prefs.opt_out.providers)
    return [
        KnownProvider(
            pid, names[pid], pid in verified,
            service.journal.count_shown(since=today, provider_id=pid),
            service.journal.count_shown(since=week, provider_id=pid),
            pid in opted_out,
        )  # fmt: skip
        for pid in sorted(names)
    ]


def _day_and_week_start(service: ServiceDoor) -> tuple[datetime, datetime]:
    """Local midnight today, and local midnight of this week's Monday."""
    now = service.now().astimezone(service.clock.local_tz())
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return today, today - timedelta(days=now.weekday())


def caps_in_words(prefs: Preferences, now: datetime | None = None) -> list[str]:
    """The user's caps and other choices, one sentence each."""
    caps = prefs.caps
    lines = [
        tr("所有来源合计每小时最多 {n} 条（广告、新闻、内容）").format(n=caps.global_hourly),
        tr("每个来源每小时最多 {h} 条，每天最多 {d} 条").format(h=caps.provider_hourly, d=caps.provider_daily),
        tr("服务消息每个来源每分钟最多 {n} 条").format(n=caps.service_per_minute),
    ]
    for provider in caps.providers:
        hourly, daily = prefs.provider_caps(provider)
        lines.append(tr("{p}：每小时最多 {h} 条，每天最多 {d} 条").format(p=provider, h=hourly, d=daily))
    lines.append(tr("同一话题 {w} 小时内最多 {n} 条").format(w=prefs.topic_window_hours, n=prefs.topic_max))
    lines.append(tr("免打扰时段：{q}").format(q=prefs.quiet_hours) if prefs.quiet_hours else tr("未设免打扰时段"))
    until = prefs.paused_until
    if until is not None and (now is None or until > now):
        lines.append(tr("已暂停至 {t}").format(t=local_time(until)))
    lines.append(tr("未成年人模式：已开启") if prefs.minors_mode else tr("未成年人模式：未开启"))
    if prefs.opt_out.kinds:
        lines.append(tr("不接收的类型：") + tr("、").join(kind_label(k) for k in prefs.opt_out.kinds))
    if prefs.opt_out.providers:
        lines.append(tr("不接收的来源：") + tr("、").join(prefs.opt_out.providers))
    return lines


class DisclosureDialog(QDialog):
    """服务说明."""

    def __init__(self, service: ServiceDoor, registry: ProviderSource | None, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._registry = registry
        self._buttons: dict[str, QPushButton] = {}
        self.providers: list[KnownProvider] = []
        self.setWindowTitle(tr("服务说明"))
        self.setFont(app_font(BODY_PX))
        self.resize(680, 720)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox()
        buttons.addButton(tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.close)
        footer = QHBoxLayout()
        footer.setContentsMargins(DIALOG_MARGIN, 8, DIALOG_MARGIN, DIALOG_MARGIN)
        footer.addWidget(self.error, 1)
        footer.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll, 1)
        layout.addLayout(footer)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def opt_out_button(self, provider_id: str) -> QPushButton:
        """The 「不再接收」 button of a provider."""
        return self._buttons[provider_id]

    def refresh(self) -> None:
        """Build the content again from the current preferences and journal."""
        try:
            self.providers = known_providers(self._service, self._registry)
        except CoreError as exc:
            log.error("cannot read the journal: %s", exc)
            self.providers = []
            self.error.set_error(tr("无法读取推送记录：") + tr_core(str(exc)))
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN)
        column.setSpacing(14)
        column.addWidget(plain_label(tr("服务说明"), px=16, bold=True))
        column.addWidget(self._text_box(tr("本程序做什么"), [tr(ABOUT)]))
        column.addWidget(self._storage_box())
        settings = caps_in_words(self._service.prefs, self._service.now())
        column.addWidget(self._text_box(tr("您当前的设置"), [f"• {line}" for line in settings]))
        column.addWidget(self._providers_box())
        column.addStretch(1)
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._scroll.setWidget(content)

    # ------------------------------------------------------------ sections

    def _text_box(self, title: str, lines: list[str]) -> QWidget:
        outer, frame = titled_box(title)
        column = QVBoxLayout(frame)
        column.setContentsMargins(12, 12, 12, 12)
        for line in lines:
            column.addWidget(plain_label(line, wrap=True))
        return outer

    def _storage_box(self) -> QWidget:
        box, form = section(tr("数据存放在哪里"))
        journal = self._service.journal.path
        news = self._service.news_sources
        rows = (
            (tr("偏好设置"), str(self._service.prefs_store.path)),
            (tr("推送记录"), str(journal) if journal is not None else tr("仅在内存中，退出后不保留")),
            (tr("新闻来源清单"), tr("版本 {v}，共 {n} 个来源\n{path}").format(v=news.version, n=len(news.sources), path=news.path)),
        )
        for label, value in rows:
            field = plain_label(value, wrap=True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(plain_label(label), field)
        form.addRow(hint_label(tr("这些数据只保存在本机。本程序不会把任何内容发送到任何地方。")))
        return box

    def _providers_box(self) -> QWidget:
        outer, frame = titled_box(tr("推送来源"))
        column = QVBoxLayout(frame)
        column.setContentsMargins(12, 12, 12, 12)
        column.addWidget(hint_label(tr(
            "取消接收某个来源：点「不再接收」；也可以在它的弹窗上点「⋯」→「不再接收此来源」，或在终端运行下面的命令。"
        )))  # fmt: skip
        self._buttons = {}
        if not self.providers:
            column.addWidget(plain_label(tr("还没有来源向您推送过弹窗。")))
            return outer
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        for col, title in enumerate((tr("名称"), tr("ID"), tr("身份"), tr("今天"), tr("本周"), "")):
            grid.addWidget(plain_label(title, bold=True), 0, col)
        for index, provider in enumerate(self.providers):
            self._provider_rows(grid, 1 + 2 * index, provider)
        grid.setColumnStretch(1, 1)
        column.addLayout(grid)
        return outer

    def _provider_rows(self, grid: QGridLayout, row: int, provider: KnownProvider) -> None:
        name = plain_label(provider.name)
        name.setFont(content_font(BODY_PX))
        status = tr("已验证") if provider.verified else tr("未验证")
        cells: list[QWidget] = [
            name, plain_label(provider.id), plain_label(status),
            plain_label(tr("{n} 条").format(n=provider.today)), plain_label(tr("{n} 条").format(n=provider.week)),
        ]  # fmt: skip
        for col, widget in enumerate(cells):
            grid.addWidget(widget, row, col)
        button = QPushButton(tr("已不再接收") if provider.opted_out else tr("不再接收", "button"))
        button.setAutoDefault(False)
        button.setEnabled(not provider.opted_out)
        button.clicked.connect(lambda: self._opt_out(provider.id))
        self._buttons[provider.id] = button
        grid.addWidget(button, row, 5)
        wanted = list(self._service.prefs.opt_out.providers)
        command = plain_label(opt_out_command(wanted if provider.opted_out else [*wanted, provider.id]), px=SMALL_PX)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPixelSize(SMALL_PX)
        mono.setWeight(QFont.Weight.Normal)
        command.setFont(mono)
        command.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        command.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        command.setContentsMargins(0, 0, 0, 8)
        grid.addWidget(command, row + 1, 0, 1, 6)

    def _opt_out(self, provider_id: str) -> None:
        try:
            set_opted_out(self._service, provider_id, True)
        except CoreError as exc:
            self.error.set_error(tr("未能保存：") + tr_core(str(exc)))
            return
        self.error.set_error(None)
        self.refresh()
