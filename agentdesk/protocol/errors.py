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


class ErrorReason(enum.StrEnum):
    """Which refusal exactly, under its ``code``: an error's ``reason``.

    Clients turn each into a sentence in their own language (``message`` is
    English, for logs); a reason they do not know falls back to the code.
    docs/protocol.md lists them all, with where each is sent."""

    # Signing in: POST /login and /refresh, hello, and a session that ends (close 4003).
    WRONG_PASSWORD = "wrong_password"
    ACCOUNT_DISABLED = "account_disabled"
    """The account is disabled or was deleted (told at login only with the right password)."""
    ACCOUNT_CHANGED = "account_changed"
    """Its role or agency changed since the token was issued."""
    SIGNED_OUT = "signed_out"
    """The sign-in ended: logout (perhaps from elsewhere), a password reset or a replayed token."""
    TOKEN_EXPIRED = "token_expired"
    """The access or refresh token is invalid, spent or past its expiry."""
    DEVICE_TOKEN_RENEWED = "device_token_renewed"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    """Failed logins from this address: the error's ``retry_after_s`` says when to try again."""
    # Presence and calls, over the WebSocket.
    WRONG_ROLE = "wrong_role"
    CALL_RINGING = "call_ringing"
    CALL_GONE = "call_gone"
    NOT_YOUR_SERVICE = "not_your_service"
    CALL_NOT_WAITING = "call_not_waiting"
    KIOSK_AWAY = "kiosk_away"
    QUEUE_EMPTY = "queue_empty"
    AGENT_BUSY = "agent_busy"
    NOT_RINGING = "not_ringing"
    NOT_IN_CALL = "not_in_call"
    NOT_IN_WRAP_UP = "not_in_wrap_up"
    UNKNOWN_SERVICE = "unknown_service"
    SAME_SERVICE = "same_service"
    SAME_AGENT = "same_agent"
    """A transfer naming the agent who holds the call."""
    TOO_MANY_MESSAGES = "too_many_messages"
    # Calendar and appointments, over HTTP.
    OUTSIDE_PERMANENCE = "outside_permanence"
    APPOINTMENT_NOT_BOOKED = "appointment_not_booked"
    UNKNOWN_APPOINTMENT = "unknown_appointment"
    UNKNOWN_KIOSK = "unknown_kiosk"
    UNKNOWN_AGENT = "unknown_agent"
    AGENT_NOT_IN_SERVICE = "agent_not_in_service"
    SLOT_OVERLAP = "slot_overlap"
    BAD_PERIOD = "bad_period"


class ProtocolError(Exception):
    """Raised by handlers; turned into an ``error`` message for the client."""

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        next_opening: float | None = None,
        *,
        reason: ErrorReason | None = None,
        retry_after_s: float | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.next_opening = next_opening
        self.reason = reason
        self.retry_after_s = retry_after_s
