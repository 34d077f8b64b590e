"""Evidence a complaint can rest on: a folder of the popup's exact bytes and its fate, sealed by a signed manifest.

Layout of an evidence folder (:func:`record_files` makes the files of one
complaint; :func:`write_evidence` writes any set of files)::

    payload.json     the popup's payload, the exact bytes received
    decision.json    decision, rules, reasons, policy and news-list versions, provider
    times.json       received, shown, closed, reported (RFC 3339)
    complaint.json   what the user reported, and why
    screenshot.png   the popup as it was shown (when there is one)
    chain.json       the journal's chain proof for the receipt (:func:`.chain.chain_proof`)
    manifest.json    {"format": "popup-client-evidence/1", "created", "key_id", "public_key",
                      "files": {"<name>": {"sha256": "<hex>", "bytes": <size>}}}
    manifest.sig     base64 Ed25519 signature over the exact bytes of manifest.json

The manifest names every other file with its SHA-256 and carries the
public key, so anyone can check the folder (:func:`verify_evidence`): a
changed, added or removed file, a manifest changed after signing, a chain
proof that does not hold, a payload that is not the one the journal sealed,
and (given the key expected, e.g. the one the user published) a folder
signed with another key — each is named. The private key is the caller's
(:mod:`.evidence_key` keeps one in the keyring).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..text import QT_TRANSLATE_NOOP
from ..timefmt import format_rfc3339
from .chain import verify_proof
from .errors import TrustError
from .keys import key_id, public_key_b64, public_key_from_b64, sha256_hex, sign, signature_valid

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

log = logging.getLogger(__name__)

FORMAT = "popup-client-evidence/1"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class EvidenceError(TrustError):
    """Evidence that cannot be written; the message says why."""


@dataclass(frozen=True)
class EvidenceRecord:
    """What one complaint's evidence holds (see the module's layout)."""

    payload: bytes
    decision: Mapping[str, Any]
    times: Mapping[str, Any]
    complaint: Mapping[str, Any]
    chain_proof: Mapping[str, Any] | None = None
    screenshot_png: bytes | None = None


@dataclass(frozen=True)
class EvidenceReport:
    """The result of :func:`verify_evidence`: every problem found (none: it holds), and the signing key's id."""

    problems: tuple[str, ...]
    key_id: str | None = None
    files: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems


def _json(value: Mapping[str, Any]) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def record_files(record: EvidenceRecord) -> dict[str, bytes]:
    """The files of one complaint's evidence, by name."""
    files = {
        "payload.json": record.payload,
        "decision.json": _json(record.decision),
        "times.json": _json(record.times),
        "complaint.json": _json(record.complaint),
    }
    if record.chain_proof is not None:
        files["chain.json"] = _json(record.chain_proof)
    if record.screenshot_png is not None:
        files["screenshot.png"] = record.screenshot_png
    return files


