"""What the store holds, as the rest of the switchboard sees it: plain records,
the same whatever engine keeps them."""

from __future__ import annotations

from dataclasses import dataclass

from agentdesk.protocol import AgentState, CallEvent, CallState, Role


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


@dataclass(slots=True)
class EventRow:
    call_id: str
    seq: int
    at: float
    event: CallEvent
    state: CallState
    agent_login: str | None
    detail: dict[str, str]
