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
"""

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
