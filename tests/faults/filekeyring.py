"""A keyring backend kept in a JSON file, so the app and the CLI (two processes) share tokens in tests.

Select it with ``PYTHON_KEYRING_BACKEND=tests.faults.filekeyring.FileKeyring``
and name the file with ``POPUP_CLIENT_TEST_KEYRING``. Test use only: the file
holds the tokens in clear.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

FILE_ENV = "POPUP_CLIENT_TEST_KEYRING"


class FileKeyring(KeyringBackend):
    """Passwords in ``$POPUP_CLIENT_TEST_KEYRING``, read afresh on every call."""

    priority = 0.5

    @staticmethod
    def _path() -> Path:
        return Path(os.environ[FILE_ENV])

    def _load(self) -> dict[str, str]:
        try:
            data: dict[str, str] = json.loads(self._path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return data

    def _save(self, data: dict[str, str]) -> None:
        self._path().write_text(json.dumps(data), encoding="utf-8")

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError(username)
        self._save(data)
