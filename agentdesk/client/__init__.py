"""Clients of the switchboard: the WebSocket connection and HTTP sign-in."""

from agentdesk.protocol import ConnectionState

from .auth import AuthError, AuthFailure, http_base, login, refresh
from .backoff import Backoff
from .connection import NotConnected, SwitchboardClient, error_of

__all__ = [
    "AuthError",
    "AuthFailure",
    "Backoff",
    "ConnectionState",
    "NotConnected",
    "SwitchboardClient",
    "error_of",
    "http_base",
    "login",
    "refresh",
]
