"""The provider registry: providers.toml (0600, no tokens), tokens in the keyring, and its commands."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from popup_client import cli
from popup_client.core.errors import CoreError
from popup_client.transports.providers import KEYRING_SERVICE, ProviderError, ProviderRegistry, RegisteredProvider
from tests.helpers.memkeyring import BrokenKeyring, MemoryKeyring, memory_keyring, no_keyring, use_keyring

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture(autouse=True)
def keyring_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("POPUP_CLIENT_CONFIG_DIR", str(tmp_path / "config"))
    with memory_keyring():
        yield


@pytest.fixture
def registry(tmp_path: Path) -> ProviderRegistry:
    return ProviderRegistry(tmp_path / "config" / "providers.toml")


def test_add_issues_a_token_kept_only_in_the_keyring(registry: ProviderRegistry) -> None:
    token = registry.add("com.example.news", "示例新闻", "example.com")
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    assert MemoryKeyring.entries() == {(KEYRING_SERVICE, "com.example.news"): token}
    text = registry.path.read_text(encoding="utf-8")
    assert token not in text and "示例新闻" in text
    (entry,) = registry.list()
    assert (entry.id, entry.name, entry.domain) == ("com.example.news", "示例新闻", "example.com")
    assert entry.added_at


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_the_file_is_private(registry: ProviderRegistry) -> None:
    registry.add("com.example.news", "示例新闻")
    assert registry.path.stat().st_mode & 0o777 == 0o600


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
    monkeypatch.setattr("popup_client.transports.providers.secrets.token_urlsafe", lambda _n: next(drawn))
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


def test_without_a_keyring_add_says_so_and_everything_is_unverified(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    registry = ProviderRegistry(tmp_path / "providers.toml")
    token = registry.add("com.example.news", "示例新闻")
    with no_keyring():
        with pytest.raises(ProviderError, match="no usable system keyring") as err:
            registry.add("org.example.files", "文件同步")
        assert "Secret Service" in str(err.value) and isinstance(err.value, CoreError)
        fresh = ProviderRegistry(registry.path)
        with caplog.at_level(logging.WARNING, logger="popup_client.transports.providers"):
            assert fresh.verify(token) is None
            assert fresh.verify(token) is None
    assert [r.levelno for r in caplog.records] == [logging.WARNING]  # one warning, not one per popup
    assert token not in caplog.text
    assert [p.id for p in registry.list()] == ["com.example.news"]  # the failed add left the file alone


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


def test_provider_add_without_a_keyring(run: Run) -> None:
    with no_keyring():
        code, out, err = run("provider", "add", "com.example.news", "--name", "示例新闻")
    assert code == 2 and out == ""
    assert "popup-client: error: cannot register provider 'com.example.news': there is no usable system keyring" in err


def test_registered_provider_as_dict() -> None:
    entry = RegisteredProvider("com.example.news", "示例新闻")
    assert entry.as_dict() == {"id": "com.example.news", "name": "示例新闻", "domain": None, "added_at": None}
