#!/usr/bin/env python3
"""The conformance kit's time per popup: every check, behaviour included, with the default 2 s watch.

Checks each example payload (``resources/examples/valid-*.json``) with
popup-client's renderer, offscreen, at 1× and 2×, and prints one JSON object:
seconds per popup (each, median, max), the watch, popups shown and clicks
made per check, and whether every measurement passed (lint is left out: an
example's dates age). The watch runs once per check (all fresh popups are
shown and clicked together, then watched together), so a check takes about
the watch plus the clicks.

    .venv/bin/python benchmarks/conformance_per_popup.py [--watch SECONDS]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--watch", type=float, default=None, help="seconds to watch (default: the kit's)")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from popup_client.conformance.ours import check_payload
    from popup_client.conformance.runner import DEFAULT_SETTLE_MS
    from popup_client.ui.render import ensure_app

    ensure_app()
    watch_ms = round(args.watch * 1000) if args.watch is not None else DEFAULT_SETTLE_MS
    rows = []
    for path in sorted((ROOT / "resources" / "examples").glob("valid-*.json")):
        for scale in (1.0, 2.0):
            started = time.perf_counter()
            result = check_payload(path, scale=scale, settle_ms=watch_ms)
            seconds = time.perf_counter() - started
            note = next((n for n in result.notes if n.startswith("behaviour: ")), "")
            counts = [int(n) for n in re.findall(r"(\d+) (?:popups|clicks)", note)]
            rows.append({"popup": path.name, "scale": scale, "seconds": round(seconds, 2),
                         "measurements_pass": not result.failures,
                         "popups_shown": counts[0] if counts else None, "clicks": counts[1] if counts else None})
    times = [r["seconds"] for r in rows]
    print(json.dumps({"watch_ms": watch_ms, "median_seconds": round(statistics.median(times), 2),
                      "max_seconds": max(times), "checks": rows}, indent=2))


if __name__ == "__main__":
    main()
