"""The preferences' typed schema: :class:`Preferences` and its sections (docs/rules.md "Preferences").

Each section is a frozen msgspec Struct (:class:`~.model.Section`): strict
types, no unknown keys, every problem listed at once (:func:`~.model.convert`).
A field's annotation holds its bounds, description and examples
(``msgspec.Meta``, written with :func:`~.model.about`), its checks and how
it is shown (:class:`~.shown.Shown`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from popup_client.core.payload import KindName
from popup_client.core.prefs.checks import UNIQUE, ProviderId
from popup_client.core.prefs.errors import PrefError
from popup_client.core.prefs.appearance import Appearance
from popup_client.core.prefs.model import Section as _Section
from popup_client.core.prefs.model import about, convert
from popup_client.core.prefs.shown import DAYS, HOURS, SYSTEM_DEFAULT, Section, Shown, cap, timeout
from popup_client.core.prefs.times import OptionalInstant, OptionalTimeRange
from popup_client.core.text import QT_TRANSLATE_NOOP, Text


class ProviderCaps(_Section, frozen=True):
    """One provider's own caps; an unset cap uses the general one."""

    hourly: Annotated[
        int,
        about(QT_TRANSLATE_NOOP("core", "Popups this provider may show per hour, instead of caps.provider_hourly."), ge=0, examples=[1]),
    ] | None = None
    daily: Annotated[
        int,
        about(QT_TRANSLATE_NOOP("core", "Popups this provider may show in 24 hours, instead of caps.provider_daily."), ge=0, examples=[3]),
    ] | None = None


_NO_OVERRIDE = ProviderCaps()  # a provider without its own caps


class Caps(_Section, frozen=True):
    """Frequency caps (rule ``frequency-cap``)."""

    global_hourly: Annotated[
        int,
        cap(QT_TRANSLATE_NOOP("core", "Total per hour")),
        about(QT_TRANSLATE_NOOP("core", "Ad, news and content popups shown per hour, all providers together."), ge=0),
    ] = 6
    provider_hourly: Annotated[
        int,
        cap(QT_TRANSLATE_NOOP("core", "Per provider per hour")),
        about(QT_TRANSLATE_NOOP("core", "Ad, news and content popups one provider may show per hour."), ge=0),
    ] = 2
    provider_daily: Annotated[
        int,
        cap(QT_TRANSLATE_NOOP("core", "Per provider per day")),
        about(QT_TRANSLATE_NOOP("core", "Ad, news and content popups one provider may show in 24 hours."), ge=0),
    ] = 6
    service_per_minute: Annotated[
        int,
        cap(QT_TRANSLATE_NOOP("core", "Service messages per minute")),
        about(QT_TRANSLATE_NOOP("core", "Service popups (chat, system messages) one provider may show per minute."), ge=0),
    ] = 10
    providers: Annotated[
        dict[ProviderId, ProviderCaps],
        Shown(Section.CAPS, QT_TRANSLATE_NOOP("core", "Provider overrides"), last=True),
        about(
            QT_TRANSLATE_NOOP(
                "core",
                "Caps for single providers, lower or higher than the general ones "
                "(set them as caps.providers.<provider id>.hourly or .daily).",
            ),
            examples=[{"com.example.news": {"hourly": 1, "daily": 3}}],
        ),
    ] = msgspec.field(default_factory=dict)


class OptOut(_Section, frozen=True):
    """What the user never wants to see (rule ``opted-out``)."""

    kinds: Annotated[
        list[KindName],
        UNIQUE,
        Shown(Section.BLOCKING, QT_TRANSLATE_NOOP("core", "Blocked kinds")),
        about(QT_TRANSLATE_NOOP("core", "Kinds of popup never shown."), examples=[["ad"]]),
    ] = msgspec.field(default_factory=list)
    providers: Annotated[
        list[ProviderId],
        UNIQUE,
        Shown(
            Section.BLOCKING,
            QT_TRANSLATE_NOOP("core", "Blocked providers"),
            placeholder=QT_TRANSLATE_NOOP("core", "Provider ID, e.g. com.example.news"),
        ),
        about(QT_TRANSLATE_NOOP("core", "Providers whose popups are never shown."), examples=[["com.example.news"]]),
    ] = msgspec.field(default_factory=list)


