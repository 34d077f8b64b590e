"""Icon names are looked up in the icon theme's folders, in pure Python (:mod:`popup_client.transports.dbus.icon_theme`).

The lookup follows the freedesktop specification (size match, closest,
inherited themes, hicolor, fallback folders, shorter names), and every file it
reads goes through the safe reader: a FIFO, a device or a huge file planted
among the icons, or as an ``index.theme``, costs nothing and is never waited on.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from popup_client.core.images import ImageProblem
from popup_client.transports.dbus.icon_theme import IconTheme, fallback_names, is_icon_name
from popup_client.transports.dbus.images import MAX_FILE_BYTES
from tests.helpers.images import png_bytes

pytestmark = pytest.mark.timeout(10)


def index(folder: Path, *, inherits: str = "", **dirs: str) -> None:
    """An ``index.theme`` for ``folder``: each keyword is a folder (``s16`` → ``16x16/apps``) and its section."""
    folder.mkdir(parents=True, exist_ok=True)
    names = {key: value.split("\n", 1)[0] for key, value in dirs.items()}
    sections = "".join(f"\n[{names[key]}]\n{value.split(chr(10), 1)[1]}\n" for key, value in dirs.items())
    head = f"[Icon Theme]\nName={folder.name}\nInherits={inherits}\nDirectories={','.join(names.values())}\n"
    (folder / "index.theme").write_text(head + sections, encoding="utf-8")


def icon(path: Path, data: bytes | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if data is not None else png_bytes(4, 4))
    return path


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """Two base folders like ``~/.local/share/icons`` and ``/usr/share/icons``: a theme "Mine" over hicolor."""
    root = tmp_path / "share" / "icons"
    index(
        root / "Mine",
        inherits="Parent",
        s16="16x16/apps\nSize=16\nType=Fixed",
        s48="48x48/apps\nSize=48\nType=Fixed",
        scalable="scalable/apps\nSize=16\nMinSize=8\nMaxSize=512\nType=Scalable",
        evil="../../outside\nSize=128\nType=Fixed",
    )
    index(root / "Parent", s128="128x128/apps\nSize=128\nType=Threshold")
    index(root / "hicolor", s128="128x128/apps\nSize=128\nType=Threshold")
    return root


def theme(base: Path, *extra: Path) -> IconTheme:
    return IconTheme(["Mine"], folders=[str(base), *map(str, extra)])


def test_the_matching_size_comes_first_then_the_closest(base: Path) -> None:
    icon(base / "Mine" / "16x16" / "apps" / "mail.png")
    icon(base / "Mine" / "48x48" / "apps" / "mail.png")
    assert theme(base).find("mail") == str(base / "Mine" / "48x48" / "apps" / "mail.png")
    svg = icon(base / "Mine" / "scalable" / "apps" / "mail.svg", b"<svg/>")
    assert theme(base).find("mail") == str(svg)  # scalable 8…512 matches 128


def test_inherited_themes_then_hicolor_then_the_fallback_folders(base: Path, tmp_path: Path) -> None:
    pixmaps = tmp_path / "share" / "pixmaps"
    parent = icon(base / "Parent" / "128x128" / "apps" / "a.png")
    hicolor = icon(base / "hicolor" / "128x128" / "apps" / "b.png")
    fallback = icon(pixmaps / "c.xpm", b"/* XPM */")
    found = theme(base, pixmaps)
    assert (found.find("a"), found.find("b"), found.find("c")) == (str(parent), str(hicolor), str(fallback))
    assert found.find("d") is None


def test_a_name_falls_back_to_its_shorter_forms(base: Path) -> None:
    path = icon(base / "hicolor" / "128x128" / "apps" / "dialog-information.png")
    assert theme(base).find("dialog-information-symbolic-rtl") == str(path)


def test_a_theme_with_only_the_symbolic_icon_still_gives_an_icon(base: Path) -> None:
    """``notify-send -i dialog-information`` on a theme that ships only ``dialog-information-symbolic``."""
    path = icon(base / "Mine" / "scalable" / "apps" / "dialog-information-symbolic.svg", b"<svg/>")
    assert theme(base).find("dialog-information") == str(path)


def test_shorter_names_come_before_symbolic_variants_and_the_shortest_symbolic_one_is_tried(base: Path) -> None:
    dialog = icon(base / "hicolor" / "128x128" / "apps" / "dialog.png")
    assert theme(base).find("dialog-information") == str(dialog)  # the plain shorter name wins over a symbolic variant
    dialog.unlink()
    symbolic = icon(base / "hicolor" / "128x128" / "apps" / "dialog-symbolic.png")
    assert theme(base).find("dialog-information") == str(symbolic)
    assert theme(base).find("dialog-information-symbolic") == str(symbolic)


def test_a_symbolic_name_prefers_symbolic_forms_then_plain_ones(base: Path) -> None:
    assert fallback_names("dialog-information") == ["dialog-information", "dialog", "dialog-information-symbolic", "dialog-symbolic"]
    assert fallback_names("dialog-information-symbolic") == ["dialog-information-symbolic", "dialog-symbolic", "dialog-information", "dialog"]
    plain = icon(base / "hicolor" / "128x128" / "apps" / "dialog-information.png")
    assert theme(base).find("dialog-information-symbolic") == str(plain)


def test_symbolic_fallbacks_get_the_same_safe_file_checks(base: Path) -> None:
    apps = base / "hicolor" / "128x128" / "apps"
    apps.mkdir(parents=True)
    os.mkfifo(apps / "trap-symbolic.png")
    (apps / "zero-symbolic.png").symlink_to("/dev/zero")
    with (apps / "huge-symbolic.png").open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)
    found = theme(base)
    assert found("trap") is None and found("zero") is None
    with pytest.raises(ImageProblem, match="more than the 8 MiB limit"):
        found("huge")


def test_the_resolver_reads_the_file(base: Path) -> None:
    data = png_bytes(5, 5)
    icon(base / "hicolor" / "128x128" / "apps" / "app.png", data)
    assert theme(base)("app") == data
    assert theme(base)("nothing-like-it") is None


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", ".hidden", "a/b", "", "x" * 300, "名字", "a\0b"])
def test_only_plain_names_are_looked_up(base: Path, name: str) -> None:
    assert not is_icon_name(name)
    with pytest.raises(ImageProblem, match="neither an absolute path, a file:// URI nor an icon name"):
        theme(base).find(name)


def test_a_folder_outside_the_theme_is_never_searched(base: Path) -> None:
    outside = icon(base / "Mine" / ".." / ".." / "outside" / "x.png")  # what "../../outside" in index.theme names
    assert outside.exists() and theme(base).find("x") is None


def test_fifos_devices_and_huge_files_among_the_icons_are_never_waited_on(base: Path) -> None:
    apps = base / "hicolor" / "128x128" / "apps"
    apps.mkdir(parents=True)
    os.mkfifo(apps / "trap.png")
    (apps / "zero.png").symlink_to("/dev/zero")
    (apps / "loop.png").symlink_to(apps / "loop.png")
    with (apps / "huge.png").open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)
    found = theme(base)
    assert found("trap") is None and found("zero") is None and found("loop") is None
    with pytest.raises(ImageProblem, match="more than the 8 MiB limit"):
        found("huge")


def test_an_index_theme_that_is_a_fifo_is_not_waited_on(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = tmp_path / "icons"
    (root / "Trap").mkdir(parents=True)
    os.mkfifo(root / "Trap" / "index.theme")
    index(root / "hicolor", s128="128x128/apps\nSize=128\nType=Threshold")
    path = icon(root / "hicolor" / "128x128" / "apps" / "a.png")
    assert IconTheme(["Trap"], folders=[str(root)]).find("a") == str(path)
    assert "is a FIFO, not a regular file" in caplog.text


def test_the_desktop_theme_always_ends_with_hicolor(qapp: object) -> None:
    resolver = IconTheme.of_desktop()
    assert resolver._names[-1] == "hicolor"
