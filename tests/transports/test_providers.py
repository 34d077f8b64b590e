"""The provider registry: providers.toml (0600, no tokens), verifiers of the tokens (0600, data folder), its commands.

No keyring is needed to register or verify; tokens an older version kept in
the keyring keep working and move to verifiers. The verifier file is trusted
only as a private regular file of the user: a symbolic link, a FIFO, a file
others may change or another user's file is refused, and nothing verifies.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from popup_client import cli
from popup_client.core.errors import CoreError
from popup_client.transports.providers import KEYRING_SERVICE, ProviderError, ProviderRegistry, RegisteredProvider
from popup_client.transports.token_verifiers import VERIFIERS_FILE, Verifier, tomllib
from tests.helpers.memkeyring import BrokenKeyring, MemoryKeyring, memory_keyring, no_keyring, use_keyring

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(autouse=True)
def keyring_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("POPUP_CLIENT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("POPUP_CLIENT_DATA_DIR", str(tmp_path / "data"))
    with memory_keyring():
        yield


@pytest.fixture
def registry(tmp_path: Path) -> ProviderRegistry:
    return ProviderRegistry(tmp_path / "config" / "providers.toml")


def test_add_issues_a_token_kept_nowhere_only_its_verifier(registry: ProviderRegistry) -> None:
    token = registry.add("com.example.news", "示例新闻", "example.com")
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    assert MemoryKeyring.entries() == {}  # the keyring is not needed
    text = registry.path.read_text(encoding="utf-8")
    assert token not in text and "示例新闻" in text
    verifiers = registry.verifiers_path.read_text(encoding="utf-8")
    assert token not in verifiers and 'scheme = "scrypt"' in verifiers and "com.example.news" in verifiers
    (entry,) = registry.list()
    assert (entry.id, entry.name, entry.domain) == ("com.example.news", "示例新闻", "example.com")
    assert entry.added_at


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_the_files_are_private(registry: ProviderRegistry) -> None:
    registry.add("com.example.news", "示例新闻")
    assert registry.path.stat().st_mode & 0o777 == 0o600
    assert registry.verifiers_path.stat().st_mode & 0o777 == 0o600


def test_the_verifiers_are_in_the_data_folder(tmp_path: Path) -> None:
    registry = ProviderRegistry()
    token = registry.add("com.example.news", "示例新闻")
    assert registry.verifiers_path == tmp_path / "data" / VERIFIERS_FILE and registry.verifiers_path.exists()
    assert ProviderRegistry().verify(token) == "com.example.news"


def test_each_token_has_its_own_salt_and_a_wrong_token_costs_no_scrypt(
    registry: ProviderRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = registry.add("com.example.news", "示例新闻")
    registry.add("org.example.files", "文件同步")
    tables = tomllib.loads(registry.verifiers_path.read_text(encoding="utf-8"))["providers"]
    assert tables["com.example.news"]["salt"] != tables["org.example.files"]["salt"]
    checks: list[str] = []
    real = Verifier.matches
    monkeypatch.setattr(Verifier, "matches", lambda self, token: checks.append(token) or real(self, token))
    server_side = ProviderRegistry(registry.path)
    assert [server_side.verify(first) for _ in range(3)] == ["com.example.news"] * 3
    assert len(checks) == 1  # remembered until the files change
    assert server_side.verify("wrong-" + first) is None and len(checks) == 1  # its hint matches no verifier


def test_verify_names_the_provider_of_a_token(registry: ProviderRegistry) -> None:
    news = registry.add("com.example.news", "示例新闻")
    files = registry.add("org.example.files", "文件同步")
    assert registry.verify(news) == "com.example.news"
    assert registry.verify(files) == "org.example.files"
    assert registry.verify(news[:-1]) is None
    assert registry.verify("") is None and registry.verify(None) is None
    assert registry.verify("令牌") is None  # non-ASCII must not break the constant-time compare


def test_identify_gives_the_registered_name_of_a_token(registry: ProviderRegistry) -> None:
    news = registry.add("com.example.news", " 示例\u200b新闻 ")
    server_side = ProviderRegistry(registry.path)
    found = server_side.identify(news)
    assert found is not None and (found.id, found.name) == ("com.example.news", "示例新闻")
    assert server_side.identify(news[:-1]) is None and server_side.identify(None) is None
    renamed = registry.add("com.example.news", "新名字")
    assert server_side.identify(news) is None
    found = server_side.identify(renamed)
    assert found is not None and found.name == "新名字"


def test_a_token_never_starts_with_a_dash(registry: ProviderRegistry, monkeypatch: pytest.MonkeyPatch) -> None:
    """One random token in 64 would: `popup-client send --token -xyz…` then fails as an unknown option."""
    drawn = iter(["-starts-with-a-dash", "fine-token"])
    monkeypatch.setattr("popup_client.transports.providers.token_urlsafe", lambda _n: next(drawn))
    assert registry.add("com.example.news", "示例新闻") == "fine-token"


def test_adding_again_rotates_the_token(registry: ProviderRegistry) -> None:
    old = registry.add("com.example.news", "示例新闻")
    assert registry.verify(old) == "com.example.news"
    new = registry.add("com.example.news", "新名字")
    assert new != old
    assert registry.verify(old) is None and registry.verify(new) == "com.example.news"
    assert [p.name for p in registry.list()] == ["新名字"]


def test_another_process_sees_changes_at_once(registry: ProviderRegistry) -> None:
    server_side = ProviderRegistry(registry.path)
    assert server_side.verify("anything") is None  # loads (an empty list) before the provider exists
    token = registry.add("com.example.news", "示例新闻")
    assert server_side.verify(token) == "com.example.news"
    registry.remove("com.example.news")
    assert server_side.verify(token) is None


def test_remove(registry: ProviderRegistry) -> None:
    token = registry.add("com.example.news", "示例新闻")
    registry.add("org.example.files", "文件同步")
    registry.remove("com.example.news")
    assert [p.id for p in registry.list()] == ["org.example.files"]
    assert registry.verify(token) is None
    assert (KEYRING_SERVICE, "com.example.news") not in MemoryKeyring.entries()
    with pytest.raises(ProviderError, match="no provider 'com.example.news' is registered"):
        registry.remove("com.example.news")


@pytest.mark.parametrize(
    ("provider_id", "name", "domain", "problem"),
    [
        ("News", "示例新闻", None, "reverse-DNS"),
        ("com.example.news", "\u200b ", None, "name is empty"),
        ("com.example.news", "长" * 41, None, "limit is 40"),
        ("com.example.news", "示例新闻", "https://example.com", "bare lower-case host name"),
    ],
)
def test_add_checks_the_fields(registry: ProviderRegistry, provider_id: str, name: str, domain: str | None, problem: str) -> None:
    with pytest.raises(ProviderError, match=problem):
        registry.add(provider_id, name, domain)
    assert MemoryKeyring.entries() == {} and not registry.path.exists()


def test_a_damaged_file_is_reported_not_overwritten(registry: ProviderRegistry, caplog: pytest.LogCaptureFixture) -> None:
    registry.path.parent.mkdir(parents=True)
    registry.path.write_text("[providers\n", encoding="utf-8")
    with pytest.raises(ProviderError, match="not a valid provider list"):
        registry.add("com.example.news", "示例新闻")
    assert registry.path.read_text(encoding="utf-8") == "[providers\n"
    with caplog.at_level(logging.WARNING):
        assert registry.verify("token") is None
    assert "unverified" in caplog.text


def test_without_a_keyring_providers_register_and_verify(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    registry = ProviderRegistry(tmp_path / "providers.toml")
    with no_keyring(), caplog.at_level(logging.INFO, logger="popup_client.transports.providers"):
        news = registry.add("com.example.news", "示例新闻")
        files = registry.add("org.example.files", "文件同步")
        again = registry.add("org.example.files", "文件同步")
        fresh = ProviderRegistry(registry.path)
        assert (fresh.verify(news), fresh.verify(files), fresh.verify(again)) == ("com.example.news", None, "org.example.files")
        registry.remove("com.example.news")
        assert fresh.verify(news) is None
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert news not in caplog.text


def _legacy_registration(registry: ProviderRegistry) -> str:
    """A provider registered by a popup-client that kept its token in the keyring: no verifier."""
    token = registry.add("com.example.news", "示例新闻")
    registry.verifiers_path.unlink()
    MemoryKeyring().set_password(KEYRING_SERVICE, "com.example.news", token)
    return token


def test_a_token_kept_in_the_keyring_keeps_working_and_moves_to_a_verifier(registry: ProviderRegistry) -> None:
    token = _legacy_registration(registry)
    assert ProviderRegistry(registry.path).verify(token) == "com.example.news"
    assert MemoryKeyring.entries() == {}  # moved: the keyring keeps it no longer
    assert "com.example.news" in registry.verifiers_path.read_text(encoding="utf-8")
    with no_keyring():
        assert ProviderRegistry(registry.path).verify(token) == "com.example.news"


def test_a_token_in_the_keyring_without_a_keyring_now_is_unverified_and_said_once(
    registry: ProviderRegistry, caplog: pytest.LogCaptureFixture
) -> None:
    token = _legacy_registration(registry)
    with no_keyring(), caplog.at_level(logging.INFO, logger="popup_client.transports.providers"):
        fresh = ProviderRegistry(registry.path)
        assert fresh.verify(token) is None and fresh.verify(token) is None
        assert fresh.identify("x" * 43) is None
    assert len(caplog.records) == 1 and "unverified until registered again" in caplog.text and token not in caplog.text
    with no_keyring():
        renewed = registry.add("com.example.news", "示例新闻")  # registering again needs no keyring
        assert ProviderRegistry(registry.path).verify(renewed) == "com.example.news"


def test_registering_again_deletes_the_old_token_from_the_keyring(registry: ProviderRegistry) -> None:
    old = _legacy_registration(registry)
    new = registry.add("com.example.news", "示例新闻")
    assert MemoryKeyring.entries() == {}
    assert registry.verify(old) is None and registry.verify(new) == "com.example.news"


# ------------------------------------------------------------------ a verifier file that cannot be trusted


@pytest.fixture
def registered(registry: ProviderRegistry) -> tuple[ProviderRegistry, str]:
    return registry, registry.add("com.example.news", "示例新闻")


def _refused(registry: ProviderRegistry, token: str, caplog: pytest.LogCaptureFixture, problem: str) -> None:
    """Nothing verifies (said once), and registering refuses to overwrite the file, saying what to do."""
    with caplog.at_level(logging.WARNING, logger="popup_client.transports.providers"):
        fresh = ProviderRegistry(registry.path)
        assert fresh.verify(token) is None and fresh.verify(token) is None
    assert len(caplog.records) == 1 and problem in caplog.text and token not in caplog.text
    with pytest.raises(ProviderError, match=re.escape(problem)) as err:
        registry.add("org.example.files", "文件同步")
    assert "remove it and register the providers again" in str(err.value) and isinstance(err.value, CoreError)


@pytest.mark.skipif(os.name == "nt", reason="POSIX links and modes")
def test_a_verifier_file_replaced_by_a_symbolic_link_is_refused(
    registered: tuple[ProviderRegistry, str], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    registry, token = registered
    planted = tmp_path / "planted.toml"
    planted.write_bytes(registry.verifiers_path.read_bytes())  # even verifiers that would match
    planted.chmod(0o600)
    registry.verifiers_path.unlink()
    registry.verifiers_path.symlink_to(planted)
    _refused(registry, token, caplog, "is a symbolic link")
    assert registry.verifiers_path.is_symlink() and planted.read_bytes().count(b"[providers.") == 1


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
@pytest.mark.parametrize("mode", [0o644, 0o620, 0o606])
def test_a_verifier_file_others_may_read_or_change_is_refused(
    registered: tuple[ProviderRegistry, str], caplog: pytest.LogCaptureFixture, mode: int
) -> None:
    registry, token = registered
    registry.verifiers_path.chmod(mode)
    _refused(registry, token, caplog, f"may be read or changed by others (mode {mode:o}, not 600)")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file to another user")
def test_another_users_verifier_file_is_refused(registered: tuple[ProviderRegistry, str], caplog: pytest.LogCaptureFixture) -> None:
    registry, token = registered
    os.chown(registry.verifiers_path, 65534, 65534)
    _refused(registry, token, caplog, "belongs to")


@pytest.mark.skipif(os.name == "nt", reason="POSIX FIFOs")
@pytest.mark.timeout(10)
def test_a_fifo_in_place_of_the_verifier_file_is_never_waited_on(
    registered: tuple[ProviderRegistry, str], caplog: pytest.LogCaptureFixture
) -> None:
    registry, token = registered
    registry.verifiers_path.unlink()
    os.mkfifo(registry.verifiers_path, 0o600)
    _refused(registry, token, caplog, "is not a regular file")


def test_a_damaged_verifier_file_is_refused(registered: tuple[ProviderRegistry, str], caplog: pytest.LogCaptureFixture) -> None:
    registry, token = registered
    text = registry.verifiers_path.read_text(encoding="utf-8").replace("n = 16384", "n = 1099511627776")
    registry.verifiers_path.write_text(text, encoding="utf-8")
    _refused(registry, token, caplog, "scrypt parameters are out of range")


def test_a_locked_keyring_on_remove_still_unregisters(registry: ProviderRegistry) -> None:
    token = registry.add("com.example.news", "示例新闻")
    with use_keyring(BrokenKeyring()):
        registry.remove("com.example.news")
    assert registry.list() == []
    assert registry.verify(token) is None


def test_tokens_are_never_logged(registry: ProviderRegistry, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        token = registry.add("com.example.news", "示例新闻")
        registry.verify(token)
        registry.add("com.example.news", "示例新闻")
        registry.remove("com.example.news")
    assert caplog.records and token not in caplog.text


# ------------------------------------------------------------------ commands


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def call(*argv: str) -> tuple[int, str, str]:
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return call


def test_provider_commands(run: Run, tmp_path: Path) -> None:
    code, out, err = run("provider", "add", "com.example.news", "--name", "示例新闻", "--domain", "example.com")
    token = out.strip()
    assert code == 0 and "shown only this once" in err
    assert ProviderRegistry().verify(token) == "com.example.news"
    assert (tmp_path / "config" / "providers.toml").exists()

    code, out, _ = run("provider", "list", "--json")
    assert code == 0
    (listed,) = json.loads(out)
    assert listed["id"] == "com.example.news" and listed["domain"] == "example.com" and token not in out

    code, out, _ = run("provider", "list")
    assert code == 0 and out.startswith("com.example.news\t示例新闻 (example.com)")

    assert run("provider", "remove", "com.example.news")[0] == 0
    assert ProviderRegistry().list() == []
    code, _, err = run("provider", "remove", "com.example.news")
    assert code == 2 and "no provider 'com.example.news' is registered" in err


def test_provider_add_on_a_server_with_no_keyring(tmp_path: Path) -> None:
    """A plain server session: no Secret Service, the keyring library's fail backend; register, then verify elsewhere."""
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "POPUP_CLIENT_CONFIG_DIR": str(tmp_path / "c"),
           "POPUP_CLIENT_DATA_DIR": str(tmp_path / "d")}  # fmt: skip
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    exe = [sys.executable, "-m", "popup_client.cli"]
    added = subprocess.run([*exe, "provider", "add", "com.example.news", "--name", "示例新闻"], env=env, capture_output=True, text=True, timeout=60)
    assert added.returncode == 0, added.stderr
    token = added.stdout.strip()
    check = "import sys; from popup_client.transports.providers import ProviderRegistry; print(ProviderRegistry().verify(sys.argv[1]))"
    verified = subprocess.run([sys.executable, "-c", check, token], env=env, capture_output=True, text=True, timeout=60)
    assert verified.stdout.strip() == "com.example.news", verified.stderr
    assert (tmp_path / "d" / VERIFIERS_FILE).exists() and token not in (tmp_path / "d" / VERIFIERS_FILE).read_text(encoding="utf-8")


def test_registered_provider_as_dict() -> None:
    entry = RegisteredProvider("com.example.news", "示例新闻")
    assert entry.as_dict() == {"id": "com.example.news", "name": "示例新闻", "domain": None, "added_at": None}
