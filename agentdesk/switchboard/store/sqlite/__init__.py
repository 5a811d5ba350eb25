"""The SQLite engine of the store: one file, one connection in the event
loop's thread (see base.py), one module per concern."""

from __future__ import annotations

from .calendar import SqliteCalendar
from .calls import SqliteCalls
from .directory import SqliteDirectory
from .fleet import SqliteFleet
from .results import SqliteResults
from .schema import SCHEMA_VERSION
from .supervision import SqliteSupervision
from .tokens import SqliteTokens


class SqliteStore(
    SqliteDirectory,
    SqliteCalendar,
    SqliteTokens,
    SqliteCalls,
    SqliteSupervision,
    SqliteFleet,
    SqliteResults,
):
    """Every concern of ``Storage`` on one SQLite file."""


__all__ = ["SCHEMA_VERSION", "SqliteStore"]
