"""Text normalization applied before any check and any display (docs/payload.md).

NFC; C0/C1 controls stripped (newline kept in multi-line fields); bidi
controls and zero-width characters stripped; runs of white space collapsed in
single-line fields. Lone surrogates (possible in JSON escapes) are dropped.
"""

from __future__ import annotations

import re
import unicodedata

_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
_ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"
# C0 and C1 controls except the white-space ones (tab, LF, VT, FF, CR, NEL),
# which become spaces or line breaks instead of vanishing.
_CONTROLS = "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"

_INVISIBLE = re.compile(f"[{_BIDI}{_ZERO_WIDTH}{_CONTROLS}]")
_SPACE_RUN = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"\r\n?|[\v\f\x85\u2028\u2029]")
_LINE_SPACE_RUN = re.compile(r"[^\S\n]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def _clean(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # only lone surrogates fail to encode
        text = "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _INVISIBLE.sub("", text)


# The shortcut of both: a printable text has no controls, no line breaks, no bidi or zero-width characters,
# no lone surrogates (all of them "Other") and no white space but the ASCII space; one that is composed
# already and has no double space is only trimmed. (Written out in each: it runs for every text field.)


def normalize_line(text: str) -> str:
    """Normalize a single-line field: no controls, white space collapsed, trimmed."""
    if text.isprintable() and "  " not in text and (text.isascii() or unicodedata.is_normalized("NFC", text)):
        return text.strip()
    return _SPACE_RUN.sub(" ", _clean(text)).strip()


def normalize_multiline(text: str) -> str:
    """Normalize a multi-line field (``body``): newlines kept, other controls gone."""
    if text.isprintable() and "  " not in text and (text.isascii() or unicodedata.is_normalized("NFC", text)):
        return text.strip()
    text = _LINE_BREAK.sub("\n", _clean(text))
    lines = [_LINE_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()
