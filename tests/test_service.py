"""The service: the one door — decide, journal, hand over, and hear back."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import msgspec
import pytest

from popup_client.core.journal import CloseHow, Journal
from popup_client.core.prefs import set_pref
from popup_client.core.prefs import PrefsStore
from popup_client.core.rules import Sender
from popup_client.service import PopupService
from popup_client.submission import Submission
from tests.helpers.service import make_service

SENDER = Sender("test", verified=True)


def test_submit_journals_and_hands_over(tmp_path: Path, content: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    seen: list[Submission] = []
    service.show_listeners.append(seen.append)
    result = service.submit(json.dumps(content), SENDER)
    assert result.reply() == {"id": result.receipt_id, "decision": "show", "rules": [], "reasons": []}
    assert [s.receipt_id for s in seen] == [result.receipt_id]
    row = service.journal.get(result.receipt_id)
    assert row is not None and (row.provider_id, row.popup_id, row.decision) == ("com.example.travel", content["id"], "show")
    assert "<image sha256:" in (row.payload or "") and "base64" not in (row.payload or "")


def test_rejected_and_suppressed_are_journaled_not_shown(tmp_path: Path, content: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    seen: list[Submission] = []
    service.show_listeners.append(seen.append)
    bad = service.submit(b'{"version": 1, "provider": {"id": "com.x.y"}, "id": "bad"}', SENDER)
    assert bad.decision.decision == "reject" and bad.popup is None
    row = service.journal.get(bad.receipt_id)
    assert row is not None and row.error and row.provider_id == "com.x.y" and "contract" in row.rules
    service.set_pref("opt_out.providers", '["com.example.travel"]')
    muted = service.submit(content, SENDER)
    assert muted.decision.rules == ("opted-out",) and seen == []
    assert [r.decision for r in service.journal.history()] == ["suppress", "reject"]


def test_caps_count_from_the_journal_across_restarts(tmp_path: Path, content: dict[str, Any]) -> None:
    db = tmp_path / "journal.sqlite3"
    decisions = []
    for i in range(3):
        service, clock = make_service(tmp_path, journal=db)  # a fresh process each time
        clock.advance(timedelta(minutes=i))
        decisions.append(service.submit({**content, "id": f"c-{i}"}, SENDER).decision.decision)
        service.journal.close()
    assert decisions == ["show", "show", "suppress"]


def test_duplicates_are_rejected(tmp_path: Path, service_popup: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    assert service.submit(service_popup, SENDER).decision.decision == "show"
    assert service.submit(service_popup, SENDER).decision.rules == ("duplicate",)


def test_decide_records_nothing(tmp_path: Path, ad: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    assert service.decide(ad, SENDER).decision == "show"
    assert service.journal.history() == []


def test_replacements_do_not_count_toward_caps(tmp_path: Path, content: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    first = service.submit({**content, "id": "c-1"}, SENDER)
    for i in range(5):
        assert service.submit({**content, "id": f"c-r{i}"}, SENDER, replaces=first.receipt_id).decision.decision == "show"
    assert service.submit({**content, "id": "c-2"}, SENDER).decision.decision == "show"


def test_events_come_back_through_the_service(tmp_path: Path, ad: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    closes: list[tuple[int, CloseHow]] = []
    service.close_listeners.append(lambda popup, how: closes.append((popup.receipt_id, how)))
    rid = service.submit(ad, SENDER).receipt_id
    service.displayed(rid)
    service.closed(rid, CloseHow.ESC)
    complaint = service.report(receipt_id=rid, provider_id=None, reason="广告未标明", text="看不出是广告")
    row = service.journal.get(rid)
    assert row is not None and [e.type for e in row.events] == ["display", "close", "report"]
    assert closes == [(rid, CloseHow.ESC)]
    assert [c.id for c in service.journal.complaints()] == [complaint]


def test_a_failing_listener_does_not_lose_the_popup_for_others(tmp_path: Path, ad: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    seen: list[int] = []

    def broken(_: Submission) -> None:
        raise RuntimeError("boom")

    service.show_listeners += [broken, lambda s: seen.append(s.receipt_id)]
    assert service.submit(ad, SENDER).decision.decision == "show" and len(seen) == 1


def test_news_list_version_is_journaled(tmp_path: Path, news: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    rid = service.submit(news, SENDER).receipt_id
    row = service.journal.get(rid)
    assert row is not None and row.news_list_version == service.news_sources.version


def test_prefs_changes_apply_at_once_and_persist(tmp_path: Path, ad: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    service.set_pref("opt_out.kinds", '["ad"]')
    assert service.decide(ad, SENDER).decision == "suppress"
    assert PrefsStore(tmp_path / "preferences.toml").load().opt_out.kinds == ["ad"]


def test_a_broken_news_list_is_reported(tmp_path: Path, news: dict[str, Any]) -> None:
    (tmp_path / "preferences.toml").write_text(f'news_sources_file = "{tmp_path / "nope.toml"}"\n', encoding="utf-8")
    service = PopupService(Journal(":memory:", clock=make_service(tmp_path)[1]), PrefsStore(tmp_path / "preferences.toml"), clock=make_service(tmp_path)[1])
    assert any("nope.toml" in w for w in service.warnings)
    assert "news-source" in service.decide(news, SENDER).rules


def test_a_corrected_resend_of_an_unparsable_payload_is_not_a_duplicate(tmp_path: Path, service_popup: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path)
    broken = {**service_popup, "title": ""}
    assert service.submit(broken, SENDER).decision.rules == ("contract",)
    assert service.submit(service_popup, SENDER).decision.decision == "show"
    rejected = {**service_popup, "id": "s-9", "link": "javascript:x"}
    assert service.submit(rejected, SENDER).decision.rules == ("link-scheme", "third-party-link")
    assert service.submit({**rejected, "link": None}, SENDER).decision.rules == ("duplicate",)


# ------------------------------------------------------------ preferences: the file is the one record


def test_a_change_made_by_another_process_applies_to_the_next_popup(
    tmp_path: Path, content: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from popup_client.cli import main

    service, _ = make_service(tmp_path)
    assert service.submit({**content, "id": "before"}, SENDER).decision.decision == "show"
    monkeypatch.setenv("POPUP_CLIENT_CONFIG_DIR", str(tmp_path))
    assert main(["prefs", "set", "opt_out.providers", '["com.example.travel"]']) == 0  # as `popup-client prefs set` does
    muted = service.submit({**content, "id": "after"}, SENDER)
    assert muted.decision.rules == ("opted-out",), "the running service read the file again"
    assert service.prefs.opt_out.providers == ["com.example.travel"]


def test_decisions_look_at_no_file_while_nothing_changed_and_see_a_change_at_once(
    tmp_path: Path, content: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The freshness checks (a stat of each file, SQLite's data_version) are made only after an event of their folders."""
    import os

    from popup_client.core.files.watch import _hub

    if _hub() is None:
        pytest.skip("no inotify on this system: every decision looks")
    service, _ = make_service(tmp_path, journal=tmp_path / "journal.sqlite3")
    service.submit({**content, "id": "first"}, SENDER)
    service.decide(json.dumps({**content, "id": "settle"}), SENDER)  # looks once after the submit's own write
    stats: list[str] = []
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda path, *a, **k: (stats.append(os.fspath(path)), real_stat(path, *a, **k))[1])
    statements: list[str] = []
    service.journal._connection().set_trace_callback(statements.append)  # noqa: SLF001 - what SQLite is asked
    for i in range(5):
        assert service.decide(json.dumps({**content, "id": f"quiet-{i}"}), SENDER).decision == "show"
    assert stats == [] and not [s for s in statements if "data_version" in s]
    PrefsStore(tmp_path / "preferences.toml").update(lambda p: set_pref(p, "opt_out.providers", '["com.example.travel"]'))
    assert service.decide(json.dumps({**content, "id": "after"}), SENDER).rules == ("opted-out",)
    assert str(tmp_path / "preferences.toml") in stats


