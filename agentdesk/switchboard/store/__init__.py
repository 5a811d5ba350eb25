"""Where the switchboard keeps accounts, tokens, calls and their history.

``Storage`` (interface.py) is what the rest of the switchboard may ask of a
store, one protocol per concern; ``SqliteStore`` (sqlite/) is today's only
engine.  ``Store`` names the engine ``--db FILE`` opens."""

from __future__ import annotations

from .interface import (
    Calendars,
    CallHistory,
    Directory,
    RefreshTokens,
    Secrets,
    Storage,
    Supervision,
    Transactions,
    TransferResults,
)
from .records import (
    Agency,
    Agent,
    CallRow,
    EventRow,
    Hold,
    KeptResult,
    Kiosk,
    Service,
    StoreError,
)
from .sqlite import SCHEMA_VERSION, SqliteStore

Store = SqliteStore

__all__ = [
    "SCHEMA_VERSION",
    "Agency",
    "Agent",
    "Calendars",
    "CallHistory",
    "CallRow",
    "Directory",
    "EventRow",
    "Hold",
    "KeptResult",
    "Kiosk",
    "RefreshTokens",
    "Secrets",
    "Service",
    "SqliteStore",
    "Storage",
    "Store",
    "StoreError",
    "Supervision",
    "Transactions",
    "TransferResults",
]
