"""What the store holds, as the rest of the switchboard sees it: plain records,
the same whatever engine keeps them."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from agentdesk.protocol import AgentState, CallEvent, CallState, Role, TransferResult


class StoreError(Exception):
    """A bad administrative request (unknown agency, duplicate id...)."""


@dataclass(slots=True)
class Agency:
    id: str
    name: str


@dataclass(slots=True)
class Service:
    code: str
    name: str
    agency_id: str


@dataclass(slots=True)
class Agent:
    login: str
    display_name: str
    agency_id: str
    role: Role
    password_hash: str
    services: list[str]
    presence: AgentState
    presence_reason: str | None
    auto_answer: bool
    presence_call: str | None
    disabled: bool = False


@dataclass(slots=True)
class Kiosk:
    id: str
    display_name: str
    commune: str
    lat: float
    lon: float
    token_sha256: str


@dataclass(slots=True, frozen=True)
class Hold:
    """A waiting call offered to one agent only, until ``until`` (wall clock):
    an appointment's own agent, or the colleague named in a transfer."""

    agent_login: str
    until: float
    sender: str | None = None
    """The login of the agent who transferred the call to ``agent_login``;
    None: the hold is an appointment's."""


@dataclass(slots=True, eq=False)
class CallRow:
    """A call as stored; the switchboard keeps the live ones in memory too."""

    seq: int
    id: str
    service: str
    origin_service: str
    kiosk_id: str
    reason: str | None
    appointment_id: str | None
    appointment_due: bool
    queued_at: float
    state: CallState
    rank: int
    agent_login: str | None = None
    generation: int = 0
    answered_at: float | None = None
    connected_at: float | None = None
    ended_at: float | None = None
    end_reason: str | None = None
    outcome: str | None = None
    transfer_note: str | None = None
    """The note of the last transfer, for the next agent's offer (never the
    kiosk's); erased when the call ends."""
    transfer_from: str | None = None
    """The name of the agent who wrote ``transfer_note``."""
    hold: Hold | None = None
    declined_by: tuple[str, ...] = ()
    """The agents who declined the call since it last waited in this queue:
    it is not offered to them again."""


@dataclass(slots=True, frozen=True)
class KeptResult:
    """How a transfer to a named colleague ended, kept until the agent who
    transferred (``sender``) has received it."""

    id: int
    sender: str
    at: float
    result: TransferResult


@dataclass(slots=True)
class EventRow:
    call_id: str
    seq: int
    at: float
    event: CallEvent
    state: CallState
    agent_login: str | None
    detail: dict[str, str]


@dataclass(slots=True)
class KioskHealth:
    """A kiosk as the fleet view shows it: connected or not since when, its devices."""

    kiosk_id: str
    name: str
    commune: str
    online: bool
    since: float | None
    """When it connected (online) or was last seen going (offline); None: never seen."""
    last_contact: float | None
    devices: list[dict[str, str]]
    """The last ``device_report``: [{"device", "state", "detail"?}]."""
    devices_at: float | None


class RatingRefusal(enum.Enum):
    NOT_FOUND = "not_found"
    """No such call of this kiosk."""
    NOT_OVER = "not_over"
    """Still going, or it never connected (nothing to rate)."""
    ALREADY = "already"
