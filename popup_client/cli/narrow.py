"""Build the parser of the command being run only: ``popup-client`` has over forty (sub)commands.

argparse builds a whole parser for every subcommand added, about a third of
a millisecond each. A run of one command needs the parser of that one: the
others are skipped (:class:`OnlyCommand`) when the command line names a
command, and built as before when it names none or an unknown one (so
``--help`` and the error for a wrong command list them all).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: Options of ``popup-client`` itself that take a value as the next argument.
_GLOBAL_WITH_VALUE = frozenset({"--config-dir", "--data-dir"})
_HELP = frozenset({"-h", "--help"})


def command_of(argv: Sequence[str]) -> str | None:
    """The command a command line names (its first positional argument), or None."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _GLOBAL_WITH_VALUE:
            skip = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return arg
        elif arg in _HELP:
            return None
    return None


def wants_version_only(argv: Sequence[str]) -> bool:
    """``popup-client --version`` (no command, no help): no subcommand is needed to answer it."""
    return "--version" in argv and command_of(argv) is None and not _HELP.intersection(argv)


class _Skipped:
    """A subcommand not being run: whatever its setup asks of it is ignored."""

    def __getattr__(self, _name: str) -> Any:
        return lambda *_args, **_kwargs: self


class OnlyCommand:
    """Stands in for argparse's subparsers action, adding only ``wanted`` ("" adds none)."""

    def __init__(self, subparsers: Any, wanted: str) -> None:
        self._subparsers = subparsers
        self._wanted = wanted
        #: Whether the wanted command was added (else the caller builds every command).
        self.found = False

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        if name == self._wanted or self._wanted in kwargs.get("aliases", ()):
            self.found = True
            return self._subparsers.add_parser(name, **kwargs)
        return _Skipped()
