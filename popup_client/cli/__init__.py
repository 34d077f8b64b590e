"""The command line, ``popup-client COMMAND``: one package, one module a group of commands.

:mod:`.main` builds the parser and runs the core commands; :mod:`.run`,
:mod:`.check`, :mod:`.send` and :mod:`.ctl` add theirs; :mod:`.output`
prints the same way for all.
"""

from __future__ import annotations

from .main import build_parser, main

__all__ = ["build_parser", "main"]
