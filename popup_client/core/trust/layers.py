"""Layered preferences: built-in < vendor defaults < the user's own, then the locks. Plain dicts in, plain dicts out.

Preferences are the nested tables of ``preferences.toml`` (``{"caps":
{"global_hourly": 6}, "minors_mode": false, …}``); this module does not know
their schema, so it plugs into whatever validates them. :func:`layered`
merges the layers, lowest first:

1. the built-in defaults (the schema's);
2. the ``defaults`` of the installed policy bundles (:func:`.store.installed_bundles`);
3. ``defaults.toml`` of each machine-wide folder (:mod:`.system_dirs`), the
   least important folder first, so the first folder of ``$XDG_CONFIG_DIRS``
   wins — an administrator's file on the machine is more specific than a fleet bundle;
4. the user's ``preferences.toml``;

tables merge key by key, anything else (a list too) is replaced whole. Then
the locks of the bundle and of every folder's ``locks.toml`` (top-level
``"<dotted key>" = { <op> = <bound> }``, see :mod:`.locks`) apply. Nothing is
written: the user's file keeps what the user set, and :class:`Layered` says
which keys are locked, by whom, and where a lock changed the merged value.

A file that cannot be read or parsed, and every refused lock, is reported
in :attr:`SystemPolicy.problems` (the caller shows them); the rest applies.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..text import QT_TRANSLATE_NOOP
from .locks import Lock, LockedField, apply_locks, parse_locks

if TYPE_CHECKING:
    from .bundle import PolicyBundle

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

log = logging.getLogger(__name__)

DEFAULTS_FILE = "defaults.toml"
LOCKS_FILE = "locks.toml"
_MAX_FILE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Layer:
    """One layer of defaults and where it comes from (a path, a bundle's label, ``built-in``, ``user``)."""

    source: str
    values: Mapping[str, Any]


@dataclass(frozen=True)
class SystemPolicy:
    """What the machine-wide folders hold: defaults (lowest first), accepted locks, and what was refused."""

    defaults: tuple[Layer, ...] = ()
    locks: tuple[Lock, ...] = ()
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layered:
    """The effective preferences and the report of every locked key."""

    values: dict[str, Any]
    locked: tuple[LockedField, ...] = field(default=())

    def lock_of(self, key: str) -> LockedField | None:
        """The lock on ``key`` (for the dialog and the CLI to show it locked, and by whom), or None."""
        return next((f for f in self.locked if f.key == key), None)


def merge(layers: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The layers merged, lowest first: tables key by key, anything else replaced whole; the inputs are not changed."""
    result: dict[str, Any] = {}
    for layer in layers:
        _merge_into(result, layer)
    return result


def _merge_into(target: dict[str, Any], layer: Mapping[str, Any]) -> None:
    for key, value in layer.items():
        if isinstance(value, Mapping):
            child = target.get(key)
            if not isinstance(child, dict):
                child = target[key] = {}
            _merge_into(child, value)
        else:
            target[key] = list(value) if isinstance(value, list) else value


def layered(
    builtin: Mapping[str, Any],
    user: Mapping[str, Any],
    *,
    bundles: Sequence[PolicyBundle] = (),
    system: SystemPolicy = SystemPolicy(),
) -> Layered:
    """The effective preferences: built-in < bundles' defaults < machine-wide defaults < user, then every lock."""
    layers: list[Mapping[str, Any]] = [builtin]
    locks: list[Lock] = []
    for bundle in bundles:
        layers.append(bundle.defaults)
        locks.extend(bundle.locks)
    layers.extend(layer.values for layer in system.defaults)
    layers.append(user)
    locks.extend(system.locks)
    values, report = apply_locks(merge(layers), locks)
    return Layered(values, tuple(report))


def read_system_policy(dirs: Sequence[Path]) -> SystemPolicy:
    """The defaults and locks of the machine-wide folders ``dirs`` (most important first, as :mod:`.system_dirs` lists them)."""
    defaults: list[Layer] = []
    locks: list[Lock] = []
    problems: list[str] = []
    for directory in reversed(dirs):
        values = _read_toml(directory / DEFAULTS_FILE, problems)
        if values:
            defaults.append(Layer(str(directory / DEFAULTS_FILE), values))
        raw_locks = _read_toml(directory / LOCKS_FILE, problems)
        accepted, refused = parse_locks(raw_locks, str(directory / LOCKS_FILE))
        locks.extend(accepted)
        problems.extend(f"{directory / LOCKS_FILE}: {why}" for why in refused)
    for problem in problems:
        log.warning("%s", problem)
    return SystemPolicy(tuple(defaults), tuple(locks), tuple(problems))


def _read_toml(path: Path, problems: list[str]) -> dict[str, Any]:
    """The TOML tables of ``path``; {} when it does not exist, {} and a problem when it cannot be used."""
    try:
        if path.stat().st_size > _MAX_FILE_BYTES:
            problems.append(QT_TRANSLATE_NOOP("core", "{file} is larger than 1 MiB and is ignored").format(file=str(path)))
            return {}
        values: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
        return values
    except FileNotFoundError:
        return {}
    except OSError as exc:
        problems.append(QT_TRANSLATE_NOOP("core", "{file} cannot be read ({error}) and is ignored").format(file=str(path), error=str(exc.strerror or exc)))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.append(QT_TRANSLATE_NOOP("core", "{file} is not valid TOML ({error}) and is ignored").format(file=str(path), error=str(exc)))
    return {}
