"""Stop PySide6 from keeping the source text of every imported module in memory.

PySide6's ``__feature__`` support (shibokensupport/feature.py, PYSIDE-2029)
asks of every module imported after PySide6 — and, once, of every module
imported before it — whether the module uses PySide6, by calling
``inspect.getsource(module)`` and searching it for "PySide6". ``inspect``
reads the file through :mod:`linecache`, which keeps every line of every
module for the life of the process: about 9 MB of the tray app's idle memory
(175 files, 85 000 lines), for text that is never looked at again.

:func:`install` replaces that test with the same test on the module's file
read as bytes and dropped at once. It must run before PySide6 is first
imported to cover the modules imported before it; importing this module
runs it; what PySide6's own test read while shiboken6 set itself up, before
the replacement could be in place, is dropped from the cache again. Modules
without a ``.py`` file fall back to PySide6's own test.
When PySide6's internals change shape, nothing is replaced (a debug line
says so) and PySide6 behaves as it always did.
"""

from __future__ import annotations

import linecache
import logging
from collections.abc import Callable
from types import ModuleType

log = logging.getLogger(__name__)

MARKER = b"PySide6"
_ATTRIBUTE = "_mod_uses_pyside"


def _file_mentions_pyside(module: ModuleType, fallback: Callable[[ModuleType], bool]) -> bool:
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return fallback(module)
    try:
        with open(path, "rb") as source:
            return MARKER in source.read()
    except OSError:
        return fallback(module)


def install() -> bool:
    """Replace PySide6's source scan with one that keeps nothing; True when it is in place."""
    cached = set(linecache.cache)
    try:
        import shiboken6  # noqa: F401  (sets up shibokensupport)
        from shibokensupport import feature  # type: ignore[import-not-found]
    except ImportError:
        log.debug("shibokensupport.feature is not importable; PySide6's import scan left as it is")
        return False
    finally:  # what PySide6's own scan read while shiboken6 set itself up, before it could be replaced (enum.py: 190 kB)
        for name in set(linecache.cache) - cached:
            linecache.cache.pop(name, None)
    original = getattr(feature, _ATTRIBUTE, None)
    if original is None:
        log.debug("shibokensupport.feature has no %s; PySide6's import scan left as it is", _ATTRIBUTE)
        return False
    if getattr(original, "_popup_client", False):
        return True

    def mod_uses_pyside(module: ModuleType) -> bool:
        return _file_mentions_pyside(module, original)

    mod_uses_pyside._popup_client = True  # type: ignore[attr-defined]
    setattr(feature, _ATTRIBUTE, mod_uses_pyside)
    return True


install()
