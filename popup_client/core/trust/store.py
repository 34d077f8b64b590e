"""The trust store (vendors' public keys) and the installed policy bundle with its history.

**Trust store**: a machine-wide folder (:func:`.system_dirs.trust_store_dir`,
e.g. ``/etc/xdg/popup-client/trust/``) of ``*.pem`` files, each one Ed25519
public key (PEM SubjectPublicKeyInfo). Only bundles signed by one of them are
accepted. A file that is not such a key is reported and skipped.

**Installed bundle**: the policy folder (:func:`.system_dirs.policy_dir`)
holds ``bundle.json``, the installed bundle's exact bytes, and
``history.json``, a JSON list of every bundle installed, oldest first::

    [{"version": 3, "sha256": "<body hash>", "issuer": "ed25519:…", "created": "…",
      "installed_at": "…", "title": "…"}]

Versions only go forward: :meth:`PolicyStore.install` refuses a bundle older
than the newest in the history (an old bundle replayed) and one with a
version already installed but another body (same version, different
content); installing the very same bundle again changes nothing. The history
is written before the bundle, both atomically, under a lock, so a crash
leaves either the old state or a history one entry ahead, which installing
the same bundle again completes. :meth:`PolicyStore.current` re-verifies
``bundle.json`` on every load and refuses it if it is older than the history
says was installed (replaced by hand with an old signed bundle).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..clock import Clock, SystemClock
from ..files import exclusive
from ..files import FileRefused, read_regular_file
from ..text import QT_TRANSLATE_NOOP
from ..timefmt import format_rfc3339
from .bundle import MAX_BUNDLE_BYTES, BundleRejected, PolicyBundle, verify_bundle
from .errors import TrustError
from .keys import key_id, load_public_key_pem
from .system_dirs import BUNDLE_FILE, HISTORY_FILE, POLICY_DIR_NAME, TRUST_DIR_NAME, atomic_write, policy_dir, trust_store_dir

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

log = logging.getLogger(__name__)

_LOCK_FILE = ".install.lock"
_KEY_FILE_LIMIT = 64 * 1024


class InstallRefused(TrustError):
    """A verified bundle that is not installed (older than, or conflicting with, what was installed)."""


@dataclass(frozen=True)
class TrustedKeys:
    """The trust store's keys (key id → key), the file of each, and the files that are not keys."""

    keys: dict[str, Ed25519PublicKey]
    files: dict[str, Path]
    problems: tuple[str, ...]


