"""A screen reader hears every popup of the demo: an AT-SPI client, outside the app, on openbox on Xvfb.

The session gets the accessibility bus (at-spi2-core's bus launcher) and
a listener run by the system Python with pyatspi (tests/desktop/atspi_listener.py),
started before the app, as Orca is. ``popup-client run --demo`` then starts
with Qt's AT-SPI bridge on (``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``; a
desktop with a screen reader running turns it on by itself). The listener
must hear each popup announced once, with its provider, 「广告」 for the
ad, 「未验证」 for the unverified provider and its title, and find each as a
notification with its body, a 「关闭」 push button and 「举报」; then, as a
screen reader user would, it presses 「关闭」 of the ad through AT-SPI and
the app records that close as the user's.
"""

from __future__ import annotations

import json
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from popup_client.demo import demo_payloads

from .conftest import need
from .harness import HERE, Desktop, app_cli, running, start_app, wait_for
from .x11_sessions import Openbox

pytestmark = [pytest.mark.desktop, pytest.mark.slow]

BUS_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
SYSTEM_PYTHON = "/usr/bin/python3"
PREFS = """\
language = "zh_CN"
max_visible = 5

[timeout_seconds]
ad = 0
news = 0
content = 0
service = 0
"""


def need_atspi() -> None:
    """Skip unless at-spi2-core and python3-pyatspi are installed (scripts/test installs them on Debian as root)."""
    need("Xvfb", "openbox", "dbus-daemon")
    has_pyatspi = Path(SYSTEM_PYTHON).exists() and subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, timeout=60
    ).returncode == 0
    if not BUS_LAUNCHER.exists() or not has_pyatspi:
        pytest.skip("not installed: at-spi2-core, python3-pyatspi (scripts/test installs them on Debian when run as root)")


def expected() -> list[dict[str, str]]:
    """What a screen reader should hear of each demo popup: its name and its body."""
    out = []
    for payload in demo_payloads(datetime.now(timezone.utc)):
        marks = (["未验证"] if payload["provider"]["id"].startswith("desktop.") else []) + (
            ["广告"] if payload["kind"] == "ad" else [])
        provider, title = payload["provider"]["name"], payload["title"]
        name = f"{provider}（{'、'.join(marks)}）：{title}" if marks else f"{provider}：{title}"
        out.append({"name": name, "body": payload["body"], "kind": payload["kind"]})
    return out


def heard(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]


def of(records: list[dict[str, Any]], event: str) -> list[dict[str, Any]]:
    return [r for r in records if r["event"] == event]


def start_listener(desktop: Desktop) -> Path:
    """The accessibility bus, then the listener on it; waits until it listens."""
    desktop.spawn([str(BUS_LAUNCHER), "--launch-immediately"], name="atspi-bus")
    log = desktop.home / "heard.jsonl"
    desktop.spawn([SYSTEM_PYTHON, str(HERE / "atspi_listener.py"), str(log), "180"], name="listener")
    wait_for("the AT-SPI listener", lambda: log.exists() and of(heard(log), "ready"), timeout=30)
    return log


def test_a_screen_reader_hears_every_demo_popup_and_finds_关闭(session_dir: Path) -> None:
    need_atspi()
    want = expected()
    with running(Openbox(session_dir)) as desktop:
        log = start_listener(desktop)
        start_app(desktop, "--demo", prefs=PREFS, env={"QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1"})

        def all_heard() -> bool:
            records = heard(log)
            names = {r["name"] for r in of(records, "notification")}
            return len(of(records, "announcement")) >= len(want) and all(w["name"] in names for w in want)

        try:
            wait_for("every demo popup announced and found", all_heard, timeout=60)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\nheard:\n{log.read_text()}\napp:\n{desktop.log('app')}"
                                 f"\nlistener:\n{desktop.log('listener')}") from exc
        records = heard(log)

        said = [r["text"] for r in of(records, "announcement")]
        assert said == [f"{w['name']}。{w['body']}" for w in want], "each once, in arrival order, nothing else"
        assert all(r["role"] == "notification" for r in of(records, "announcement"))

        found = {r["name"]: r for r in of(records, "notification")}
        for item in want:
            popup = found[item["name"]]
            assert popup["role"] == "notification" and popup["description"] == item["body"], popup
            children = [tuple(child) for child in popup["children"]]
            assert ("push button", "关闭") in children and ("push button", "举报") in children, children
            assert ("label", item["name"].split("（")[0].split("：")[0]) in children, children
            assert popup["focused"] == [], "a popup takes no focus: nothing in it is read as focused"
            if item["kind"] == "ad":
                assert ("label", "广告") in children, children

        ad = next(w["name"] for w in want if w["kind"] == "ad")
        press = desktop.run([SYSTEM_PYTHON, str(HERE / "atspi_listener.py"), "--press", ad, "关闭"], timeout=60)
        assert press.returncode == 0, press.stdout + press.stderr
        try:
            wait_for("the ad closed by its 关闭", lambda: _closed_how(desktop, "ad") == ["button"], timeout=20)
        except AssertionError as exc:
            history = app_cli(desktop, "history", "--json")
            raise AssertionError(f"{exc}\n{press.stdout}\n{history.stdout}{history.stderr}\n{desktop.log('app')}") from exc
        assert [_closed_how(desktop, w["kind"]) for w in want if w["kind"] != "ad"] == [[]] * (len(want) - 1)


def _closed_how(desktop: Desktop, kind: str) -> list[str]:
    """How the journal says the popup of ``kind`` was closed ([] while it is open)."""
    result = app_cli(desktop, "history", "--json")
    rows = json.loads(result.stdout) if result.returncode == 0 else []
    return [e.get("how", "") for row in rows if row["kind"] == kind for e in row["events"] if e["type"] == "close"]