def write_evidence(directory: Path, files: Mapping[str, bytes], key: Ed25519PrivateKey, created: datetime) -> Path:
    """Write ``files`` and their signed manifest as the new folder ``directory`` (all of it, or nothing)."""
    bad = [name for name in files if not _NAME_RE.match(name) or name in (MANIFEST, SIGNATURE)]
    if bad:
        raise EvidenceError(QT_TRANSLATE_NOOP("core", "evidence file names must be plain names, not {names}").format(names=", ".join(bad)))
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise EvidenceError(QT_TRANSLATE_NOOP("core", "{folder} already exists and is not an empty folder; nothing was written").format(folder=str(directory)))
    manifest = {
        "format": FORMAT,
        "created": format_rfc3339(created),
        "key_id": key_id(key),
        "public_key": public_key_b64(key.public_key()),
        "files": {name: {"sha256": sha256_hex(data), "bytes": len(data)} for name, data in sorted(files.items())},
    }
    manifest_bytes = _json(manifest)
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        for name, data in {**files, MANIFEST: manifest_bytes, SIGNATURE: (sign(key, manifest_bytes) + "\n").encode()}.items():
            (staging / name).write_bytes(data)
        if directory.exists():
            directory.rmdir()
        os.replace(staging, directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("evidence written to %s (%d files, key %s)", directory, len(files), manifest["key_id"])
    return directory


def verify_evidence(directory: Path, expected_key: Ed25519PublicKey | None = None) -> EvidenceReport:
    """Check an evidence folder; every problem is listed, each naming the file."""
    try:
        manifest, public = _manifest(directory, expected_key)
    except TrustError as exc:
        return EvidenceReport((str(exc),))
    listed: dict[str, Any] = manifest["files"]
    problems: list[str] = []
    present = _present(directory)
    for name in sorted(set(listed) | set(present)):
        if name not in present:
            problems.append(QT_TRANSLATE_NOOP("core", "{file} was removed: the manifest lists it").format(file=name))
        elif name not in listed:
            problems.append(QT_TRANSLATE_NOOP("core", "{file} was added: the manifest does not list it").format(file=name))
        elif present[name] is None:
            problems.append(QT_TRANSLATE_NOOP("core", "{file} is not a regular file").format(file=name))
        elif not isinstance(listed[name], dict) or sha256_hex(present[name] or b"") != listed[name].get("sha256"):
            problems.append(QT_TRANSLATE_NOOP("core", "{file} was changed: its SHA-256 is not the one in the manifest").format(file=name))
    if not problems:
        problems.extend(_check_chain(directory, listed, public))
    return EvidenceReport(tuple(problems), key_id(public), tuple(sorted(listed)))


def _manifest(directory: Path, expected_key: Ed25519PublicKey | None) -> tuple[dict[str, Any], Ed25519PublicKey]:
    """The manifest, if present, well formed and signed by its own key (and by ``expected_key`` when given)."""
    try:
        manifest_bytes = (directory / MANIFEST).read_bytes()
        signature = (directory / SIGNATURE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        text = QT_TRANSLATE_NOOP("core", "{folder} is not an evidence folder: {manifest} or {signature} is missing or unreadable")
        raise TrustError(text.format(folder=str(directory), manifest=MANIFEST, signature=SIGNATURE)) from None
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
        ok = manifest.get("format") == FORMAT and isinstance(manifest.get("files"), dict)
    except (UnicodeDecodeError, ValueError, AttributeError, RecursionError):
        ok = False
    if not ok:
        raise TrustError(QT_TRANSLATE_NOOP("core", "{manifest} is malformed").format(manifest=MANIFEST))
    public = public_key_from_b64(manifest.get("public_key"), "the manifest's public key")
    if not signature_valid(public, signature, manifest_bytes, SIGNATURE):
        text = QT_TRANSLATE_NOOP("core", "{manifest} was changed after it was signed: {signature} does not match it")
        raise TrustError(text.format(manifest=MANIFEST, signature=SIGNATURE))
    if manifest.get("key_id") != key_id(public):
        raise TrustError(QT_TRANSLATE_NOOP("core", "{manifest} names a key id that is not its key's").format(manifest=MANIFEST))
    if expected_key is not None and key_id(expected_key) != key_id(public):
        text = QT_TRANSLATE_NOOP("core", "the evidence is signed with {key}, not with the expected key {expected}")
        raise TrustError(text.format(key=key_id(public), expected=key_id(expected_key)))
    return manifest, public


def _present(directory: Path) -> dict[str, bytes | None]:
    """Every entry of the folder but the manifest and its signature: bytes of regular files, None for anything else."""
    found: dict[str, bytes | None] = {}
    for path in sorted(directory.rglob("*")):
        name = path.relative_to(directory).as_posix()
        if name in (MANIFEST, SIGNATURE) or (path.is_dir() and not path.is_symlink() and any(path.iterdir())):
            continue
        found[name] = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    return found


def _check_chain(directory: Path, listed: Mapping[str, Any], key: Ed25519PublicKey) -> list[str]:
    """The chain proof holds (rows removed since under records signed with ``key``), and its row sealed the very payload of payload.json."""
    if "chain.json" not in listed:
        return []
    try:
        proof = json.loads((directory / "chain.json").read_text(encoding="utf-8"))
    except (ValueError, RecursionError):
        return [QT_TRANSLATE_NOOP("core", "chain.json is not JSON")]
    problem = verify_proof(proof if isinstance(proof, dict) else {}, key)
    if problem is not None:
        return [QT_TRANSLATE_NOOP("core", "chain.json: {problem}").format(problem=problem)]
    sealed = proof["row"].get("payload")
    if "payload.json" in listed and isinstance(sealed, str) and sealed.encode("utf-8") != (directory / "payload.json").read_bytes():
        return [QT_TRANSLATE_NOOP("core", "payload.json is not the payload the journal sealed in chain.json")]
    return []
