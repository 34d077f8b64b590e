"""Many writers of preferences.toml at once, and damage while the app runs: nothing the user set is lost.

Several processes run ``popup-client prefs set`` on different settings while
the app pauses and resumes through its control interface (what
``popup-client ctl pause`` and ``resume`` call), as fast as they can: every
change survives. Before, each writer saved the whole file as it had last
read it, so most of them undid the others. Then the real app, running, finds
its file damaged: it keeps every usable setting, keeps the file aside, and
says so once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from popup_client.core.prefs import PrefsStore
from popup_client.transports.dbus.control import Control
from tests.e2e.conftest import ROOT, start_app
from tests.faults.test_degraded import SERVICE_EXAMPLE, aside, said_once, send
from tests.helpers.service import make_service

WRITERS = 4
CHANGES = 10
#: One writer process: ``popup-client prefs set`` of its own provider's cap, CHANGES times.
WRITER = """
import sys
from popup_client.cli import main
provider, changes = sys.argv[1], int(sys.argv[2])
for hourly in range(1, changes + 1):
    if main(["prefs", "set", f"caps.providers.{provider}.hourly", str(hourly)]) != 0:
        sys.exit(1)
"""


@pytest.mark.slow
def test_processes_setting_different_keys_while_the_app_pauses_and_resumes_lose_nothing(tmp_path: Path) -> None:
    config = tmp_path / "config"
    service, _ = make_service(config)  # the app's service, on the same file
    control = Control(service)
    env = {**os.environ, "POPUP_CLIENT_CONFIG_DIR": str(config), "PYTHONPATH": str(ROOT)}
    providers = [f"com.example.p{n}" for n in range(WRITERS)]
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, p, str(CHANGES)], env=env, stderr=subprocess.PIPE, text=True)
        for p in providers
    ]
    rounds = 0
    while any(w.poll() is None for w in writers):
        control.handle("Pause", (3600,))
        control.handle("Resume", ())
        rounds += 1
    errors = [w.communicate()[1] for w in writers]
    assert [w.returncode for w in writers] == [0] * WRITERS, errors
    assert rounds > 5, "the app's pauses raced the writers"

    final = PrefsStore(config / "preferences.toml").load()
    assert {p: final.provider_caps(p)[0] for p in providers} == {p: CHANGES for p in providers}, "no change was lost"
    assert final.paused_until is None
    service.refresh_prefs()
    assert service.prefs == final, "the app sees the file as it is"


@pytest.mark.e2e
def test_preferences_damaged_while_the_app_runs_keep_their_usable_settings_and_are_said_once(tmp_path: Path) -> None:
    config = tmp_path / "config"
    provider = json.loads(SERVICE_EXAMPLE.read_text(encoding="utf-8"))["provider"]["id"]
    app = start_app(tmp_path, "--no-dbus")
    try:
        assert app.cli("prefs", "set", "caps.global_hourly", "3").returncode == 0
        damaged = f'[opt_out]\nproviders = ["{provider}"]\n\n[caps]\nservice_per_minute = "ten"\n'.encode()
        (config / "preferences.toml").write_bytes(damaged)  # another program, or an editor, writes it wrong
        said = "caps.service_per_minute: input should be a valid integer (found 'ten')"
        deadline = time.monotonic() + 2  # within a second; the margin is for a loaded machine
        while said not in app.output() and time.monotonic() < deadline:
            time.sleep(0.05)  # another process's output: nothing to wait on but the file
        kept = aside(config, "preferences.toml")
        assert kept.read_bytes() == damaged, "what the user had is kept, byte for byte"
        line = said_once(app.output(), f"It was moved to {kept.name}. Every other setting was kept.")
        assert said in line
        reply = send(app, "after-damage")
        assert reply["rules"] == ["opted-out"], "the usable opt-out applies"
        prefs = json.loads(app.cli("prefs", "show", "--json").stdout)
        assert prefs["opt_out"]["providers"] == [provider] and prefs["caps"]["service_per_minute"] == 10
        send(app, "again")
        said_once(app.output(), said)  # still once
    finally:
        assert app.stop() == 0, app.output()
