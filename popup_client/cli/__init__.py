"""The command line, ``popup-client COMMAND``: one package, one module a group of commands.

:mod:`.commands` builds the parser and runs the core commands; :mod:`.run`,
:mod:`.check`, :mod:`.send` and :mod:`.ctl` add theirs; :mod:`.output`
prints the same way for all. :func:`main` answers a lone ``--version``
itself, before any of them is imported (argparse alone takes longer than
the answer).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import __version__

if TYPE_CHECKING:
    import argparse


def main(argv: Sequence[str] | None = None) -> int:
    """``popup-client ARGV`` (default: the process's arguments); the exit status."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args == ["--version"]:  # what argparse's version action prints, without argparse
        print(f"popup-client {__version__}")
        return 0
    from .commands import main as run_command

    return run_command(args)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser (:func:`.commands.build_parser`)."""
    from .commands import build_parser as build

    return build(argv)


__all__ = ["build_parser", "main"]
