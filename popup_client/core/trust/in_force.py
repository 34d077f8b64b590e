"""The policy bundles in force on this machine for this user, and where ``policy install`` puts one.

Two places hold an installed bundle, each with its history (:class:`.store.PolicyStore`):

- machine-wide, each folder of :func:`.system_dirs.system_config_dirs` (its
  ``policy/``, verified with its own ``trust/``); ``policy install --system``
  writes the most important one (an administrator's job; tests and
  ``docs/vendors.md`` point ``XDG_CONFIG_DIRS`` at a stand-in folder);
- the user's own ``policy/`` beside the preferences
  (:func:`popup_client.core.paths.config_dir`), for a user who installs a
  vendor's bundle without administrator rights. It is verified with the
  machine's trust store, never with keys the user could add.

:func:`policy_state` of :func:`policy_paths` tells when any of it changed, so the running app loads
them again. :func:`bundles_in_force` gives them least important first (the user's, then
the machine's folders), as :func:`.layers.layered` takes them; the last one
carrying a news-source list supplies it, and every listed provider's key is
accepted (:class:`.signed_payload.ProviderKeys`). Where nothing is installed nothing
is verified, and the modules that would (:mod:`.store`, :mod:`.bundle`) are not loaded.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..clock import Clock
from ..files import FileRefused
from ..news_sources import NewsSourceList
from ..paths import config_dir
from .errors import TrustError
from .layers import DEFAULTS_FILE, LOCKS_FILE
from .system_dirs import BUNDLE_FILE, HISTORY_FILE, POLICY_DIR_NAME, TRUST_DIR_NAME, system_config_dirs, trust_store_dir

if TYPE_CHECKING:
    from .bundle import PolicyBundle
    from .store import PolicyStore

log = logging.getLogger(__name__)


def user_store(environ: Mapping[str, str] | None = None, *, clock: Clock | None = None) -> PolicyStore:
    """The user's own installed bundle (beside the preferences), verified with the machine's trust store."""
    from .store import PolicyStore, TrustStore

    return PolicyStore(TrustStore(trust_store_dir(environ=environ)), config_dir() / POLICY_DIR_NAME, clock=clock)


def system_store(environ: Mapping[str, str] | None = None, *, clock: Clock | None = None) -> PolicyStore:
    """The machine-wide installed bundle of the most important machine folder (what ``--system`` writes)."""
    from .store import PolicyStore, TrustStore

    return PolicyStore(TrustStore(trust_store_dir(environ=environ)), system_config_dirs(environ=environ)[0] / POLICY_DIR_NAME, clock=clock)


def bundles_in_force(environ: Mapping[str, str] | None = None, *, clock: Clock | None = None) -> tuple[list[PolicyBundle], list[str]]:
    """Every installed bundle that verifies now, least important first, and why any other was refused."""
    problems: list[str] = []
    bundles: list[PolicyBundle] = []
    if (config_dir() / POLICY_DIR_NAME / BUNDLE_FILE).exists():  # else the user's store has none to verify
        try:
            mine = user_store(environ, clock=clock).current()
        except (TrustError, FileRefused) as exc:
            problems.append(str(exc))
            log.warning("%s", exc)
        else:
            bundles += [mine] if mine is not None else []
    machine_dirs = _existing(system_config_dirs(environ=environ))
    if not machine_dirs:
        return bundles, problems
    from .store import installed_bundles

    machine, refused = installed_bundles(machine_dirs, clock=clock)
    return bundles + machine, problems + refused


def policy_paths(environ: Mapping[str, str] | None = None) -> list[Path]:
    """Every file and folder the bundles in force, the machine's defaults and its locks come from."""
    folders = [config_dir(), *system_config_dirs(environ=environ)]
    paths = [d / POLICY_DIR_NAME / name for d in folders for name in (BUNDLE_FILE, HISTORY_FILE)]
    paths += [d / name for d in folders[1:] for name in (DEFAULTS_FILE, LOCKS_FILE)]
    return paths + [d / TRUST_DIR_NAME for d in folders[1:]]


def policy_state(paths: Sequence[Path]) -> tuple[tuple[str, int, int] | None, ...]:
    """The size and time of each of ``paths`` (:func:`policy_paths`): a change means load the policy again."""
    return tuple(_state(path) for path in paths)


def _state(path: Path) -> tuple[str, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (str(path), info.st_mtime_ns, info.st_size)


def _existing(dirs: Sequence[Path]) -> list[Path]:
    return [d for d in dirs if d.is_dir()]


def policy_version(bundles: Sequence[PolicyBundle]) -> str | None:
    """What the journal records with each decision: the version id of each bundle in force, most important last."""
    return " ".join(bundle.version_id for bundle in bundles) or None


def bundle_news_sources(bundles: Sequence[PolicyBundle]) -> NewsSourceList | None:
    """The news-source list of the most important bundle that carries one, or None."""
    if not bundles:
        return None
    from .bundle import news_source_list

    for bundle in reversed(bundles):
        found = news_source_list(bundle)
        if found is not None:
            return found
    return None
