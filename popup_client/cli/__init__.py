"""The command line, ``popup-client COMMAND``: one package, one module a group of commands.

:mod:`.commands` builds the parser and runs the core commands; :mod:`.run`,
:mod:`.check`, :mod:`.send` and :mod:`.ctl` add theirs; :mod:`.output`
prints the same way for all. :func:`main` answers a lone ``--version``
itself, before any of them is imported (argparse alone takes longer than
the answer). :func:`console` is the ``popup-client`` executable: main,
then an exit that skips tearing the interpreter down.
"""

from __future__ import annotations

import atexit
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

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


def console() -> NoReturn:
    """The ``popup-client`` executable: :func:`main`, then :func:`quick_exit`."""
    quick_exit(main())


def quick_exit(status: int) -> NoReturn:
    """Exit with ``status`` once the exit handlers have run and the output is flushed, without the teardown.

    A one-shot command is done when :func:`main` returns; freeing every
    module and object it loaded (msgspec, Pillow, logging…) took another
    10-15 ms of a 140 ms ``lint``. The :mod:`atexit` handlers still run
    (logging's flush, :func:`weakref.finalize` clean-ups), then stdout and
    stderr are flushed. The ordinary exit is kept when Qt was loaded (the
    app tears its objects down its own way) or a thread other than this one
    still runs (the interpreter would wait for it).
    """
    threading = sys.modules.get("threading")  # not loaded: no thread was started by it
    if "PySide6.QtCore" in sys.modules or (threading is not None and threading.active_count() > 1):
        sys.exit(status)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None: started without that file descriptor
                stream.flush()
        except (OSError, ValueError):  # a closed pipe, a full disk: exit 120, as the ordinary exit does
            status = status or 120
    os._exit(status)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser (:func:`.commands.build_parser`)."""
    from .commands import build_parser as build

    return build(argv)


__all__ = ["build_parser", "console", "main", "quick_exit"]
