"""Records of the switchboard's live state: connections, agents' presence, calls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from agentdesk.protocol import AgentInfo, AgentState, CallInfo, CallState, IceServer, LineCaps, Role

from .auth import Claims
from .store.records import CallRow


class Outbox(Protocol):
    """Where a connection's outgoing messages go (already encoded)."""

    def send(self, data: bytes, routed_since: float | None = None) -> None:
        """Queues a message (``encode_bytes``) until ``push``; ``routed_since`` (an offer's routing
        start, monotonic time) asks the connection to record the routing time
        once written."""

    def push(self) -> None:
        """Writes what was queued since the last push, together (the board
        pushes at the end of each step)."""

    def close(self, code: int, message: str) -> None:
        """Pushes what was queued, then closes once it is written."""

    def confirm(self, received: Callable[[], None]) -> None:
        """Calls ``received`` once the client has read everything queued so
        far; never if the connection ends first."""


@dataclass(eq=False)
class Peer:
    """One authenticated connection."""

    role: Role
    identity: str
    """The agent's login or the kiosk's id."""
    display_name: str
    agency: str
    services: frozenset[str]
    out: Outbox
    subscribed: bool = False
    claims: Claims | None = None
    """Staff: the access token the session was opened with."""
    credential: str = ""
    """Kiosks: the SHA-256 of the device token the session was opened with."""

    @property
    def is_staff(self) -> bool:
        return self.role is not Role.KIOSK


@dataclass(eq=False)
class Presence:
    """An agent (or supervisor) as the switchboard knows them since it started."""

    login: str
    display_name: str
    agency: str
    services: frozenset[str]
    state: AgentState
    since: float
    reason: str | None = None
    base: AgentState = AgentState.PAUSED
    """What the agent asked for (available, paused, offline): the state they
    return to after a call or an offer."""
    base_reason: str | None = None
    auto_answer: bool = False
    call_id: str | None = None
    idle_since: float = 0.0
    online: bool = False
    role: Role = Role.AGENT
    """A supervisor watching the board has a presence too, but is nobody's
    agent: not listed nor counted among the agents signed in."""

    @property
    def is_agent(self) -> bool:
        return self.role is Role.AGENT

    def info(self) -> AgentInfo:
        return AgentInfo(
            login=self.login,
            display_name=self.display_name,
            services=sorted(self.services),
            state=self.state
            if self.online or self.state is AgentState.WRAP_UP
            else AgentState.OFFLINE,
            since=self.since,
            reason=self.reason,
            auto_answer=self.auto_answer,
            call_id=self.call_id,
        )


@dataclass(eq=False)
class LiveCall:
    row: CallRow
    kiosk_name: str
    commune: str
    last_queued: tuple[int, float | None] | None = None
    """Position and estimate last told to the kiosk, so it is told only of changes."""
    restored: bool = False
    """Reloaded in a call at startup: the agent's return is recorded as ``resumed``."""
    agent_name: str | None = None
    line: LineCaps | None = None
    """The kiosk's line as configured (Store.set_kiosk_line), told to both ends."""
    waiting_since: float = 0.0
    """Monotonic time the call last became available for an offer (metrics only)."""
    falls_due_at: float | None = None
    """An early check-in: when its appointment falls due (hours.py), kept here
    at check-in (and read once at start) rather than read from the store at
    every tick of the calendar."""

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def state(self) -> CallState:
        return self.row.state

    def info(self, now: float) -> CallInfo:
        row = self.row
        end = row.answered_at if row.answered_at is not None and not row.state.is_waiting else now
        return CallInfo(
            call_id=row.id,
            service=row.service,
            state=row.state,
            kiosk_id=row.kiosk_id,
            kiosk_name=self.kiosk_name,
            commune=self.commune,
            queued_at=row.queued_at,
            waited_s=round(max(0.0, end - row.queued_at), 3),
            reason=row.reason,
            appointment_id=row.appointment_id,
            appointment_due=row.appointment_due,
            agent_login=row.agent_login,
            agent_name=self.agent_name if row.agent_login else None,
            line=self.line,
        )


@dataclass(frozen=True)
class SwitchboardSettings:
    """Timings and limits of one switchboard (short ones make tests quick)."""

    offer_timeout_s: float = 20.0
    agent_grace_s: float = 3.0
    kiosk_grace_s: float = 60.0
    heartbeat_s: float = 5.0
    agent_ping_s: float = 1.0
    """An agent's connection silent this long is pinged; no pong within 2.5
    times this is its loss (pulse.py)."""
    hello_timeout_s: float = 10.0
    request_timeout_s: float = 10.0
    """Deadline for an HTTP request's head, then for its body; also how long
    an idle keep-alive connection stays open."""
    max_connections_per_source: int | None = None
    """Connections one address may hold; None: 256, at most a quarter of the
    ceiling (so one address never holds them all)."""
    trusted_proxies: tuple[str, ...] = ()
    """Reverse proxies whose X-Forwarded-For names the client, for the login
    throttle (otherwise every login would come from the proxy)."""
    snapshot_interval_s: float = 0.1
    """Queue snapshots to agents are coalesced: at most one per interval."""
    position_interval_s: float = 0.5
    """Position updates to kiosks are coalesced the same way."""
    status_count_interval_s: float = 5.0
    """A ``service_status`` whose only change is ``agents_signed_in`` waits
    for the next round, at most one per interval (hours.py): after a restart,
    300 agents signing in would otherwise re-tell every kiosk 300 times."""
    snapshot_limit: int = 50
    """Calls listed per service in an agent's snapshot (``waiting_total`` has the count)."""
    default_handle_s: float = 360.0
    appointment_early_s: float = 1800.0
    appointment_late_s: float = 900.0
    """Also the no-show grace: not checked in this long after its time."""
    appointment_agent_grace_s: float = 60.0
    """A checked-in appointment is offered only to its own agent (if signed in)
    this long, then to anyone of the service."""
    access_ttl_s: float = 900.0
    refresh_ttl_s: float = 30 * 86400.0
    rate_per_s: float = 50.0
    rate_burst: float = 100.0
    abuse_errors: int = 20
    abuse_window_s: float = 60.0
    max_pending: int = 5000
    """Messages waiting for a slow client before it is disconnected."""
    ice_servers: tuple[IceServer, ...] = ()
    """STUN/TURN servers handed to every client in ``welcome``; none: host
    candidates only (one network, or loopback in tests and the demo)."""