class TimeoutSeconds(_Section, frozen=True):
    """How long each kind of popup stays on screen."""

    ad: Annotated[
        int,
        timeout(QT_TRANSLATE_NOOP("core", "Ad display time")),
        about(QT_TRANSLATE_NOOP("core", "Seconds an ad stays on screen; 0 = until closed."), ge=0, le=3600),
    ] = 8
    news: Annotated[
        int,
        timeout(QT_TRANSLATE_NOOP("core", "News display time")),
        about(QT_TRANSLATE_NOOP("core", "Seconds a news popup stays on screen; 0 = until closed."), ge=0, le=3600),
    ] = 10
    content: Annotated[
        int,
        timeout(QT_TRANSLATE_NOOP("core", "Content display time")),
        about(QT_TRANSLATE_NOOP("core", "Seconds a content popup stays on screen; 0 = until closed."), ge=0, le=3600),
    ] = 8
    service: Annotated[
        int,
        timeout(QT_TRANSLATE_NOOP("core", "Service display time")),
        about(QT_TRANSLATE_NOOP("core", "Seconds a service popup stays on screen; 0 = until closed."), ge=0, le=3600),
    ] = 6


class LocalApi(_Section, frozen=True):
    """Limits of the local socket API, per connection (a flood of providers cannot exhaust the app)."""

    idle_timeout_seconds: Annotated[
        int,
        Shown(Section.LOCAL_API, QT_TRANSLATE_NOOP("core", "Idle connection timeout (s)")),
        about(QT_TRANSLATE_NOOP("core", "A connection that sends nothing for this many seconds is closed."), ge=1, le=86400),
    ] = 60
    max_connections: Annotated[
        int,
        Shown(Section.LOCAL_API, QT_TRANSLATE_NOOP("core", "Max connections")),
        about(QT_TRANSLATE_NOOP("core", "Connections open at once; more are refused."), ge=1, le=4096),
    ] = 256
    max_request_kib: Annotated[
        int,
        Shown(Section.LOCAL_API, QT_TRANSLATE_NOOP("core", "Max request size (KiB)")),
        about(
            QT_TRANSLATE_NOOP(
                "core",
                "Longest request line in KiB (a popup may be 1 MiB); longer lines are refused without being read whole.",
            ),
            ge=1025,
            le=16384,
        ),
    ] = 1088


Mechanism = Literal["auto", "layer-shell", "xwayland", "x11", "window"]
CornerChoice = Literal["auto", "top-right", "top-left", "bottom-right", "bottom-left"]


class PlacementPrefs(_Section, frozen=True):
    """Where popups appear on the desktop and how they get there (take effect at the next start)."""

    mechanism: Annotated[
        Mechanism,
        Shown(Section.PLACEMENT, QT_TRANSLATE_NOOP("core", "Display method"), choices={"auto": SYSTEM_DEFAULT}, last=True),
        about(
            QT_TRANSLATE_NOOP(
                "core",
                "How popups are put on screen: auto (chosen from the session: layer-shell on sway and KDE, "
                "xwayland on GNOME, x11 on X11), layer-shell, xwayland, x11 or window (plain windows).",
            )
        ),
    ] = "auto"
    corner: Annotated[
        CornerChoice,
        Shown(Section.PLACEMENT, QT_TRANSLATE_NOOP("core", "Corner"), choices={"auto": SYSTEM_DEFAULT}),
        about(
            QT_TRANSLATE_NOOP(
                "core",
                "Corner the popups stack from: auto (top-right; bottom-right on Windows), top-right, top-left, "
                "bottom-right or bottom-left.",
            )
        ),
    ] = "auto"
    margin: Annotated[
        int,
        Shown(Section.PLACEMENT, QT_TRANSLATE_NOOP("core", "Gap to the screen edges")),
        about(
            QT_TRANSLATE_NOOP("core", "Gap in px between the popups and the edges of the area panels and bars leave free."), ge=0, le=400
        ),
    ] = 16
    margin_unknown_panels: Annotated[
        int,
        Shown(Section.PLACEMENT, QT_TRANSLATE_NOOP("core", "Gap when panels are unknown")),
        about(
            QT_TRANSLATE_NOOP(
                "core",
                "Gap in px from the screen's edges where the window system does not say where panels are "
                "(raise it if a panel covers popups).",
            ),
            ge=0,
            le=400,
        ),
    ] = 48


