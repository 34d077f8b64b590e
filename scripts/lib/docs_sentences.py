"""The sentences scripts/make-docs writes into docs/rules.md and docs/payload.md, keyed by the code's ids.

What the code cannot say by itself: what fires each rule, what each payload
field is for, which preferences each rule reads. scripts/make-docs stops
with an error when the code has an id that has no entry here, or the other
way round, so adding a rule, a field or a check means writing its sentence.
"""

from __future__ import annotations

#: What fires each rule. ``{name}`` is replaced by the preference's default.
FIRES: dict[str, str] = {
    "contract": "the payload does not parse under the [contract](payload.md): not JSON, an unknown field, a missing "
    "required field, a wrong type, a limit on a size or a length broken, a naive timestamp, an image that cannot be "
    "decoded",
    "provider-identity": "`provider.id` or `provider.name` is empty after normalization; a popup sent with a token "
    "claims another provider id than the token's, or another name than the one registered with it; the provider is "
    "unverified and `unverified_providers` is `reject`",
    "ad-declared": "an `ad` object on a popup whose kind is not `ad`, or a `news` object on one whose kind is not "
    "`news`",
    "ad-review": "a popup of kind `ad` without `ad.advertiser` or `ad.review_id` (the id of its compliance review)",
    "human-review": "a popup of any kind but `service` without `review.reviewer` or `review.reviewed_at`, reviewed "
    "in the future (more than 5 min ahead) or after its `sent_at`",
    "news-license": "a popup of kind `news` without `news.license` (the provider's news-service licence number)",
    "news-source": "`news.source` is missing or not on the news-source list (the shipped "
    "[`resources/news/news-sources.toml`](../resources/news/news-sources.toml), or the file "
    "`news_sources_file` names; its version is journaled with each news decision)",
    "news-trace": "`news.url` is missing or not an https address",
    "news-title": "`title` differs from `news.original_title` after normalization (a rewritten headline)",
    "stale-news": "`news.published_at` is older than `news_max_age_hours` ({news_max_age_hours} h) or in the "
    "future (more than 5 min ahead)",
    "link-scheme": "`link` is not https or http, or `provider.complaint_url` is not https (`javascript:`, `data:`, "
    "`file:`…), has no host, or carries a user name or password",
    "third-party-link": "the host of `link` or `provider.complaint_url` is not `provider.domain` or a subdomain of "
    "it; a popup whose provider declares no domain carries a link",
    "qr-code": "`image` or `provider.icon` contains a QR code or another 2-D barcode (decoded with a barcode "
    "library)",
    "duplicate": "the same provider already sent a popup with this `id`",
    "paused": "the user paused popups (`paused_until` is later than now)",
    "opted-out": "the user opted out of this provider (`opt_out.providers`) or of this kind (`opt_out.kinds`, "
    "e.g. every ad)",
    "quiet-hours": "now is inside the user's `quiet_hours` (local time)",
    "minor-protection": "`minors_mode` is on and the popup is an ad, is personalized (`audience.personalized`), or "
    "is news from a source not on the list",
    "topic-cluster": "`topic_max` ({topic_max}) popups of this provider on the same `topic` were already shown in "
    "the last `topic_window_hours` ({topic_window_hours} h); `service` popups are not counted",
    "frequency-cap": "for `ad`, `news` and `content`: this provider showed `caps.provider_hourly` "
    "({caps.provider_hourly}) in the last hour or `caps.provider_daily` ({caps.provider_daily}) in 24 h (or its own "
    "`caps.providers.<id>.hourly` / `.daily`), or all providers together `caps.global_hourly` "
    "({caps.global_hourly}) in the last hour. For `service`: this provider showed `caps.service_per_minute` "
    "({caps.service_per_minute}) in the last minute, a flood guard that leaves chat and system notices usable",
}

