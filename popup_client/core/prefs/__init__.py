"""The user's preferences: one typed schema, its TOML file, and dotted keys.

:class:`Preferences` (:mod:`.schema`) is the schema of docs/rules.md
"Preferences". Everything else is derived from it: :func:`pref_fields`
(:mod:`.fields`) lists every setting (the preferences dialog and
``popup-client prefs`` are built from that list), :func:`get_pref`,
:func:`set_pref` and :func:`reset_pref` (:mod:`.keys`) address settings by
dotted key (``caps.global_hourly``, ``caps.providers.com.example.news.hourly``),
:func:`to_toml` / :func:`from_toml` (:mod:`.document`) convert the file's
text, :mod:`.model` reads a section from plain values (every problem at once) and
:func:`dump` writes it back, :mod:`.messages` says what is wrong with a value, :mod:`.changes`
holds the named changes (pause, opt out, fewer like this…) and the check
every change passes, :mod:`.times` the typed quiet hours and pause, and
:class:`PrefsStore` (:mod:`.store`) reads and changes the file, keeping
what it can of a damaged one (:mod:`.salvage`).

Each name is imported from its module when first asked for (a command that
only reads the preferences, ``lint``, loads neither the changes, the dotted
keys nor the salvage of a damaged file).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from popup_client.core.prefs.changes import (
        Change,
        fewer_like_this,
        minors_mode,
        opt_out_provider,
        pause_until,
        setting,
        validated,
    )
    from popup_client.core.prefs.document import from_toml, to_toml
    from popup_client.core.prefs.errors import PrefError
    from popup_client.core.prefs.fields import PROVIDER_CAP_NAMES, PROVIDERS_KEY, PrefField, pref_fields, toml_value
    from popup_client.core.prefs.keys import get_pref, reset_pref, set_pref
    from popup_client.core.prefs.messages import error_text
    from popup_client.core.prefs.model import InvalidPrefs, dump
    from popup_client.core.prefs.appearance import TEXT_SIZE_MAX, TEXT_SIZE_MIN, Appearance
    from popup_client.core.prefs.schema import (
        Caps,
        LocalApi,
        OptOut,
        PlacementPrefs,
        Preferences,
        ProviderCaps,
        TimeoutSeconds,
    )
    from popup_client.core.prefs.store import PrefsStore
    from popup_client.core.prefs.vendor import LayeredPrefsStore, PolicyInForce, VendorPolicy, effective, machine_policy

#: Where each public name lives.
_MODULE_OF = {
    "Change": "changes",
    "fewer_like_this": "changes",
    "minors_mode": "changes",
    "opt_out_provider": "changes",
    "pause_until": "changes",
    "setting": "changes",
    "validated": "changes",
    "from_toml": "document",
    "to_toml": "document",
    "PrefError": "errors",
    "PROVIDER_CAP_NAMES": "fields",
    "PROVIDERS_KEY": "fields",
    "PrefField": "fields",
    "pref_fields": "fields",
    "toml_value": "fields",
    "get_pref": "keys",
    "reset_pref": "keys",
    "set_pref": "keys",
    "error_text": "messages",
    "InvalidPrefs": "model",
    "dump": "model",
    "TEXT_SIZE_MAX": "appearance",
    "TEXT_SIZE_MIN": "appearance",
    "Appearance": "appearance",
    "Caps": "schema",
    "LocalApi": "schema",
    "OptOut": "schema",
    "PlacementPrefs": "schema",
    "Preferences": "schema",
    "ProviderCaps": "schema",
    "TimeoutSeconds": "schema",
    "PrefsStore": "store",
    "LayeredPrefsStore": "vendor",
    "PolicyInForce": "vendor",
    "VendorPolicy": "vendor",
    "effective": "vendor",
    "machine_policy": "vendor",
}

__all__ = [
    "TEXT_SIZE_MAX",
    "TEXT_SIZE_MIN",
    "Appearance",
    "PROVIDERS_KEY",
    "PROVIDER_CAP_NAMES",
    "Caps",
    "Change",
    "InvalidPrefs",
    "LocalApi",
    "OptOut",
    "PlacementPrefs",
    "PrefError",
    "PrefField",
    "Preferences",
    "PrefsStore",
    "LayeredPrefsStore",
    "PolicyInForce",
    "VendorPolicy",
    "effective",
    "machine_policy",
    "ProviderCaps",
    "TimeoutSeconds",
    "dump",
    "error_text",
    "fewer_like_this",
    "from_toml",
    "get_pref",
    "minors_mode",
    "opt_out_provider",
    "pause_until",
    "pref_fields",
    "toml_value",
    "reset_pref",
    "set_pref",
    "setting",
    "to_toml",
    "validated",
]


if not TYPE_CHECKING:  # mypy sees the imports above

    def __getattr__(name: str) -> Any:
        """A public name, imported from its module the first time it is asked for."""
        module = _MODULE_OF.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        globals()[name] = value
        return value
