"""What every command prints the same way: exit statuses, JSON, errors and warnings on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

#: Exit statuses: done; failed or refused; bad usage or input; the app is not running.
EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_NOT_RUNNING = 0, 1, 2, 3


def print_json(value: Any) -> None:
    """``value`` as indented JSON on stdout, Chinese as it is (anything else JSON lacks as its ``str``)."""
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def error(message: object) -> None:
    """``popup-client: error: …`` on stderr."""
    print(f"popup-client: error: {message}", file=sys.stderr)


def warn(messages: Iterable[str]) -> None:
    """``popup-client: warning: …`` on stderr, one line each."""
    for message in messages:
        print(f"popup-client: warning: {message}", file=sys.stderr)
