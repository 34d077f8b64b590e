"""OS vendors' themes: a QSS file restyling the popup, accepted only if every guarantee still holds.

A theme is applied on top of the popup's own style sheet. Before it is
used, :func:`validate_theme` renders a sample popup of every kind, in the
light and the dark palette, with the theme applied, and runs the
conformance checks on each; one failed measurement and the theme is
refused (:class:`ThemeRejected` names every failure). The app calls
:func:`load_theme_or_default`, which never raises: it returns the style
sheet to apply, or None to keep the default, and the messages to show.
"""

from __future__ import annotations

import logging
from pathlib import Path

from popup_client.ui.view import PopupView

from .locate import KINDS
from .model import ConformanceError, Result

log = logging.getLogger(__name__)

#: Settling time of the behaviour checks on a theme: a style sheet cannot start timers, so it is short.
THEME_SETTLE_MS = 60
MAX_THEME_BYTES = 256 * 1024


class ThemeError(ConformanceError):
    """The theme file cannot be read."""


class ThemeRejected(ConformanceError):
    """The theme breaks at least one guarantee; ``results`` holds every measurement."""

    def __init__(self, name: str, results: list[Result]) -> None:
        self.name = name
        self.results = results
        failures = [(r.subject, c) for r in results for c in r.failures]
        rules = sorted({c.rule for _, c in failures})
        lines = [f"the theme {name} was refused: it breaks {', '.join(rules)}"]
        lines += [f"  {subject}: {c.rule} {c.name}: {c.measured} ({c.threshold})" for subject, c in failures]
        super().__init__("\n".join(lines))

    @property
    def failed_rules(self) -> set[str]:
        return {rule for r in self.results for rule in r.failed_rules}


def sample_views() -> list[PopupView]:
    """One popup of each kind, with every part a theme can restyle: badge, mark, source, buttons."""
    body = "正文第一行。第二行说明文字。"
    return [
        PopupView(0, "ad", "示例商城", "com.example.theme", title="冬季新品上市", body=body,
                  link="https://shop.example.com/a", advertiser="示例服饰有限公司", payer="示例服饰有限公司",
                  targeting=("您关注了冬季服饰",)),
        PopupView(0, "news", "示例新闻", "com.example.theme", title="新闻标题", body=body,
                  link="https://news.example.com/a", source="新华社"),
        PopupView(0, "content", "示例旅行", "com.example.theme", title="内容推荐", body=body,
                  link="https://travel.example.com/a", verified=False),
        PopupView(0, "service", "文件同步", "com.example.theme", title="同步完成", body=body, actions=(("open", "打开"),)),
    ]  # fmt: skip


def read_theme(path: str | Path) -> str:
    """The QSS text of a theme file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ThemeError(f"cannot read the theme {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_THEME_BYTES:
        raise ThemeError(f"the theme {path} is larger than {MAX_THEME_BYTES // 1024} KiB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ThemeError(f"the theme {path} is not UTF-8 text") from None


def validate_theme(qss: str, *, name: str = "theme", scale: float = 1.0, settle_ms: int = THEME_SETTLE_MS) -> list[Result]:
    """Check every kind, light and dark, with ``qss`` applied; raise :class:`ThemeRejected` on any failure."""
    from .ours import check_view

    results = []
    for view in sample_views():
        for dark in (False, True):
            palette = "dark" if dark else "light"
            subject = f"{view.kind} ({palette}, themed)"
            results.append(check_view(view, name=subject, scale=scale, dark=dark, qss=qss, settle_ms=settle_ms))
    if any(not r.passed for r in results):
        raise ThemeRejected(name, results)
    log.info("theme %s holds every guarantee for %s", name, ", ".join(KINDS))
    return results


def load_theme(path: str | Path, *, scale: float = 1.0) -> str:
    """Read and validate a theme file; its QSS, or :class:`ThemeError` / :class:`ThemeRejected`."""
    qss = read_theme(path)
    validate_theme(qss, name=str(path), scale=scale)
    return qss


def load_theme_or_default(path: str | Path | None) -> tuple[str | None, list[str]]:
    """The theme's QSS if it holds every guarantee, else None (keep the default style); and messages for the user.

    Never raises for a bad theme: a refused or unreadable theme falls back
    to the default, and the message says why. Needs a QApplication.
    """
    if path is None or str(path) == "":
        return None, []
    try:
        qss = load_theme(path)
    except ThemeRejected as exc:
        log.warning("%s", exc)
        return None, [f"{exc}\nthe default style is used instead"]
    except ConformanceError as exc:
        log.warning("%s", exc)
        return None, [f"{exc}; the default style is used instead"]
    return qss, [f"theme {path} loaded: every guarantee holds for {', '.join(KINDS)} popups, light and dark"]
