"""``popup-client history``: what is kept and for how long; ``history clear`` with its confirmation."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.clock import FixedClock
from popup_client.core.journal import Journal
from popup_client.core.paths import journal_path
from popup_client.core.rules import Sender
from tests.core.journal.privacy_rows import receipt
from tests.cli.test_main import run, state
from tests.helpers.rules import EXAMPLES_NOW
from tests.helpers.service import make_service

SENDER = Sender("test", verified=True)
__all__ = ["state"]  # the autouse fixture: the state in a temp dir


def _journal_with(tmp_path: Path, ad: dict[str, Any], service_popup: dict[str, Any]) -> None:
    service, _ = make_service(tmp_path, journal=journal_path())
    service.submit(ad, SENDER)
    service.submit({**service_popup, "body": "验证码 839201"}, SENDER)
    service.journal.close()


def test_history_says_what_is_kept_for_how_long_and_how_big(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                            ad: dict[str, Any], service_popup: dict[str, Any]) -> None:  # fmt: skip
    _journal_with(tmp_path, ad, service_popup)
    code, out, _ = run(capsys, "history")
    assert code == 0 and "839201" not in out
    assert "    (text not kept)" in out and f"    {ad['title']}" in out
    assert "kept: 1 service popups for 7 days (without their text), 1 ads/news/content for 90 days, 0 complaints" in out
    assert f"journal: {journal_path()} (" in out and "KiB)" in out
    rows = json.loads(run(capsys, "history", "--json")[1])
    assert [(r["kind"], r["text_kept"]) for r in rows] == [("service", False), ("ad", True)]


def test_clear_refuses_without_a_terminal_or_yes(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                 ad: dict[str, Any], service_popup: dict[str, Any]) -> None:  # fmt: skip
    _journal_with(tmp_path, ad, service_popup)
    code, _, err = run(capsys, "history", "clear")
    assert code == 2 and "--yes" in err
    with Journal(journal_path(), clock=FixedClock(EXAMPLES_NOW)) as journal:
        assert len(journal.history()) == 2


def test_clear_asks_on_a_terminal(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  ad: dict[str, Any], service_popup: dict[str, Any]) -> None:  # fmt: skip
    _journal_with(tmp_path, ad, service_popup)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "n")
    code, out, err = run(capsys, "history", "clear", "--provider", ad["provider"]["id"])
    assert code == 1 and "nothing cleared" in err and asked == ["Go ahead? [y/N] "]
    assert out.startswith(f"Clear the history of {ad['provider']['id']}: 1 entries and 0 complaints deleted\n")
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    code, out, _ = run(capsys, "history", "clear", "--provider", ad["provider"]["id"])
    assert code == 0 and f"\ncleared of {ad['provider']['id']}: 1 entries" in out
    assert [r["kind"] for r in json.loads(run(capsys, "history", "--json")[1])] == ["service"]


def test_clear_before_a_date_keeps_what_the_caps_count_and_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    now = EXAMPLES_NOW
    with Journal(journal_path(), clock=FixedClock(now)) as journal:
        journal.record_receipt(receipt("news", now - timedelta(days=40), n=1))
        journal.record_receipt(receipt("news", now - timedelta(hours=2), n=2))
    # The CLI runs on the system clock: the rows are dated relative to the examples' time, the clearing to now.
    code, out, _ = run(capsys, "history", "clear", "--before", "2026-11-01", "--yes", "--json")
    assert code == 0 and json.loads(out) == {"deleted": 1, "complaints": 0, "kept_for_caps": 0, "cited": 0, "caps_hours": 24}
    assert run(capsys, "history", "clear", "--before", "yesterday", "--yes")[0] == 2


def test_clear_keeps_a_bare_count_of_what_was_shown_today(capsys: pytest.CaptureFixture[str]) -> None:
    now = datetime.now(timezone.utc)  # the CLI's clock is the system's: shown five minutes ago
    with Journal(journal_path(), clock=FixedClock(now)) as journal:
        journal.record_receipt(receipt("ad", now - timedelta(minutes=5)))
    code, out, _ = run(capsys, "history", "clear", "--yes")
    assert code == 0 and "\n1 popups shown in the last 24 h are kept as bare counts" in out
    assert out.rstrip().endswith("so the frequency caps still count them, until they are 24 h old")
    code, out, _ = run(capsys, "history")
    assert "(cleared; still counted toward the frequency caps)" in out and "1 cleared entries" in out