class PrivacyPrefs(_Section, frozen=True):
    """What the journal keeps and for how long (docs/privacy.md); the running app prunes the rest."""

    keep_service_text: Annotated[
        bool,
        Shown(Section.PRIVACY, QT_TRANSLATE_NOOP("core", "Keep the text of service messages")),
        about(
            QT_TRANSLATE_NOOP(
                "core",
                "Keep the title and body of service popups (chat, mail, login codes: every desktop notification) "
                "in the history; off = only who sent it, when, what was decided, and a fingerprint and length of the text.",
            )
        ),
    ] = False
    service_days: Annotated[
        int,
        Shown(Section.PRIVACY, QT_TRANSLATE_NOOP("core", "Keep service messages for"), unit=DAYS),
        about(QT_TRANSLATE_NOOP("core", "Days the history keeps service popups (and payloads that did not parse)."), ge=1, le=3650),
    ] = 7
    push_days: Annotated[
        int,
        Shown(Section.PRIVACY, QT_TRANSLATE_NOOP("core", "Keep ads, news and content for"), unit=DAYS),
        about(
            QT_TRANSLATE_NOOP(
                "core",
                "Days the history keeps ad, news and content popups; complaints and the popups they cite are kept until you delete them.",
            ),
            ge=1,
            le=3650,
        ),
    ] = 90


