"""The conformance kit as a pytest plugin (entry point ``pytest11``: ``popup_conformance``).

Fixtures:

- ``render_popup(payload, *, scale=1, theme=None, dark=False, verified=True)``
  → a shown popup-client window for a payload (path, JSON text, bytes or
  dict), closed after the test;
- ``popup_conformance(popup, *, kind=None, verified=None, available=None,
  scale=None, behaviour=True)`` → a :class:`~popup_client.conformance.model.Result`
  for a popup widget, a factory returning new popups, or a Subject.

A vendor's test is then a few lines::

    def test_my_popup_conforms(popup_conformance):
        result = popup_conformance(lambda: MyPopup(kind="ad"), kind="ad")
        result.assert_ok()

With ``--popup-report DIR`` every result of the session is also written to
``DIR`` as an HTML report with screenshots and ``report.json``. Qt is
imported only when a fixture is used; a QApplication is taken from
pytest-qt's ``qapp`` when available, else created. With no display (no
``DISPLAY``, ``WAYLAND_DISPLAY`` or ``QT_QPA_PLATFORM``) the plugin selects
Qt's offscreen platform at start-up and says so in one line.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

log = logging.getLogger(__name__)

_RESULTS: list[Any] = []
_PLATFORM_NOTE: list[str] = []


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("popup-conformance", "popup-client conformance kit")
    group.addoption("--popup-report", metavar="DIR", default=None,
                    help="write every popup_conformance result as an HTML report (with report.json) into DIR")
    group.addoption("--popup-watch", metavar="SECONDS", type=float, default=None,
                    help="how long the kit watches each popup after showing and clicking it (default 2; see docs/qa.md)")  # fmt: skip


def pytest_configure(config: pytest.Config) -> None:  # noqa: ARG001
    from .headless import choose_platform

    note = choose_platform("popup-conformance")
    if note:
        _PLATFORM_NOTE.append(note)


def pytest_sessionstart(session: pytest.Session) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    for note in _PLATFORM_NOTE:
        if reporter is not None:
            reporter.write_line(note)
        else:
            log.warning("%s", note)


def pytest_sessionfinish(session: pytest.Session) -> None:
    out = session.config.getoption("popup_report", default=None)
    if out and _RESULTS:
        from .report import write_report

        page = write_report(_RESULTS, Path(out), title="Popup conformance report (pytest)")
        log.info("popup conformance report: %s", page)


def _app(request: pytest.FixtureRequest) -> Any:
    """The QApplication; from now on URLs a popup opens between checks are held, never opened."""
    try:
        app = request.getfixturevalue("qapp")
    except pytest.FixtureLookupError:
        from popup_client.ui.render import ensure_app

        app = ensure_app()
    from .quarantine import hold_late_urls

    hold_late_urls()
    return app


@pytest.fixture
def render_popup(request: pytest.FixtureRequest) -> Iterator[Callable[..., Any]]:
    """Render a payload with popup-client's renderer: ``render_popup(payload, *, scale=1, theme=None, ...)``."""
    _app(request)
    from .ours import render_popup as render

    made: list[Any] = []

    def make(payload: Any, *, scale: float = 1.0, theme: str | Path | None = None, dark: bool = False,
             verified: bool = True) -> Any:  # fmt: skip
        window = render(payload, scale=scale, theme=theme, dark=dark, verified=verified)
        made.append(window)
        return window

    yield make
    for window in made:
        window.hide()
        window.deleteLater()


@pytest.fixture
def popup_conformance(request: pytest.FixtureRequest) -> Callable[..., Any]:
    """Check a popup: ``popup_conformance(widget_or_factory, *, kind=None, ...)`` → Result."""
    _app(request)
    from .runner import DEFAULT_SETTLE_MS, check_popup

    def run(target: Any, *, kind: str | None = None, verified: bool | None = None, available: Any = None,
            scale: float | None = None, behaviour: bool = True, settle_ms: int | None = None,
            name: str | None = None) -> Any:  # fmt: skip
        if settle_ms is None:
            watch = request.config.getoption("popup_watch", default=None)
            settle_ms = round(watch * 1000) if watch is not None else DEFAULT_SETTLE_MS
        result = check_popup(target, kind=kind, verified=verified, available=available, scale=scale,
                             behaviour=behaviour, settle_ms=settle_ms, name=name or request.node.name)  # fmt: skip
        if request.config.getoption("popup_report", default=None):
            _RESULTS.append(result)
        return result

    return run
