"""``popup-client policy keygen|sign|verify|install|show|history``: signed bundles, refused when tampered or replayed."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from popup_client.cli import main
from popup_client.core.trust.keys import canonical_json

BODY = {
    "version": 1, "created": "2026-12-02T09:00:00+08:00", "title": "ExampleOS",
    "news_sources": {"version": "2026-12-01", "title": "list", "sources": [{"name": "新华社", "aliases": ["新华网"], "domains": ["news.cn"]}]},
    "locks": {"minors_mode": {"force": True}},
}  # fmt: skip


@pytest.fixture(autouse=True)
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A stand-in /etc/xdg with the vendor's public key in its trust store; the vendor's key in tmp_path."""
    monkeypatch.setenv("POPUP_CLIENT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("POPUP_CLIENT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc" / "xdg"))
    monkeypatch.chdir(tmp_path)
    assert main(["policy", "keygen", "vendor.pem"]) == 0
    trust = tmp_path / "etc" / "xdg" / "popup-client" / "trust"
    trust.mkdir(parents=True)
    (trust / "vendor.pem").write_bytes((tmp_path / "vendor.pub.pem").read_bytes())
    yield tmp_path / "etc" / "xdg" / "popup-client"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def signed(capsys: pytest.CaptureFixture[str], name: str, **changes: Any) -> str:
    Path("body.json").write_text(json.dumps({**BODY, **changes}, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "policy", "sign", "body.json", "--key", "vendor.pem", "-o", name)[0] == 0
    return name


def test_a_signed_bundle_verifies_installs_machine_wide_and_shows(capsys: pytest.CaptureFixture[str], machine: Path) -> None:
    bundle = signed(capsys, "v1.json")
    code, out, _ = run(capsys, "policy", "verify", bundle)
    assert code == 0 and out.startswith("v1.json: OK, policy bundle v1 (ed25519:") and "news list 2026-12-01, 1 locks" in out
    code, out, _ = run(capsys, "policy", "install", "--system", bundle)
    assert code == 0 and out.startswith("installed policy bundle v1") and str(machine / "policy") in out
    assert (machine / "policy" / "bundle.json").read_bytes() == Path(bundle).read_bytes()
    shown = json.loads(run(capsys, "policy", "show", "--json")[1])
    assert [(b["version"], b["title"], b["locks"]) for b in shown] == [(1, "ExampleOS", [{"key": "minors_mode", "op": "force", "bound": True}])]
    history = json.loads(run(capsys, "policy", "history", "--system", "--json")[1])
    assert [(e["version"], e["title"]) for e in history] == [(1, "ExampleOS")]
    assert "already in force, unchanged" in run(capsys, "policy", "install", "--system", bundle)[1]


def test_a_user_install_goes_beside_the_preferences_and_still_needs_the_machines_trust(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, machine: Path
) -> None:
    assert run(capsys, "policy", "install", signed(capsys, "v1.json"))[0] == 0
    assert (tmp_path / "config" / "policy" / "bundle.json").is_file() and not (machine / "policy").exists()
    (machine / "trust" / "vendor.pem").unlink()
    code, _, err = run(capsys, "policy", "show")
    assert code == 1 and "an unknown issuer: that key is not in the trust store" in err


def test_an_edited_bundle_is_refused_and_nothing_is_installed(capsys: pytest.CaptureFixture[str], machine: Path) -> None:
    envelope = json.loads(Path(signed(capsys, "v1.json")).read_text(encoding="utf-8"))
    body = json.loads(base64.b64decode(envelope["body"]))
    body["locks"] = {}  # a lock removed after signing
    envelope["body"] = base64.b64encode(canonical_json(body)).decode()
    Path("edited.json").write_text(json.dumps(envelope), encoding="utf-8")
    for command in ("verify", "install"):
        code, out, err = run(capsys, "policy", command, "--system", "edited.json")
        assert code == 1 and out == ""
        assert "edited.json is refused: the signature does not match the body: it was edited after signing" in err
    assert not (machine / "policy" / "bundle.json").exists()


def test_a_bundle_signed_by_an_unknown_key_is_refused(capsys: pytest.CaptureFixture[str], machine: Path) -> None:
    assert run(capsys, "policy", "keygen", "other.pem")[0] == 0
    Path("body.json").write_text(json.dumps(BODY), encoding="utf-8")
    assert run(capsys, "policy", "sign", "body.json", "--key", "other.pem", "-o", "other.json")[0] == 0
    code, _, err = run(capsys, "policy", "install", "--system", "other.json")
    assert code == 1 and "an unknown issuer: that key is not in the trust store" in err


def test_an_old_bundle_replayed_is_refused_and_the_newer_stays(capsys: pytest.CaptureFixture[str], machine: Path) -> None:
    old, new = signed(capsys, "v1.json"), signed(capsys, "v2.json", version=2, title="ExampleOS 2")
    assert run(capsys, "policy", "install", "--system", old)[0] == 0
    assert run(capsys, "policy", "install", "--system", new)[0] == 0
    code, _, err = run(capsys, "policy", "install", "--system", old)
    assert code == 1 and "it is version 1, older than version 2 installed before; versions only go forward" in err
    assert "versions only go forward" in run(capsys, "policy", "verify", "--system", old)[1]
    assert [b["title"] for b in json.loads(run(capsys, "policy", "show", "--json")[1])] == ["ExampleOS 2"]
    # The old bundle copied over the installed one by hand: refused when loaded, said why.
    (machine / "policy" / "bundle.json").write_bytes(Path(old).read_bytes())
    code, out, err = run(capsys, "policy", "show", "--json")
    assert code == 1 and json.loads(out) == [] and "it was replaced by hand" in err


def test_prefs_show_and_get_say_what_is_locked_and_by_whom_and_keep_the_users_value(capsys: pytest.CaptureFixture[str], machine: Path) -> None:
    assert run(capsys, "prefs", "set", "caps.global_hourly", "8")[0] == 0
    assert run(capsys, "policy", "install", "--system", signed(capsys, "v1.json", locks={"caps.global_hourly": {"max": 3}}))[0] == 0
    code, out, err = run(capsys, "prefs", "get", "caps.global_hourly")
    assert (code, out) == (0, "3\n")
    assert "caps.global_hourly: locked (max 3) by policy bundle v1 (ed25519:" in err and "your own value 8 is kept in your file" in err
    shown = run(capsys, "prefs", "show")[1]
    assert "caps.global_hourly = 3    # locked (max 3) by policy bundle v1" in shown
    code, _, err = run(capsys, "prefs", "set", "caps.global_hourly", "9")
    assert code == 2 and "caps.global_hourly is locked (max 3) by policy bundle v1" in err and "9 is not allowed" in err
    assert "global_hourly = 8" in (machine.parents[2] / "config" / "preferences.toml").read_text(encoding="utf-8")
