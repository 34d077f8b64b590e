"""The app tells the user once, on stderr and in the tray, when its journal is replaced while running."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from popup_client.app import Application
from popup_client.demo import demo_payloads
from popup_client.core.journal import JournalError
from popup_client.core.rules import Sender
from tests.test_app import application  # noqa: F401  (the app in-process, state in tmp_path)


class FakeTray:
    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []

    def notify(self, title: str, message: str) -> None:
        self.messages.append((title, message))

    def hide(self) -> None:
        pass


def test_a_journal_replaced_while_running_is_said_once_and_shown_in_the_tray(
    application: Application, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tray = FakeTray()
    application.tray = tray  # type: ignore[assignment]  # offscreen Qt has no system tray
    service, sender = application.service, Sender("test", verified=True)
    payloads = demo_payloads(service.now())
    service.submit(payloads[3], sender)
    journal = service.journal
    journal._connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = tmp_path / "data" / "journal.sqlite3"
    path.write_bytes(random.Random(0).randbytes(path.stat().st_size))
    capsys.readouterr()

    with pytest.raises(JournalError, match="not a database"):
        service.submit(payloads[2], sender)
    after = service.submit(payloads[1], sender)
    assert after.receipt_id == 1 and after.decision.decision == "show"

    (kept,) = path.parent.glob("journal.sqlite3.corrupt-*")
    said = [line for line in capsys.readouterr().err.splitlines() if str(kept) in line]
    assert len(said) == 1 and said[0].startswith("popup-client: warning: The journal "), said
    assert tray.messages == [("popup-client", said[0].removeprefix("popup-client: warning: "))]
