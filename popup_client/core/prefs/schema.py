"""The preferences' typed schema: :class:`Preferences` and its sections (docs/rules.md "Preferences")."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from popup_client.core.payload import KindName
from popup_client.core.prefs.checks import ProviderId, unique
from popup_client.core.prefs.errors import PrefError
from popup_client.core.prefs.appearance import Appearance
from popup_client.core.prefs.shown import DAYS, HOURS, SYSTEM_DEFAULT, Section, Shown, cap, timeout
from popup_client.core.prefs.times import OptionalInstant, OptionalTimeRange
from popup_client.core.text import QT_TRANSLATE_NOOP, Text


class _Section(BaseModel):
    # revalidate_instances: validating a model made around validation (model_copy(update=…)) checks it again.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, strict=True, revalidate_instances="always")


class ProviderCaps(_Section):
    """One provider's own caps; an unset cap uses the general one."""

    hourly: int | None = Field(
        None,
        ge=0,
        description=QT_TRANSLATE_NOOP("core", "Popups this provider may show per hour, instead of caps.provider_hourly."),
        examples=[1],
    )
    daily: int | None = Field(
        None,
        ge=0,
        description=QT_TRANSLATE_NOOP("core", "Popups this provider may show in 24 hours, instead of caps.provider_daily."),
        examples=[3],
    )


_NO_OVERRIDE = ProviderCaps()  # a provider without its own caps


class Caps(_Section):
    """Frequency caps (rule ``frequency-cap``)."""

    global_hourly: Annotated[int, cap(QT_TRANSLATE_NOOP("core", "Total per hour"))] = Field(
        6, ge=0, description=QT_TRANSLATE_NOOP("core", "Ad, news and content popups shown per hour, all providers together.")
    )
    provider_hourly: Annotated[int, cap(QT_TRANSLATE_NOOP("core", "Per provider per hour"))] = Field(
        2, ge=0, description=QT_TRANSLATE_NOOP("core", "Ad, news and content popups one provider may show per hour.")
    )
    provider_daily: Annotated[int, cap(QT_TRANSLATE_NOOP("core", "Per provider per day"))] = Field(
        6, ge=0, description=QT_TRANSLATE_NOOP("core", "Ad, news and content popups one provider may show in 24 hours.")
    )
    service_per_minute: Annotated[int, cap(QT_TRANSLATE_NOOP("core", "Service messages per minute"))] = Field(
        10,
        ge=0,
        description=QT_TRANSLATE_NOOP("core", "Service popups (chat, system messages) one provider may show per minute."),
    )
    providers: Annotated[
        dict[ProviderId, ProviderCaps],
        Shown(Section.CAPS, QT_TRANSLATE_NOOP("core", "Provider overrides"), last=True),
    ] = Field(
        default_factory=dict,
        description=QT_TRANSLATE_NOOP(
            "core",
            "Caps for single providers, lower or higher than the general ones "
            "(set them as caps.providers.<provider id>.hourly or .daily).",
        ),
        examples=[{"com.example.news": {"hourly": 1, "daily": 3}}],
    )


class OptOut(_Section):
    """What the user never wants to see (rule ``opted-out``)."""

    kinds: Annotated[
        list[KindName],
        AfterValidator(unique), Shown(Section.BLOCKING, QT_TRANSLATE_NOOP("core", "Blocked kinds")),
    ] = Field(
        default_factory=list, description=QT_TRANSLATE_NOOP("core", "Kinds of popup never shown."), examples=[["ad"]]
    )
    providers: Annotated[
        list[ProviderId],
        AfterValidator(
            unique), Shown(Section.BLOCKING,
            QT_TRANSLATE_NOOP("core", "Blocked providers"),
            placeholder=QT_TRANSLATE_NOOP("core", "Provider ID, e.g. com.example.news"),
        ),
    ] = Field(
        default_factory=list,
        description=QT_TRANSLATE_NOOP("core", "Providers whose popups are never shown."),
        examples=[["com.example.news"]],
    )


class TimeoutSeconds(_Section):
    """How long each kind of popup stays on screen."""

    ad: Annotated[
        int,
        timeout(QT_TRANSLATE_NOOP("core", "Ad display time")),
    ] = Field(8, ge=0, le=3600, description=QT_TRANSLATE_NOOP("core", "Seconds an ad stays on screen; 0 = until closed."))
    news: Annotated[int, timeout(QT_TRANSLATE_NOOP("core", "News display time"))] = Field(
        10, ge=0, le=3600, description=QT_TRANSLATE_NOOP("core", "Seconds a news popup stays on screen; 0 = until closed.")
    )
    content: Annotated[int, timeout(QT_TRANSLATE_NOOP("core", "Content display time"))] = Field(
        8, ge=0, le=3600, description=QT_TRANSLATE_NOOP("core", "Seconds a content popup stays on screen; 0 = until closed.")
    )
    service: Annotated[int, timeout(QT_TRANSLATE_NOOP("core", "Service display time"))] = Field(
        6, ge=0, le=3600, description=QT_TRANSLATE_NOOP("core", "Seconds a service popup stays on screen; 0 = until closed.")
    )


