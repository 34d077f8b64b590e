"""Content rules (RULES.md, first table): a popup that breaks one is rejected."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from ..images import ImageProblem
from ..payload import ICON_MAX_BYTES, ICON_MAX_SIDE, IMAGE_MAX_BYTES, IMAGE_MAX_SIDE
from .base import SKEW, Context, Outcome, Verdict
from .urls import host_of, on_domain, split_url


class ProviderIdentity:
    """5(7): the provider is named, and is who its token says it is."""

    id, article, outcome = "provider-identity", "5(7)", Outcome.REJECT

    def check(self, ctx: Context) -> Iterator[Verdict]:
        provider, sender = ctx.popup.provider, ctx.sender
        if not provider.id:
            yield Verdict(self.id, "the provider has no id; every popup must name who sends it", "provider.id")
        if not provider.name:
            yield Verdict(self.id, "the provider has no visible name; every popup must name who sends it", "provider.name")
        if sender.verified and sender.token_provider_id and sender.token_provider_id != provider.id:
            yield Verdict(
                self.id,
                f"the token was issued to {sender.token_provider_id}, but the popup claims to come from {provider.id}",
                "provider.id",
            )
        if sender.verified is False and ctx.prefs.unverified_providers == "reject":
            yield Verdict(self.id, "the provider is not verified and the user accepts only verified providers", "provider")


class AdDeclared:
    """5(9): ad and news declarations match the kind; nothing is half-declared."""

    id, article, outcome = "ad-declared", "5(9)", Outcome.REJECT

    def check(self, ctx: Context) -> Iterator[Verdict]:
        popup = ctx.popup
        if popup.ad is not None and popup.kind != "ad":
            yield Verdict(self.id, f"carries an ad declaration but its kind is {popup.kind!r}; an ad must be sent as kind \"ad\"", "ad")
        if popup.news is not None and popup.kind != "news":
            yield Verdict(self.id, f"carries a news declaration but its kind is {popup.kind!r}; news must be sent as kind \"news\"", "news")


class AdReview:
    """5(9): an ad names its advertiser and the compliance review that passed it."""

    id, article, outcome = "ad-review", "5(9)", Outcome.REJECT

    def check(self, ctx: Context) -> Iterator[Verdict]:
        popup = ctx.popup
        if popup.kind != "ad":
            return
        if popup.ad is None:
            yield Verdict(self.id, "an ad needs an \"ad\" object with advertiser and review_id", "ad")
            return
        if not popup.ad.advertiser:
            yield Verdict(self.id, "an ad must name its advertiser", "ad.advertiser")
        if not popup.ad.review_id:
            yield Verdict(self.id, "an ad must carry the id of its compliance review", "ad.review_id")


class HumanReview:
    """5(6): every popup but a service notice was reviewed by a person, before it was sent."""

    id, article, outcome = "human-review", "5(6)", Outcome.REJECT

    def check(self, ctx: Context) -> Iterator[Verdict]:
        popup = ctx.popup
        if popup.kind == "service":
            return
        review = popup.review
        if review is None:
            yield Verdict(self.id, f"a {popup.kind} popup needs a \"review\" object: who reviewed it and when", "review")
            return
        if not review.reviewer:
            yield Verdict(self.id, "the review must name its reviewer", "review.reviewer")
        if review.reviewed_at is None:
            yield Verdict(self.id, "the review must say when it happened", "review.reviewed_at")
            return
        if review.reviewed_at > ctx.now + SKEW:
            yield Verdict(self.id, "the review is dated in the future", "review.reviewed_at")
        if popup.sent_at is not None and review.reviewed_at > popup.sent_at:
            yield Verdict(self.id, "the popup was sent before it was reviewed", "review.reviewed_at")


class NewsLicense:
    """5(3): news comes from a provider holding a news-service licence."""

    id, article, outcome = "news-license", "5(3)", Outcome.REJECT

    def check(self, ctx: Context) -> Iterator[Verdict]:
        popup = ctx.popup
        if popup.kind != "news":
            return
        if popup.news is None:
            yield Verdict(self.id, "a news popup needs a \"news\" object with source, license, original_title, published_at and url", "news")
        elif not popup.news.license:
            yield Verdict(self.id, "a news popup must carry the provider's news-service licence number", "news.license")


class NewsSource:
    """5(4): news comes only from a source on the news-source list."""

    id, article, outcome = "news-source", "5(4)", Outcome.REJECT

    def check(self, ctx: Context) -> Iterator[Verdict]:
        popup = ctx.popup
        if popup.kind != "news" or popup.news is None:
            return
        listed = ctx.news_sources
        if not popup.news.source:
            yield Verdict(self.id, "a news popup must name its source", "news.source")
        elif popup.news.source not in listed:
            yield Verdict(
                self.id,
                f"the source {popup.news.source!r} is not on the news-source list (version {listed.version})",
                "news.source",
            )


class NewsTrace:
    """5(4): the original story stays traceable at an https address."""

    id, article, outcome = "news-trace", "5(4)", Outcome.REJECT

    def check(self, ctx: Context) -> Iterator[Verdict]:
        popup = ctx.popup
        if popup.kind != "news" or popup.news is None:
            return
        url = popup.news.url
        parts = split_url(url) if url else None
        if not url:
            yield Verdict(self.id, "a news popup must give the original story's url", "news.url")
        elif parts is None or parts.scheme.lower() != "https" or not parts.hostname:
            yield Verdict(self.id, "the original story's url must be an https address", "news.url")


class NewsTitle:
    """5(4): the headline is the source's own; no rewritten titles."""

    id, article, outcome = "news-title", "5(4)", Outcome.REJECT

    def check(self, ctx: Context) -> Iterator[Verdict]:
        popup = ctx.popup
        if popup.kind != "news" or popup.news is None:
            return
        if not popup.news.original_title:
            yield Verdict(self.id, "a news popup must give the source's original title", "news.original_title")
        elif popup.title != popup.news.original_title:
            yield Verdict(self.id, "the title differs from the source's original title; headlines may not be rewritten", "title")


