"""The machine-wide folders by each platform's convention, with stand-in paths."""

from __future__ import annotations

from pathlib import Path

from popup_client.core.trust.system_dirs import atomic_write, policy_dir, system_config_dirs, trust_store_dir


def test_linux_follows_xdg_config_dirs(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_DIRS": f"{tmp_path}/vendor:relative/ignored::{tmp_path}/site:/etc/xdg"}
    expected = [tmp_path / "vendor" / "popup-client", tmp_path / "site" / "popup-client", Path("/etc/xdg/popup-client")]
    assert system_config_dirs("linux", env) == expected
    assert trust_store_dir("linux", env) == tmp_path / "vendor" / "popup-client" / "trust"
    assert policy_dir("linux", env) == tmp_path / "vendor" / "popup-client" / "policy"


def test_linux_defaults_to_etc_xdg() -> None:
    assert system_config_dirs("linux", {}) == [Path("/etc/xdg/popup-client")]
    assert system_config_dirs("linux", {"XDG_CONFIG_DIRS": ""}) == [Path("/etc/xdg/popup-client")]
    assert system_config_dirs("linux", {"XDG_CONFIG_DIRS": "/etc/xdg/xdg-ubuntu:/etc/xdg"}) == [
        Path("/etc/xdg/xdg-ubuntu/popup-client"), Path("/etc/xdg/popup-client")
    ]


def test_a_session_cannot_drop_the_machine_folder_by_its_environment(tmp_path: Path) -> None:
    assert system_config_dirs("linux", {"XDG_CONFIG_DIRS": str(tmp_path)}) == [tmp_path / "popup-client", Path("/etc/xdg/popup-client")]
    assert system_config_dirs("win32", {"ProgramData": str(tmp_path)}) == [tmp_path / "popup-client", Path("C:\\ProgramData") / "popup-client"]
    assert system_config_dirs("freebsd13", {"XDG_CONFIG_DIRS": "relative"}) == [Path("/etc/xdg/popup-client")]


def test_windows_uses_program_data(tmp_path: Path) -> None:
    assert system_config_dirs("win32", {"ProgramData": str(tmp_path)})[0] == tmp_path / "popup-client"
    assert trust_store_dir("win32", {"ProgramData": str(tmp_path)}) == tmp_path / "popup-client" / "trust"
    assert system_config_dirs("win32", {}) == [Path("C:\\ProgramData") / "popup-client"]


def test_macos_uses_library_application_support(tmp_path: Path) -> None:
    assert system_config_dirs("darwin", {}, root=tmp_path) == [tmp_path / "Library" / "Application Support" / "popup-client"]
    assert system_config_dirs("darwin", {}) == [Path("/Library/Application Support/popup-client")]


def test_atomic_write_replaces_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "new" / "file.json"
    atomic_write(target, b"one")
    atomic_write(target, b"two", mode=0o600)
    assert target.read_bytes() == b"two" and (target.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["file.json"]