class LocalApi(_Section):
    """Limits of the local socket API, per connection (a flood of providers cannot exhaust the app)."""

    idle_timeout_seconds: Annotated[
        int,
        Shown(Section.LOCAL_API, QT_TRANSLATE_NOOP("core", "Idle connection timeout (s)")),
    ] = Field(
        60,
        ge=1,
        le=86400,
        description=QT_TRANSLATE_NOOP("core", "A connection that sends nothing for this many seconds is closed."),
    )
    max_connections: Annotated[int, Shown(Section.LOCAL_API, QT_TRANSLATE_NOOP("core", "Max connections"))] = Field(
        256, ge=1, le=4096, description=QT_TRANSLATE_NOOP("core", "Connections open at once; more are refused.")
    )
    max_request_kib: Annotated[
        int,
        Shown(Section.LOCAL_API, QT_TRANSLATE_NOOP("core", "Max request size (KiB)")),
    ] = Field(
        1088,
        ge=1025,
        le=16384,
        description=QT_TRANSLATE_NOOP(
            "core",
            "Longest request line in KiB (a popup may be 1 MiB); longer lines are refused without being read whole.",
        ),
    )


Mechanism = Literal["auto", "layer-shell", "xwayland", "x11", "window"]
CornerChoice = Literal["auto", "top-right", "top-left", "bottom-right", "bottom-left"]


class PlacementPrefs(_Section):
    """Where popups appear on the desktop and how they get there (take effect at the next start)."""

    mechanism: Annotated[
        Mechanism,
        Shown(
            Section.PLACEMENT,
            QT_TRANSLATE_NOOP("core", "Display method"),
            choices={"auto": SYSTEM_DEFAULT},
            last=True,
        ),
    ] = Field(
        "auto",
        description=QT_TRANSLATE_NOOP(
            "core",
            "How popups are put on screen: auto (chosen from the session: layer-shell on sway and KDE, "
            "xwayland on GNOME, x11 on X11), layer-shell, xwayland, x11 or window (plain windows).",
        ),
    )
    corner: Annotated[
        CornerChoice,
        Shown(Section.PLACEMENT, QT_TRANSLATE_NOOP("core", "Corner"), choices={"auto": SYSTEM_DEFAULT}),
    ] = Field(
        "auto",
        description=QT_TRANSLATE_NOOP(
            "core",
            "Corner the popups stack from: auto (top-right; bottom-right on Windows), top-right, top-left, "
            "bottom-right or bottom-left.",
        ),
    )
    margin: Annotated[int, Shown(Section.PLACEMENT, QT_TRANSLATE_NOOP("core", "Gap to the screen edges"))] = Field(
        16,
        ge=0,
        le=400,
        description=QT_TRANSLATE_NOOP("core", "Gap in px between the popups and the edges of the area panels and bars leave free."),
    )
    margin_unknown_panels: Annotated[
        int,
        Shown(Section.PLACEMENT, QT_TRANSLATE_NOOP("core", "Gap when panels are unknown")),
    ] = Field(
        48,
        ge=0,
        le=400,
        description=QT_TRANSLATE_NOOP(
            "core",
            "Gap in px from the screen's edges where the window system does not say where panels are "
            "(raise it if a panel covers popups).",
        ),
    )


class PrivacyPrefs(_Section):
    """What the journal keeps and for how long (docs/privacy.md); the running app prunes the rest."""

    keep_service_text: Annotated[
        bool,
        Shown(Section.PRIVACY, QT_TRANSLATE_NOOP("core", "Keep the text of service messages")),
    ] = Field(
        False,
        description=QT_TRANSLATE_NOOP(
            "core",
            "Keep the title and body of service popups (chat, mail, login codes: every desktop notification) "
            "in the history; off = only who sent it, when, what was decided, and a fingerprint and length of the text.",
        ),
    )
    service_days: Annotated[
        int,
        Shown(Section.PRIVACY, QT_TRANSLATE_NOOP("core", "Keep service messages for"), unit=DAYS),
    ] = Field(
        7,
        ge=1,
        le=3650,
        description=QT_TRANSLATE_NOOP("core", "Days the history keeps service popups (and payloads that did not parse)."),
    )
    push_days: Annotated[
        int,
        Shown(Section.PRIVACY, QT_TRANSLATE_NOOP("core", "Keep ads, news and content for"), unit=DAYS),
    ] = Field(
        90,
        ge=1,
        le=3650,
        description=QT_TRANSLATE_NOOP(
            "core",
            "Days the history keeps ad, news and content popups; complaints and the popups they cite are kept until you delete them.",
        ),
    )


def _section(model: type[BaseModel], description: str) -> Any:
    """A section of the preferences: its own model, all defaults unless the file says otherwise."""
    return Field(default_factory=model, description=description)


