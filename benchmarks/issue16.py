#!/usr/bin/env python3
"""Every figure of issue 16 (lean), over several rounds, beside its target and its floor: the README's table.

Runs the benchmarks that measure them, one after another, ``--rounds``
times (each on a fresh private display, bus and home), and prints the
median and the spread (min–max) of each figure with its target, the floor
the stack sets where there is one, and whether the median meets the target:

- ``lean.py``: ``--version``, ``lint`` of one example (floor: Python with
  the models), ``notify-send`` D-Bus-activating the app;
- ``dbus_server.py``: start → owning ``org.freedesktop.Notifications``, the
  1 000-call burst (and the app's CPU for it), Notify → popup mapped;
- ``policy_throughput.py``: parse + policy and submit with its committed
  write, per wall second and per CPU second (floor: parsing alone);
- ``idle_memory.py``: the app's idle RSS (floor: a PySide6 window with
  the models and one line of Chinese).

When dunst is installed (and without ``--no-dunst``), ``dbus_server.py``
runs with ``--also-dunst`` and the table has a dunst column: the same
figures for dunst where they exist (start → name, idle RSS, the burst and
its CPU, Notify → mapped), "—" elsewhere; a figure dunst did not give (its
burst not answered within the timeout) is "—" too, with the reason under
the table.

The machine should be quiet (``uptime``'s load well under 1): wall-clock
figures on two shared cores swing by a factor of two under load. Prints a
Markdown table, then the JSON of every round with ``--json``.

    .venv/bin/python benchmarks/issue16.py [--rounds 3] [--json] [--no-dunst]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: (name, benchmark script, its arguments)
RUNS = [
    ("lean", "lean.py", ["--runs", "7", "--activations", "3"]),
    ("dbus", "dbus_server.py", ["--count", "40", "--starts", "3"]),
    ("policy", "policy_throughput.py", ["--decisions", "5000"]),
    ("memory", "idle_memory.py", []),
]

Getter = Callable[[dict[str, Any]], float | None]


def _get(*path: str) -> Getter:
    def get(results: dict[str, Any]) -> float | None:
        value: Any = results
        for key in path:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return float(value) if isinstance(value, (int, float)) else None

    return get


def _dunst_burst(key: str) -> Getter:
    """A figure of dunst's burst, only when it answered every call (not one cut short by the timeout)."""
    whole = _get("dbus", "dunst", "burst", key)
    return lambda results: None if results.get("dbus", {}).get("dunst", {}).get("burst", {}).get("timed_out", True) else whole(results)


#: (figure, unit, target, "<=" or ">=", its getter, the floor's getter or None, dunst's getter or None)
FIGURES: list[tuple[str, str, float, str, Getter, Getter | None, Getter | None]] = [
    ("start → owns org.freedesktop.Notifications", "ms", 120, "<=", _get("dbus", "start_to_name_median_ms"), None,
     _get("dbus", "dunst", "start_to_name_median_ms")),
    ("`popup-client --version`", "ms", 80, "<=", _get("lean", "version", "median_ms"), _get("lean", "floors", "python", "median_ms"), None),
    ("`popup-client lint` one example", "ms", 200, "<=", _get("lean", "lint", "median_ms"),
     _get("lean", "floors", "python+models", "median_ms"), None),
    ("idle RSS of the app", "MiB", 72, "<=", _get("memory", "app"), _get("memory", "qt+model+text"), _get("memory", "dunst")),
    ("parse + policy, 100 000-row journal", "/s", 15000, ">=", _get("policy", "parse_and_decide_per_second"),
     _get("policy", "parse_per_second"), None),
    ("… per CPU second", "/s", 15000, ">=", _get("policy", "per_cpu_second", "parse_and_decide"), None, None),
    ("submit with the committed journal write", "/s", 5000, ">=", _get("policy", "submit_batched_per_second"), None, None),
    ("… per CPU second", "/s", 5000, ">=", _get("policy", "per_cpu_second", "submit_batched"), None, None),
    ("1 000-call D-Bus burst answered", "s", 0.3, "<=", _get("dbus", "burst", "total_s"), None, _dunst_burst("total_s")),
    ("… the app's CPU for it", "s", float("inf"), "<=", _get("dbus", "burst", "app_cpu_s"), None, _dunst_burst("app_cpu_s")),
    ("Notify → popup mapped (no regression)", "ms", 10, "<=", _get("dbus", "notify_to_mapped", "median_ms"), None,
     _get("dbus", "dunst", "notify_to_mapped", "median_ms")),
    ("notify-send activating the app → popup mapped", "ms", float("inf"), "<=",
     _get("lean", "activation", "popup_mapped_median_ms"), None, None),
]  # fmt: skip
#: dunst's figures that fill the table's dunst column: why one is missing is printed under the table.
DUNST_NOTES = ("start_to_name_median_ms", "notify_to_mapped.median_ms", "burst.total_s")


