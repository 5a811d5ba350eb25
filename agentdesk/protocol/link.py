"""A client's link to the switchboard, as its WebSocket client sees it and as
the desk shows it: one enum for both (the client sets it, the desk follows)."""

from __future__ import annotations

import enum


class ConnectionState(enum.Enum):
    IDLE = "idle"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    WAITING_RETRY = "waiting_retry"
    UNAUTHORIZED = "unauthorized"
    """The switchboard refused our credentials: retrying would not help."""
    REPLACED = "replaced"
    """A newer connection with the same identity took over (close code 4001):
    coming back would only push that one out in turn."""
    CLOSED = "closed"
