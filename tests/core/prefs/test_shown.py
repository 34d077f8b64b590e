"""Every setting declares how it is shown (section, label, words for its values), once, with its field."""

from __future__ import annotations

from popup_client.core.prefs import pref_fields
from popup_client.core.prefs.shown import Section
from popup_client.core.text import Text


def test_every_setting_declares_a_section_and_a_label() -> None:
    for field in pref_fields():
        assert field.shown is not None, field.key
        assert field.shown.section is not Section.OTHER and field.shown.label, field.key


def test_labels_are_unique_within_a_section() -> None:
    seen: dict[tuple[Section, str], str] = {}
    for field in pref_fields():
        assert field.shown is not None
        key = (field.shown.section, str(field.shown.label))
        assert key not in seen, (field.key, seen.get(key))
        seen[key] = field.key


def test_the_words_are_translatable_core_text() -> None:
    for field in pref_fields():
        assert field.shown is not None
        words = [field.shown.label, field.shown.hint, field.shown.placeholder, field.shown.unit, field.shown.zero]
        assert all(isinstance(w, Text) for w in words if w is not None), field.key
    assert all(isinstance(section.value, Text) for section in Section)


def test_choice_words_name_real_choices() -> None:
    for field in pref_fields():
        assert field.shown is not None
        assert set(field.shown.choices) <= set(field.choices or ()), field.key
