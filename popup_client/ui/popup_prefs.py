"""The preferences a popup's ⋯ page changes: stop a provider, or fewer of its popups.

Each goes through the one validated path (:meth:`~popup_client.service.PopupService.change_prefs`),
applied to the preferences as saved now, and returns whether it was saved
and the sentence the tray shows.
"""

from __future__ import annotations

from ..core.prefs import Preferences, PrefError, set_pref
from .ports import PrefsDoor
from .i18n import tr, tr_core
from .widgets import set_opted_out


def _not_saved(error: Exception) -> str:
    return tr("未能保存：") + tr_core(str(error))


def block_provider(service: PrefsDoor, provider: str) -> tuple[bool, str]:
    """「不再接收此来源」: the provider joins the opt-out list."""
    try:
        set_opted_out(service, provider, True)
    except PrefError as exc:
        return False, _not_saved(exc)
    return True, tr("不再接收 {provider} 的推送").format(provider=provider)


def fewer_like_this(service: PrefsDoor, provider: str) -> tuple[bool, str]:
    """「减少此类推送」: halve the provider's daily cap and allow at most one an hour."""

    def fewer(prefs: Preferences) -> Preferences:
        hourly, daily = prefs.provider_caps(provider)
        key = f"caps.providers.{provider}"
        prefs = set_pref(prefs, f"{key}.hourly", str(min(hourly, 1)))
        return set_pref(prefs, f"{key}.daily", str(max(daily // 2, 1) if daily else 0))

    try:
        hourly, daily = service.change_prefs(fewer).provider_caps(provider)
    except PrefError as exc:
        return False, _not_saved(exc)
    message = tr("已减少 {provider} 的推送：每小时最多 {hourly} 条，每天最多 {daily} 条")
    return True, message.format(provider=provider, hourly=hourly, daily=daily)
