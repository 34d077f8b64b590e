"""Icon names to icon files, by the freedesktop Icon Theme Specification, in pure Python.

``notify-send -i dialog-information`` names an icon of the user's icon theme.
``QIcon.fromTheme`` would look it up, and open whatever file it found, on the
Qt thread. :class:`IconTheme` finds the file instead, on the image worker of
:mod:`.prepare`, and reads it, and every ``index.theme``, only through
:func:`~popup_client.core.files.safe_read.read_regular_file`: a FIFO, a device or a
huge file planted in an icon folder is refused like any other. An icon name
is a plain name: one with a ``/``, a leading dot or odd characters names
nothing, so a name cannot climb out of the icon folders.

The lookup follows the specification: in the theme, the folders whose size
matches :data:`ICON_SIZE` px at scale 1, else the closest; then in the themes
it inherits, then ``hicolor``; then the fallback folders (``…/icons`` and
``…/pixmaps`` themselves); then the same again for the name without its last
``-part``, and then for the ``-symbolic`` variants of those names, as GTK
does (``dialog-information`` → ``dialog`` → ``dialog-information-symbolic`` →
``dialog-symbolic``; a ``-symbolic`` name tries its symbolic forms first, then
the plain ones), before the caller gives up and draws a letter. PNG comes
before SVG, SVG before XPM. Which folders of a theme exist is read once per
:class:`IconTheme`; the icon files themselves are looked for every time.
"""

from __future__ import annotations

import configparser
import logging
import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ...core.images import ImageProblem
from ...core.files import FileRefused, read_regular_file
from .images import read_image_file

log = logging.getLogger(__name__)

#: The size looked for, in px (the popup shows icons far smaller; the mapping scales them).
ICON_SIZE = 128
EXTENSIONS = ("png", "svg", "xpm")
#: ``index.theme`` files larger than this are not read (hicolor's is about 60 KiB).
MAX_INDEX_BYTES = 1024 * 1024
#: At most this many themes are searched (the theme, what it inherits, hicolor).
MAX_THEMES = 12
FALLBACK_THEME = "hicolor"
#: The suffix of an icon drawn in one colour (the icon naming specification's symbolic icons).
SYMBOLIC = "-symbolic"
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.+@-]{0,199}\Z")


@dataclass(frozen=True)
class _Folder:
    """One folder of a theme (``48x48/apps`` under one base folder) and the sizes it serves."""

    path: str
    size: int
    scale: int = 1
    kind: str = "Threshold"
    min_size: int = 0
    max_size: int = 0
    threshold: int = 2

    def matches(self, size: int) -> bool:
        if self.scale != 1:
            return False
        if self.kind == "Fixed":
            return self.size == size
        if self.kind == "Scalable":
            return self.min_size <= size <= self.max_size
        return self.size - self.threshold <= size <= self.size + self.threshold

    def distance(self, size: int) -> int:
        low, high = self._range()
        if size < low * self.scale:
            return low * self.scale - size
        if size > high * self.scale:
            return size - high * self.scale
        return 0

    def _range(self) -> tuple[int, int]:
        if self.kind == "Fixed":
            return self.size, self.size
        if self.kind == "Scalable":
            return self.min_size, self.max_size
        return self.size - self.threshold, self.size + self.threshold


@dataclass(frozen=True)
class _Theme:
    name: str
    inherits: tuple[str, ...]
    folders: tuple[_Folder, ...]  # the theme's folders that exist, in the order the theme lists them


