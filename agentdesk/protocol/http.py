"""JSON bodies of the switchboard's HTTP API (login, tokens, supervisor reports).

Errors use the WebSocket ``error`` message (``{"type": "error", "code", "message"}``)
with a matching HTTP status: 400 bad_message, 401 unauthorized, 403 forbidden,
404 not_found, 413 too_large, 429 rate_limited, 500 internal.
"""

from __future__ import annotations

from typing import Annotated

import msgspec

from .messages import CallEvent, CallInfo, CallState, Role, ServiceQueue

_Login = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
_Password = Annotated[str, msgspec.Meta(min_length=1, max_length=256)]
_Token = Annotated[str, msgspec.Meta(min_length=1, max_length=512)]


class LoginRequest(msgspec.Struct, kw_only=True):
    login: _Login
    password: _Password


class RefreshRequest(msgspec.Struct, kw_only=True):
    refresh_token: _Token


class LogoutRequest(msgspec.Struct, kw_only=True):
    refresh_token: _Token


class TokenResponse(msgspec.Struct, kw_only=True):
    """Answer to login and refresh.  A refresh rotates the refresh token: the
    old one stops working."""

    access_token: str
    refresh_token: str
    expires_in: float
    """Seconds the access token stays valid."""
    token_type: str = "Bearer"
    role: Role
    login: str
    display_name: str
    agency: str
    services: list[str]


class OkResponse(msgspec.Struct, kw_only=True):
    ok: bool = True


class HealthResponse(msgspec.Struct, kw_only=True):
    status: str
    version: str
    uptime_s: float
    kiosks_online: int
    agents_online: int
    calls_waiting: int


class QueuesResponse(msgspec.Struct, kw_only=True):
    """GET /api/v1/queues: every service of the supervisor's agency, with all
    its waiting calls and its agents (state and time in state)."""

    agency: str
    at: float
    queues: list[ServiceQueue]


class CallEventRecord(msgspec.Struct, kw_only=True, omit_defaults=True):
    seq: int
    at: float
    event: CallEvent
    state: CallState
    """State of the call after the event."""
    agent_login: str | None = None
    detail: dict[str, str] = msgspec.field(default_factory=dict)


class CallRecord(msgspec.Struct, kw_only=True, omit_defaults=True):
    call: CallInfo
    origin_service: str
    answered_at: float | None = None
    connected_at: float | None = None
    ended_at: float | None = None
    end_reason: str | None = None
    outcome: str | None = None
    events: list[CallEventRecord] = msgspec.field(default_factory=list)


class CallsResponse(msgspec.Struct, kw_only=True):
    """GET /api/v1/calls?since=&until=: calls that arrived in [since, until)."""

    agency: str
    since: float
    until: float
    calls: list[CallRecord]


class DayStats(msgspec.Struct, kw_only=True):
    """GET /api/v1/stats?day=YYYY-MM-DD (a Europe/Paris day).

    ``calls`` counts calls that arrived that day; ``answered`` those an agent
    took (reached connecting); ``abandoned`` those the resident left (or whose
    kiosk stayed away) before being answered.  A wait runs from arrival to the
    first answer, or to abandonment; calls still waiting are not counted in the
    waits.  Call length runs from media connected to hang-up."""

    agency: str
    day: str
    calls: int
    answered: int
    abandoned: int
    missed_offers: int
    interrupted: int
    transferred: int
    waiting_now: int
    mean_wait_s: float | None
    longest_wait_s: float | None
    mean_call_s: float | None
    per_service: dict[str, int] = msgspec.field(default_factory=dict)
    """Calls that arrived that day, per service."""


class LatencyHistogram(msgspec.Struct, kw_only=True):
    """Durations recorded since the switchboard started.  ``buckets`` lists
    ``[upper_ms, count]`` for every non-empty bucket (bounds grow by 5%), so the
    figures of a period are the difference of two readings."""

    count: int
    sum_ms: float
    max_ms: float
    p50_ms: float | None
    p99_ms: float | None
    buckets: list[tuple[float, int]]


class MetricsResponse(msgspec.Struct, kw_only=True):
    """GET /api/v1/metrics (supervisors): the switchboard's own performance.

    ``routing``: from the moment a call waits and a free auto-answer agent
    serves its service (both known to the switchboard) to the ``offered``
    message written to that agent's socket.  ``loop_lag``: how late a 50 ms
    timer of the switchboard's event loop ran (time spent on other work, or
    waiting for the CPU)."""

    version: str
    uptime_s: float
    messages_in: int
    messages_out: int
    offers: int
    routing: LatencyHistogram
    loop_lag: LatencyHistogram
    gc_pauses: LatencyHistogram | None = None
    """Durations of the garbage collector's pauses."""
