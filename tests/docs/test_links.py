"""Every relative link in every Markdown file of the repository resolves: the file exists, and so does the #anchor.

Links in fenced code blocks and inline code are not links. An anchor is
checked against the headings of the target Markdown file, slugged as GitHub
slugs them (lower case, punctuation dropped, spaces to hyphens, ``-1`` for a
repeat), or against an explicit ``<a id="…">`` / ``<a name="…">``.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[2]
INLINE = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.M)
FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)
HTML_ANCHOR = re.compile(r"<a\s+(?:id|name)=\"([^\"]+)\"")


def markdown_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.md"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split()  # fmt: skip
    return sorted(ROOT / name for name in listed if (ROOT / name).is_file())


def prose(text: str) -> str:
    """``text`` without its code: fenced blocks and inline code spans."""
    return INLINE_CODE.sub("", FENCE.sub("", text))


def links(text: str) -> list[str]:
    body = prose(text)
    return INLINE.findall(body) + REFERENCE.findall(body)


def slug(heading: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading counts by its text
    text = re.sub(r"<[^>]+>", "", text).replace("`", "").lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    found: set[str] = set(HTML_ANCHOR.findall(text))
    counts: dict[str, int] = {}
    for heading in HEADING.findall(FENCE.sub("", text)):
        base = slug(heading)
        n = counts.get(base, 0)
        counts[base] = n + 1
        found.add(base if n == 0 else f"{base}-{n}")
    return found


def is_external(target: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target)) or target.startswith("//")


def broken_links(doc: Path) -> list[str]:
    problems = []
    for target in links(doc.read_text(encoding="utf-8")):
        if is_external(target):
            continue
        path_part, _, fragment = target.partition("#")
        dest = (doc.parent / unquote(path_part)).resolve() if path_part else doc
        if not dest.exists():
            problems.append(f"{target}: no such file")
        elif ROOT not in dest.parents and dest != ROOT:
            problems.append(f"{target}: outside the repository")
        elif fragment and dest.suffix == ".md" and unquote(fragment) not in anchors(dest):
            problems.append(f"{target}: no heading #{fragment} in {dest.relative_to(ROOT)}")
    return problems


MENTION = re.compile(r"(?<![\w/.:-])((?:[\w-]+/)*[\w-]+\.md)\b")


def missing_mentions(doc: Path) -> list[str]:
    """Markdown files named in the text (``docs/qa.md``, RULES.md) that are not in the repository."""
    names = set(MENTION.findall(FENCE.sub("", doc.read_text(encoding="utf-8"))))
    return sorted(n for n in names if not any((base / n).is_file() for base in (doc.parent, ROOT, ROOT / "docs")))


@pytest.mark.parametrize("doc", markdown_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(doc: Path) -> None:
    assert broken_links(doc) == []


@pytest.mark.parametrize("doc", markdown_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_markdown_file_named_is_in_the_repository(doc: Path) -> None:
    assert missing_mentions(doc) == []


def test_the_checker_finds_a_missing_file_and_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("# Title\n\n## 3. Send it: `now`\n", encoding="utf-8")
    doc = tmp_path / "a.md"
    doc.write_text(
        "[ok](b.md#3-send-it-now) [gone](RULES.md) [bad](b.md#nope) ![img](pic.png) [web](https://x.org/y)\n"
        "`[code](nowhere.md)`\n```sh\n[fenced](nowhere.md)\n```\n[self](#title) [ref]: missing.md\n",
        encoding="utf-8",
    )
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert broken_links(doc) == ["RULES.md: no such file", "b.md#nope: no heading #nope in b.md",
                                     "pic.png: no such file", "#title: no heading #title in a.md"]  # fmt: skip
    finally:
        ROOT = saved
