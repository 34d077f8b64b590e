"""Slow, independent subprocesses of a test module started ahead, a few at a time; each test awaits its own.

Some tests spend most of their time in one subprocess that does not depend
on anything another test does (a guide's walkthrough, one ``popup-client
check`` run) and much of that time waiting, not computing (the kit watches
each popup for 2 s). A module-scoped fixture hands each selected test's run
to :class:`Ahead`, which runs them ``workers`` at a time in the order the
tests will ask for them; each test then takes its own result and makes the
same assertions on it as before. A run's exception is raised in its test.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Generic, TypeVar

import pytest

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Two at a time: CI has two cores, and a run that mostly waits leaves the other core to the next run.
WORKERS = 2


class Ahead(Generic[T]):
    """Runs submitted calls in the background, ``workers`` at a time, in the order submitted."""

    def __init__(self, workers: int = WORKERS) -> None:
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="tests-ahead")
        self._runs: dict[Hashable, Future[T]] = {}

    def submit(self, key: Hashable, call: Callable[..., T], *args: Any, **kwargs: Any) -> None:
        if key in self._runs:
            raise ValueError(f"{key!r} was already submitted")
        self._runs[key] = self._pool.submit(call, *args, **kwargs)

    def result(self, key: Hashable) -> T:
        """The submitted call's result (its exception raised here), waiting for it if need be."""
        return self._runs[key].result()

    def close(self) -> None:
        """Forget runs no test asked for (not started yet) and wait for those under way."""
        for run in self._runs.values():
            run.cancel()
        self._pool.shutdown(wait=True)


def selected_params(request: pytest.FixtureRequest, test_name: str) -> list[dict[str, Any]]:
    """The parameters of each selected case of ``test_name`` in the requesting module, in run order."""
    module = request.module
    return [dict(item.callspec.params) if hasattr(item, "callspec") else {} for item in request.session.items
            if isinstance(item, pytest.Function) and item.module is module and item.originalname == test_name]  # fmt: skip
