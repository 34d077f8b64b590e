"""The bundled UI font and the theme's fonts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFontDatabase, QFontInfo

from popup_client.ui import fonts, theme as T


def test_bundled_font_loads_once(qapp: Any) -> None:
    assert fonts.load_bundled_font() == fonts.BUNDLED_FAMILY
    assert fonts.load_bundled_font() == fonts.BUNDLED_FAMILY
    assert fonts.BUNDLED_FAMILY in QFontDatabase.families()
    assert set(QFontDatabase.styles(fonts.BUNDLED_FAMILY)) >= {"Regular", "Bold"}


def test_bundled_font_ships_with_its_licence() -> None:
    licence = (fonts.fonts_dir() / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence
    for name in fonts.FONT_FILES:
        assert (fonts.fonts_dir() / name).stat().st_size < 1_000_000, "a subset, not the whole 19 MB font"


def test_missing_font_is_a_clear_error(qapp: Any, tmp_path: Path) -> None:
    with pytest.raises(fonts.FontLoadError, match="missing"):
        fonts._add_font(tmp_path / "nope.otf")  # noqa: SLF001
    broken = tmp_path / "broken.otf"
    broken.write_bytes(b"not a font")
    with pytest.raises(fonts.FontLoadError, match="could not load"):
        fonts._add_font(broken)  # noqa: SLF001


def test_app_font_is_the_bundled_one(qapp: Any) -> None:
    font = T.app_font(13, bold=True)
    assert font.families() == [fonts.BUNDLED_FAMILY] and font.pixelSize() == 13 and font.bold()
    assert QFontInfo(font).family() == fonts.BUNDLED_FAMILY


def test_content_font_ends_with_the_bundled_one(qapp: Any) -> None:
    families = T.content_families()
    assert families[-1] == fonts.BUNDLED_FAMILY and len(families) >= 2
    assert T.content_font(14).pixelSize() == 14


def test_theme_follows_the_caller_or_the_system(qapp: Any) -> None:
    assert T.theme_for(True) is T.DARK and T.theme_for(False) is T.LIGHT
    assert T.theme_for(None) is (T.DARK if T.system_is_dark() else T.LIGHT)
    assert T.LIGHT.badge == T.DARK.badge and T.LIGHT.badge_text == T.DARK.badge_text
