"""dbus_server.py's report: the raw measurements of one server turned into its JSON figures.

``app_result``: popup-client's figures beside the targets of issues 4 and 16
(the keys the README and ``issue16.py`` read). ``dunst_result``: dunst's
figures under the same names where they mean the same (``app_cpu_s`` is the
server's CPU, dunst's here); a figure that cannot be taken the same way for
dunst is null, with the reason in ``not_measured`` under its dotted name.
"""

from __future__ import annotations

import statistics
from argparse import Namespace
from typing import Any

from notification_servers import dunstrc_description

TARGETS = {"notify_to_mapped_median_ms": 10, "start_to_name_ms": 400, "burst_s": 1.0, "next_call_ms": 20}
#: Issue 16 (lean): owning the name sooner, the burst answered faster.
TARGETS_16 = {"start_to_name_median_ms": 120, "burst_s": 0.3}
CAP = 10  # caps.service_per_minute, the app's default


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def latency_figures(latencies: list[float], popups: int, missed: int) -> dict[str, Any]:
    ordered = sorted(latencies)
    return {
        "popups": popups,
        "measured": len(latencies),
        "missed": missed,
        "median_ms": round(statistics.median(ordered), 2) if ordered else None,
        "p95_ms": round(ordered[max(int(len(ordered) * 0.95) - 1, 0)], 2) if ordered else None,
        "max_ms": round(ordered[-1], 2) if ordered else None,
    }


def _starts(raw: dict[str, Any]) -> dict[str, Any]:
    starts = raw["starts"]
    return {"start_to_name_ms": [round(t, 1) for t in starts], "start_to_name_median_ms": round(statistics.median(starts), 1)}


def app_result(raw: dict[str, Any], args: Namespace) -> dict[str, Any]:
    """popup-client's figures, its targets and whether each is met."""
    burst, decisions = raw["burst"], raw["decisions"]
    result = {
        "benchmark": "dbus_server",
        **_starts(raw),
        "notify_to_mapped": latency_figures(raw["latencies"], args.count, raw["missed"]),
        "burst": {
            "calls": args.burst,
            "answered": burst["answered"],
            "refused": burst["refused"],
            "total_s": round(burst["elapsed_s"], 3),
            "app_cpu_s": round(burst["app_cpu_s"], 3),
            "calls_per_s": round(args.burst / burst["elapsed_s"]),
            "next_call_ms": _round(burst["next_call_ms"], 2),
            "popups_mapped": burst["mapped"],
            "journaled": sum(decisions.values()),
            "decisions": decisions,
            "peak_rss_mb": round(burst["peak_rss_mb"], 1),
            "peak_rss_is_burst_only": burst["peak_rss_reset"],
        },
        "idle_rss_mb": round(raw["idle"], 1),
        "targets": TARGETS,
    }
    next_ms = burst["next_call_ms"]
    result["met"] = {
        "notify_to_mapped_median_ms": (result["notify_to_mapped"]["median_ms"] or float("inf")) <= TARGETS["notify_to_mapped_median_ms"],
        "start_to_name_ms": max(raw["starts"]) <= TARGETS["start_to_name_ms"],
        "burst_s": burst["elapsed_s"] <= TARGETS["burst_s"] and burst["refused"] == 0 and burst["answered"] == args.burst,
        "cap_holds": decisions.get("show", 0) == CAP and burst["mapped"] <= CAP,
        "all_journaled": sum(decisions.values()) == args.burst,
        "next_call_ms": next_ms is not None and next_ms <= TARGETS["next_call_ms"],
    }
    result["issue_16"] = {
        "start_to_name_median_ms": {"figure": result["start_to_name_median_ms"], "target": TARGETS_16["start_to_name_median_ms"]},
        "burst_s": {"figure": result["burst"]["total_s"], "target": TARGETS_16["burst_s"],
                    "app_cpu_s": result["burst"]["app_cpu_s"]},  # fmt: skip
    }
    for figure in result["issue_16"].values():
        figure["met"] = figure["figure"] <= figure["target"]
    return result


def dunst_result(raw: dict[str, Any], args: Namespace, version: str | None) -> dict[str, Any]:
    """dunst's figures, measured as the app's; what cannot be, null with its reason."""
    burst = raw["burst"]
    complete = burst["answered"] + burst["refused"] == args.burst
    not_measured = {
        "burst.popups_mapped": "dunst draws all its notifications in one X window, so MapNotify counts that window "
        "being shown (burst.window_maps), not popups",
        "burst.journaled": "dunst keeps no journal, only a history of closed notifications",
        "burst.decisions": "dunst decides nothing: it shows every notification (no caps)",
    }
    if not complete:
        not_measured["burst.total_s"] = (
            f"dunst had answered {burst['answered']} of {args.burst} calls when the {args.burst_timeout:g} s timeout ran "
            "out; calls_per_s is over the calls answered in that time"
        )
    if burst["next_call_ms"] is None:
        not_measured["burst.next_call_ms"] = f"no reply within {max(args.burst_timeout, 10):g} s (dunst still busy with the burst)"
    if not raw["latencies"]:
        not_measured["notify_to_mapped.median_ms"] = "no MapNotify within 2 s of any Notify"
    return {
        "server": "dunst",
        "version": version,
        "dunstrc": dunstrc_description(),
        **_starts(raw),
        # unmapped_between: popups after whose CloseNotification dunst's window was unmapped (so the next Notify maps it)
        "notify_to_mapped": {**latency_figures(raw["latencies"], args.count, raw["missed"]), "unmapped_between": raw["unmapped"]},
        "burst": {
            "calls": args.burst,
            "answered": burst["answered"],
            "refused": burst["refused"],
            "timeout_s": args.burst_timeout,
            "timed_out": not complete,
            "waited_s": round(burst["elapsed_s"], 3),
            "total_s": round(burst["elapsed_s"], 3) if complete else None,
            "app_cpu_s": round(burst["app_cpu_s"], 3),
            "calls_per_s": round(burst["answered"] / burst["elapsed_s"]),
            "next_call_ms": _round(burst["next_call_ms"], 2),
            "popups_mapped": None,
            "window_maps": burst["mapped"],
            "journaled": None,
            "decisions": None,
            "peak_rss_mb": round(burst["peak_rss_mb"], 1),
            "peak_rss_is_burst_only": burst["peak_rss_reset"],
        },
        "idle_rss_mb": round(raw["idle"], 1),
        "not_measured": not_measured,
    }
