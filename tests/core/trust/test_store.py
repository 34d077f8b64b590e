"""The trust store and installing bundles: versions only go forward, nothing half-written, history kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from popup_client.core.trust import store as store_module
from popup_client.core.trust.bundle import BundleRejected, make_bundle
from popup_client.core.trust.errors import TrustError
from popup_client.core.trust.keys import Ed25519PrivateKey, generate_key, key_id, public_key_pem
from popup_client.core.trust.store import InstallRefused, PolicyStore, TrustStore, describe, installed_bundles

from .factory import body


def test_the_trust_store_holds_its_pem_keys_and_reports_other_files(trust_dir: Path, vendor_key: Ed25519PrivateKey) -> None:
    second = generate_key()
    (trust_dir / "second.pem").write_bytes(public_key_pem(second))
    (trust_dir / "junk.pem").write_text("not a key")
    (trust_dir / "README").write_text("ignored: not *.pem")
    loaded = TrustStore(trust_dir).load()
    assert set(loaded.keys) == {key_id(vendor_key), key_id(second)}
    assert loaded.files[key_id(vendor_key)] == trust_dir / "vendor.pem"
    assert len(loaded.problems) == 1 and "junk.pem is not used as a trusted key: " in loaded.problems[0]


def test_a_missing_trust_store_trusts_nothing(tmp_path: Path, bundle_v1: bytes) -> None:
    empty = PolicyStore(TrustStore(tmp_path / "nowhere"), tmp_path / "policy")
    with pytest.raises(BundleRejected, match="unknown issuer"):
        empty.install(bundle_v1)
    assert not (tmp_path / "policy" / "bundle.json").exists()


def test_install_show_and_history(store: PolicyStore, bundle_v1: bytes, vendor_key: Ed25519PrivateKey) -> None:
    assert store.current() is None and store.history() == []
    result = store.install(bundle_v1, "v1.json")
    assert result.outcome == "installed"
    current = store.current()
    assert current is not None and current.version == 1 and store.bundle_path.read_bytes() == bundle_v1
    (entry,) = store.history()
    assert (entry.version, entry.sha256, entry.issuer, entry.installed_at) == (1, current.sha256, key_id(vendor_key), "2026-12-02T12:00:00Z")
    shown = describe(current)
    assert shown["version_id"] == current.version_id and shown["providers"][0]["id"] == "com.example.news"
    assert shown["news_sources"] == {"version": "2026-11-01", "sources": 1}
    json.dumps(shown)  # printable as JSON


def test_installing_the_same_bundle_again_changes_nothing(store: PolicyStore, bundle_v1: bytes) -> None:
    store.install(bundle_v1)
    assert store.install(bundle_v1).outcome == "unchanged"
    assert len(store.history()) == 1


def test_versions_only_go_forward_and_an_old_bundle_replayed_is_refused(store: PolicyStore, vendor_key: Ed25519PrivateKey) -> None:
    old, new = make_bundle(vendor_key, body(3)), make_bundle(vendor_key, body(4))
    store.install(old)
    store.install(new)
    with pytest.raises(InstallRefused, match="old.json is refused: it is version 3, older than version 4 installed before; versions only go forward"):
        store.install(old, "old.json")
    assert store.bundle_path.read_bytes() == new
    assert [e.version for e in store.history()] == [3, 4]


def test_a_lower_version_never_installed_is_refused_too(store: PolicyStore, vendor_key: Ed25519PrivateKey) -> None:
    store.install(make_bundle(vendor_key, body(10)))
    with pytest.raises(InstallRefused, match="version 9, older than version 10"):
        store.install(make_bundle(vendor_key, body(9)))


def test_the_same_version_with_other_content_is_refused(store: PolicyStore, vendor_key: Ed25519PrivateKey) -> None:
    first = make_bundle(vendor_key, body(5))
    store.install(first)
    with pytest.raises(InstallRefused, match="version 5 was installed before with other content"):
        store.install(make_bundle(vendor_key, body(5, title="changed")))
    assert store.bundle_path.read_bytes() == first


def test_a_bundle_refused_by_verification_leaves_everything_as_it_was(store: PolicyStore, bundle_v1: bytes) -> None:
    store.install(bundle_v1)
    with pytest.raises(BundleRejected):
        store.install(bundle_v1.replace(b'"format"', b'"formats"'))
    assert store.bundle_path.read_bytes() == bundle_v1 and len(store.history()) == 1


def test_a_crash_between_history_and_bundle_is_completed_by_installing_again(
    store: PolicyStore, vendor_key: Ed25519PrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    v1, v2 = make_bundle(vendor_key, body(1)), make_bundle(vendor_key, body(2))
    store.install(v1)
    real_write = store_module.atomic_write

    def crash_on_bundle(path: Path, data: bytes, mode: int = 0o644) -> None:
        if path.name == "bundle.json":
            raise OSError("power cut")
        real_write(path, data, mode)

    monkeypatch.setattr(store_module, "atomic_write", crash_on_bundle)
    with pytest.raises(InstallRefused, match="v2.json was not installed: .*policy cannot be written \\(power cut\\)"):
        store.install(v2, "v2.json")
    monkeypatch.setattr(store_module, "atomic_write", real_write)
    assert store.bundle_path.read_bytes() == v1  # the old bundle, whole
    with pytest.raises(BundleRejected, match="install the newest bundle again"):
        store.current()
    assert store.install(v2).outcome == "installed"
    current = store.current()
    assert current is not None and current.version == 2 and [e.version for e in store.history()] == [1, 2]


def test_a_bundle_file_replaced_by_hand_with_an_older_signed_one_is_refused(store: PolicyStore, vendor_key: Ed25519PrivateKey) -> None:
    v1, v2 = make_bundle(vendor_key, body(1)), make_bundle(vendor_key, body(2))
    store.install(v1)
    store.install(v2)
    store.bundle_path.write_bytes(v1)
    with pytest.raises(BundleRejected, match="it holds version 1, but the newest bundle installed is 2; it was replaced by hand"):
        store.current()


def test_an_installed_bundle_edited_in_place_is_refused_on_load(store: PolicyStore, bundle_v1: bytes) -> None:
    store.install(bundle_v1)
    env = json.loads(bundle_v1)
    env["body"] = env["body"][:-8] + ("A" * 8 if not env["body"].endswith("A" * 8) else "B" * 8)
    store.bundle_path.write_text(json.dumps(env))
    with pytest.raises(BundleRejected, match="bundle.json is refused"):
        store.current()


def test_a_folder_that_cannot_be_written_is_refused_clearly(tmp_path: Path, trust_dir: Path, bundle_v1: bytes) -> None:
    (tmp_path / "file").write_text("not a folder")
    blocked = PolicyStore(TrustStore(trust_dir), tmp_path / "file" / "policy")
    with pytest.raises(InstallRefused, match="installed by an administrator"):
        blocked.install(bundle_v1)


def test_a_damaged_history_stops_installs(store: PolicyStore, bundle_v1: bytes) -> None:
    store.install(bundle_v1)
    (store.directory / "history.json").write_text("[{")
    with pytest.raises(TrustError, match="the policy history .*history.json is damaged"):
        store.install(bundle_v1)


def test_a_key_removed_from_the_trust_store_stops_its_bundle(store: PolicyStore, bundle_v1: bytes, trust_dir: Path) -> None:
    store.install(bundle_v1)
    (trust_dir / "vendor.pem").unlink()
    with pytest.raises(BundleRejected, match="unknown issuer"):
        store.current()


def test_refusal_says_beforehand_whether_a_verified_bundle_would_install(store: PolicyStore, vendor_key: Ed25519PrivateKey) -> None:
    v2 = store.verify(make_bundle(vendor_key, body(2)))
    assert store.refusal(v2) is None
    store.install(v2.data)
    assert store.refusal(v2) is None  # the same again: nothing to refuse
    older = store.verify(make_bundle(vendor_key, body(1)))
    assert store.refusal(older, "v1.json") == "v1.json is refused: it is version 1, older than version 2 installed before; versions only go forward"


def _machine_folder(folder: Path, vendor: Ed25519PrivateKey, data: bytes) -> None:
    (folder / "trust").mkdir(parents=True)
    (folder / "trust" / "vendor.pem").write_bytes(public_key_pem(vendor))
    PolicyStore(TrustStore(folder / "trust"), folder / "policy").install(data)


def test_each_machine_folder_brings_its_own_bundle_checked_with_its_own_trust_store(tmp_path: Path, vendor_key: Ed25519PrivateKey) -> None:
    machine, session = tmp_path / "etc-xdg" / "popup-client", tmp_path / "home" / "popup-client"
    _machine_folder(machine, vendor_key, make_bundle(vendor_key, body(7, locks={"minors_mode": {"force": True}})))
    own = generate_key()
    _machine_folder(session, own, make_bundle(own, body(1)))
    bundles, problems = installed_bundles([session, machine])
    assert problems == [] and [b.version for b in bundles] == [7, 1]  # the machine's still applies, least important first
    (machine / "trust" / "vendor.pem").write_bytes(public_key_pem(own))  # the machine's bundle no longer verifies there
    bundles, problems = installed_bundles([session, machine])
    assert [b.version for b in bundles] == [1] and len(problems) == 1 and "unknown issuer" in problems[0]
