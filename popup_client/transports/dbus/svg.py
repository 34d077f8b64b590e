"""SVG icons and images of notifications: rendered within limits, or refused.

An SVG names an icon in most icon themes, so it is rendered rather than
refused, but only within limits, because its bytes may come from anyone:

- **file size**: at most :data:`SVG_MAX_BYTES` (the payload's image limit),
  checked before anything is parsed;
- **no entities, no external anything**: the document is parsed first with
  expat, in pure Python, and refused if it declares entities (an entity
  bomb needs them), has processing instructions (``xml-stylesheet``), or
  refers to anything but an element of its own (``href`` other than
  ``#id``, ``url(…)`` other than ``url(#id)``, ``@import``): Qt's SVG
  renderer would otherwise load the files an ``<image>`` names;
- **only cheap, static elements**: images, text and fonts, filters, masks,
  patterns, markers, scripts and animations are refused; at most
  :data:`MAX_ELEMENTS` elements once every ``<use>`` and ``clip-path`` is
  expanded (a ``<use>`` bomb is refused like an entity bomb), nested at most
  :data:`MAX_DEPTH` deep;
- **output size**: rendered into at most :data:`MAX_SIDE` px square, under
  an allocation limit;
- **time**: rendered on a thread of its own (Qt's image reader, which lets
  other threads run), waited for at most :data:`RENDER_BUDGET_S`; past it,
  the SVG is refused and, until that render has ended, so is every other
  SVG (one at a time, so a slow SVG costs at most one core for a while).

It runs where the notification's images are mapped (the image worker of
:mod:`.prepare`), never on the Qt thread. Qt is imported only to render.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from xml.parsers import expat

from ...core.images import ImageProblem
from ...core.payload import IMAGE_MAX_BYTES

#: SVG files larger than this are refused unread (the payload's image limit).
SVG_MAX_BYTES = IMAGE_MAX_BYTES
#: Elements an SVG may draw, with every ``<use>`` and ``clip-path`` reference expanded.
MAX_ELEMENTS = 4000
#: Elements nested (and references followed) at most this deep.
MAX_DEPTH = 64
#: An SVG is rendered into at most this square (device pixels).
MAX_SIDE = 256
#: How long a render is waited for.
RENDER_BUDGET_S = 2.0
#: Qt's image reader may allocate at most this much for one render.
ALLOCATION_LIMIT_MB = 16

#: Elements (local names, whatever their namespace) that load, run, animate or render expensively.
REFUSED_ELEMENTS = frozenset(
    {
        "image", "foreignObject", "script", "iframe", "video", "audio", "canvas", "animation", "handler",
        "listener", "prefetch", "discard", "cursor", "color-profile", "filter", "mask", "pattern", "marker",
        "text", "tspan", "textPath", "textArea", "tref", "tbreak", "altGlyph", "altGlyphDef", "altGlyphItem",
        "glyphRef", "font", "font-face", "font-face-src", "font-face-uri", "font-face-format",
        "font-face-name", "glyph", "missing-glyph", "hkern", "vkern", "set", "mpath", "view",
    }
)  # fmt: skip
_REFUSED_PREFIXES = ("fe", "animate")  # filter primitives, animations
_XML_START = re.compile(rb"^(\xef\xbb\xbf)?\s*<")
_ENCODING = re.compile(rb"^(\xef\xbb\xbf)?\s*<\?xml[^>]*\bencoding\s*=\s*[\"']([^\"']*)[\"']")
_URL = re.compile(r"url\(\s*(['\"]?)\s*([^)'\"]*?)\s*\1\s*\)", re.I)
_CLIP_IN_STYLE = re.compile(r"clip-path\s*:\s*url\(\s*['\"]?\s*#([^)'\"\s]+)", re.I)


class SvgRefused(ImageProblem):
    """An SVG outside the limits, or one that could not be rendered in time."""


def is_svg(data: bytes) -> bool:
    """Whether ``data`` is to be read as an SVG: it starts like XML (no raster format does), whatever its name."""
    return _XML_START.match(data[:1024]) is not None


# ------------------------------------------------------------------ the check, before Qt sees anything


@dataclass
class _Node:
    """One element: what it contains and what it refers to (``<use>``, ``clip-path``)."""

    local: str
    children: list[int] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)


class _Checker:
    """Parses an SVG with expat and refuses what :func:`check_svg` says, at the first offence."""

    def __init__(self) -> None:
        self.nodes: list[_Node] = []
        self.ids: dict[str, int] = {}
        self.open: list[int] = []
        self.in_style = 0

    def parse(self, data: bytes) -> None:
        parser = expat.ParserCreate(encoding="utf-8", namespace_separator=" ")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._entity
        parser.ProcessingInstructionHandler = self._instruction
        parser.ExternalEntityRefHandler = self._external
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        try:
            parser.Parse(data, True)
        except expat.ExpatError as exc:
            raise SvgRefused(f"is not well-formed XML ({expat.errors.messages[exc.code]}, line {exc.lineno})") from None

    def _doctype(self, name: str, system_id: str | None, public_id: str | None, has_internal_subset: int) -> None:
        if has_internal_subset:
            raise SvgRefused("declares entities or other DTD definitions (an SVG needs none)")

    def _entity(self, *args: object) -> None:
        raise SvgRefused("declares entities (an SVG needs none)")

    def _instruction(self, target: str, data: str) -> None:
        raise SvgRefused(f"has a processing instruction <?{target[:40]}?> (an SVG needs none)")

    def _external(self, *args: object) -> int:
        raise SvgRefused("refers to an external entity")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        if not self.nodes and local != "svg":
            raise SvgRefused(f"starts with <{local[:40]}>, not <svg>")
        if local in REFUSED_ELEMENTS or local.startswith(_REFUSED_PREFIXES):
            raise SvgRefused(f"has a <{local}> element; SVG icons may only draw shapes, gradients and clip paths")
        if len(self.nodes) >= MAX_ELEMENTS:
            raise SvgRefused(f"has more than {MAX_ELEMENTS} elements")
        if len(self.open) >= MAX_DEPTH:
            raise SvgRefused(f"nests elements more than {MAX_DEPTH} deep")
        node = _Node(local)
        for key, value in attributes.items():
            self._attribute(node, key.rsplit(" ", 1)[-1], value)
        index = len(self.nodes)
        self.nodes.append(node)
        if self.open:
            self.nodes[self.open[-1]].children.append(index)
        self.open.append(index)
        if local == "style":
            self.in_style += 1

    def _attribute(self, node: _Node, key: str, value: str) -> None:
        if key == "id":
            self.ids.setdefault(value, len(self.nodes))
        elif key == "href":
            target = value.strip()
            if not target.startswith("#"):
                raise SvgRefused(f"refers to {target[:80]!r}; an SVG icon may only refer to its own elements")
            if node.local == "use":
                node.refs.append(target[1:])
        elif key == "clip-path":
            node.refs.extend(_local_urls(value))
        elif key == "style":
            node.refs.extend(_CLIP_IN_STYLE.findall(value))
        _check_text(value)

    def _end(self, name: str) -> None:
        index = self.open.pop()
        if self.nodes[index].local == "style":
            self.in_style -= 1

    def _text(self, data: str) -> None:
        if self.in_style:
            _check_text(data)

    def drawn(self) -> int:
        """How many elements are drawn once every reference is expanded; :class:`SvgRefused` past the limit."""
        memo: dict[int, int] = {}
        return self._expanded(0, memo, set(), 0)

    def _expanded(self, index: int, memo: dict[int, int], visiting: set[int], depth: int) -> int:
        if index in memo:
            return memo[index]
        if index in visiting:
            raise SvgRefused("has an element that refers to itself")
        if depth > MAX_DEPTH:
            raise SvgRefused(f"nests references more than {MAX_DEPTH} deep")
        visiting.add(index)
        node = self.nodes[index]
        total = 1
        targets = [self.ids[ref] for ref in node.refs if ref in self.ids]
        for child in [*node.children, *targets]:
            total += self._expanded(child, memo, visiting, depth + 1)
            if total > MAX_ELEMENTS:
                raise SvgRefused(f"draws more than {MAX_ELEMENTS} elements once its <use> references are expanded")
        visiting.discard(index)
        memo[index] = total
        return total


def _local_urls(value: str) -> list[str]:
    return [target[1:] for _quote, target in _URL.findall(value) if target.startswith("#")]


def _check_text(value: str) -> None:
    """Refuse a ``url(…)`` that is not ``url(#id)``, and CSS that loads something."""
    lowered = value.lower()
    if "url(" in lowered:
        for _quote, target in _URL.findall(value):
            if not target.startswith("#"):
                raise SvgRefused(f"refers to {target[:80]!r}; an SVG icon may only refer to its own elements")
        if lowered.count("url(") != len(_URL.findall(value)):
            raise SvgRefused("has a url(…) that cannot be read")
    if "@import" in lowered or "@font-face" in lowered:
        raise SvgRefused("has CSS that loads something (@import, @font-face)")


def check_svg(data: bytes) -> None:
    """Refuse an SVG outside the limits of this module (everything but the time); Qt is not involved."""
    if len(data) > SVG_MAX_BYTES:
        raise SvgRefused(f"is an SVG of {len(data) // 1024} KiB; the limit is {SVG_MAX_BYTES // 1024} KiB")
    declared = _ENCODING.match(data[:200])
    if declared is not None and declared.group(2).lower() not in (b"utf-8", b"utf8", b"us-ascii", b"ascii"):
        raise SvgRefused("is not encoded in UTF-8")
    checker = _Checker()
    checker.parse(data)
    if not checker.nodes:
        raise SvgRefused("has no <svg> element")
    checker.drawn()


# ------------------------------------------------------------------ the render, on a thread of its own, in time


_rendering = threading.Semaphore(1)


@dataclass(eq=False)
class _Render:
    data: bytes
    side: int
    done: threading.Event = field(default_factory=threading.Event)
    png: bytes | None = None
    error: ImageProblem | None = None

    def run(self) -> None:
        try:
            self.png = _render_png(self.data, self.side)
        except ImageProblem as exc:
            self.error = exc
        except Exception as exc:  # whatever Qt raised: the SVG is refused, the app goes on
            self.error = SvgRefused(f"cannot be rendered ({exc})")
        finally:
            _rendering.release()
            self.done.set()


def render_svg(data: bytes, side: int, budget_s: float = RENDER_BUDGET_S) -> bytes:
    """PNG bytes of the SVG ``data`` fitted into ``side`` (at most :data:`MAX_SIDE`) px; :class:`SvgRefused` if not."""
    check_svg(data)
    if not _rendering.acquire(blocking=False):
        raise SvgRefused("was not rendered: an earlier SVG is still being rendered")
    job = _Render(data, max(1, min(side, MAX_SIDE)))
    threading.Thread(target=job.run, name="popup-client-svg", daemon=True).start()
    if not job.done.wait(budget_s):
        raise SvgRefused(f"took longer than {budget_s:g} s to render")
    if job.error is not None:
        raise job.error
    assert job.png is not None
    return job.png


def _render_png(data: bytes, side: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
    from PySide6.QtGui import QGuiApplication, QImageReader

    if QGuiApplication.instance() is None:
        raise SvgRefused("cannot be rendered without the app running")
    source = QBuffer()
    source.setData(QByteArray(data))
    source.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(source, b"svg")
    reader.setDecideFormatFromContent(False)
    reader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    size = reader.size()
    box = QSize(side, side)
    target = size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio) if size.isValid() and not size.isEmpty() else box
    reader.setScaledSize(QSize(max(1, target.width()), max(1, target.height())))
    image = reader.read()
    if image.isNull():
        raise SvgRefused(f"cannot be rendered ({reader.errorString()})")
    out = QBuffer()
    out.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(out, "PNG")
    return bytes(out.data().data())
