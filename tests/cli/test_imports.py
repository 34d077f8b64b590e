"""The command line loads what a command uses: ``--version`` no validation models, ``lint`` no Qt, no journal and no pydantic; no key library before a key is used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from popup_client import __version__

ROOT = Path(__file__).resolve().parents[2]
_LOADED = """
import json, sys
from popup_client.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
watched = ("pydantic", "pydantic_core", "msgspec", "PySide6", "sqlite3", "platformdirs", "cryptography")
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in watched or m.startswith(("popup_client.transports.dbus", "popup_client.transports.socket")))))
"""


def _loaded(*argv: str, watched: tuple[str, ...] = ()) -> set[str]:
    """The watched modules loaded by ``popup-client ARGV`` (the default ones, and those starting with ``watched``)."""
    script = _LOADED.replace("or m.startswith((", f"or m.startswith({watched!r} + (")
    done = subprocess.run([sys.executable, "-c", script, *argv], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_version_loads_no_validation_library_nor_qt_nor_the_journal() -> None:
    assert _loaded("--version") == set()


def test_a_lone_version_is_answered_before_argparse_and_the_commands_load() -> None:
    """``popup-client --version`` prints what argparse's version action prints, as fast as Python starts."""
    script = _LOADED.split("watched =")[0] + 'print(json.dumps([m for m in ("argparse", "popup_client.cli.commands") if m in sys.modules]))'
    lone = subprocess.run([sys.executable, "-c", script, "--version"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    with_option = subprocess.run([sys.executable, "-c", script, "-v", "--version"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    assert lone.stdout.splitlines()[-1] == "[]"
    assert json.loads(with_option.stdout.splitlines()[-1]) == ["argparse", "popup_client.cli.commands"]  # argparse answers it
    assert lone.stdout.splitlines()[0] == with_option.stdout.splitlines()[0] == f"popup-client {__version__}"


def test_lint_loads_no_pydantic_no_qt_no_transport_no_journal_and_no_key_library() -> None:
    loaded = _loaded("lint", str(ROOT / "resources" / "examples" / "valid-content.json"))
    assert "msgspec" in loaded  # the payload is checked, with msgspec
    unwanted = ("pydantic", "PySide6", "cryptography", "sqlite3", "popup_client.transports.dbus", "popup_client.transports.socket")
    assert not any(m.startswith(unwanted) for m in loaded), loaded


#: What ``lint`` of an ad with an icon needs not: the named changes of the preferences, their dotted keys and fields, the
#: TOML document and the salvage of a damaged file (no preferences file here), the policy bundles' verification and their
#: providers' keys (no bundle installed), Pillow's plugins but PNG's, the journal's records (the rules ask counts only).
_NOT_FOR_LINT = (
    "popup_client.core.prefs.changes", "popup_client.core.prefs.keys", "popup_client.core.prefs.document",
    "popup_client.core.prefs.messages", "popup_client.core.prefs.salvage", "popup_client.core.prefs.fields",
    "popup_client.core.trust.bundle", "popup_client.core.trust.store", "popup_client.core.trust.signed_payload",
    "PIL.BmpImagePlugin", "PIL.GifImagePlugin", "PIL.JpegImagePlugin", "PIL.PpmImagePlugin",
    "popup_client.core.journal.records",
)  # fmt: skip


def test_lint_of_an_ad_loads_what_it_checks_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from popup_client.core.trust.system_dirs import system_config_dirs

    monkeypatch.setenv("POPUP_CLIENT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc"))
    if any(folder.is_dir() for folder in system_config_dirs()):
        pytest.skip("this machine has a machine-wide popup-client folder (its bundle would be verified)")
    watched = ("popup_client.core.prefs", "popup_client.core.trust", "PIL", "popup_client.core.journal")
    loaded = _loaded("lint", str(ROOT / "resources" / "examples" / "valid-ad.json"), watched=watched)
    assert {"popup_client.core.prefs.vendor", "popup_client.core.trust.in_force", "PIL.PngImagePlugin"} <= loaded  # it did read them
    assert not loaded & set(_NOT_FOR_LINT), sorted(loaded & set(_NOT_FOR_LINT))


_SERVICE = """
import json, sys
from popup_client.core.clock import SystemClock
from popup_client.core.journal import Journal
from popup_client.core.prefs import LayeredPrefsStore
from popup_client.service import PopupService
from pathlib import Path
from popup_client.core.rules import Sender
service = PopupService(Journal(sys.argv[1], clock=SystemClock()), LayeredPrefsStore(Path(sys.argv[2])))
for name in ("valid-ad.json", "valid-news.json"):
    service.submit(Path(sys.argv[3], name).read_bytes(), Sender("test"))
before = "cryptography" in sys.modules
assert service.journal.verify(None).ok

print(json.dumps([before, "cryptography" in sys.modules]))
"""


def test_the_service_and_its_sealed_journal_load_the_key_library_only_to_check_a_key(tmp_path: Path) -> None:
    """The app seals its journal with SHA-256 alone: ``cryptography`` (about 7 MB) loads for keys only."""
    argv = [str(tmp_path / "journal.sqlite3"), str(tmp_path / "preferences.toml"), str(ROOT / "resources" / "examples")]
    done = subprocess.run([sys.executable, "-c", _SERVICE, *argv], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(done.stdout.splitlines()[-1]) == [False, False]


_RUN = """
import json, sys
import popup_client.app as app
from PySide6.QtWidgets import QApplication
settle = app.settle_memory

def settled():  # the app has started and settled: what does it hold?
    settle()
    print(json.dumps(sorted(sys.modules)), flush=True)
    QApplication.quit()

app.settle_memory = settled
from popup_client.cli import main
main(["run", "--no-dbus"])
"""

#: What ``popup-client run`` must not load: OpenSSL (hashlib, and hmac and secrets that import it), the other commands,
#: what only --demo, a wrong preference key, writing TOML or another running instance need. (ctypes loads: the inotify
#: watch of the preferences and the journal, core/files/watch.py, 0.4 MiB.)
_NOT_ON_THE_RUN_PATH = (
    "hashlib", "_hashlib", "hmac", "secrets",
    "popup_client.cli.check", "popup_client.cli.ctl", "popup_client.cli.history", "popup_client.cli.send",
    "popup_client.cli.trust_commands", "csv",
    "popup_client.demo", "difflib", "tomli_w", "shlex", "concurrent.futures",
)


def _run_modules(tmp_path: Path) -> set[str]:
    """The modules the tray app holds once started (offscreen Qt, no D-Bus, state in ``tmp_path``)."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        POPUP_CLIENT_CONFIG_DIR=str(tmp_path / "config"),
        POPUP_CLIENT_DATA_DIR=str(tmp_path / "data"),
        POPUP_CLIENT_SOCKET=f"popup-imports-{os.getpid()}",
    )
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    done = subprocess.run([sys.executable, "-c", _RUN], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=60)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_the_running_app_loads_no_openssl_and_no_other_command(tmp_path: Path) -> None:
    """hashlib maps libcrypto (about 3.5 MB resident): the app hashes with the interpreter's own SHA-256 (core/digests)."""
    loaded = _run_modules(tmp_path)
    assert "popup_client.service" in loaded and "popup_client.ui.stack" in loaded  # it did start
    assert not loaded & set(_NOT_ON_THE_RUN_PATH), sorted(loaded & set(_NOT_ON_THE_RUN_PATH))
