"""Evidence: an HTML report with annotated screenshots, and ``report.json`` beside it.

For each popup checked the report holds its screenshot as rendered, a copy
with every measured box drawn on it (green: its measurements pass, red: one
fails) and the table of measurements: guarantee, article, what was
measured, the value and the threshold. ``report.json`` holds the same data
for machines.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from popup_client import __version__

from .model import GUARANTEES, RULES, Result

log = logging.getLogger(__name__)

GREEN, RED, GREY = QColor("#188038"), QColor("#C5221F"), QColor("#5F6368")
ANNOTATE_SCALE = 2.0
MARGIN = 44  # logical px around the popup in the annotated image, room for the tags
#: The measurements (by name prefix) that decide the colour of each box.
BOX_CHECKS = {
    "close": ("close-",), "ad_label": ("badge-",), "advertiser": ("advertiser-",), "provider": ("provider-",),
    "unverified": ("unverified-",), "report": ("report-",), "details": ("details-",), "why_ad": ("why-ad-",),
    "source": ("source-",),
}  # fmt: skip
BOX_LABELS = {
    "close": "关闭 close", "ad_label": "广告 badge", "advertiser": "advertiser", "provider": "provider",
    "unverified": "未验证", "report": "举报 report", "details": "查看详情", "why_ad": "why this ad",
    "source": "source", "header": "header", "content": "body",
}  # fmt: skip


def _slug(text: str, index: int) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")[:60] or "popup"
    return f"{index:02d}-{stem}"


def annotate(result: Result) -> QImage | None:
    """The screenshot, enlarged for reading, with every measured box drawn and tagged."""
    if not result.screenshot_png:
        return None
    shot = QImage.fromData(result.screenshot_png)
    if shot.isNull():
        return None
    k = ANNOTATE_SCALE
    w, h = result.size
    canvas = QImage(round((w + 2 * MARGIN) * k), round((h + 2 * MARGIN) * k), QImage.Format.Format_ARGB32)
    canvas.fill(QColor("#F1F3F4"))
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.scale(k, k)
    painter.drawImage(QRectF(MARGIN, MARGIN, w, h), shot)
    failed = result.failed_names
    placed: list[QRectF] = []
    bounds = QRectF(0, 0, w + 2 * MARGIN, h + 2 * MARGIN)
    order = sorted(result.boxes.items(), key=lambda item: (item[0] not in ("header", "content"), item[1][0]))
    for name, (x, y, bw, bh) in order:
        prefixes = BOX_CHECKS.get(name)
        broken = prefixes is not None and any(f.startswith(prefixes) for f in failed)
        colour = GREY if prefixes is None else (RED if broken else GREEN)
        rect = QRectF(MARGIN + x, MARGIN + y, bw, bh)
        _draw_box(painter, rect, colour, dashed=prefixes is None)
        if prefixes is not None:
            tag = f"{BOX_LABELS.get(name, name)} {bw}×{bh}"
            _draw_tag(painter, rect, colour, tag, above=y + bh / 2 < h / 2, placed=placed, bounds=bounds,
                      popup=QRectF(MARGIN, MARGIN, w, h))
    painter.end()
    return canvas


def _draw_box(painter: QPainter, rect: QRectF, colour: QColor, *, dashed: bool) -> None:
    pen = QPen(colour, 1.5)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect.adjusted(-1, -1, 1, 1))


def _draw_tag(painter: QPainter, rect: QRectF, colour: QColor, tag: str, *, above: bool, placed: list[QRectF],
              bounds: QRectF, popup: QRectF) -> None:  # fmt: skip
    """A filled label outside the popup, above it for boxes in its upper half, below for the others, with a leader line."""
    font = QFont()
    font.setPixelSize(9)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    width, height = metrics.horizontalAdvance(tag) + 6, metrics.height() + 2
    left = min(max(bounds.left() + 1, rect.left() - 1), bounds.right() - width - 1)
    top = popup.top() - height - 3 if above else popup.bottom() + 3
    box = QRectF(left, top, width, height)
    step = -(height + 1) if above else height + 1
    while any(box.adjusted(-2, 0, 2, 0).intersects(other) for other in placed):
        moved = box.translated(0, step)
        if not bounds.contains(moved):
            box.translate(max(o.right() for o in placed if o.intersects(box)) + 3 - box.left(), 0)
            continue
        box = moved
    placed.append(box)
    painter.setPen(QPen(colour, 0.8))
    x = min(max(box.left() + 6, rect.left() + 2), rect.right() - 2)
    painter.drawLine(QPointF(x, box.bottom() if above else box.top()), QPointF(x, rect.top() if above else rect.bottom()))
    painter.fillRect(box, colour)
    painter.setPen(QColor("#FFFFFF"))
    painter.drawText(box.adjusted(3, 1, 0, 0), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), tag)


def report_data(results: Sequence[Result], *, context: dict[str, Any] | None = None,
                files: dict[int, dict[str, str]] | None = None) -> dict[str, Any]:  # fmt: skip
    """What ``report.json`` holds."""
    items = []
    for index, result in enumerate(results):
        item = result.as_dict()
        item.update((files or {}).get(index, {}))
        items.append(item)
    return {
        "tool": "popup-client check",
        "version": __version__,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "passed": all(r.passed for r in results),
        "guarantees": {rule: {"article": RULES[rule], "guarantee": GUARANTEES[rule]} for rule in RULES},
        **(context or {}),
        "results": items,
    }


def write_report(results: Sequence[Result], out: Path, *, title: str = "Popup conformance report",
                 context: dict[str, Any] | None = None) -> Path:  # fmt: skip
    """Write ``index.html``, ``report.json`` and the PNGs into ``out``; return the HTML's path."""
    out.mkdir(parents=True, exist_ok=True)
    files: dict[int, dict[str, str]] = {}
    for index, result in enumerate(results):
        slug = _slug(result.subject, index + 1)
        files[index] = {}
        if result.screenshot_png:
            (out / f"{slug}.png").write_bytes(result.screenshot_png)
            files[index]["screenshot"] = f"{slug}.png"
        marked = annotate(result)
        if marked is not None and marked.save(str(out / f"{slug}-annotated.png"), "PNG"):  # type: ignore[call-overload]
            files[index]["annotated"] = f"{slug}-annotated.png"
    data = report_data(results, context=context, files=files)
    (out / "report.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    page = out / "index.html"
    page.write_text(render_html(results, files, title=title, context=context or {}), encoding="utf-8")
    return page


# ------------------------------------------------------------------ HTML

CSS = """
:root { --pass: #188038; --fail: #C5221F; --na: #80868B; --line: #DADCE0; --ink: #202124; --soft: #5F6368; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; color: var(--ink);
       background: #F8F9FA; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 32px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0; }
.meta { color: var(--soft); margin: 0 0 20px; }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 12px; color: #fff; font-weight: 600; font-size: 13px; }
.verdict.pass { background: var(--pass); } .verdict.fail { background: var(--fail); }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--soft); background: #F1F3F4; }
.summary { margin-bottom: 28px; border: 1px solid var(--line); }
.summary a { color: var(--ink); }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 20px 22px; margin: 0 0 28px; }
section header { display: flex; gap: 12px; align-items: center; margin-bottom: 14px; }
.shots { display: flex; gap: 20px; align-items: flex-start; flex-wrap: wrap; margin-bottom: 16px; }
.shots figure { margin: 0; }
.shots img { display: block; border: 1px solid var(--line); background: #F1F3F4; }
.shots .marked img { width: 600px; max-width: 100%; }
figcaption { color: var(--soft); font-size: 12px; margin-top: 4px; }
.checks td.status { font-weight: 700; font-size: 12px; white-space: nowrap; }
.checks tr.pass td.status { color: var(--pass); } .checks tr.fail td.status { color: var(--fail); }
.checks tr.fail { background: #FCE8E6; } .checks tr.na { color: var(--na); }
.checks td.rule { white-space: nowrap; font-family: ui-monospace, monospace; font-size: 12px; }
.checks td.status { width: 48px; }
.checks td.detail { color: var(--soft); font-size: 12px; }
.checks tr.group td { background: #F8F9FA; font-weight: 600; font-size: 12px; color: var(--soft); }
.notes { color: var(--soft); font-size: 12px; margin: 10px 0 0; padding-left: 18px; }
.lint { border: 1px solid #F4C7C3; margin-bottom: 14px; }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_html(results: Sequence[Result], files: dict[int, dict[str, str]], *, title: str,
                context: dict[str, Any]) -> str:  # fmt: skip
    passed = sum(1 for r in results if r.passed)
    verdict = "pass" if passed == len(results) else "fail"
    settings = ", ".join(f"{k}: {v}" for k, v in context.items() if v not in (None, ""))
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body><main>",
        f"<h1>{_e(title)} <span class=\"verdict {verdict}\">{passed} of {len(results)} conform</span></h1>",
        f'<p class="meta">popup-client {__version__} · {datetime.now().strftime("%Y-%m-%d %H:%M")}'
        + (f" · {_e(settings)}" if settings else "") + " · guarantees of docs/rules.md, articles of 《互联网弹窗信息推送服务管理规定》</p>",
        _summary_table(results),
    ]  # fmt: skip
    for index, result in enumerate(results):
        parts.append(_section(index, result, files.get(index, {})))
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _summary_table(results: Sequence[Result]) -> str:
    rows = []
    for index, r in enumerate(results):
        status = "pass" if r.passed else "fail"
        broken = ", ".join(sorted(r.failed_rules | {p["rule"] for p in r.problems})) or "—"
        rows.append(
            f'<tr><td><a href="#p{index + 1}">{_e(r.subject)}</a></td><td>{_e(r.kind or "?")}</td>'
            f'<td><span class="verdict {status}">{status.upper()}</span></td>'
            f"<td>{len([c for c in r.checks if c.applicable])}</td><td>{_e(broken)}</td></tr>"
        )
    head = "<tr><th>Popup</th><th>Kind</th><th>Result</th><th>Measurements</th><th>Broken</th></tr>"
    return f'<table class="summary">{head}{"".join(rows)}</table>'


def _section(index: int, result: Result, files: dict[str, str]) -> str:
    status = "pass" if result.passed else "fail"
    out = [f'<section id="p{index + 1}"><header><h2>{_e(result.subject)}</h2>',
           f'<span class="verdict {status}">{status.upper()}</span>',
           f'<span class="meta" style="margin:0">{_e(result.kind or "kind unknown")} · {result.size[0]}×{result.size[1]} px'
           f" · measured at {result.scale:g}×</span></header>"]  # fmt: skip
    if result.problems:
        rows = "".join(f"<tr><td class=\"rule\">{_e(p['rule'])}</td><td>{_e(p['path'] or '(payload)')}</td>"
                       f"<td>{_e(p['message'])}</td></tr>" for p in result.problems)  # fmt: skip
        out.append(f'<table class="lint checks"><tr><th>Lint rule</th><th>Field</th><th>Problem</th></tr>{rows}</table>')
    if files:
        out.append('<div class="shots">')
        if "screenshot" in files:
            out.append(f'<figure class="plain"><img src="{_e(files["screenshot"])}" alt="screenshot of {_e(result.subject)}"'
                       f' width="{result.size[0]}"><figcaption>as rendered</figcaption></figure>')  # fmt: skip
        if "annotated" in files:
            out.append(f'<figure class="marked"><img src="{_e(files["annotated"])}" alt="measured boxes">'
                       "<figcaption>measured boxes: green holds, red breaks, dashed: regions clicked</figcaption></figure>")
        out.append("</div>")
    out.append(_checks_table(result))
    if result.notes:
        out.append('<ul class="notes">' + "".join(f"<li>{_e(n)}</li>" for n in result.notes) + "</ul>")
    out.append("</section>")
    return "\n".join(out)


def _checks_table(result: Result) -> str:
    rows = ["<tr><th></th><th>Measurement</th><th>Measured</th><th>Threshold</th><th>How</th></tr>"]
    for rule in result.rules_checked():
        rows.append(f'<tr class="group"><td colspan="5">{_e(rule)} · article {_e(RULES[rule])} · {_e(GUARANTEES[rule])}</td></tr>')
        for c in (c for c in result.checks if c.rule == rule):
            css = {"pass": "pass", "fail": "fail", "n/a": "na"}[c.status]
            rows.append(
                f'<tr class="{css}"><td class="status">{_e(c.status.upper())}</td>'
                f'<td class="rule">{_e(c.name)}</td><td>{_e(c.measured)}</td><td>{_e(c.threshold)}</td>'
                f'<td class="detail">{_e(c.detail)}</td></tr>'
            )
    return f'<table class="checks">{"".join(rows)}</table>'