def base_folders() -> tuple[str, ...]:
    """Where icon themes live: ``~/.icons``, ``$XDG_DATA_HOME/icons``, ``$XDG_DATA_DIRS/icons``."""
    home = os.path.expanduser("~")
    data_home = os.environ.get("XDG_DATA_HOME") or os.path.join(home, ".local", "share")
    data_dirs = [d for d in (os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share").split(":") if d]
    folders = [os.path.join(home, ".icons"), os.path.join(data_home, "icons")]
    folders += [os.path.join(d, "icons") for d in data_dirs]
    folders += [os.path.join(d, "pixmaps") for d in data_dirs]  # fallback icons only: no theme lives there
    return tuple(dict.fromkeys(f for f in folders if os.path.isabs(f)))


def is_icon_name(name: str) -> bool:
    """Whether ``name`` can name an icon: letters, digits and ``_ . + @ -``, not starting with a dot."""
    return _NAME.match(name) is not None


class IconTheme:
    """Icon names to the bytes of their files (an :data:`~.images.IconResolver`); for the image worker.

    ``themes`` are searched in order (each with what it inherits), then
    ``hicolor``. ``folders`` are the base folders (default :func:`base_folders`).
    """

    def __init__(self, themes: Sequence[str] = (), *, folders: Sequence[str] | None = None, size: int = ICON_SIZE) -> None:
        self._names = tuple(dict.fromkeys(t for t in (*themes, FALLBACK_THEME) if t and is_icon_name(t)))
        self._folders = tuple(folders) if folders is not None else base_folders()
        self._size = size
        self._themes: dict[str, _Theme | None] = {}
        self._lock = threading.Lock()

    @classmethod
    def of_desktop(cls) -> IconTheme:
        """The user's icon theme as Qt knows it (call on the Qt thread; nothing is read yet)."""
        from PySide6.QtGui import QGuiApplication, QIcon

        if QGuiApplication.instance() is None:
            return cls()
        themes = (QIcon.themeName(), QIcon.fallbackThemeName())
        extra = [p for p in QIcon.themeSearchPaths() if os.path.isabs(p)]
        return cls(themes, folders=tuple(dict.fromkeys((*base_folders(), *extra))))

    def __call__(self, name: str) -> bytes | None:
        """The bytes of the icon's file, or None if there is no such icon; :class:`ImageProblem` if its file is refused."""
        path = self.find(name)
        return read_image_file(path) if path is not None else None

    def find(self, name: str) -> str | None:
        """The file of the icon ``name`` (for :data:`ICON_SIZE` px), or None."""
        if not is_icon_name(name):
            raise ImageProblem("is neither an absolute path, a file:// URI nor an icon name")
        for candidate in fallback_names(name):
            path = self._find_exactly(candidate)
            if path is not None:
                return path
        return None

    def _find_exactly(self, name: str) -> str | None:
        for theme in self._search_order():
            path = self._lookup(theme, name)
            if path is not None:
                return path
        for folder in self._folders:
            path = _existing(folder, name)
            if path is not None:
                return path
        return None

    def _lookup(self, theme: _Theme, name: str) -> str | None:
        closest: tuple[int, str] | None = None
        for folder in theme.folders:
            path = _existing(folder.path, name)
            if path is None:
                continue
            if folder.matches(self._size):
                return path
            distance = folder.distance(self._size)
            if closest is None or distance < closest[0]:
                closest = (distance, path)
        return closest[1] if closest is not None else None

    def _search_order(self) -> Iterator[_Theme]:
        """The themes, each followed by what it inherits (depth first), hicolor last; each once."""
        seen: set[str] = set()
        pending = [n for n in self._names if n != FALLBACK_THEME]
        pending.reverse()
        while pending and len(seen) < MAX_THEMES:
            name = pending.pop()
            if name in seen:
                continue
            seen.add(name)
            theme = self._theme(name)
            if theme is not None:
                yield theme
                pending.extend(reversed([n for n in theme.inherits if n != FALLBACK_THEME]))
        fallback = self._theme(FALLBACK_THEME)
        if fallback is not None:
            yield fallback

    def _theme(self, name: str) -> _Theme | None:
        with self._lock:
            if name not in self._themes:
                self._themes[name] = _load_theme(name, self._folders)
            return self._themes[name]


def fallback_names(name: str) -> list[str]:
    """Every name looked up for ``name``, in order: its shorter forms, then their ``-symbolic`` twins.

    ``dialog-information`` gives ``dialog-information``, ``dialog``,
    ``dialog-information-symbolic``, ``dialog-symbolic``; a name ending in
    ``-symbolic`` gives the symbolic forms first.
    """
    base = name.removesuffix(SYMBOLIC) or name
    plain = list(_shorter_names(base))
    symbolic = [candidate + SYMBOLIC for candidate in plain]
    ordered = symbolic + plain if base != name else plain + symbolic
    return list(dict.fromkeys(ordered))


def _shorter_names(name: str) -> Iterator[str]:
    """``a-b-c``, ``a-b``, ``a``: the specification's fallback names."""
    while name:
        yield name
        name = name.rpartition("-")[0]


def _existing(folder: str, name: str) -> str | None:
    for ext in EXTENSIONS:
        path = os.path.join(folder, f"{name}.{ext}")
        if os.path.isfile(path):  # a stat, which never waits on what it finds; the read checks again
            return path
    return None


def _load_theme(name: str, folders: Iterable[str]) -> _Theme | None:
    """The theme's ``index.theme`` (the first found) and its folders that exist, or None."""
    if not is_icon_name(name):
        return None
    homes = [os.path.join(base, name) for base in folders]
    for home in homes:
        index = os.path.join(home, "index.theme")
        if not os.path.exists(index):
            continue
        try:
            parser = _parse_index(read_regular_file(index, limit=MAX_INDEX_BYTES).decode("utf-8"))
        except (FileRefused, configparser.Error, UnicodeDecodeError) as exc:
            log.warning("icon theme %s: %s not used: %s", name, index, exc)
            return None
        return _theme_of(name, parser, homes)
    return None


def _parse_index(text: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False, delimiters=("=",), comment_prefixes=("#",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(text)
    return parser


def _theme_of(name: str, parser: configparser.ConfigParser, homes: Sequence[str]) -> _Theme:
    main = parser["Icon Theme"] if parser.has_section("Icon Theme") else {}
    inherits = tuple(n.strip() for n in main.get("Inherits", "").split(",") if n.strip())
    subdirs = [d.strip() for d in f"{main.get('Directories', '')},{main.get('ScaledDirectories', '')}".split(",") if d.strip()]
    folders: list[_Folder] = []
    for subdir in dict.fromkeys(subdirs):
        if not parser.has_section(subdir) or subdir.startswith("/") or ".." in subdir.split("/"):
            continue
        for home in homes:
            path = os.path.join(home, subdir)
            folder = _folder_of(path, parser[subdir]) if os.path.isdir(path) else None
            if folder is not None:
                folders.append(folder)
    return _Theme(name, inherits, tuple(folders))


def _folder_of(path: str, section: configparser.SectionProxy) -> _Folder | None:
    try:
        size = int(section.get("Size", "0"))
        return _Folder(
            path,
            size,
            scale=int(section.get("Scale", "1")),
            kind=section.get("Type", "Threshold"),
            min_size=int(section.get("MinSize", str(size))),
            max_size=int(section.get("MaxSize", str(size))),
            threshold=int(section.get("Threshold", "2")),
        )
    except ValueError:
        return None
