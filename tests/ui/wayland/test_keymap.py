"""The keys a popup reads, found in the compositor's keymap: a full layout's, and a virtual keyboard's own numbering."""

from __future__ import annotations

from popup_client.ui.wayland.keymap import key_codes
from popup_client.ui.wayland.seat import KEY_ENTER, KEY_ESC, KEY_LEFTSHIFT, KEY_SPACE, KEY_TAB

#: As xkbcommon writes a compiled layout: keys on one line or several, with types.
LAYOUT = """xkb_keymap {
xkb_keycodes "evdev+aliases(qwerty)" {
    minimum = 8;
    maximum = 255;
    <ESC>                = 9;
    <TAB>                = 23;
    <RTRN>               = 36;
    <LFSH>               = 50;
    <SPCE>               = 65;
    <AC01>               = 38;
    indicator 1 = "Caps Lock";
    alias <AC12> = <BKSL>;
};

xkb_types "complete" {
    virtual_modifiers NumLock;
    type "ONE_LEVEL" {
        modifiers= none;
        level_name[Level1]= "Any";
    };
};

xkb_symbols "pc+us+inet(evdev)" {
    key <ESC>                {	[          Escape ] };
    key <TAB> {
        type= "TWO_LEVEL",
        symbols[Group1]= [             Tab,    ISO_Left_Tab ]
    };
    key <RTRN>               {	[          Return ] };
    key <LFSH>               {	[         Shift_L ] };
    key <SPCE>               {	[           space ] };
    key <AC01>               {	[               a,               A ] };
};

};
"""

#: As wtype announces its own keyboard: one made-up code per key it types, in the order typed.
VIRTUAL = """xkb_keymap {
xkb_keycodes "(unnamed)" {
minimum = 8;
maximum = 11;
<K1> = 9;
<K2> = 10;
<K3> = 11;
};
xkb_types "(unnamed)" { include "complete" };
xkb_compatibility "(unnamed)" { include "complete" };
xkb_symbols "(unnamed)" {
key <K1> {[ Tab ]};
key <K2> {[ Return ]};
key <K3> {[ Escape ]};
};
};
"""


def test_a_full_layout_gives_the_evdev_codes_themselves() -> None:
    assert key_codes(LAYOUT) == {1: KEY_ESC, 15: KEY_TAB, 28: KEY_ENTER, 42: KEY_LEFTSHIFT, 57: KEY_SPACE}


def test_a_virtual_keyboards_own_numbering_is_translated() -> None:
    assert key_codes(VIRTUAL) == {1: KEY_TAB, 2: KEY_ENTER, 3: KEY_ESC}  # its code 1 is Tab, not Escape


def test_nothing_readable_gives_nothing() -> None:
    assert key_codes("") == {} and key_codes("not a keymap { at all") == {}
