"""Named changes of the preferences, and the check every change passes before it is saved.

A change is a function from the preferences as saved now to those wanted
(:data:`Change`); :meth:`PrefsStore.update <popup_client.core.prefs.store.PrefsStore.update>`
applies it to the file as read afresh, then :func:`validated` checks the
result against the schema again (a ``msgspec.structs.replace`` or any other
way around validation is refused there, with the same message a bad value
gets), then the guardian PIN check, then saves. The dialog, the tray, the
popup's ⋯ menu, ``ctl`` and the CLI use these changes: each operation is
written once, here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import msgspec

from popup_client.core.prefs.errors import PrefError
from popup_client.core.prefs.keys import set_pref
from popup_client.core.prefs.messages import error_text
from popup_client.core.prefs.model import InvalidPrefs
from popup_client.core.prefs.schema import Preferences, ProviderCaps
from popup_client.core.text import SEMICOLON, join

Change = Callable[[Preferences], Preferences]


def validated(prefs: Preferences) -> Preferences:
    """``prefs`` checked against the schema once more, every field and section; :class:`PrefError` if anything fails."""
    try:
        return Preferences.validate(prefs)  # an instance is checked again: nothing unchecked gets through
    except InvalidPrefs as err:
        raise PrefError(join(SEMICOLON, (error_text(e, show_input=True) for e in err.errors()))) from None


def _with(prefs: Preferences, **values: Any) -> Preferences:
    """A copy of ``prefs`` with top-level ``values`` set, validated."""
    return validated(msgspec.structs.replace(prefs, **values))


def setting(key: str, raw: str) -> Change:
    """Set one setting by dotted key from a TOML value or bare text (``prefs set``, the dialog, ``ctl``)."""
    return lambda prefs: set_pref(prefs, key, raw)


def pause_until(until: datetime | None) -> Change:
    """Pause popups until ``until`` (an aware time), or resume with None (the tray, ``ctl pause``/``resume``)."""
    return lambda prefs: _with(prefs, paused_until=until)


def opt_out_provider(provider_id: str, opted_out: bool = True) -> Change:
    """Add ``provider_id`` to ``opt_out.providers`` (or take it off); an invalid id is refused."""

    def change(prefs: Preferences) -> Preferences:
        current = list(prefs.opt_out.providers)
        if (provider_id in current) == opted_out:
            return prefs
        wanted = [*current, provider_id] if opted_out else [p for p in current if p != provider_id]
        return _with(prefs, opt_out=msgspec.structs.replace(prefs.opt_out, providers=wanted))

    return change


def fewer_like_this(provider_id: str) -> Change:
    """「减少此类推送」: halve the provider's daily cap (at least 1 unless it was 0) and allow at most one an hour."""

    def change(prefs: Preferences) -> Preferences:
        hourly, daily = prefs.provider_caps(provider_id)
        caps = ProviderCaps(hourly=min(hourly, 1), daily=max(daily // 2, 1) if daily else 0)
        providers = {**prefs.caps.providers, provider_id: caps}
        return _with(prefs, caps=msgspec.structs.replace(prefs.caps, providers=providers))

    return change


def minors_mode(enable: bool) -> Change:
    """Turn minors mode on or off (off needs the guardian PIN when one is set: checked when saved)."""
    return lambda prefs: _with(prefs, minors_mode=enable)
