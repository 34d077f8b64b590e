"""What a Wayland compositor offers, asked once before Qt starts (one roundtrip, bounded)."""

from __future__ import annotations

from .connection import Connection, WaylandError


def offered_globals(display: str, *, timeout: float = 1.0) -> frozenset[str]:
    """The interface names of ``display``'s globals; OSError when it cannot be asked."""
    try:
        connection = Connection.open(display, timeout=timeout)
    except WaylandError as exc:
        raise OSError(str(exc)) from exc
    try:
        return frozenset(connection.globals)
    finally:
        connection.close()
