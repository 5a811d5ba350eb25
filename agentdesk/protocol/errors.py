"""Stable error codes.  Clients branch on ``code``; ``message`` is for logs and people."""

from __future__ import annotations

import enum


class ErrorCode(enum.StrEnum):
    BAD_MESSAGE = "bad_message"
    """Not JSON, not an object, unknown ``type``, or a field of the wrong type or size."""
    UNSUPPORTED_VERSION = "unsupported_version"
    UNAUTHORIZED = "unauthorized"
    """No valid credentials: bad or expired token, or no ``hello`` yet."""
    FORBIDDEN = "forbidden"
    """Authenticated, but this role or account may not do that."""
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"
    """The step does not fit the current state (out of order, already taken...)."""
    CLOSED = "closed"
    """The service is not open at this kiosk now; the error's ``next_opening``
    says when it opens next."""
    AGENT_OFFLINE = "agent_offline"
    """The colleague named in a ``transfer`` is not signed in, or is offline."""
    TOO_LARGE = "too_large"
    RATE_LIMITED = "rate_limited"
    INTERNAL = "internal"


class ProtocolError(Exception):
    """Raised by handlers; turned into an ``error`` message for the client."""

    def __init__(self, code: ErrorCode, message: str, next_opening: float | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.next_opening = next_opening
