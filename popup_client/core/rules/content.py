"""Content rules (docs/rules.md, first table): a popup that breaks one is rejected."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..image_scan import scan, targets_of
from ..images import ImageProblem
from ..normalize import normalize_line
from ..text import OR, QT_TRANSLATE_NOOP, Text, join
from ..vocabulary import Kind
from .base import KIND_WORDS, NONE, SKEW, Context, Outcome, Verdict, hours
from .urls import host_of, is_https, on_domain, split_url

_NEWS = (Kind.NEWS,)  # the kinds the news rules fire for (the policy runs a rule only for its ``kinds``)


class ProviderIdentity:
    """5(7): the provider is named, and is who its token says it is, by the name it registered.

    A verified popup is shown with a verified mark next to ``provider.name``,
    so that name must be the one registered with the token (``popup-client
    provider add ID --name NAME``), compared after normalization: a mismatch
    is rejected, never silently replaced, so the provider learns of it and
    the journal keeps what was claimed.
    """

    id, article, outcome = "provider-identity", "5(7)", Outcome.REJECT

    def check(self, ctx: Context) -> Sequence[Verdict]:
        found: list[Verdict] = []
        provider, sender = ctx.popup.provider, ctx.sender
        if not provider.id:
            found.append(Verdict(self.id, QT_TRANSLATE_NOOP("core", "the provider has no id; every popup must name who sends it"), "provider.id"))
        if not provider.name:
            found.append(Verdict(self.id, QT_TRANSLATE_NOOP("core", "the provider has no visible name; every popup must name who sends it"), "provider.name"))
        if sender.identity_problem:
            found.append(Verdict(self.id, sender.identity_problem, "provider"))
        if sender.verified and sender.token_provider_id and sender.token_provider_id != provider.id:
            text = QT_TRANSLATE_NOOP("core", "the token was issued to {token}, but the popup claims to come from {provider}")
            found.append(Verdict(self.id, text.format(token=sender.token_provider_id, provider=str(provider.id)), "provider.id"))
        elif sender.verified and sender.token_provider_name and provider.name:
            mismatch = self._registered_name(str(provider.id), provider.name, sender.token_provider_name)
            if mismatch is not None:
                found.append(mismatch)
        if sender.verified is False and ctx.prefs.unverified_providers == "reject":
            found.append(Verdict(self.id, QT_TRANSLATE_NOOP("core", "the provider is not verified and the user accepts only verified providers"), "provider"))
        return found or NONE

    def _registered_name(self, provider_id: str, shown: str, registered: str) -> Verdict | None:
        """A verified popup shows the name its provider registered (both normalized), else a verdict."""
        registered = normalize_line(registered)
        if shown != registered:
            text = QT_TRANSLATE_NOOP(
                "core",
                "{provider} is registered with the name \"{registered}\", but the popup shows the name \"{name}\"; "
                "a verified popup must show its registered name",
            )
            return Verdict(self.id, text.format(provider=provider_id, registered=registered, name=shown), "provider.name")
        return None


class AdDeclared:
    """5(9): ad and news declarations match the kind; nothing is half-declared."""

    id, article, outcome = "ad-declared", "5(9)", Outcome.REJECT

    def check(self, ctx: Context) -> Sequence[Verdict]:
        popup = ctx.popup
        if (popup.ad is None or popup.kind == "ad") and (popup.news is None or popup.kind == "news"):
            return NONE
        found: list[Verdict] = []
        if popup.ad is not None and popup.kind != "ad":
            text = QT_TRANSLATE_NOOP("core", "carries an ad declaration but its kind is {kind!r}; an ad must be sent as kind \"ad\"")
            found.append(Verdict(self.id, text.format(kind=popup.kind), "ad"))
        if popup.news is not None and popup.kind != "news":
            text = QT_TRANSLATE_NOOP("core", "carries a news declaration but its kind is {kind!r}; news must be sent as kind \"news\"")
            found.append(Verdict(self.id, text.format(kind=popup.kind), "news"))
        return found or NONE


class AdReview:
    """5(9): an ad names its advertiser and the compliance review that passed it."""

    id, article, outcome = "ad-review", "5(9)", Outcome.REJECT
    kinds = (Kind.AD,)

    def check(self, ctx: Context) -> Sequence[Verdict]:
        popup = ctx.popup
        if popup.kind != "ad":
            return NONE
        if popup.ad is None:
            return (Verdict(self.id, QT_TRANSLATE_NOOP("core", "an ad needs an \"ad\" object with advertiser and review_id"), "ad"),)
        found: list[Verdict] = []
        if not popup.ad.advertiser:
            found.append(Verdict(self.id, QT_TRANSLATE_NOOP("core", "an ad must name its advertiser"), "ad.advertiser"))
        if not popup.ad.review_id:
            found.append(Verdict(self.id, QT_TRANSLATE_NOOP("core", "an ad must carry the id of its compliance review"), "ad.review_id"))
        return found or NONE


class HumanReview:
    """5(6): every popup but a service notice was reviewed by a person, before it was sent."""

    id, article, outcome = "human-review", "5(6)", Outcome.REJECT
    kinds = (Kind.AD, Kind.NEWS, Kind.CONTENT)

    def check(self, ctx: Context) -> Sequence[Verdict]:
        popup = ctx.popup
        if popup.kind == "service":
            return NONE
        review = popup.review
        if review is None:
            text = QT_TRANSLATE_NOOP("core", "a {kind} popup needs a \"review\" object: who reviewed it and when")
            return (Verdict(self.id, text.format(kind=KIND_WORDS[popup.kind]), "review"),)
        found: list[Verdict] = []
        if not review.reviewer:
            found.append(Verdict(self.id, QT_TRANSLATE_NOOP("core", "the review must name its reviewer"), "review.reviewer"))
        if review.reviewed_at is None:
            found.append(Verdict(self.id, QT_TRANSLATE_NOOP("core", "the review must say when it happened"), "review.reviewed_at"))
            return found
        if review.reviewed_at > ctx.now + SKEW:
            found.append(Verdict(self.id, QT_TRANSLATE_NOOP("core", "the review is dated in the future"), "review.reviewed_at"))
        if popup.sent_at is not None and review.reviewed_at > popup.sent_at:
            found.append(Verdict(self.id, QT_TRANSLATE_NOOP("core", "the popup was sent before it was reviewed"), "review.reviewed_at"))
        return found or NONE


class NewsLicense:
    """5(3): news comes from a provider holding a news-service licence."""

    id, article, outcome = "news-license", "5(3)", Outcome.REJECT
    kinds = _NEWS

    def check(self, ctx: Context) -> Sequence[Verdict]:
        popup = ctx.popup
        if popup.kind != "news":
            return NONE
        if popup.news is None:
            return (Verdict(self.id, QT_TRANSLATE_NOOP("core", "a news popup needs a \"news\" object with source, license, original_title, published_at and url"), "news"),)
        if not popup.news.license:
            return (Verdict(self.id, QT_TRANSLATE_NOOP("core", "a news popup must carry the provider's news-service licence number"), "news.license"),)
        return NONE


class NewsSource:
    """5(4): news comes only from a source on the news-source list."""

    id, article, outcome = "news-source", "5(4)", Outcome.REJECT
    kinds = _NEWS

    def check(self, ctx: Context) -> Sequence[Verdict]:
        popup = ctx.popup
        if popup.kind != "news" or popup.news is None:
            return NONE
        listed = ctx.news_sources
        if not popup.news.source:
            return (Verdict(self.id, QT_TRANSLATE_NOOP("core", "a news popup must name its source"), "news.source"),)
        if popup.news.source not in listed:
            text = QT_TRANSLATE_NOOP("core", "the source {source!r} is not on the news-source list (version {version})")
            return (Verdict(self.id, text.format(source=popup.news.source, version=listed.version), "news.source"),)
        return NONE


class NewsTrace:
    """5(4): the original story stays traceable at an https address."""

    id, article, outcome = "news-trace", "5(4)", Outcome.REJECT
    kinds = _NEWS

    def check(self, ctx: Context) -> Sequence[Verdict]:
        popup = ctx.popup
        if popup.kind != "news" or popup.news is None:
            return NONE
        url = popup.news.url
        if not url:
            return (Verdict(self.id, QT_TRANSLATE_NOOP("core", "a news popup must give the original story's url"), "news.url"),)
        if not is_https(url):
            return (Verdict(self.id, QT_TRANSLATE_NOOP("core", "the original story's url must be an https address"), "news.url"),)
        return NONE


class NewsTitle:
    """5(4): the headline is the source's own; no rewritten titles."""

    id, article, outcome = "news-title", "5(4)", Outcome.REJECT
    kinds = _NEWS

    def check(self, ctx: Context) -> Sequence[Verdict]:
        popup = ctx.popup
        if popup.kind != "news" or popup.news is None:
            return NONE
        if not popup.news.original_title:
            return (Verdict(self.id, QT_TRANSLATE_NOOP("core", "a news popup must give the source's original title"), "news.original_title"),)
        if popup.title != popup.news.original_title:
            return (Verdict(self.id, QT_TRANSLATE_NOOP("core", "the title differs from the source's original title; headlines may not be rewritten"), "title"),)
        return NONE


