"""The preferences a popup's ⋯ page changes: stop a provider, or fewer of its popups.

Each is a named change of the core (:mod:`popup_client.core.prefs.changes`)
made through the one validated path (:meth:`~popup_client.service.PopupService.change_prefs`),
applied to the preferences as saved now; this says whether it was saved
and gives the sentence the tray shows.
"""

from __future__ import annotations

from ..core.prefs import PrefError
from ..core.prefs import fewer_like_this as fewer
from ..core.prefs import opt_out_provider
from .ports import PrefsDoor
from .i18n import tr, tr_core


def _not_saved(error: Exception) -> str:
    return tr("未能保存：") + tr_core(str(error))


def block_provider(service: PrefsDoor, provider: str) -> tuple[bool, str]:
    """「不再接收此来源」: the provider joins the opt-out list."""
    try:
        service.change_prefs(opt_out_provider(provider))
    except PrefError as exc:
        return False, _not_saved(exc)
    return True, tr("不再接收 {provider} 的推送").format(provider=provider)


def fewer_like_this(service: PrefsDoor, provider: str) -> tuple[bool, str]:
    """「减少此类推送」: halve the provider's daily cap and allow at most one an hour (:func:`fewer`)."""
    try:
        hourly, daily = service.change_prefs(fewer(provider)).provider_caps(provider)
    except PrefError as exc:
        return False, _not_saved(exc)
    message = tr("已减少 {provider} 的推送：每小时最多 {hourly} 条，每天最多 {daily} 条")
    return True, message.format(provider=provider, hourly=hourly, daily=daily)