class Preferences(_Section):
    """Everything the user decides; nothing a provider sends can change it."""

    caps: Caps = _section(Caps, QT_TRANSLATE_NOOP("core", "How many popups may be shown."))
    opt_out: OptOut = _section(OptOut, QT_TRANSLATE_NOOP("core", "Kinds and providers never shown."))
    quiet_hours: Annotated[
        OptionalTimeRange,
        Shown(
            Section.QUIET,
            QT_TRANSLATE_NOOP("core", "Quiet hours"),
            placeholder=QT_TRANSLATE_NOOP("core", "e.g. 22:00-08:00 (may cross midnight); empty for none"),
        ),
    ] = Field(
        None,
        description=QT_TRANSLATE_NOOP(
            "core", 'Local time span with no popups, e.g. "22:00-08:00" (may cross midnight); empty = none.'
        ),
        examples=["22:00-08:00"],
    )
    paused_until: Annotated[
        OptionalInstant,
        Shown(
            Section.QUIET,
            QT_TRANSLATE_NOOP("core", "Paused until"),
            placeholder=QT_TRANSLATE_NOOP("core", "e.g. 2026-11-27T18:00:00+08:00; empty for not paused"),
        ),
    ] = Field(
        None,
        description=QT_TRANSLATE_NOOP("core", "No popups until this time (RFC 3339 with offset); empty = not paused."),
        examples=["2026-11-27T18:00:00+08:00"],
    )
    minors_mode: Annotated[bool, Shown(Section.MINORS, QT_TRANSLATE_NOOP("core", "Minors mode"))] = Field(
        False,
        description=QT_TRANSLATE_NOOP(
            "core",
            "Minor protection: no ads, nothing personalized, only listed news sources "
            "(can be locked with a guardian PIN).",
        ),
    )
    topic_max: Annotated[int, cap(QT_TRANSLATE_NOOP("core", "Same topic, at most"))] = Field(
        2, ge=0, description=QT_TRANSLATE_NOOP("core", "Popups shown on one topic of one provider within the topic window.")
    )
    topic_window_hours: Annotated[
        int,
        Shown(Section.CAPS, QT_TRANSLATE_NOOP("core", "Topic window"), unit=HOURS),
    ] = Field(
        24, ge=1, description=QT_TRANSLATE_NOOP("core", "Hours over which popups on the same topic are counted.")
    )
    news_max_age_hours: Annotated[
        int,
        Shown(Section.NEWS, QT_TRANSLATE_NOOP("core", "Maximum news age"), unit=HOURS),
    ] = Field(
        72, ge=1, description=QT_TRANSLATE_NOOP("core", "News older than this many hours is not shown.")
    )
    news_sources_file: Annotated[
        str,
        Shown(
            Section.NEWS,
            QT_TRANSLATE_NOOP("core", "News source list"),
            placeholder=QT_TRANSLATE_NOOP("core", "Empty: the built-in list"),
        ),
    ] = Field(
        "",
        description=QT_TRANSLATE_NOOP("core", "A news-source list file that replaces the shipped one; empty = the shipped list."),
        examples=["/etc/popup-client/news-sources.toml"],
    )
    unverified_providers: Annotated[
        Literal["show", "reject"],
        Shown(
            Section.BLOCKING,
            QT_TRANSLATE_NOOP("core", "Unverified providers"),
            choices={"show": QT_TRANSLATE_NOOP("core", 'Show, marked "Unverified"'), "reject": QT_TRANSLATE_NOOP("core", "Don't show")},
        ),
    ] = Field(
        "show", description=QT_TRANSLATE_NOOP("core", "Popups from unverified providers: show (marked as unverified) or reject.")
    )
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
    ] = Field(
        "auto",
        description=QT_TRANSLATE_NOOP(
            "core",
            "Language of the app's own text: auto (the system's: Chinese locales get zh_CN, others en), "
            "zh_CN or en; 「广告」 and 「关闭」 stay Chinese in every language. Takes effect at the next start.",
        ),
    )
    max_visible: Annotated[int, cap(QT_TRANSLATE_NOOP("core", "On screen at once"), Section.DISPLAY)] = Field(
        3, ge=1, le=10, description=QT_TRANSLATE_NOOP("core", "Popups on screen at once; more wait in a queue.")
    )
    timeout_seconds: TimeoutSeconds = _section(
        TimeoutSeconds, QT_TRANSLATE_NOOP("core", "How long each kind of popup stays on screen.")
    )
    local_api: LocalApi = _section(
        LocalApi, QT_TRANSLATE_NOOP("core", "Limits of the local socket API (take effect at the next start).")
    )
    placement: PlacementPrefs = _section(
        PlacementPrefs, QT_TRANSLATE_NOOP("core", "Where popups appear on the desktop (take effect at the next start).")
    )
    appearance: Appearance = _section(
        Appearance, QT_TRANSLATE_NOOP("core", "How popups look: theme, text size, motion.")
    )
    privacy: PrivacyPrefs = _section(
        PrivacyPrefs, QT_TRANSLATE_NOOP("core", "What the history keeps, and for how long (docs/privacy.md).")
    )

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
            raise PrefError(f"no timeout for kind {str(kind)!r}; kinds are {', '.join(TimeoutSeconds.model_fields)}")
        return value