class Preferences(_Section, frozen=True):
    """Everything the user decides; nothing a provider sends can change it."""

    caps: Annotated[Caps, about(QT_TRANSLATE_NOOP("core", "How many popups may be shown."))] = msgspec.field(default_factory=Caps)
    opt_out: Annotated[OptOut, about(QT_TRANSLATE_NOOP("core", "Kinds and providers never shown."))] = msgspec.field(default_factory=OptOut)
    quiet_hours: Annotated[
        OptionalTimeRange,
        Shown(
            Section.QUIET,
            QT_TRANSLATE_NOOP("core", "Quiet hours"),
            placeholder=QT_TRANSLATE_NOOP("core", "e.g. 22:00-08:00 (may cross midnight); empty for none"),
        ),
        about(
            QT_TRANSLATE_NOOP("core", 'Local time span with no popups, e.g. "22:00-08:00" (may cross midnight); empty = none.'),
            examples=["22:00-08:00"],
        ),
    ] = None
    paused_until: Annotated[
        OptionalInstant,
        Shown(
            Section.QUIET,
            QT_TRANSLATE_NOOP("core", "Paused until"),
            placeholder=QT_TRANSLATE_NOOP("core", "e.g. 2026-11-27T18:00:00+08:00; empty for not paused"),
        ),
        about(
            QT_TRANSLATE_NOOP("core", "No popups until this time (RFC 3339 with offset); empty = not paused."),
            examples=["2026-11-27T18:00:00+08:00"],
        ),
    ] = None
    minors_mode: Annotated[
        bool,
        Shown(Section.MINORS, QT_TRANSLATE_NOOP("core", "Minors mode")),
        about(
            QT_TRANSLATE_NOOP(
                "core",
                "Minor protection: no ads, nothing personalized, only listed news sources "
                "(can be locked with a guardian PIN).",
            )
        ),
    ] = False
    topic_max: Annotated[
        int,
        cap(QT_TRANSLATE_NOOP("core", "Same topic, at most")),
        about(QT_TRANSLATE_NOOP("core", "Popups shown on one topic of one provider within the topic window."), ge=0),
    ] = 2
    topic_window_hours: Annotated[
        int,
        Shown(Section.CAPS, QT_TRANSLATE_NOOP("core", "Topic window"), unit=HOURS),
        about(QT_TRANSLATE_NOOP("core", "Hours over which popups on the same topic are counted."), ge=1),
    ] = 24
    news_max_age_hours: Annotated[
        int,
        Shown(Section.NEWS, QT_TRANSLATE_NOOP("core", "Maximum news age"), unit=HOURS),
        about(QT_TRANSLATE_NOOP("core", "News older than this many hours is not shown."), ge=1),
    ] = 72
    news_sources_file: Annotated[
        str,
        Shown(Section.NEWS, QT_TRANSLATE_NOOP("core", "News source list"), placeholder=QT_TRANSLATE_NOOP("core", "Empty: the built-in list")),
        about(
            QT_TRANSLATE_NOOP("core", "A news-source list file that replaces the shipped one; empty = the shipped list."),
            examples=["/etc/popup-client/news-sources.toml"],
        ),
    ] = ""
    unverified_providers: Annotated[
        Literal["show", "reject"],
        Shown(
            Section.BLOCKING,
            QT_TRANSLATE_NOOP("core", "Unverified providers"),
            choices={"show": QT_TRANSLATE_NOOP("core", 'Show, marked "Unverified"'), "reject": QT_TRANSLATE_NOOP("core", "Don't show")},
        ),
        about(QT_TRANSLATE_NOOP("core", "Popups from unverified providers: show (marked as unverified) or reject.")),
    ] = "show"
    language: Annotated[
        Literal["auto", "zh_CN", "en"],
        Shown(
            Section.DISPLAY,
            QT_TRANSLATE_NOOP("core", "Language"),
            hint=QT_TRANSLATE_NOOP("core", "Applies from the next start; 广告 (ad) and 关闭 (close) stay Chinese in every language."),
            choices={
                "auto": SYSTEM_DEFAULT,
                "zh_CN": Text("简体中文"),  # each language by its own name, in every language: not translated
                "en": Text("English"),
            },
        ),
        about(
            QT_TRANSLATE_NOOP(
                "core",
                "Language of the app's own text: auto (the system's: Chinese locales get zh_CN, others en), "
                "zh_CN or en; 「广告」 and 「关闭」 stay Chinese in every language. Takes effect at the next start.",
            )
        ),
    ] = "auto"
    max_visible: Annotated[
        int,
        cap(QT_TRANSLATE_NOOP("core", "On screen at once"), Section.DISPLAY),
        about(QT_TRANSLATE_NOOP("core", "Popups on screen at once; more wait in a queue."), ge=1, le=10),
    ] = 3
    timeout_seconds: Annotated[
        TimeoutSeconds, about(QT_TRANSLATE_NOOP("core", "How long each kind of popup stays on screen."))
    ] = msgspec.field(default_factory=TimeoutSeconds)
    local_api: Annotated[
        LocalApi, about(QT_TRANSLATE_NOOP("core", "Limits of the local socket API (take effect at the next start)."))
    ] = msgspec.field(default_factory=LocalApi)
    placement: Annotated[
        PlacementPrefs, about(QT_TRANSLATE_NOOP("core", "Where popups appear on the desktop (take effect at the next start)."))
    ] = msgspec.field(default_factory=PlacementPrefs)
    appearance: Annotated[Appearance, about(QT_TRANSLATE_NOOP("core", "How popups look: theme, text size, motion."))] = msgspec.field(default_factory=Appearance)
    privacy: Annotated[
        PrivacyPrefs, about(QT_TRANSLATE_NOOP("core", "What the history keeps, and for how long (docs/privacy.md)."))
    ] = msgspec.field(default_factory=PrivacyPrefs)

    @classmethod
    def validate(cls, data: Any) -> Preferences:
        """``data`` (plain values, or preferences to check again) as Preferences; :class:`~.model.InvalidPrefs` lists every problem."""
        result: Preferences = convert(cls, data)
        return result

    def in_quiet_hours(self, local: datetime) -> bool:
        """Whether the wall-clock time of ``local`` (already in local time) is inside quiet hours."""
        return self.quiet_hours is not None and self.quiet_hours.contains(local.time())

    def provider_caps(self, provider_id: str) -> tuple[int, int]:
        """(hourly, daily) cap of one provider, its own overrides applied."""
        override = self.caps.providers.get(provider_id, _NO_OVERRIDE)
        hourly = self.caps.provider_hourly if override.hourly is None else override.hourly
        daily = self.caps.provider_daily if override.daily is None else override.daily
        return hourly, daily

    def timeout_for(self, kind: str) -> int:
        """Seconds a popup of ``kind`` stays on screen; 0 = until closed."""
        value = getattr(self.timeout_seconds, kind, None)
        if not isinstance(value, int):
            raise PrefError(f"no timeout for kind {str(kind)!r}; kinds are {', '.join(TimeoutSeconds.__struct_fields__)}")
        return value
