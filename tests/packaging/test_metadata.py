"""Desktop entry, autostart entry, AppStream metadata, D-Bus service files, icons, Info.plist."""

from __future__ import annotations

import configparser
import plistlib
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"


def _desktop(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.mark.parametrize("name", ["io.github.popup_client.desktop", "popup-client-autostart.desktop"])
def test_desktop_entries(name: str) -> None:
    entry = _desktop(LINUX / name)
    assert entry["Type"] == "Application" and entry["Exec"].split()[0] == "popup-client-gui"
    assert entry["Icon"] == "io.github.popup_client" and entry["Name[zh_CN]"]
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(LINUX / name)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_appstream_metadata() -> None:
    path = LINUX / "io.github.popup_client.metainfo.xml"
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    assert root.findtext("id") == "io.github.popup_client"
    assert root.find("launchable").text == "io.github.popup_client.desktop"  # type: ignore[union-attr]
    if shutil.which("appstreamcli"):
        result = subprocess.run(["appstreamcli", "validate", "--no-net", "--pedantic", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_icons() -> None:
    icons = ROOT / "resources" / "icons"
    assert (icons / "io.github.popup_client.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
    from PIL import Image

    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(icons / f"popup-client-{size}.png") as image:
            assert image.size == (size, size) and image.mode == "RGBA"


def test_dbus_service_files_point_at_the_app() -> None:
    for path in (ROOT / "packaging" / "dbus").glob("*.service"):
        text = path.read_text(encoding="utf-8")
        assert "[D-BUS Service]" in text and "Exec=" in text and "popup-client" in text


def test_macos_info_plist_is_a_tray_only_app() -> None:
    with (ROOT / "packaging" / "macos" / "Info.plist").open("rb") as handle:
        plist = plistlib.load(handle)
    assert plist["LSUIElement"] is True and plist["CFBundleIdentifier"]


def test_wheel_ships_resources_and_entry_points(tmp_path: Path) -> None:
    import sys
    import zipfile

    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    wheel = next(tmp_path.glob("popup_client-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    data = [n for n in names if ".data/data/share/popup-client/resources/" in n]
    for needed in ("news/news-sources.toml", "schema/popup-1.schema.json", "fonts/PopupUI-Regular.otf", "examples/valid-ad.json"):
        assert any(n.endswith(needed) for n in data), needed
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "popup-client = popup_client.cli:console" in entry_points and "popup-client-gui" in entry_points


def test_the_app_names_itself_after_its_desktop_file() -> None:
    """Compositors and window managers match windows to the desktop file by the Wayland app_id / X11 class instance."""
    from popup_client.app import _qt_arguments
    from popup_client.platform import DESKTOP_ID

    assert (LINUX / f"{DESKTOP_ID}.desktop").is_file()
    assert _qt_arguments()[1:] == ["-name", DESKTOP_ID], "the X11 WM_CLASS instance"
    assert (ROOT / "packaging" / "linux" / f"{DESKTOP_ID}.metainfo.xml").read_text(encoding="utf-8").count(f"{DESKTOP_ID}.desktop")
