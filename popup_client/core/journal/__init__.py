"""The journal: every payload received, every decision, display, close and report.

One SQLite file (WAL mode) in :func:`popup_client.core.paths.data_dir`. Every
write is committed before the method returns, so a crash or a kill loses
nothing already recorded; frequency and topic counts are read back from it,
so they survive restarts.

Tables:

- ``receipts``: one row per payload received (or its parse error), with the
  decision and the ids of every rule that fired;
- ``events``: what happened to a receipt afterwards — ``display``, ``close``
  (detail ``{"how": ...}``), ``action`` (detail ``{"action": ...}``) and
  ``report`` (detail ``{"complaint_id": ..., "reason": ...}``);
- ``complaints``: reports (「举报」) made by the user.

Times are stored twice: RFC 3339 text in UTC for people, REAL unix time for
indexed comparisons. Reasons and the parse error are stored as the English
the transports replied, and, where they are translatable
:class:`~popup_client.core.text.Text`, also as template and arguments
(``reason_texts``, ``error_text``; NULL in rows from before schema 2), so
the history can show them in the user's language. The schema version lives
in ``PRAGMA user_version``. Every row of the three tables is sealed into one
hash chain as it is written (``chain_seq``, ``chain_prev``, ``chain_hash``;
schema 3, :mod:`.sealing`), with signed head checkpoints at each complaint and
at closing, so :meth:`Journal.verify` finds a row edited, removed or cut off;
each receipt also records the policy bundle in force (``policy_version``).
A file that is not a database, or a damaged one, is moved aside as
``<name>.corrupt-<UTC time>`` and a fresh journal is started, with a warning.
The same happens when the damage is found while the app runs: the operation
that found it fails with :class:`JournalError`, later ones use the fresh
file, and ``warning_listeners`` are told (see :class:`~popup_client.core.journal.connection.JournalConnection`).

The package's modules: :mod:`.records` (what is recorded), :mod:`.schema`
(tables and migrations), :mod:`.connection` (the connection, transactions,
damage found while running), :mod:`.recovery` (the file, moved aside when
damaged), :mod:`.queries` (the reads' SQL), :mod:`.counts` (the caps' counts,
kept in memory), :mod:`.rows` (row mappers), :mod:`.sqlite` (SQLite
settings and stored values), :mod:`.sealing` (the hash chain),
:mod:`.journal` (:class:`Journal`'s operations), :mod:`.redaction` (what is
kept of a popup's text: a service popup's only as a fingerprint) and
:mod:`.retention` (how long rows are kept, clearing on request, space given
back: the one place rows are deleted). See docs/privacy.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from popup_client.core.journal.errors import JournalError
from popup_client.core.journal.shown_query import ShownQuery
from popup_client.core.vocabulary import CloseHow  # re-exported: where the journal's callers always found it

if TYPE_CHECKING:
    from popup_client.core.journal.journal import Journal
    from popup_client.core.journal.records import ComplaintRow, Event, HistoryRow, Receipt
    from popup_client.core.journal.queries import WAS_RECEIVED_QUERY, count_shown_query
    from popup_client.core.journal.schema import SCHEMA_VERSION
    from popup_client.core.journal.sqlite import MEMORY

#: Loaded when first asked for: the rules need the count query only, not the records nor SQLite (``popup-client lint``
#: loads no journal).
_LAZY = {
    "ComplaintRow": "records",
    "Event": "records",
    "HistoryRow": "records",
    "Receipt": "records",
    "Journal": "journal",
    "WAS_RECEIVED_QUERY": "queries",
    "count_shown_query": "queries",
    "SCHEMA_VERSION": "schema",
    "MEMORY": "sqlite",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


__all__ = [
    "MEMORY",
    "SCHEMA_VERSION",
    "WAS_RECEIVED_QUERY",
    "CloseHow",
    "ComplaintRow",
    "Event",
    "HistoryRow",
    "Journal",
    "JournalError",
    "Receipt",
    "ShownQuery",
    "count_shown_query",
]
