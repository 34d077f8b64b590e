"""The evidence key: kept in the keyring, or in a private file where there is no usable keyring; never silently replaced."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from popup_client.core.trust.errors import TrustError
from popup_client.core.trust.evidence_key import KEYRING, SERVICE, USERNAME, load_or_create_key
from popup_client.core.trust.keys import key_id
from tests.helpers.memkeyring import BrokenKeyring, MemoryKeyring, memory_keyring, no_keyring, use_keyring


def test_created_once_in_the_keyring_and_found_again(tmp_path: Path) -> None:
    with memory_keyring():
        first = load_or_create_key(tmp_path / "evidence-key.pem")
        assert first.where == KEYRING and (SERVICE, USERNAME) in MemoryKeyring.entries()
        again = load_or_create_key(tmp_path / "evidence-key.pem")
        assert key_id(again.key) == key_id(first.key)
    assert not (tmp_path / "evidence-key.pem").exists()


def _locked_keyring() -> AbstractContextManager[object]:
    return use_keyring(BrokenKeyring())


@pytest.mark.parametrize("without", [no_keyring, _locked_keyring], ids=["none", "locked"])
def test_without_a_usable_keyring_a_private_file_is_used(tmp_path: Path, without: Callable[[], AbstractContextManager[object]]) -> None:
    path = tmp_path / "data" / "evidence-key.pem"
    with without():
        first = load_or_create_key(path)
        assert first.where == str(path)
        if os.name != "nt":
            assert path.stat().st_mode & 0o777 == 0o600
        assert key_id(load_or_create_key(path).key) == key_id(first.key)


def test_a_file_key_made_headless_is_still_used_once_a_keyring_appears(tmp_path: Path) -> None:
    path = tmp_path / "evidence-key.pem"
    with no_keyring():
        first = load_or_create_key(path)
    with memory_keyring():
        later = load_or_create_key(path)
    assert later.where == str(path) and key_id(later.key) == key_id(first.key)


def test_a_key_file_readable_by_others_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "evidence-key.pem"
    with no_keyring():
        load_or_create_key(path)
        path.chmod(0o644)
        load_or_create_key(path)
    if os.name != "nt":
        assert path.stat().st_mode & 0o777 == 0o600


def test_a_damaged_stored_key_is_an_error_not_replaced(tmp_path: Path) -> None:
    with memory_keyring() as backend:
        backend.set_password(SERVICE, USERNAME, "not a key")
        with pytest.raises(TrustError, match="the keyring entry popup-client/evidence-key is not an unencrypted PEM private key"):
            load_or_create_key(tmp_path / "evidence-key.pem")
        assert MemoryKeyring.entries()[(SERVICE, USERNAME)] == "not a key"
    path = tmp_path / "evidence-key.pem"
    path.write_text("garbage")
    with no_keyring(), pytest.raises(TrustError, match="is not an unencrypted PEM private key"):
        load_or_create_key(path)
    assert path.read_text() == "garbage"
