"""A real X server for a test: Xvfb on a display number it chose itself, ended afterwards."""

from __future__ import annotations

import os
import select
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def xvfb(*, size: str = "1280x800x24") -> Iterator[str]:
    """``:N`` of a running Xvfb, stopped at the end.

    The server picks a free number and says it once it listens (``-displayfd``):
    choosing one by looking for a free socket raced with other X servers
    starting at the same time, and a test could end up on another's display.
    """
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", size, "-nolisten", "tcp"],
        pass_fds=(write_end,), stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write_end)
    try:
        said = b""
        deadline = time.monotonic() + 20
        while not said.endswith(b"\n"):
            left = deadline - time.monotonic()
            assert left > 0 and server.poll() is None, "Xvfb did not start"
            if select.select([read_end], [], [], left)[0]:
                chunk = os.read(read_end, 64)
                assert chunk, "Xvfb did not start"
                said += chunk
        yield f":{int(said)}"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(timeout=10)