class TrustStore:
    """The folder of vendors' public keys (``*.pem``); ``directory`` defaults to the platform's."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else trust_store_dir()

    def load(self) -> TrustedKeys:
        keys: dict[str, Ed25519PublicKey] = {}
        files: dict[str, Path] = {}
        problems: list[str] = []
        for path in sorted(self.directory.glob("*.pem")) if self.directory.is_dir() else []:
            try:
                key = load_public_key_pem(read_regular_file(str(path.absolute()), limit=_KEY_FILE_LIMIT), str(path))
            except (TrustError, FileRefused) as exc:
                problems.append(QT_TRANSLATE_NOOP("core", "{file} is not used as a trusted key: {why}").format(file=str(path), why=str(exc)))
                continue
            keys[key_id(key)] = key
            files[key_id(key)] = path
        for problem in problems:
            log.warning("%s", problem)
        return TrustedKeys(keys, files, tuple(problems))


@dataclass(frozen=True)
class HistoryEntry:
    """One installed bundle."""

    version: int
    sha256: str
    issuer: str
    created: str
    installed_at: str
    title: str = ""


@dataclass(frozen=True)
class Installed:
    """What :meth:`PolicyStore.install` did: ``installed``, or ``unchanged`` (that very bundle was in force)."""

    bundle: PolicyBundle
    outcome: str


class PolicyStore:
    """The installed bundle and its history in ``directory`` (default: the platform's policy folder)."""

    def __init__(self, trust: TrustStore, directory: Path | None = None, *, clock: Clock | None = None) -> None:
        self.trust = trust
        self.directory = directory if directory is not None else policy_dir()
        self.clock: Clock = clock or SystemClock()

    @property
    def bundle_path(self) -> Path:
        return self.directory / BUNDLE_FILE

    def verify(self, data: bytes, source: str = "the bundle") -> PolicyBundle:
        """The bundle if a key of the trust store signed it; :class:`BundleRejected` saying why otherwise."""
        return verify_bundle(data, self.trust.load().keys, source)

    def history(self) -> list[HistoryEntry]:
        """Every bundle installed, oldest first; TrustError if the history file is damaged."""
        try:
            raw = json.loads((self.directory / HISTORY_FILE).read_text(encoding="utf-8"))
            return [HistoryEntry(**entry) for entry in raw]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, TypeError, RecursionError) as exc:
            text = QT_TRANSLATE_NOOP("core", "the policy history {file} is damaged ({error}); no bundle can be installed until it is restored")
            raise TrustError(text.format(file=str(self.directory / HISTORY_FILE), error=str(exc))) from None

    def install(self, data: bytes, source: str = "the bundle") -> Installed:
        """Verify and install ``data`` atomically; :class:`BundleRejected` or :class:`InstallRefused` say why not."""
        bundle = self.verify(data, source)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            with exclusive(self.directory / _LOCK_FILE):
                outcome = self._install(bundle, data, source)
        except OSError as exc:
            text = QT_TRANSLATE_NOOP(
                "core", "{source} was not installed: {folder} cannot be written ({error}); machine-wide policy is installed by an administrator"
            )
            raise InstallRefused(text.format(source=source, folder=str(self.directory), error=str(exc.strerror or exc))) from exc
        if outcome == "installed":
            log.info("installed %s from %s", bundle.label, source)
        return Installed(bundle, outcome)

    def refusal(self, bundle: PolicyBundle, source: str = "the bundle") -> str | None:
        """Why a verified ``bundle`` would not be installed (older, or its version taken by other content); None if it would."""
        history = self.history()
        same = [e for e in history if e.version == bundle.version]
        newest = max((e.version for e in history), default=0)
        if same and same[-1].sha256 != bundle.sha256:
            text = QT_TRANSLATE_NOOP(
                "core",
                "{source} is refused: version {version} was installed before with other content (sha256 {old}); "
                "a changed bundle needs a higher version",
            )
            return text.format(source=source, version=bundle.version, old=same[-1].sha256[:16])
        if bundle.version < newest:
            text = QT_TRANSLATE_NOOP(
                "core", "{source} is refused: it is version {version}, older than version {newest} installed before; versions only go forward"
            )
            return text.format(source=source, version=bundle.version, newest=newest)
        return None

    def _install(self, bundle: PolicyBundle, data: bytes, source: str) -> str:
        """Install under the lock: ``installed`` or ``unchanged``; InstallRefused for an old or conflicting bundle."""
        refusal = self.refusal(bundle, source)
        if refusal is not None:
            raise InstallRefused(refusal)
        history = self.history()
        same = any(e.version == bundle.version for e in history)
        if not same:
            entry = HistoryEntry(bundle.version, bundle.sha256, bundle.issuer, bundle.created, format_rfc3339(self.clock.now()), bundle.title)
            history_bytes = (json.dumps([asdict(e) for e in [*history, entry]], indent=2, ensure_ascii=False) + "\n").encode("utf-8")
            atomic_write(self.directory / HISTORY_FILE, history_bytes)
        elif self._current_bytes() == data:
            return "unchanged"
        atomic_write(self.bundle_path, data)
        return "installed"

    def current(self) -> PolicyBundle | None:
        """The installed bundle, verified again; None if there is none; :class:`BundleRejected` if it is not acceptable now."""
        data = self._current_bytes()
        if data is None:
            return None
        source = str(self.bundle_path)
        bundle = self.verify(data, source)
        history = self.history()
        newest = max(history, key=lambda e: e.version, default=None)
        if newest is None or (newest.version, newest.sha256) != (bundle.version, bundle.sha256):
            text = QT_TRANSLATE_NOOP(
                "core",
                "{source} is refused: it holds version {version}, but the newest bundle installed is {newest}; "
                "it was replaced by hand (install the newest bundle again)",
            )
            raise BundleRejected(text.format(source=source, version=bundle.version, newest=newest.version if newest else "none"))
        return bundle

    def _current_bytes(self) -> bytes | None:
        try:
            return read_regular_file(str(self.bundle_path.absolute()), limit=MAX_BUNDLE_BYTES)
        except FileRefused:
            if not self.bundle_path.exists():
                return None
            raise


def installed_bundles(dirs: Sequence[Path], *, clock: Clock | None = None) -> tuple[list[PolicyBundle], list[str]]:
    """The bundle installed in each machine-wide folder (each verified with that folder's own trust store), and what was refused.

    ``dirs`` as :func:`.system_dirs.system_config_dirs` lists them, most
    important first; the bundles come least important first, as
    :func:`.layers.layered` takes them.
    """
    bundles: list[PolicyBundle] = []
    problems: list[str] = []
    for directory in reversed(dirs):
        store = PolicyStore(TrustStore(directory / TRUST_DIR_NAME), directory / POLICY_DIR_NAME, clock=clock)
        try:
            bundle = store.current()
        except (TrustError, FileRefused) as exc:
            problems.append(str(exc))
            log.warning("%s", exc)
            continue
        if bundle is not None:
            bundles.append(bundle)
    return bundles, problems


def describe(bundle: PolicyBundle) -> dict[str, Any]:
    """A bundle as ``policy show --json`` prints it (no key material beyond key ids)."""
    news = bundle.news_sources
    return {
        "version": bundle.version,
        "version_id": bundle.version_id,
        "issuer": bundle.issuer,
        "created": bundle.created,
        "title": bundle.title,
        "sha256": bundle.sha256,
        "providers": [{"id": p.id, "name": p.name, "key_id": p.key_id, "complaint_url": p.complaint_url} for p in bundle.providers],
        "news_sources": None if news is None else {"version": news["version"], "sources": len(news["sources"])},
        "defaults": dict(bundle.defaults),
        "locks": [{"key": lock.key, "op": lock.op, "bound": lock.bound} for lock in bundle.locks],
    }
