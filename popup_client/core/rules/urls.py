"""URL and host helpers for the link rules (no network, no IDN surprises)."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import SplitResult, urlsplit

_UNSAFE = re.compile(r"[\s\\]")


@lru_cache(maxsize=512)
def split_url(url: str) -> SplitResult | None:
    """Split a URL, or None if it is malformed (spaces, backslashes, bad port)."""
    if _UNSAFE.search(url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return None
    return parts


@lru_cache(maxsize=512)
def is_https(url: str) -> bool:
    """True for a well-formed https address with a host."""
    parts = split_url(url)
    return parts is not None and parts.scheme.lower() == "https" and bool(parts.hostname)


def ascii_host(host: str) -> str | None:
    """The host in lower-case ASCII (IDNA) form, or None if it cannot be encoded."""
    host = host.rstrip(".").lower()
    if host.isascii():
        return host or None
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return None


@lru_cache(maxsize=512)
def host_of(url: str) -> str | None:
    """The ASCII host of an absolute URL, or None."""
    parts = split_url(url)
    if parts is None or not parts.hostname:
        return None
    return ascii_host(parts.hostname)


def on_domain(host: str, domain: str) -> bool:
    """True when ``host`` is ``domain`` or one of its subdomains (label-wise)."""
    domain = domain.rstrip(".").lower()
    return host == domain or host.endswith("." + domain)
