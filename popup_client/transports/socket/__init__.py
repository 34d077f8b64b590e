"""The local socket door: newline-delimited JSON on a Unix socket or a Windows named pipe.

:mod:`.protocol` (the lines and their limits), :mod:`.path` (where the socket
is), :mod:`.peer` (who is at the other end), :mod:`.gate` (refusing other
users and too many connections), :mod:`.connection` and :mod:`.server` (the
app's side, Qt), :mod:`.client` (a stdlib-only client, for the CLI and the
Python API).
"""