#: The preferences each rule reads (checked against the schema).
PREFS_OF: dict[str, tuple[str, ...]] = {
    "provider-identity": ("unverified_providers",),
    "news-source": ("news_sources_file",),
    "stale-news": ("news_max_age_hours",),
    "paused": ("paused_until",),
    "opted-out": ("opt_out.kinds", "opt_out.providers"),
    "quiet-hours": ("quiet_hours",),
    "minor-protection": ("minors_mode", "news_sources_file"),
    "topic-cluster": ("topic_max", "topic_window_hours"),
    "frequency-cap": ("caps.global_hourly", "caps.provider_hourly", "caps.provider_daily",
                      "caps.service_per_minute", "caps.providers"),  # fmt: skip
}

#: What reads the preferences no rule reads, by key or by the section they are in.
OTHER_USES: dict[str, str] = {
    "language": "the app's language (from the next start)",
    "max_visible": "the stack of popups on screen",
    "timeout_seconds": "the stack of popups on screen",
    "local_api": "the local socket API (from the next start)",
    "placement": "where popups appear (from the next start); `check --live`",
    "appearance": "how popups look ([accessibility.md](accessibility.md)); `check --palette`, `check --text-size`",
    "privacy": "what the journal keeps and for how long ([privacy.md](privacy.md))",
}

#: What each payload field is for (the limits come from the schema).
FIELDS: dict[str, str] = {
    "version": "the integer 1",
    "id": "unique per provider: the same (provider, id) is never shown twice (`duplicate`)",
    "provider": "who sends the popup; shown on every popup",
    "provider.id": "reverse-DNS, lower case, at least two labels; a token is issued for one id",
    "provider.name": "shown on every popup; with a token, the name registered with it (`provider-identity`)",
    "provider.icon": "`data:` URI, PNG or JPEG",
    "provider.domain": "the provider's own site, a bare host name; links may lead only there (`third-party-link`)",
    "provider.complaint_url": "where 「举报」 also sends the user; https, on `provider.domain` (`link-scheme`, "
    "`third-party-link`)",
    "kind": "`ad`, `news`, `content` or `service` (see *Kinds*)",
    "title": "one line",
    "body": "plain text; markup is never interpreted",
    "link": "opened only through 「查看详情」; https (http tolerated), on `provider.domain` (`link-scheme`, "
    "`third-party-link`)",
    "image": "`data:` URI, PNG or JPEG, size read from the header before decoding; no QR code (`qr-code`)",
    "ad": "the advertising declaration (`ad-declared`, `ad-review`)",
    "ad.advertiser": "who advertises; shown as 「广告主：…」",
    "ad.review_id": "the id of the ad's compliance review",
    "ad.payer": "who paid; shown by 「为什么看到此广告」",
    "ad.targeting": "short reasons why this person sees the ad; shown by 「为什么看到此广告」",
    "news": "where the story comes from (`ad-declared`, `news-*`)",
    "news.source": "on the news-source list (`news-source`); shown as 「来源：…」",
    "news.license": "the provider's news-service licence number (`news-license`)",
    "news.original_title": "the source's own headline; `title` must equal it (`news-title`)",
    "news.published_at": "no older than `news_max_age_hours`, not in the future (`stale-news`)",
    "news.url": "the original story, https (`news-trace`)",
    "review": "the human review of this popup (`human-review`)",
    "review.reviewer": "who reviewed it",
    "review.reviewed_at": "when: not in the future, not after `sent_at`",
    "topic": "a topic key, for the clustering rule (`topic-cluster`)",
    "audience": "who the provider aimed at",
    "audience.tier": "membership tier: journaled, never read by any rule, cap or renderer",
    "audience.personalized": "`true` for a personalized popup (held back in minors mode)",
    "audience.minor": "whether the provider believes the user is a minor; recorded (minors mode is the user's `minors_mode`)",
    "sent_at": "when the provider sent it",
}

#: Thresholds of checks the offscreen run cannot make (they measure the live desktop).
UNRUN_THRESHOLDS: dict[str, str] = {
    "live-all-visible": "every test popup seen",
    "live-inside-usable-area": "all inside the usable area",
    "live-at-most-an-eighth": "≤ 1/8 of the usable area each",
    "live-no-overlap": "0 overlapping",
    "live-stacked-in-corner": "`placement.margin` (or `placement.margin_unknown_panels`) from the corner; 10 px apart",
    "live-keyboard-kept": "kept",
}
