"""The news-source list (rule ``news-source``): a versioned data file.

The shipped list is ``resources/news/news-sources.toml``; the
``news_sources_file`` preference replaces it. See the file's header and
``docs/news-sources.md`` for the format.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import CoreError
from .normalize import normalize_line
from .resources import resources_dir
from .text import QT_TRANSLATE_NOOP

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

log = logging.getLogger(__name__)


#: The version of the empty list that stands in for an unusable one.
UNUSABLE = "unusable"


class NewsSourceError(CoreError):
    """A news-source list file that cannot be used."""


def _fold(name: str) -> str:
    return normalize_line(name).casefold()


@dataclass(frozen=True)
class NewsSource:
    """One listed source and the other names it goes by."""

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class NewsSourceList:
    """A loaded list: its version, where it came from, and a name index."""

    version: str
    title: str
    path: str
    sources: tuple[NewsSource, ...]

    def lookup(self, name: str) -> NewsSource | None:
        """The listed source a payload's ``news.source`` names, if any."""
        return self._index.get(_fold(name))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.lookup(name) is not None

    @property
    def _index(self) -> dict[str, NewsSource]:
        index: dict[str, NewsSource] | None = self.__dict__.get("_index_cache")
        if index is None:
            index = {_fold(n): s for s in self.sources for n in (s.name, *s.aliases)}
            object.__setattr__(self, "_index_cache", index)
        return index


def shipped_list_path() -> Path:
    return resources_dir() / "news" / "news-sources.toml"


def _source(entry: Any, where: str) -> NewsSource:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        raise NewsSourceError(QT_TRANSLATE_NOOP("core", "{file}: every [[source]] needs a non-empty name").format(file=where))
    aliases = entry.get("aliases", [])
    domains = entry.get("domains", [])
    if not all(isinstance(a, str) for a in aliases) or not all(isinstance(d, str) for d in domains):
        raise NewsSourceError(QT_TRANSLATE_NOOP("core", "{file}: aliases and domains must be lists of strings").format(file=where))
    return NewsSource(normalize_line(entry["name"]), tuple(aliases), tuple(domains))


def load_news_sources(path: Path | str | None = None) -> NewsSourceList:
    """Load a list (the shipped one when ``path`` is empty)."""
    file = Path(path) if path else shipped_list_path()
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        text = QT_TRANSLATE_NOOP("core", "cannot read the news-source list {file}: {error}")
        raise NewsSourceError(text.format(file=str(file), error=str(exc.strerror or exc))) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        text = QT_TRANSLATE_NOOP("core", "the news-source list {file} is not valid TOML: {error}")
        raise NewsSourceError(text.format(file=str(file), error=str(exc))) from None
    if data.get("format") != 1:
        text = QT_TRANSLATE_NOOP("core", "{file}: unsupported format {format}; expected format = 1")
        raise NewsSourceError(text.format(file=str(file), format=repr(data.get("format"))))
    version = data.get("version")
    if not isinstance(version, str) or not version:
        raise NewsSourceError(QT_TRANSLATE_NOOP("core", "{file}: needs a version string, e.g. version = \"2026-11-01\"").format(file=str(file)))
    sources = tuple(_source(e, str(file)) for e in data.get("source", []))
    log.debug("loaded news-source list %s version %s (%d sources)", file, version, len(sources))
    return NewsSourceList(version=version, title=str(data.get("title", "")), path=str(file), sources=sources)


def load_for_prefs(news_sources_file: str) -> tuple[NewsSourceList, list[str]]:
    """The list the preference names, with warnings if it is unusable.

    An unusable replacement list is *not* swapped for the shipped one, which
    may be more permissive than what the user or vendor chose: the result is
    an empty list, so every news popup is rejected with a reason naming the
    broken file, until it is fixed or the preference cleared.
    """
    try:
        return load_news_sources(news_sources_file or None), []
    except NewsSourceError as exc:
        warning = QT_TRANSLATE_NOOP("core", "{error}; no news source is accepted until it is fixed").format(error=str(exc))
        log.debug("%s", warning)  # the caller shows the warnings; logging it too said it twice
        empty = NewsSourceList(version=UNUSABLE, title=str(exc), path=news_sources_file, sources=())
        return empty, [warning]
