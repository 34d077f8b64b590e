"""Layered preferences: built-in < bundle < machine-wide files < user, then the locks; by platform convention."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from popup_client.core.trust.bundle import verify_bundle
from popup_client.core.trust.keys import Ed25519PrivateKey, key_id
from popup_client.core.trust.layers import Layer, SystemPolicy, layered, merge, read_system_policy
from popup_client.core.trust.system_dirs import system_config_dirs

BUILTIN: dict[str, Any] = {
    "caps": {"global_hourly": 6, "provider_hourly": 2, "providers": {}},
    "minors_mode": False,
    "opt_out": {"kinds": [], "providers": []},
    "quiet_hours": "",
    "language": "auto",
}


def stand_ins(dirs: list[Path], tmp_path: Path) -> list[Path]:
    """The stand-in folders only, not the real machine's (/etc/xdg, always listed last)."""
    return [d for d in dirs if tmp_path in d.parents]


def write(directory: Path, name: str, text: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(text, encoding="utf-8")


def test_merge_takes_tables_key_by_key_and_replaces_lists_whole() -> None:
    merged = merge([BUILTIN, {"caps": {"global_hourly": 3}, "opt_out": {"kinds": ["ad"]}}, {"opt_out": {"kinds": ["news"]}}])
    assert merged["caps"] == {"global_hourly": 3, "provider_hourly": 2, "providers": {}}
    assert merged["opt_out"] == {"kinds": ["news"], "providers": []}
    assert BUILTIN["caps"]["global_hourly"] == 6


def test_linux_machine_wide_files_in_xdg_config_dirs(tmp_path: Path) -> None:
    first, second = tmp_path / "vendor", tmp_path / "site"
    dirs = stand_ins(system_config_dirs("linux", {"XDG_CONFIG_DIRS": f"{first}:{second}"}), tmp_path)
    write(first / "popup-client", "defaults.toml", 'language = "zh_CN"\n[caps]\nglobal_hourly = 4\n')
    write(second / "popup-client", "defaults.toml", "[caps]\nglobal_hourly = 5\nprovider_hourly = 1\n")
    write(second / "popup-client", "locks.toml", '"caps.global_hourly" = { max = 3 }\nminors_mode = { force = true }\n')
    policy = read_system_policy(dirs)
    assert policy.problems == ()
    assert [layer.source for layer in policy.defaults] == [str(second / "popup-client" / "defaults.toml"), str(first / "popup-client" / "defaults.toml")]
    result = layered(BUILTIN, {"caps": {"global_hourly": 10}}, system=policy)
    assert result.values["language"] == "zh_CN" and result.values["caps"]["provider_hourly"] == 1  # the first folder wins
    assert result.values["caps"]["global_hourly"] == 3 and result.values["minors_mode"] is True
    locked = result.lock_of("caps.global_hourly")
    assert locked is not None and locked.set_by == (str(second / "popup-client" / "locks.toml"),) and locked.before == 10
    assert result.lock_of("language") is None


def test_windows_program_data_stand_in(tmp_path: Path) -> None:
    (directory,) = stand_ins(system_config_dirs("win32", {"ProgramData": str(tmp_path / "ProgramData")}), tmp_path)
    write(directory, "locks.toml", '"opt_out.kinds" = { forbid = ["ad"] }\n')
    result = layered(BUILTIN, {"opt_out": {"kinds": ["news"]}}, system=read_system_policy([directory]))
    assert result.values["opt_out"]["kinds"] == ["news", "ad"]
    field = result.lock_of("opt_out.kinds")
    assert field is not None and field.set_by == (str(tmp_path / "ProgramData" / "popup-client" / "locks.toml"),)


def test_macos_library_stand_in(tmp_path: Path) -> None:
    (directory,) = system_config_dirs("darwin", {}, root=tmp_path)
    write(directory, "defaults.toml", 'quiet_hours = "22:00-07:00"\n')
    write(directory, "locks.toml", 'quiet_hours = { cover = "23:00-06:00" }\n')
    result = layered(BUILTIN, {}, system=read_system_policy([directory]))
    assert result.values["quiet_hours"] == "22:00-07:00"  # the default already covers the locked span
    result = layered(BUILTIN, {"quiet_hours": "01:00-05:00"}, system=read_system_policy([directory]))
    assert result.values["quiet_hours"] == "23:00-06:00"  # the user's own span is widened, not cut


def test_broken_files_and_refused_locks_are_reported_and_the_rest_applies(tmp_path: Path) -> None:
    good, broken = tmp_path / "good", tmp_path / "broken"
    write(broken, "defaults.toml", "caps = [")
    write(good, "locks.toml", 'minors_mode = { force = false }\n"caps.global_hourly" = { max = 2 }\n')
    policy = read_system_policy([good, broken])
    assert len(policy.problems) == 2
    assert "defaults.toml is not valid TOML" in policy.problems[0]
    assert "locks.toml: lock on minors_mode refused: a lock can only force it to true" in policy.problems[1]
    assert [(lock.key, lock.bound) for lock in policy.locks] == [("caps.global_hourly", 2)]


def test_the_bundle_sits_below_machine_files_and_the_user_and_its_locks_apply(
    tmp_path: Path, bundle_v1: bytes, vendor_key: Ed25519PrivateKey
) -> None:
    bundle = verify_bundle(bundle_v1, {key_id(vendor_key): vendor_key.public_key()})
    system = SystemPolicy(defaults=(Layer("/etc/xdg/popup-client/defaults.toml", {"caps": {"provider_hourly": 1}}),))
    user = {"quiet_hours": "23:30-06:00", "caps": {"global_hourly": 2}, "minors_mode": False}
    before = copy.deepcopy(user)
    result = layered(BUILTIN, user, bundles=[bundle], system=system)
    assert result.values["caps"] == {"global_hourly": 2, "provider_hourly": 1, "providers": {}}
    assert result.values["quiet_hours"] == "23:30-06:00"  # the user's own over the bundle's default
    assert result.values["minors_mode"] is True
    field = result.lock_of("minors_mode")
    assert field is not None and field.set_by == (bundle.label,) and field.changed
    cap = result.lock_of("caps.global_hourly")
    assert cap is not None and not cap.changed  # the user's 2 is below the bundle's max 3
    assert user == before  # nothing the user set is lost


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_no_machine_wide_files_means_no_locks(tmp_path: Path, platform: str) -> None:
    dirs = stand_ins(system_config_dirs(platform, {"XDG_CONFIG_DIRS": str(tmp_path), "ProgramData": str(tmp_path)}, root=tmp_path), tmp_path)
    assert dirs
    result = layered(BUILTIN, {"caps": {"global_hourly": 9}}, system=read_system_policy(dirs))
    assert result.values["caps"]["global_hourly"] == 9 and result.locked == ()
