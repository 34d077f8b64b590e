"""Text normalization applied before any check and any display (PAYLOAD.md).

NFC; C0/C1 controls stripped (newline kept in multi-line fields); bidi
controls and zero-width characters stripped; runs of white space collapsed in
single-line fields.
"""

from __future__ import annotations

import re
import unicodedata

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)])

_STRIP_SINGLE = str.maketrans("", "", _BIDI + _ZERO_WIDTH + _CONTROLS)
_STRIP_MULTI = str.maketrans("", "", _BIDI + _ZERO_WIDTH + _CONTROLS.replace("\n", "").replace("\t", ""))
_LINE_BREAKS = str.maketrans("\t\n\r\v\f\x85\u2028\u2029", "        ")
_SPACE_RUN = re.compile(r"\s+")
_LINE_SPACE_RUN = re.compile(r"[^\S\n]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def _remove_surrogates(text: str) -> str:
    return "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)


def normalize_line(text: str) -> str:
    """Normalize a single-line field: no controls, white space collapsed, trimmed."""
    text = unicodedata.normalize("NFC", _remove_surrogates(text)).translate(_LINE_BREAKS)
    text = text.translate(_STRIP_SINGLE)
    return _SPACE_RUN.sub(" ", text).strip()


def normalize_multiline(text: str) -> str:
    """Normalize a multi-line field (``body``): newlines kept, other controls gone."""
    text = _remove_surrogates(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = unicodedata.normalize("NFC", text).translate(_STRIP_MULTI)
    lines = [_LINE_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()
