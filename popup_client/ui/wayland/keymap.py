"""Which keys of the compositor's keymap a popup reads: Escape, Tab, Enter, Space and Shift. No Qt.

A Wayland keyboard sends key codes of the keymap it announced (XKB text);
a physical keyboard's keymap gives the evdev codes (Tab is 15 on every
layout), but a virtual keyboard (wtype, an on-screen keyboard, a
remote-desktop client) may number its keys as it likes. :func:`key_codes`
reads the keymap just enough to know which of its codes are the keys a
popup reads — no XKB compiler needed — and maps them to their evdev codes.
"""

from __future__ import annotations

import re

#: The keysyms a popup reads → their evdev codes (:mod:`.seat`).
WANTED = {"Escape": 1, "Tab": 15, "ISO_Left_Tab": 15, "Return": 28, "KP_Enter": 96, "space": 57,
          "Shift_L": 42, "Shift_R": 54}  # fmt: skip
#: XKB key codes are evdev codes plus 8.
XKB_OFFSET = 8
MAX_KEYMAP_BYTES = 1024 * 1024

_HEADER = re.compile(r"\bxkb_(keycodes|types|compatibility|compat|symbols|geometry)\b")
_KEYCODE = re.compile(r"<(?P<name>[^>]+)>\s*=\s*(?P<code>\d+)\s*;")
_KEY = re.compile(r"\bkey\s+<(?P<name>[^>]+)>\s*\{(?P<body>[^}]*)\}")
_FIRST_SYM = re.compile(r"(?:\A|=)\s*\[\s*(?P<sym>[A-Za-z0-9_]+)")  # "{[ Tab" or "symbols[Group1]= [ Tab"


def _section(text: str, name: str) -> str:
    """The text of one section: from its header to the next section's (or the end)."""
    headers = list(_HEADER.finditer(text))
    for index, header in enumerate(headers):
        if header.group(1) == name:
            end = headers[index + 1].start() if index + 1 < len(headers) else len(text)
            return text[header.end() : end]
    return ""


def key_codes(text: str) -> dict[int, int]:
    """The keymap's code (evdev numbering) of each key a popup reads → that key's evdev code; {} if none found."""
    names = {m.group("name"): int(m.group("code")) for m in _KEYCODE.finditer(_section(text, "keycodes"))}
    found: dict[int, int] = {}
    for key in _KEY.finditer(_section(text, "symbols")):
        sym = _FIRST_SYM.search(key.group("body"))
        code = names.get(key.group("name"))
        if sym is not None and code is not None and sym.group("sym") in WANTED:
            found.setdefault(code - XKB_OFFSET, WANTED[sym.group("sym")])
    return found
