"""A keyring backend for multi-process tests: a JSON file named by an environment variable.

``PYTHON_KEYRING_BACKEND=tests.helpers.filekeyring.FileKeyring`` with
``POPUP_CLIENT_TEST_KEYRING`` pointing at a file in the test's temp dir lets
``popup-client provider add`` in one process and the running app in another
share tokens, as a real Secret Service would. Test use only: the file is plain text.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    """Passwords in a JSON file (test use only)."""

    priority = 0.5

    @property
    def _path(self) -> Path:
        return Path(os.environ["POPUP_CLIENT_TEST_KEYRING"])

    def _load(self) -> dict[str, str]:
        try:
            data: dict[str, str] = json.loads(self._path.read_text(encoding="utf-8"))
            return data
        except FileNotFoundError:
            return {}

    def _save(self, data: dict[str, str]) -> None:
        self._path.write_text(json.dumps(data), encoding="utf-8")

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
