"""PyInstaller entry point: the `popup-client` command line (run, render, lint, …)."""

import sys

from popup_client.cli import main

if __name__ == "__main__":
    sys.exit(main())