def test_a_decision_reads_the_folders_events_once_for_the_preferences_and_the_journal(
    tmp_path: Path, content: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One system call a quiet decision (files/watch.py OneLook), not one for each file; a batch makes one for all."""
    from popup_client.core.files import watch

    if watch._hub() is None:  # noqa: SLF001
        pytest.skip("no inotify on this system: every decision looks")
    service, _ = make_service(tmp_path, journal=tmp_path / "journal.sqlite3")
    service.submit({**content, "id": "first"}, SENDER)
    service.decide(json.dumps({**content, "id": "settle"}), SENDER)
    looks: list[int] = []
    real = watch._ioctl  # noqa: SLF001
    monkeypatch.setattr(watch, "_ioctl", lambda *a: (looks.append(1), real(*a))[1])
    for i in range(5):
        assert service.decide(json.dumps({**content, "id": f"quiet-{i}"}), SENDER).decision == "show"
    assert len(looks) == 5
    PrefsStore(tmp_path / "preferences.toml").update(lambda p: set_pref(p, "opt_out.providers", '["com.example.travel"]'))
    assert service.decide(json.dumps({**content, "id": "after"}), SENDER).rules == ("opted-out",)  # the one look saw it


def test_the_services_own_change_keeps_a_change_made_elsewhere(tmp_path: Path) -> None:
    service, _ = make_service(tmp_path)
    PrefsStore(tmp_path / "preferences.toml").update(lambda p: set_pref(p, "opt_out.providers", '["com.example.travel"]'))
    service.set_pref("paused_until", "2026-11-27T23:00:00+08:00")
    saved = PrefsStore(tmp_path / "preferences.toml").load()
    assert saved.opt_out.providers == ["com.example.travel"] and saved.paused_until == datetime(2026, 11, 27, 15, 0, tzinfo=timezone.utc)
    assert service.prefs == saved


def test_prefs_listeners_hear_every_change_and_each_problem_once(tmp_path: Path) -> None:
    service, _ = make_service(tmp_path)
    heard: list[int] = []
    warned: list[str] = []
    service.prefs_listeners.append(lambda prefs: heard.append(prefs.topic_max))
    service.prefs_warning_listeners.append(warned.append)
    service.set_pref("topic_max", "5")
    assert not service.refresh_prefs(thorough=True), "its own change is not news"
    path = tmp_path / "preferences.toml"
    PrefsStore(path).update(lambda p: set_pref(p, "topic_max", "6"))
    assert service.refresh_prefs() and service.prefs.topic_max == 6
    path.write_text("topic_max = 7\nmax_visible = 99\n", encoding="utf-8")
    assert service.refresh_prefs(thorough=True)
    assert heard == [5, 6, 7]
    assert len(warned) == 1 and "max_visible: input should be less than or equal to 10 (found 99)" in warned[0]
    assert not service.refresh_prefs(thorough=True) and len(warned) == 1
    assert warned[0] in service.warnings


@pytest.mark.parametrize(
    "change",
    [
        lambda service: service.set_pref("paused_until", "garbage"),
        lambda service: service.change_prefs(lambda p: msgspec.structs.replace(p, paused_until="garbage")),
    ],
    ids=["set_pref", "replace"],
)
def test_a_garbage_pause_is_refused_through_the_service(tmp_path: Path, change: Any) -> None:
    from popup_client.core.prefs import PrefError

    service, _ = make_service(tmp_path)
    heard: list[object] = []
    service.prefs_listeners.append(heard.append)
    with pytest.raises(PrefError, match="paused_until"):
        change(service)
    assert service.prefs.paused_until is None and not heard
    assert PrefsStore(tmp_path / "preferences.toml").load().paused_until is None
