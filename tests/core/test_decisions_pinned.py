"""Every decision of a varied corpus is pinned: a faster parse, policy or journal changes none of them (issue 16).

The corpus is every shipped example (resources/examples) and every payload of
the hostile corpus (tests/corpus/payloads), each judged under several
preferences and senders (minors mode, quiet hours, opt-outs, a pause, strict
caps, unverified or mismatched senders), and submitted in turn to one journal
so the duplicate, topic and frequency rules fire too. For each it pins what a
caller sees — the decision, the rule ids, the reasons (the English and the
translatable text behind each), the lint problems (path, message, rule), the
normalized payload — and, for the submitted sequence, every journal row and
the hash chain's head. ``decisions_pinned.json`` was written by the code
before the speed-ups; regenerate it only for an intended change of behaviour::

    PYTHONPATH=. .venv/bin/python -m tests.core.test_decisions_pinned --write
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

from popup_client.core.errors import PayloadError
from popup_client.core.payload import parse_popup
from popup_client.core.policy import Decision, Policy
from popup_client.core.prefs import Preferences
from popup_client.core.rules import Sender
from popup_client.core.text import Text
from popup_client.core.vocabulary import CloseHow
from tests.helpers.corpus import payload_files
from tests.helpers.rules import EXAMPLES_NOW, FakeJournal, context
from tests.helpers.service import make_service

PINNED = Path(__file__).with_name("decisions_pinned.json")

#: Preferences the corpus is judged under (beside the defaults).
PREFS: dict[str, dict[str, Any]] = {
    "default": {},
    "minors": {"minors_mode": True},
    "quiet": {"quiet_hours": "19:00-21:00"},
    "quiet-elsewhere": {"quiet_hours": "01:00-02:00"},
    "paused": {"paused_until": "2026-11-28T08:00:00+08:00"},
    "pause-over": {"paused_until": "2026-11-26T08:00:00+08:00"},
    "opt-out": {"opt_out": {"kinds": ["ad", "service"], "providers": ["com.example.news", "com.example.shop"]}},
    "strict": {"unverified_providers": "reject", "news_max_age_hours": 1, "topic_max": 0,
               "caps": {"global_hourly": 0, "provider_hourly": 0, "provider_daily": 0, "service_per_minute": 0}},  # fmt: skip
}
#: Senders the corpus is judged as coming from.
SENDERS: dict[str, Sender] = {
    "lint": Sender("lint"),
    "verified": Sender("socket", verified=True),
    "unverified": Sender("dbus", verified=False),
    "token-other": Sender("socket", verified=True, token_provider_id="com.other.app", token_provider_name="Other"),
    "token-name": Sender("socket", verified=True, token_provider_id="com.example.news", token_provider_name="  某某 新闻\u200b "),
    "refused": Sender("socket", verified=False, identity_problem="the signature does not verify"),
}
_SCENARIOS = [("default", s) for s in SENDERS] + [(p, "verified") for p in PREFS if p != "default"] + [("strict", "unverified")]


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _digest(value: Any) -> str:
    """SHA-256 of the JSON of ``value``, an object's address in a message (Pillow's ``<… at 0x…>``) left out."""
    return hashlib.sha256(_ADDRESS.sub(" at 0x…", json.dumps(value, sort_keys=True, ensure_ascii=False)).encode()).hexdigest()


def _texts(reasons: Any) -> str:
    """The translatable text behind each reason (template and arguments), as one digest."""
    return _digest([r.to_json() if isinstance(r, Text) else None for r in reasons])


def _decision(decision: Decision, *, spelt_out: bool = True) -> dict[str, Any]:
    """Decision, rule ids, reasons (spelt out, or as a digest to keep the file small) and the texts behind them."""
    reasons = list(decision.reasons)
    return {
        "decision": str(decision.decision.value),
        "rules": list(decision.rules),
        "reasons": reasons if spelt_out else _digest(reasons),
        "texts": _texts(decision.reasons),
        "news_list_version": decision.news_list_version,
    }


def _short(text: str) -> str:
    """A long text (an image's data URI inside) as its digest."""
    return text if len(text) <= 2000 else "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def _shown_journal() -> FakeJournal:
    """A journal where some caps and topics are already reached at the examples' time."""
    at = EXAMPLES_NOW - timedelta(minutes=30)
    shown = [("com.example.news", "news", "t1", at), ("com.example.shop", "ad", None, at), ("org.example.files", "service", None, at)]
    return FakeJournal(shown=shown * 3, received={("com.example.shop", "ad-2026-11-27-0001"), ("org.example.files", "s-2026-11-27-0001")})


def judge(raw: bytes) -> dict[str, Any]:
    """What every scenario makes of one payload."""
    try:
        popup = parse_popup(raw)
    except PayloadError as exc:
        problems = [[p.path, p.message, p.rule] for p in exc.problems]
        texts = _texts([p.message for p in exc.problems])
        return {"parse_error": problems, "texts": texts, "decision": _decision(Decision.from_error(exc))}
    result: dict[str, Any] = {"normalized": _short(popup.to_json())}
    lint = Policy().lint(context(popup, sender=Sender("lint")))
    result["lint"] = [[p.path, p.message, p.rule] for p in lint.problems]
    result["lint_texts"] = _texts([p.message for p in lint.problems])
    for prefs_name, sender_name in _SCENARIOS:
        prefs = Preferences.validate(PREFS[prefs_name])
        ctx = context(popup, prefs=prefs, sender=SENDERS[sender_name], journal=_shown_journal(), tz=timezone(timedelta(hours=8)))
        spelt_out = (prefs_name, sender_name) in (("default", "verified"), ("strict", "unverified"))
        result[f"{prefs_name}/{sender_name}"] = _decision(Policy().evaluate(ctx), spelt_out=spelt_out)
    return result


def submitted(tmp: Path, payloads: dict[str, bytes]) -> dict[str, Any]:
    """Submit the corpus to one journal: each reply, then every row and the chain's head.

    First the valid examples under fresh ids until the caps suppress them,
    then the corpus twice (the second time all duplicates). Payloads whose
    reasons carry an object's address (which changes from run to run) are
    left out: their rows could not be pinned.
    """
    service, clock = make_service(tmp)
    service.set_pref("privacy.keep_service_text", "true")  # no fingerprints: their key is random
    replies: dict[str, Any] = {}
    examples = {name: raw for name, raw in payloads.items() if "/valid-" in name}
    sequence = [(f"fresh{n}:{name}", raw.replace(b'-0001"', f'-9{n:03}"'.encode())) for n in range(4) for name, raw in examples.items()]
    for round_ in range(2):
        sequence += [(f"{round_}:{name}", raw) for name, raw in payloads.items()]
    for key, raw in sequence:
        if _ADDRESS.search(" ".join(service.decide(raw, SENDERS["lint"]).reasons)):
            continue
        sender = SENDERS["unverified" if key.startswith("1:") else "verified"]
        submission = service.submit(raw, sender)
        replies[key] = submission.reply()
        if submission.receipt_id in service.open:  # shown: its events are journaled too
            service.displayed(submission.receipt_id)
            service.closed(submission.receipt_id, CloseHow.BUTTON)
        clock.advance(timedelta(seconds=7))
    rows = [dict(row) for row in service.journal.chain()[0]]
    return {"replies": replies, "rows": len(rows), "rows_sha256": _digest(rows), "head": rows[-1]["chain_hash"]}


def pinned_now(tmp: Path) -> dict[str, Any]:
    payloads = payload_files()
    result = {"judged": {name: judge(raw) for name, raw in payloads.items()}, "submitted": submitted(tmp, payloads)}
    return json.loads(_ADDRESS.sub(" at 0x…", json.dumps(result, ensure_ascii=False)))  # type: ignore[no-any-return]


def test_the_corpus_is_varied() -> None:
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    judged = pinned["judged"]
    assert len(judged) >= 200
    fired = {rule for result in judged.values() for key, value in result.items() if "/" in key for rule in value["rules"]}
    from popup_client.core.rules import ALL_RULES

    assert fired >= {rule.id for rule in ALL_RULES} - {"qr-code"}  # every rule but the barcode one fires somewhere
    decisions = {d["decision"] for d in pinned["submitted"]["replies"].values()}
    assert decisions == {"show", "suppress", "reject"}


def test_decisions_are_as_pinned(tmp_path: Path) -> None:
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    now = pinned_now(tmp_path)
    for name, expected in pinned["judged"].items():
        assert now["judged"][name] == expected, name
    assert now["judged"].keys() == pinned["judged"].keys()
    for key, expected in pinned["submitted"]["replies"].items():
        assert now["submitted"]["replies"][key] == expected, key
    assert now["submitted"] == pinned["submitted"]


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        PINNED.write_text(json.dumps(pinned_now(Path(tmp)), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {PINNED}")
