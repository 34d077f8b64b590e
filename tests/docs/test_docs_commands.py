"""Every command shown in the guides runs as written, as a newcomer runs it, and gives its documented result.

The ```sh blocks of each of docs/*.md, the README and the examples' README are run in order as one
bash script (``set -euo pipefail``) — a guide is a walkthrough — from the
repository root, in a fresh private D-Bus session, with its state in a temp
dir, and with the PATH a newcomer has after the README's quick start: the
project's ``.venv`` exists but is not on PATH until the guide itself says
``. .venv/bin/activate``.

A line ``popup-client run …`` starts the app in the background and waits
until it answers; it is stopped when the walkthrough ends. A command ending
in a comment ending ``→ TEXT`` (``# → valid``, ``# what happens now → show``)
documents its result: some line of its output must end with TEXT (and, as
everywhere, it must exit 0).

Each walkthrough runs twice: today, and with popup-client's clock a year
ahead (``clock_ahead/sitecustomize.py``), so that no documented result holds
only on the day it was written; and a year ahead at the other half of the
day in the walkthroughs' time zone (night if now is day there, day if night),
so that none holds only at the hour it was written (quiet hours, a day's cap).

The walkthroughs mostly wait (on the app, on the conformance kit's watch), so
the selected ones are started ahead, two at a time (tests/helpers/ahead.py),
all of today's first; each test checks its own. Each has its own state dir,
socket, bus and HOME, but a guide may write fixed paths (``out/`` in the
checkout, ``/tmp/provider-key.pem``), so the two runs of one guide never
overlap; two different guides must not write the same fixed path.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo
from pathlib import Path

import pytest

from tests.helpers.ahead import Ahead, selected_params

ROOT = Path(__file__).resolve().parents[2]
DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md", ROOT / "resources" / "examples" / "README.md"]
BLOCK = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)
EXPECTED = re.compile(r"^(?P<command>\S.*?)\s+#[^#→]*→ (?P<want>.+?)\s*$")
CLOCK_AHEAD = ROOT / "tests" / "docs" / "clock_ahead"
CLOCKS = {"today": 0, "a-year-ahead": 366}
ZONE = "Asia/Shanghai"  # quiet hours are local time: the same answers wherever the tests run
NIGHT, DAY = time(3, 0), time(12, 0)  # the hour a run a year ahead lands on: inside common quiet hours, or not
NIGHT_FROM, NIGHT_UNTIL = time(22, 0), time(8, 0)

PRELUDE = r"""
set -euo pipefail
APP_PID=""
DOC_OUT=$(mktemp)
popup_client_run() {
    popup-client -v run "$@" >>"$APP_LOG" 2>&1 &
    APP_PID=$!
    for _ in $(seq 200); do
        if "$DOCS_PYTHON" -c "from popup_client.transports.socket.client import is_running as r; import sys; sys.exit(0 if r() else 1)"; then
            sleep 0.3; return 0
        fi
        kill -0 "$APP_PID" 2>/dev/null || { cat "$APP_LOG" >&2; return 1; }
        sleep 0.1
    done
    return 1
}
doc_expect() {  # some line of the last command's output ends with "$1"
    cat "$DOC_OUT"
    local line
    while IFS= read -r line || [ -n "$line" ]; do
        [[ "${line%"${line##*[![:space:]]}"}" == *"$1" ]] && return 0
    done <"$DOC_OUT"
    echo "documented result not given: no line ends with '$1'" >&2
    return 1
}
stop_app() { [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null; rm -f "$DOC_OUT"; return 0; }
trap stop_app EXIT
if [ "${POPUP_CLIENT_TEST_DAYS_AHEAD:-0}" != 0 ]; then  # the clock really is ahead, or this run proves nothing
    "$DOCS_PYTHON" -c "
import time
from popup_client.core.clock import SystemClock
assert SystemClock().now().timestamp() - time.time() > 360 * 86400, 'the clock is not ahead'"
fi
"""


def walkthroughs() -> list[tuple[str, str]]:
    """(doc, its sh blocks joined) for every doc with at least one sh block."""
    found = []
    for doc in DOCS:
        blocks = [m.group(1) for m in BLOCK.finditer(doc.read_text(encoding="utf-8"))]
        if blocks:
            found.append((doc.relative_to(ROOT).as_posix(), "\n".join(blocks)))
    return found


def script_line(line: str) -> str:
    """One line of a walkthrough as the test runs it: the app started in the background, results checked."""
    line = re.sub(r"^popup-client run\b", "popup_client_run", line)
    expected = EXPECTED.match(line)
    if expected is None:
        return line
    return f'{{ {expected["command"]}\n}} >"$DOC_OUT" 2>&1\ndoc_expect {shlex.quote(expected["want"])}'


def script_of(block: str) -> str:
    return PRELUDE + "\n".join(script_line(line) for line in block.splitlines()) + "\n"


#: The PATH of a fresh Debian login: no virtual environment, no pyenv or other ``python`` on it.
NEWCOMER_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def newcomer_path() -> str:
    """The PATH before anyone activated a virtual environment."""
    return NEWCOMER_PATH


def days_ahead_at_the_other_hour(days: int, now: datetime) -> float:
    """``days`` ahead of ``now``, moved on to the next :data:`NIGHT` if it is day in :data:`ZONE`, else to :data:`DAY`."""
    local = (now + timedelta(days=days)).astimezone(ZoneInfo(ZONE))
    hour = DAY if local.time() >= NIGHT_FROM or local.time() < NIGHT_UNTIL else NIGHT
    land = datetime.combine(local.date(), hour, tzinfo=local.tzinfo)
    if land <= local:
        land += timedelta(days=1)
    return (land - now).total_seconds() / 86400


def walkthrough_env(tmp_path: Path, days_ahead: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONHOME")}
    python_path = [str(CLOCK_AHEAD)] if days_ahead else []
    env.update(
        PATH=newcomer_path(),
        PYTHONPATH=os.pathsep.join([*python_path, str(ROOT)]),
        POPUP_CLIENT_TEST_DAYS_AHEAD=str(days_ahead_at_the_other_hour(days_ahead, datetime.now(timezone.utc)) if days_ahead else 0),
        DOCS_PYTHON=sys.executable,
        POPUP_CLIENT_CONFIG_DIR=str(tmp_path / "config"),
        POPUP_CLIENT_DATA_DIR=str(tmp_path / "data"),
        POPUP_CLIENT_SOCKET=f"popup-client-docs-{os.getpid()}-{tmp_path.name}",
        POPUP_CLIENT_TEST_KEYRING=str(tmp_path / "keyring.json"),
        PYTHON_KEYRING_BACKEND="tests.helpers.filekeyring.FileKeyring",
        QT_QPA_PLATFORM="offscreen",
        TZ=ZONE,
        APP_LOG=str(tmp_path / "app.log"),
        HOME=str(tmp_path / "home"),
    )
    return env


def run_walkthrough(tmp_path: Path, block: str, days_ahead: int) -> subprocess.CompletedProcess[str]:
    command = ["bash", "-c", script_of(block)]
    if shutil.which("dbus-run-session"):
        command = ["dbus-run-session", "--", *command]
    env = walkthrough_env(tmp_path, days_ahead)
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)


CASES = [(doc, block, clock) for clock in CLOCKS for doc, block in walkthroughs()]


def run_walkthrough_alone(lock: threading.Lock, tmp_path: Path, block: str,
                          days_ahead: int) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """:func:`run_walkthrough`, holding its guide's lock (its other run writes the same fixed paths)."""
    with lock:
        return run_walkthrough(tmp_path, block, days_ahead)


@pytest.fixture(scope="module")
def walkthrough_runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                     ) -> Iterator[Ahead[subprocess.CompletedProcess[str]]]:  # fmt: skip
    """Every selected case of test_doc_commands_run, started ahead, each in a temp dir of its own."""
    runs: Ahead[subprocess.CompletedProcess[str]] = Ahead()
    locks: dict[str, threading.Lock] = {}
    for case in selected_params(request, "test_doc_commands_run"):
        runs.submit((case["doc"], case["clock"]), run_walkthrough_alone, locks.setdefault(case["doc"], threading.Lock()),
                    tmp_path_factory.mktemp("walkthrough"), case["block"], CLOCKS[case["clock"]])  # fmt: skip
    yield runs
    runs.close()


@pytest.mark.parametrize(("doc", "block", "clock"), CASES, ids=[f"{d}-{c}" for d, _, c in CASES])
def test_doc_commands_run(walkthrough_runs: Ahead[subprocess.CompletedProcess[str]], doc: str, block: str,
                          clock: str) -> None:  # fmt: skip
    assert (ROOT / ".venv" / "bin" / "activate").is_file(), "the README's quick start makes .venv; run scripts/test"
    result = walkthrough_runs.result((doc, clock))
    assert result.returncode == 0, f"{doc} failed:\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


@pytest.mark.parametrize(
    ("now", "lands"),
    [("2026-12-03T15:30:00+08:00", "2027-12-05T03:00:00+08:00"),  # afternoon: the night after, a year on
     ("2026-12-03T23:10:00+08:00", "2027-12-05T12:00:00+08:00"),  # night: the next noon
     ("2026-12-03T02:00:00+08:00", "2027-12-04T12:00:00+08:00"),  # small hours: that day's noon
     ("2026-12-03T08:00:00+08:00", "2027-12-05T03:00:00+08:00")],  # fmt: skip
)
def test_the_run_ahead_lands_at_the_other_half_of_the_day(now: str, lands: str) -> None:
    start = datetime.fromisoformat(now).astimezone(timezone.utc)
    days = days_ahead_at_the_other_hour(CLOCKS["a-year-ahead"], start)
    assert start + timedelta(days=days) == datetime.fromisoformat(lands)


def test_a_documented_result_that_is_not_given_fails(tmp_path: Path) -> None:
    block = ". .venv/bin/activate\npopup-client lint resources/examples/invalid-version-2.json || true  # → valid\n"
    result = run_walkthrough(tmp_path, block, 0)
    assert result.returncode == 1
    assert "documented result not given: no line ends with 'valid'" in result.stderr


def test_a_newcomer_has_no_popup_client_until_the_doc_activates_the_venv(tmp_path: Path) -> None:
    result = run_walkthrough(tmp_path, "popup-client --help\n", 0)
    assert result.returncode == 127, result.stdout + result.stderr
    result = run_walkthrough(tmp_path, ". .venv/bin/activate\npopup-client --help >/dev/null\n", 0)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_clock_ahead_moves_what_the_cli_decides(tmp_path: Path) -> None:
    block = (". .venv/bin/activate\n"
             "popup-client decide resources/examples/valid-service.json  # → show\n"
             "popup-client lint --now 2026-11-27T20:00:00+08:00 resources/examples/valid-news.json  # → valid\n"
             "popup-client decide resources/examples/valid-news.json  # → reject [stale-news]\n")  # fmt: skip
    result = run_walkthrough(tmp_path, block, CLOCKS["a-year-ahead"])
    assert result.returncode == 0, result.stdout + result.stderr
    hours = int(re.search(r"the story is (\d+) h old", result.stdout).group(1))  # type: ignore[union-attr]
    assert hours > 365 * 24  # the examples' story, judged a year on
