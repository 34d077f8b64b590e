"""SVG icons are rendered within limits or refused (:mod:`popup_client.transports.dbus.svg`).

The limits: the file size, entities and external references (checked by a
pure-Python parse before Qt sees a byte), cheap static elements only with
``<use>`` expanded, the output size, and a time budget, one render at a time.
"""

from __future__ import annotations

import io
import threading
import time
from typing import Any

import pytest
from PIL import Image

from popup_client.transports.dbus import svg as notify_svg
from popup_client.transports.dbus.svg import MAX_ELEMENTS, SVG_MAX_BYTES, SvgRefused, check_svg, is_svg, render_svg

pytestmark = pytest.mark.timeout(30)

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"


def svg(body: str, *, size: str = 'width="32" height="16"', head: str = "") -> bytes:
    return f'{head}<svg xmlns="{SVG}" xmlns:xlink="{XLINK}" {size}>{body}</svg>'.encode()


def billion_laughs(levels: int = 10) -> bytes:
    """The classic entity bomb: each entity is ten of the one before, 10**levels "lol"s in the end."""
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)]
    doctype = '<?xml version="1.0"?>\n<!DOCTYPE svg [\n' + "\n".join(entities) + "\n]>\n"
    return svg(f"<title>&lol{levels - 1};</title>", head=doctype)


def use_bomb(levels: int = 9) -> bytes:
    """The same with ``<use>``: each group draws the one before ten times."""
    groups = ['<g id="g0"><rect width="1" height="1"/></g>']
    groups += [f'<g id="g{i}">' + f'<use xlink:href="#g{i - 1}"/>' * 10 + "</g>" for i in range(1, levels)]
    return svg("<defs>" + "".join(groups) + f'</defs><use xlink:href="#g{levels - 1}"/>')


def png_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        return image.size


# ------------------------------------------------------------------ what is rendered


def test_an_svg_icon_is_rendered_fitted_into_the_side(qapp: Any) -> None:
    data = render_svg(svg('<rect width="32" height="16" fill="#f00"/>'), 64)
    assert png_size(data) == (64, 32)
    with Image.open(io.BytesIO(data)) as image:
        assert image.convert("RGB").getpixel((32, 16)) == (255, 0, 0)


def test_the_output_never_exceeds_the_maximum_side(qapp: Any) -> None:
    assert png_size(render_svg(svg("<rect width='9' height='9'/>", size='viewBox="0 0 9 9" width="90000" height="90000"'), 4096)) == (256, 256)


def test_an_inkscape_icon_with_its_metadata_gradients_and_clip_paths_is_rendered(qapp: Any) -> None:
    body = """
      <sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" id="base"/>
      <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description/></rdf:RDF></metadata>
      <defs>
        <linearGradient id="a"><stop offset="0" stop-color="#00f"/><stop offset="1" stop-color="#0f0"/></linearGradient>
        <linearGradient id="b" xlink:href="#a" x1="0" x2="1"/>
        <clipPath id="c"><circle cx="8" cy="8" r="8"/></clipPath>
      </defs>
      <style>.x { fill: url(#b); }</style>
      <g clip-path="url(#c)" style="opacity:1"><rect class="x" width="32" height="16"/></g>
    """
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    assert png_size(render_svg(svg(body, head=head), 32)) == (32, 16)


def test_svg_is_recognised_by_its_bytes() -> None:
    assert is_svg(b'\xef\xbb\xbf  <?xml version="1.0"?><svg/>') and is_svg(b"<svg/>") and is_svg(b"<!DOCTYPE svg><svg/>")
    assert not is_svg(b"\x89PNG\r\n\x1a\n") and not is_svg(b"/* XPM */")