def run_round(dunst: bool = False) -> dict[str, Any]:
    """One run of each benchmark (``dbus_server.py`` with ``--also-dunst`` if ``dunst``): their JSON by name."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    results: dict[str, Any] = {}
    for name, script, args in RUNS:
        args = [*args, "--also-dunst"] if dunst and name == "dbus" else args
        print(f"issue16: {script} {' '.join(args)}", file=sys.stderr, flush=True)
        done = subprocess.run([sys.executable, str(HERE / script), *args], env=env, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            print(done.stderr[-2000:], file=sys.stderr)
            raise SystemExit(f"issue16: {script} failed ({done.returncode})")
        results[name] = json.loads(done.stdout)
    return results


def _spread(values: list[float]) -> str:
    if not values:
        return "—"
    median = statistics.median(values)
    return f"{_fmt(median)} [{_fmt(min(values))}–{_fmt(max(values))}]" if len(values) > 1 else _fmt(median)


def _fmt(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}".replace(",", " ")
    return f"{value:.0f}" if value >= 100 else f"{value:.3g}"


def table(rounds: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """The Markdown table of every figure over the rounds, and the same as data."""
    lines = ["| figure | median [min–max] | dunst | floor | target | met |", "|---|---|---|---|---|---|"]
    rows = []
    for name, unit, target, sense, get, floor_get, dunst_get in FIGURES:
        values = [v for v in (get(r) for r in rounds) if v is not None]
        floors = [v for v in (floor_get(r) for r in rounds) if v is not None] if floor_get else []
        dunst = [v for v in (dunst_get(r) for r in rounds) if v is not None] if dunst_get else []
        median = statistics.median(values) if values else None
        met = None if median is None or target == float("inf") else (median <= target if sense == "<=" else median >= target)
        shown_target = "reported" if target == float("inf") else f"{'≤' if sense == '<=' else '≥'} {_fmt(target)} {unit}"
        met_text = "—" if met is None else ("yes" if met else "**no**")
        shown_dunst = f"{_spread(dunst)} {unit}" if dunst else "—"
        if dunst and len(dunst) < len(rounds):
            shown_dunst += f" ({len(dunst)} of {len(rounds)} rounds)"
        lines.append(f"| {name} | {_spread(values)} {unit} | {shown_dunst} | {_spread(floors) + ' ' + unit if floors else '—'} | {shown_target} | {met_text} |")
        rows.append({"figure": name, "unit": unit, "values": values, "floor": floors, "target": target, "met": met, "dunst": dunst})
    return "\n".join(lines), rows


def dunst_notes(rounds: list[dict[str, Any]]) -> list[str]:
    """Why a figure of the dunst column is missing in a round (dbus_server.py's and idle_memory.py's ``not_measured``)."""
    notes = []
    for number, results in enumerate(rounds, 1):
        reasons = {**results.get("dbus", {}).get("dunst", {}).get("not_measured", {}), **results.get("memory", {}).get("not_measured", {})}
        notes += [f"round {number}, dunst {key}: {reason}" for key, reason in reasons.items() if key in (*DUNST_NOTES, "dunst")]
    return notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs of every benchmark (default 3)")
    parser.add_argument("--json", action="store_true", help="also print every round's results")
    parser.add_argument("--no-dunst", action="store_true", help="no dunst in dbus_server.py (its burst takes a minute or more)")
    args = parser.parse_args()
    dunst = not args.no_dunst and shutil.which("dunst") is not None
    rounds = [run_round(dunst) for _ in range(args.rounds)]
    text, rows = table(rounds)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    print(text)
    notes = dunst_notes(rounds)
    if notes:
        print("\n" + "\n".join(notes))
    print(f"\n{args.rounds} rounds; load average at the end: {load:.2f}" if load is not None else "")
    if args.json:
        print(json.dumps({"figures": rows, "rounds": rounds}, indent=2, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