class StaleNews:
    """5(2): news is recent, and not dated in the future."""

    id, article, outcome = "stale-news", "5(2)", Outcome.REJECT
    kinds = _NEWS

    def check(self, ctx: Context) -> Sequence[Verdict]:
        popup = ctx.popup
        if popup.kind != "news" or popup.news is None:
            return NONE
        published = popup.news.published_at
        max_age = hours(ctx.prefs.news_max_age_hours)
        if published is None:
            return (Verdict(self.id, QT_TRANSLATE_NOOP("core", "a news popup must say when the story was published"), "news.published_at"),)
        if published > ctx.now + SKEW:
            return (Verdict(self.id, QT_TRANSLATE_NOOP("core", "the story is dated in the future"), "news.published_at"),)
        if ctx.now - published > max_age:
            age = int((ctx.now - published).total_seconds() // 3600)
            text = QT_TRANSLATE_NOOP("core", "the story is {hours} h old; news older than {limit} h is not pushed")
            return (Verdict(self.id, text.format(hours=age, limit=ctx.prefs.news_max_age_hours), "news.published_at"),)
        return NONE


class LinkScheme:
    """5(10): links are web addresses, never scripts, data or files."""

    id, article, outcome = "link-scheme", "5(10)", Outcome.REJECT

    def check(self, ctx: Context) -> Sequence[Verdict]:
        popup = ctx.popup
        link = self._check(popup.link, "link", ("https", "http"))
        complaint = self._check(popup.provider.complaint_url, "provider.complaint_url", ("https",))
        if link is None and complaint is None:
            return NONE
        return tuple(v for v in (link, complaint) if v is not None)

    def _check(self, url: str | None, path: str, schemes: tuple[str, ...]) -> Verdict | None:
        if url is None:
            return None
        problem = _link_problem(url, schemes)
        return None if problem is None else Verdict(self.id, problem, path)


@lru_cache(maxsize=512)  # a provider sends the same few addresses again and again; a Text is immutable
def _link_problem(url: str, schemes: tuple[str, ...]) -> Text | None:
    """What is wrong with a link for rule ``link-scheme`` (None: nothing)."""
    parts = split_url(url)
    if parts is None or not parts.scheme:
        return QT_TRANSLATE_NOOP("core", "is not a well-formed absolute address")
    if parts.scheme.lower() not in schemes:
        text = QT_TRANSLATE_NOOP("core", "uses the {scheme}: scheme; only {allowed} is allowed")
        return text.format(scheme=parts.scheme.lower(), allowed=join(OR, schemes))
    if not parts.hostname:
        return QT_TRANSLATE_NOOP("core", "has no host")
    if parts.username is not None or parts.password is not None:
        return QT_TRANSLATE_NOOP("core", "carries a user name or password; such addresses disguise their real host")
    return None


class ThirdPartyLink:
    """5(10): links lead only to the provider's own site, never a third party's."""

    id, article, outcome = "third-party-link", "5(10)", Outcome.REJECT

    def check(self, ctx: Context) -> Sequence[Verdict]:
        provider = ctx.popup.provider
        if ctx.popup.link is None and provider.complaint_url is None:
            return NONE
        found: list[Verdict] = []
        for url, path in ((ctx.popup.link, "link"), (provider.complaint_url, "provider.complaint_url")):
            if url is None:
                continue
            if not provider.domain:
                found.append(Verdict(self.id, QT_TRANSLATE_NOOP("core", "a popup whose provider declares no domain may carry no links"), path))
                continue
            host = host_of(url)
            if host is not None and not on_domain(host, provider.domain):
                text = QT_TRANSLATE_NOOP("core", "leads to {host}, which is not {domain} or a subdomain of it")
                found.append(Verdict(self.id, text.format(host=host, domain=provider.domain), path))
        return found or NONE


class QrCode:
    """5(10): no QR code or other 2-D barcode in the image or icon."""

    id, article, outcome = "qr-code", "5(10)", Outcome.REJECT

    def check(self, ctx: Context) -> Sequence[Verdict]:
        if ctx.popup.image is None and ctx.popup.provider.icon is None:
            return NONE  # no image to scan (most popups): what targets_of would say, sooner
        found: list[Verdict] = []
        for target in targets_of(ctx.popup):
            try:
                codes = scan(target)  # remembered when a transport had it scanned ahead
            except ImageProblem as exc:
                found.append(Verdict("contract", QT_TRANSLATE_NOOP("core", "cannot be decoded: {problem}").format(problem=str(exc)), target.path))
                continue
            for code in codes:
                text = QT_TRANSLATE_NOOP("core", "contains a {format} barcode; popups may not lure with QR codes or other 2-D barcodes")
                found.append(Verdict(self.id, text.format(format=code.format), target.path))
        return found or NONE


class Duplicate:
    """5(2): the same (provider, id) is never shown twice."""

    id, article, outcome = "duplicate", "5(2)", Outcome.REJECT

    def check(self, ctx: Context) -> Sequence[Verdict]:
        provider_id, popup_id = ctx.popup.key
        if provider_id and ctx.journal.was_received(provider_id, popup_id):
            text = QT_TRANSLATE_NOOP("core", "{provider} already sent a popup with id {id!r}; each popup is pushed once")
            return (Verdict(self.id, text.format(provider=provider_id, id=popup_id), "id"),)
        return NONE


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
