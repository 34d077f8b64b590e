"""The disclosure dialog (服务说明): what the client does, where data lives, every provider and how to stop it."""

from __future__ import annotations

import copy
import re
import shlex
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from popup_client.core.clock import FixedClock
from popup_client.core.prefs import Preferences, set_pref
from popup_client.core.prefs import PrefsStore
from popup_client.core.rules import Sender
from popup_client.service import PopupService
from popup_client.transports.providers import ProviderRegistry
from popup_client.ui.disclosure_dialog import DisclosureDialog, caps_in_words
from tests.conftest import example
from tests.helpers.memkeyring import memory_keyring
from tests.helpers.service import make_service

SOCKET = Sender("socket", details={"peer": "local socket"})


@pytest.fixture
def setup(tmp_path: Path) -> tuple[PopupService, FixedClock]:
    """The ad and the news shown now (Friday); a service popup shown on Monday, one the Saturday before."""
    svc, clock = make_service(tmp_path)
    now = clock.now()
    for days, popup_id in ((11, "last-week"), (4, "monday")):  # Friday 2026-11-27 minus 4 days = Monday
        clock.set(now - timedelta(days=days))
        payload = copy.deepcopy(example("valid-service.json"))
        payload.pop("sent_at")
        payload["id"] = popup_id
        assert svc.submit(payload, SOCKET).decision.decision == "show"
    clock.set(now)
    svc.submit(example("valid-ad.json"), SOCKET)
    svc.submit(example("valid-news.json"), Sender("socket", verified=True, token_provider_id="com.example.news"))
    return svc, clock


@pytest.fixture
def service(setup: tuple[PopupService, FixedClock]) -> PopupService:
    return setup[0]


@pytest.fixture
def keyring_store() -> Iterator[None]:
    with memory_keyring():
        yield


def open_dialog(qtbot: Any, service: PopupService, registry: Any = None) -> DisclosureDialog:
    dialog = DisclosureDialog(service, registry)
    qtbot.addWidget(dialog)
    return dialog


def all_text(dialog: DisclosureDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_says_what_it_does_and_where_the_data_is(qtbot: Any, service: PopupService) -> None:
    text = all_text(open_dialog(qtbot, service))
    assert "本程序做什么" in text and "「广告」" in text and "一键关闭" in text
    assert str(service.prefs_store.path) in text
    assert "仅在内存中" in text, "an in-memory journal says so"
    assert "不会把任何内容发送到任何地方" in text
    assert f"版本 {service.news_sources.version}" in text and service.news_sources.path in text


def test_names_the_journal_file(qtbot: Any, tmp_path: Path) -> None:
    svc = make_service(tmp_path, journal=tmp_path / "journal.sqlite3")[0]
    assert str(tmp_path / "journal.sqlite3") in all_text(open_dialog(qtbot, svc))


def test_lists_the_providers_of_the_journal_with_their_counts(qtbot: Any, service: PopupService) -> None:
    dialog = open_dialog(qtbot, service)
    by_id = {p.id: p for p in dialog.providers}
    assert list(by_id) == ["com.example.news", "com.example.shop", "org.example.files"]
    assert (by_id["com.example.shop"].name, by_id["com.example.shop"].verified) == ("示例商城", False)
    assert by_id["com.example.news"].verified, "its popup came with its token"
    assert (by_id["com.example.shop"].today, by_id["com.example.shop"].week) == (1, 1)
    assert (by_id["org.example.files"].today, by_id["org.example.files"].week) == (0, 1), "Monday counts, the Saturday before not"
    text = all_text(dialog)
    assert "示例商城" in text and "com.example.shop" in text and "已验证" in text and "未验证" in text


def test_registered_providers_are_listed_as_verified(
    qtbot: Any, service: PopupService, tmp_path: Path, keyring_store: None
) -> None:
    registry = ProviderRegistry(tmp_path / "providers.toml")
    registry.add("org.example.mail", "示例邮件")
    dialog = open_dialog(qtbot, service, registry)
    mail = next(p for p in dialog.providers if p.id == "org.example.mail")
    assert (mail.name, mail.verified, mail.today, mail.week) == ("示例邮件", True, 0, 0)


def test_an_unreadable_registry_still_lists_the_journal(qtbot: Any, service: PopupService, tmp_path: Path) -> None:
    (tmp_path / "providers.toml").write_text("[providers\n", encoding="utf-8")
    dialog = open_dialog(qtbot, service, ProviderRegistry(tmp_path / "providers.toml"))
    assert len(dialog.providers) == 3


def test_the_opt_out_button_opts_out_and_the_command_line_does_the_same(
    qtbot: Any, service: PopupService, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, service)
    command = next(t for t in all_text(dialog).splitlines() if "com.example.shop" in t and t.startswith("popup-client"))
    argv = shlex.split(command)
    assert argv[:4] == ["popup-client", "prefs", "set", "opt_out.providers"] and len(argv) == 5
    assert set_pref(Preferences(), argv[3], argv[4]).opt_out.providers == ["com.example.shop"]
    button = dialog.opt_out_button("com.example.shop")
    assert button.text() == "不再接收" and button.isEnabled()
    button.click()
    assert PrefsStore(tmp_path / "preferences.toml").load().opt_out.providers == ["com.example.shop"]
    after = dialog.opt_out_button("com.example.shop")
    assert after.text() == "已不再接收" and not after.isEnabled()
    dialog.opt_out_button("com.example.news").click()
    assert service.prefs.opt_out.providers == ["com.example.shop", "com.example.news"]
    text = all_text(dialog)
    assert "不接收的来源：com.example.shop、com.example.news" in text
    buttons = sorted(b.text() for b in dialog.findChildren(QPushButton) if "接收" in b.text())
    assert buttons == ["不再接收", "已不再接收", "已不再接收"], "only the files provider is left to opt out"


def test_caps_in_words(service: PopupService, setup: tuple[PopupService, FixedClock]) -> None:
    prefs = Preferences()
    for key, value in (
        ("caps.providers.com.example.news.hourly", "1"), ("quiet_hours", '"22:00-08:00"'), ("opt_out.kinds", '["ad"]'),
        ("minors_mode", "true"), ("paused_until", '"2026-11-28T08:00:00+08:00"'),
    ):  # fmt: skip
        prefs = set_pref(prefs, key, value)
    lines = caps_in_words(prefs, setup[1].now())
    assert lines[0] == "所有来源合计每小时最多 6 条（广告、新闻、内容）"
    assert "每个来源每小时最多 2 条，每天最多 6 条" in lines
    assert "com.example.news：每小时最多 1 条，每天最多 6 条" in lines
    assert "免打扰时段：22:00-08:00" in lines and "未成年人模式：已开启" in lines and "不接收的类型：广告" in lines
    assert any(re.match(r"已暂停至 2026-11-2[78] ", line) for line in lines)
    assert not any(line.startswith("已暂停") for line in caps_in_words(prefs, setup[1].now() + timedelta(days=2)))
    assert "未设免打扰时段" in caps_in_words(Preferences())


def test_the_dialog_shows_the_current_caps(qtbot: Any, service: PopupService) -> None:
    service.set_pref("caps.global_hourly", "4")
    assert "所有来源合计每小时最多 4 条（广告、新闻、内容）" in all_text(open_dialog(qtbot, service))


def test_without_any_provider_it_says_so(qtbot: Any, tmp_path: Path) -> None:
    svc = make_service(tmp_path)[0]
    assert "还没有来源向您推送过弹窗" in all_text(open_dialog(qtbot, svc))
