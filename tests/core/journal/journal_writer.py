"""Helper process for the journal kill test: writes receipts until it is killed.

Run as ``python journal_writer.py PATH``. Each receipt id is printed on its own
line and flushed only after ``record_receipt`` has returned, i.e. after the
commit, so every id the parent reads must survive a SIGKILL. Stops by itself
after a minute, or when its stdout is closed.
"""

from __future__ import annotations

import sys
import time

from popup_client.core.clock import SystemClock
from popup_client.core.journal import Journal, Receipt

_BODY = "台风将于今夜登陆，请注意防范。" * 40


def _receipt(n: int, clock: SystemClock) -> Receipt:
    payload = f'{{"id": "n-{n}", "title": "第 {n} 条", "body": "{_BODY}"}}'
    return Receipt(
        received_at=clock.now(),
        transport="socket",
        sender={"pid": n},
        provider_id="com.example.news",
        popup_id=f"n-{n}",
        kind="news",
        topic="typhoon",
        tier=None,
        verified=True,
        payload=payload,
        error=None,
        decision="show" if n % 3 else "suppress",
        rules=["frequency-cap"] if n % 3 == 0 else [],
        reasons=[],
    )


def main(path: str) -> None:
    clock = SystemClock()
    deadline = time.monotonic() + 60
    with Journal(path, clock=clock) as journal:
        n = 0
        while time.monotonic() < deadline:
            receipt_id = journal.record_receipt(_receipt(n, clock))
            sys.stdout.write(f"{receipt_id}\n")
            sys.stdout.flush()
            n += 1


if __name__ == "__main__":
    main(sys.argv[1])
