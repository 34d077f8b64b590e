"""The conformance kit: prove, from a script and with evidence, that a popup meets docs/rules.md's ui-* guarantees.

It checks any QWidget popup — popup-client's own, a themed one, or one an OS
vendor wrote — by measuring what the popup really does: geometry and Qt's
own hit-tests on the live widget tree, contrast on the rendered pixels,
missing glyphs with Qt's font fallback, and behaviour with real mouse and
key events sent through the popup's window.

Finding the parts of a popup
============================

The kit finds each part by ``objectName``, else by ``accessibleName``, else
by its text (visible widgets first). Give your widgets these names:

=====================  ====================  ===================  ==========================
part                   objectName            accessibleName       text
=====================  ====================  ===================  ==========================
close control          ``close_button``      「关闭」
「广告」 badge          ``ad_label``          「广告」               「广告」
provider's name        ``provider_label``
「未验证」 mark          ``unverified_label``  「未验证」             「未验证」
「举报」 control        ``report_button``     「举报」               「举报」
「查看详情」 button      ``details_button``    「查看详情」           「查看详情」
⋯ menu                 ``more_button``       「更多」               「⋯」
「为什么看到此广告」      ``why_ad_button``     「为什么看到此广告」     「为什么看到此广告」
source line            ``source_label``                           starts with 「来源：」
advertiser line        ``advertiser_label``                       starts with 「广告主：」
header row             ``header``            (else: the band down to the close control + 8 px)
body                   ``content_area``, ``title_label``, ``body_label``, ``image_label``, ``provider_icon``
=====================  ====================  ===================  ==========================

The popup's kind (``ad``, ``news``, ``content``, ``service``) is passed as
``kind=`` or read from the dynamic property ``popup_kind``; whether its
provider is verified from ``verified=`` or the property ``popup_verified``;
the scale pixels are measured at from ``scale=`` or ``popup_scale``.
The "why this ad" panel is read for 「广告主」, 「付费方」 and 「推送原因」.
What a screen reader gets (``ui-accessible``) is read through Qt's
accessibility interfaces: announce the popup with a
``QAccessibleAnnouncementEvent`` when it is shown, or give it a notification
role (see :mod:`popup_client.conformance.accessibility`).

Entry points
============

- :func:`popup_client.conformance.runner.check_popup` — check a widget, a
  factory of popups, or a :class:`~popup_client.conformance.runner.Subject`;
  returns a :class:`~popup_client.conformance.model.Result`.
- :func:`popup_client.conformance.ours.render_popup` /
  :func:`~popup_client.conformance.ours.check_payload` — popup-client's own
  rendering of a payload.
- ``popup-client check FILE...`` (:mod:`popup_client.cli.check`).
- the pytest plugin (:mod:`popup_client.conformance.plugin`): fixtures
  ``render_popup`` and ``popup_conformance``.
- :func:`popup_client.conformance.theme.load_theme_or_default` — accept a
  vendor's QSS theme only if every guarantee still holds.

See ``docs/qa.md`` for a worked example. Modules import Qt; this package's
``__init__`` does not.
"""

from __future__ import annotations

#: The controls the kit looks for, by objectName (see the table above).
DOCUMENTED_OBJECT_NAMES = (
    "close_button", "more_button", "ad_label", "provider_label", "unverified_label", "report_button", "details_button",
    "why_ad_button", "source_label", "advertiser_label", "header", "content_area", "title_label", "body_label",
    "image_label", "provider_icon",
)  # fmt: skip
