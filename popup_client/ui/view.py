"""What a popup window shows: a flat, immutable view built from the core model.

:class:`PopupView` holds only what the window displays, already decided by
the core: the link is there only if it passed the rules, images are decoded
bytes (still untrusted: the window decodes them with size limits). Nothing in
it can say how the popup looks. This module imports no Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from popup_client.core.images import ImageProblem, decode_data_uri
from popup_client.core.payload import ICON_MAX_BYTES, IMAGE_MAX_BYTES, Popup
from popup_client.submission import Submission

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PopupView:
    """One popup as the window shows it.

    Attributes:
        receipt_id: the journal's id of this popup (what close and report name).
        kind: ``ad``, ``news``, ``content`` or ``service``.
        provider_name / provider_id: who sends it; the name is shown in the header.
        provider_icon: PNG or JPEG bytes, or None for a generated initials avatar.
        verified: False marks the provider 「未验证」.
        title, body: plain text; markup is shown literally.
        image: PNG or JPEG bytes, or None.
        link: the 「查看详情」 target, only if it passed the rules; else None.
        source: ``news.source`` (shown as 「来源：…」 on news).
        advertiser, payer, targeting: the ad declaration (「为什么看到此广告」).
        actions: (key, label) pairs of a ``service`` popup's buttons; ignored on other kinds.
        critical: an urgent ``service`` notification (freedesktop urgency 2).
    """

    receipt_id: int
    kind: str
    provider_name: str
    provider_id: str
    provider_icon: bytes | None = None
    verified: bool = True
    title: str = ""
    body: str = ""
    image: bytes | None = None
    link: str | None = None
    source: str | None = None
    advertiser: str | None = None
    payer: str | None = None
    targeting: tuple[str, ...] = ()
    actions: tuple[tuple[str, str], ...] = field(default=())
    critical: bool = False

    @property
    def is_ad(self) -> bool:
        return self.kind == "ad"

    @property
    def is_service(self) -> bool:
        return self.kind == "service"


def _decode(uri: str | None, max_bytes: int, what: str) -> bytes | None:
    if not uri:
        return None
    try:
        return decode_data_uri(uri, max_bytes=max_bytes)[1]
    except ImageProblem as exc:
        log.warning("%s not shown: %s", what, exc)
        return None


def view_of_submission(submission: Submission) -> PopupView:
    """The view of a submission the service accepted, with the buttons and urgency its transport asked for."""
    assert submission.popup is not None
    presentation = submission.presentation
    return view_from_popup(
        submission.popup,
        receipt_id=submission.receipt_id,
        verified=bool(submission.sender.verified),
        actions=[(a.key, a.label) for a in presentation.buttons],
        critical=presentation.critical,
    )


def view_from_popup(
    popup: Popup,
    *,
    receipt_id: int,
    verified: bool,
    actions: Sequence[tuple[str, str]] = (),
    critical: bool = False,
    link: str | None = None,
    link_allowed: bool = True,
) -> PopupView:
    """Build the view of an accepted popup.

    ``link`` replaces ``popup.link`` when given; ``link_allowed=False`` drops
    it (a link the rules did not pass never reaches the window). ``actions``
    and ``critical`` come from transports that have them (freedesktop) and
    are kept for ``service`` popups only.
    """
    service = popup.kind == "service"
    ad, news = popup.ad, popup.news
    return PopupView(
        receipt_id=receipt_id,
        kind=popup.kind,
        provider_name=popup.provider.name or popup.provider.id or "",
        provider_id=popup.provider.id or "",
        provider_icon=_decode(popup.provider.icon, ICON_MAX_BYTES, "provider icon"),
        verified=verified,
        title=popup.title,
        body=popup.body,
        image=_decode(popup.image, IMAGE_MAX_BYTES, "image"),
        link=(link or popup.link) if link_allowed else None,
        source=news.source if news else None,
        advertiser=ad.advertiser if ad else None,
        payer=ad.payer if ad else None,
        targeting=tuple(ad.targeting) if ad else (),
        actions=tuple((str(k), str(v)) for k, v in actions) if service else (),
        critical=critical and service,
    )