class StaleNews:
    """5(2): news is recent, and not dated in the future."""

    id, article, outcome = "stale-news", "5(2)", Outcome.REJECT

    def check(self, ctx: Context) -> Iterator[Verdict]:
        popup = ctx.popup
        if popup.kind != "news" or popup.news is None:
            return
        published = popup.news.published_at
        max_age = timedelta(hours=ctx.prefs.news_max_age_hours)
        if published is None:
            yield Verdict(self.id, "a news popup must say when the story was published", "news.published_at")
        elif published > ctx.now + SKEW:
            yield Verdict(self.id, "the story is dated in the future", "news.published_at")
        elif ctx.now - published > max_age:
            hours = int((ctx.now - published).total_seconds() // 3600)
            yield Verdict(self.id, f"the story is {hours} h old; news older than {ctx.prefs.news_max_age_hours} h is not pushed", "news.published_at")


class LinkScheme:
    """5(10): links are web addresses, never scripts, data or files."""

    id, article, outcome = "link-scheme", "5(10)", Outcome.REJECT

    def check(self, ctx: Context) -> Iterator[Verdict]:
        popup = ctx.popup
        yield from self._check(popup.link, "link", ("https", "http"))
        yield from self._check(popup.provider.complaint_url, "provider.complaint_url", ("https",))

    def _check(self, url: str | None, path: str, schemes: tuple[str, ...]) -> Iterator[Verdict]:
        if url is None:
            return
        parts = split_url(url)
        if parts is None or not parts.scheme:
            yield Verdict(self.id, "is not a well-formed absolute address", path)
        elif parts.scheme.lower() not in schemes:
            yield Verdict(self.id, f"uses the {parts.scheme.lower()}: scheme; only {' or '.join(schemes)} is allowed", path)
        elif not parts.hostname:
            yield Verdict(self.id, "has no host", path)
        elif parts.username is not None or parts.password is not None:
            yield Verdict(self.id, "carries a user name or password; such addresses disguise their real host", path)


class ThirdPartyLink:
    """5(10): links lead only to the provider's own site, never a third party's."""

    id, article, outcome = "third-party-link", "5(10)", Outcome.REJECT

    def check(self, ctx: Context) -> Iterator[Verdict]:
        provider = ctx.popup.provider
        for url, path in ((ctx.popup.link, "link"), (provider.complaint_url, "provider.complaint_url")):
            if url is None:
                continue
            if not provider.domain:
                yield Verdict(self.id, "a popup whose provider declares no domain may carry no links", path)
                continue
            host = host_of(url)
            if host is not None and not on_domain(host, provider.domain):
                yield Verdict(self.id, f"leads to {host}, which is not {provider.domain} or a subdomain of it", path)


class QrCode:
    """5(10): no QR code or other 2-D barcode in the image or icon."""

    id, article, outcome = "qr-code", "5(10)", Outcome.REJECT

    def check(self, ctx: Context) -> Iterator[Verdict]:
        popup = ctx.popup
        if popup.image is None and popup.provider.icon is None:
            return
        from ..qr import find_barcodes_in_data_uri  # Pillow and zxing load only when needed

        images = (
            (popup.image, "image", IMAGE_MAX_BYTES, IMAGE_MAX_SIDE),
            (popup.provider.icon, "provider.icon", ICON_MAX_BYTES, ICON_MAX_SIDE),
        )
        for uri, path, max_bytes, max_side in images:
            if uri is None:
                continue
            try:
                codes = find_barcodes_in_data_uri(uri, max_bytes=max_bytes, max_side=max_side)
            except ImageProblem as exc:
                yield Verdict("contract", f"cannot be decoded: {exc}", path)
                continue
            for code in codes:
                yield Verdict(self.id, f"contains a {code.format} barcode; popups may not lure with QR codes or other 2-D barcodes", path)


class Duplicate:
    """5(2): the same (provider, id) is never shown twice."""

    id, article, outcome = "duplicate", "5(2)", Outcome.REJECT

    def check(self, ctx: Context) -> Iterator[Verdict]:
        provider_id, popup_id = ctx.popup.key
        if provider_id and ctx.journal.was_received(provider_id, popup_id):
            yield Verdict(self.id, f"{provider_id} already sent a popup with id {popup_id!r}; each popup is pushed once", "id")


CONTENT_RULES = (
    ProviderIdentity(),
    AdDeclared(),
    AdReview(),
    HumanReview(),
    NewsLicense(),
    NewsSource(),
    NewsTrace(),
    NewsTitle(),
    StaleNews(),
    LinkScheme(),
    ThirdPartyLink(),
    QrCode(),
    Duplicate(),
)