# ------------------------------------------------------------------ what is refused, before Qt sees it


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (billion_laughs(), "declares entities"),
        (svg("<title>&xxe;</title>", head='<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'), "declares entities"),
        (svg('<image width="9" height="9" xlink:href="file:///etc/passwd"/>'), "<image> element"),
        (svg('<use xlink:href="/tmp/fifo#x"/>'), "refers to '/tmp/fifo#x'"),
        (svg('<use href="other.svg#x"/>'), "refers to 'other.svg#x'"),
        (svg('<rect width="9" height="9" style="fill:url(/tmp/fifo)"/>'), "refers to '/tmp/fifo'"),
        (svg('<rect width="9" height="9" fill="url( \'file:///dev/zero\' )"/>'), "refers to 'file:///dev/zero'"),
        (svg("<style>@import url(#x); rect { fill: red }</style>"), "@import"),
        (svg("<rect/>", head='<?xml-stylesheet href="/tmp/fifo" type="text/css"?>'), "processing instruction"),
        (svg('<text x="0" y="9">hello</text>'), "<text> element"),
        (svg('<filter id="f"><feGaussianBlur stdDeviation="999"/></filter>'), "<filter> element"),
        (svg('<defs><pattern id="p" width="0.001" height="0.001"/></defs>'), "<pattern> element"),
        (svg('<script>alert(1)</script>'), "<script> element"),
        (svg('<animate attributeName="x"/>'), "<animate> element"),
        (use_bomb(), f"draws more than {MAX_ELEMENTS} elements"),
        (svg('<g id="a"><use xlink:href="#a"/></g>'), "refers to itself"),
        (svg("<rect/>" * (MAX_ELEMENTS + 1)), f"more than {MAX_ELEMENTS} elements"),
        (svg("<g>" * 100 + "</g>" * 100), "nests elements more than"),
        (b"<html><svg/></html>", "starts with <html>, not <svg>"),
        (b'<?xml version="1.0" encoding="ISO-8859-1"?><svg/>', "not encoded in UTF-8"),
        (b"<svg><rect></svg>", "not well-formed XML"),
    ],
    ids=[
        "billion-laughs", "external-entity", "image", "use-of-a-file", "use-of-another-svg", "url-in-style",
        "url-in-fill", "css-import", "xml-stylesheet", "text", "filter", "pattern", "script", "animation",
        "use-bomb", "use-cycle", "too-many-elements", "too-deep", "not-svg", "latin-1", "malformed",
    ],
)  # fmt: skip
def test_hostile_svgs_are_refused_at_once(data: bytes, reason: str) -> None:
    started = time.perf_counter()
    with pytest.raises(SvgRefused, match=reason.replace("(", r"\(")):
        check_svg(data)
    assert time.perf_counter() - started < 0.5


def test_a_huge_svg_is_refused_before_it_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[bytes] = []
    monkeypatch.setattr(notify_svg._Checker, "parse", lambda self, data: parsed.append(data))
    line = b'<rect x="1" y="1" width="50" height="50" fill="red"/>\n'
    huge = b'<svg xmlns="http://www.w3.org/2000/svg">' + line * (SVG_MAX_BYTES // len(line) + 1) + b"</svg>"
    with pytest.raises(SvgRefused, match=f"the limit is {SVG_MAX_BYTES // 1024} KiB"):
        render_svg(huge, 256)
    assert parsed == []


# ------------------------------------------------------------------ the time budget


def test_a_render_past_its_budget_is_refused_and_so_is_the_next_until_it_ends(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    real = notify_svg._render_png

    def slow(data: bytes, side: int) -> bytes:
        release.wait(10)
        return real(data, side)

    monkeypatch.setattr(notify_svg, "_render_png", slow)
    icon = svg('<rect width="32" height="16"/>')
    with pytest.raises(SvgRefused, match="took longer than 0.1 s"):
        render_svg(icon, 32, budget_s=0.1)
    with pytest.raises(SvgRefused, match="an earlier SVG is still being rendered"):
        render_svg(icon, 32, budget_s=0.1)
    release.set()
    assert notify_svg._rendering.acquire(timeout=10)  # the slow render ended…
    notify_svg._rendering.release()
    assert png_size(render_svg(icon, 32)) == (32, 16)  # …and the next one is rendered


def test_rendering_lets_the_other_threads_run(qapp: Any) -> None:
    """Qt's image reader renders without holding the GIL: the Qt thread keeps turning meanwhile."""
    circles = "".join(f'<circle cx="{i % 32}" cy="{i % 16}" r="30" fill="#{i % 200:02x}4080" opacity="0.5"/>' for i in range(3000))
    busy = svg(circles, size='viewBox="0 0 32 16" width="32" height="16"')
    done: list[float] = []

    def work() -> None:
        started = time.perf_counter()
        render_svg(busy, 256, budget_s=30)
        done.append(time.perf_counter() - started)

    worker = threading.Thread(target=work)
    gaps, last = [], time.perf_counter()
    worker.start()
    while worker.is_alive():
        time.sleep(0.002)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    worker.join()
    assert done and done[0] > 0.05, "the render was too quick to tell"
    # Holding the GIL, the render would stop this loop for all its length; a busy machine may pause it briefly.
    assert max(gaps) < max(0.1, done[0] / 2), f"the main thread stood still {max(gaps):.3f} s of the {done[0]:.3f} s render"
