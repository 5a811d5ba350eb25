"""The wire contract between kiosks, agents, supervisors and the switchboard.

Every message is one JSON object with a ``type`` tag.  Requests may carry an
``id`` chosen by the sender; the switchboard's reply or error carries it back
as ``ref``.  docs/protocol.md describes the same contract for kiosk vendors:
change both together.
"""

from __future__ import annotations

import enum
from typing import Annotated

import msgspec

from .schedule import Appointment as AppointmentRecord
from .schedule import CheckInCode, KioskAppointment, KioskName, ServiceStatus, Slot

PROTOCOL_VERSION = 1
MAX_MESSAGE_BYTES = 64 * 1024

# Bounds of free text coming from outside: checked when decoding, so no
# handler ever sees an oversized field.
Ident = Annotated[str, msgspec.Meta(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.@:-]+$")]
ServiceCode = Annotated[str, msgspec.Meta(min_length=1, max_length=32, pattern=r"^[A-Z0-9_-]+$")]
ShortText = Annotated[str, msgspec.Meta(max_length=200)]
LongText = Annotated[str, msgspec.Meta(max_length=2000)]
Token = Annotated[str, msgspec.Meta(min_length=1, max_length=512)]
SdpText = Annotated[str, msgspec.Meta(max_length=60_000)]
Generation = Annotated[int, msgspec.Meta(ge=0, le=1_000_000)]
LineKbps = Annotated[int, msgspec.Meta(ge=64, le=1_000_000)]


class Role(enum.StrEnum):
    KIOSK = "kiosk"
    AGENT = "agent"
    SUPERVISOR = "supervisor"


class CallState(enum.StrEnum):
    """Where a call stands.  See docs/protocol.md, "The life of a call"."""

    QUEUED = "queued"
    OFFERED = "offered"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    WRAP_UP = "wrap_up"
    DONE = "done"
    ABANDONED = "abandoned"

    @property
    def is_final(self) -> bool:
        return self in (CallState.DONE, CallState.ABANDONED)

    @property
    def is_waiting(self) -> bool:
        return self in (CallState.QUEUED, CallState.OFFERED)


class CallEvent(enum.StrEnum):
    """What happened to a call; stored with its time in the call's history.

    The first seven name the state entered; the others are side exits that
    leave the call in ``queued`` again (missed, interrupted, transferred,
    declined) or record the end of a call (hung_up)."""

    QUEUED = "queued"
    OFFERED = "offered"
    CONNECTING = "connecting"
    CONNECTED = "connected"
    WRAP_UP = "wrap_up"
    DONE = "done"
    ABANDONED = "abandoned"
    MISSED = "missed"
    DECLINED = "declined"
    INTERRUPTED = "interrupted"
    TRANSFERRED = "transferred"
    RESUMED = "resumed"


class AgentState(enum.StrEnum):
    OFFLINE = "offline"
    AVAILABLE = "available"
    PAUSED = "paused"
    OFFERED = "offered"
    IN_CALL = "in_call"
    WRAP_UP = "wrap_up"


class SignalKind(enum.StrEnum):
    OFFER = "offer"
    ANSWER = "answer"
    # Asks the agent's side to start a new peer connection for the same call.
    RESTART = "restart"


class OfferWithdrawnReason(enum.StrEnum):
    TIMEOUT = "timeout"
    ABANDONED = "abandoned"
    DECLINED = "declined"


class EndReason(enum.StrEnum):
    AGENT_HUNG_UP = "agent_hung_up"
    KIOSK_HUNG_UP = "kiosk_hung_up"
    AGENT_LOST = "agent_lost"
    TRANSFERRED = "transferred"
    KIOSK_LOST = "kiosk_lost"
    """The kiosk's connection stayed down longer than the switchboard's grace."""
    SERVICE_CLOSED = "service_closed"
    """A supervisor closed the service early: the waiting call is abandoned."""


class Base(msgspec.Struct, tag_field="type", kw_only=True, omit_defaults=True):
    id: Annotated[str, msgspec.Meta(max_length=64)] | None = None
    v: int = PROTOCOL_VERSION


# --------------------------------------------------------------------------
# Records carried inside messages


class IceServer(msgspec.Struct, kw_only=True, omit_defaults=True):
    urls: list[str]
    username: str | None = None
    credential: str | None = None


class CallInfo(msgspec.Struct, kw_only=True, omit_defaults=True):
    call_id: str
    service: str
    state: CallState
    kiosk_id: str
    kiosk_name: str
    commune: str
    queued_at: float
    """Arrival time (Unix seconds, UTC); kept across missed offers and transfers."""
    waited_s: float = 0.0
    """Seconds spent waiting so far, as of when the message was sent."""
    reason: str | None = None
    appointment_id: str | None = None
    appointment_due: bool = False
    agent_login: str | None = None
    agent_name: str | None = None
    line: LineCaps | None = None
    """The kiosk's line, when configured on the switchboard: each end caps
    the video it sends to fit it (absent: the ends' own defaults)."""


class LineCaps(msgspec.Struct, kw_only=True):
    """A kiosk's line, configured once on the switchboard (kbit/s each way)."""

    down_kbps: LineKbps
    """Towards the kiosk: what the agent's side may send."""
    up_kbps: LineKbps
    """From the kiosk."""


class AgentInfo(msgspec.Struct, kw_only=True, omit_defaults=True):
    login: str
    display_name: str
    services: list[str]
    state: AgentState
    since: float
    reason: str | None = None
    auto_answer: bool = False
    call_id: str | None = None


class ServiceInfo(msgspec.Struct, kw_only=True):
    code: str
    name: str
    """As shown to people: "Allocations familiales (CAF)"."""


class ServiceQueue(msgspec.Struct, kw_only=True):
    service: str
    waiting: list[CallInfo]
    agents: list[AgentInfo] = msgspec.field(default_factory=list)
    waiting_total: int | None = None
    """How many calls wait in all; ``waiting`` may list only the first ones
    (snapshots to agents are capped so that long queues stay cheap)."""


class Colleague(msgspec.Struct, kw_only=True):
    """An agent signed in now, as another agent may see them."""

    agent: str
    """An opaque handle, stable for this account on this switchboard: what
    ``transfer.agent`` names.  Not the login."""
    display_name: str
    state: AgentState
    """``available``, ``paused``, ``offered``, ``in_call`` or ``wrap_up``."""


class ServiceStaffing(msgspec.Struct, kw_only=True, omit_defaults=True):
    service: str
    name: str
    """As shown to people: "Allocations familiales (CAF)"."""
    agents: list[Colleague] = msgspec.field(default_factory=list)
    """Who staffs it now, by display name; empty: nobody is signed in."""
    status: ServiceStatus | None = None
    """The service seen from the call's kiosk (``list_staffing.call_id``), else
    from the whole network: its ``next_opening`` says when a resident sent
    there would next be served."""


class TransferOutcome(enum.StrEnum):
    """How a transfer to a named colleague ended (``transfer_result``)."""

    ACCEPTED = "accepted"
    """Someone answered: the colleague, or, once their turn passed, anyone of the service."""
    DECLINED = "declined"
    """The colleague declined: the call waits at its place in the service's queue."""
    MISSED = "missed"
    """The offer rang out: the call waits at its place in the service's queue."""
    UNAVAILABLE = "unavailable"
    """The colleague signed out, went offline, or was not free within the grace
    period: the call waits at its place in the service's queue."""
    ABANDONED = "abandoned"
    """The resident left (or the service closed) before anyone answered."""


# --------------------------------------------------------------------------
# Sent by every client


class Hello(Base, tag="hello", kw_only=True):
    """First message on a connection.  Agents and supervisors send their
    access token; kiosks their kiosk id and device token."""

    role: Role
    token: Token
    kiosk_id: Ident | None = None
    client: ShortText | None = None


class Signal(Base, tag="signal", kw_only=True):
    """Relayed unchanged to the other end of the same call, with ``sender`` set
    by the switchboard.  ``generation`` counts peer connections in the call."""

    call_id: Ident
    kind: SignalKind
    generation: Generation = 0
    sdp: SdpText | None = None
    sender: Role | None = None


class MediaConnected(Base, tag="media_connected", kw_only=True):
    """Either end reports that media flows: the call becomes ``connected``."""

    call_id: Ident


class Hangup(Base, tag="hangup", kw_only=True):
    call_id: Ident


# --------------------------------------------------------------------------
# Sent by kiosks


class QueueCall(Base, tag="queue_call", kw_only=True):
    """Refused with ``closed`` (and ``next_opening``) when the service is not
    open at this kiosk.  ``appointment_id`` or ``appointment_code`` checks the
    resident in for their appointment."""

    service: ServiceCode
    reason: ShortText | None = None
    appointment_id: Ident | None = None
    appointment_code: CheckInCode | None = None


class ListAppointments(Base, tag="list_appointments", kw_only=True):
    """Today's appointments at this kiosk still to check in; reply ``appointments``."""


class LeaveQueue(Base, tag="leave_queue", kw_only=True):
    call_id: Ident


class Satisfaction(enum.StrEnum):
    """The three faces the resident is shown after a call."""

    GOOD = "good"
    NEUTRAL = "neutral"
    BAD = "bad"


class RateCall(Base, tag="rate_call", kw_only=True):
    """After a call (``wrap_up`` or ``done``): how the resident felt it went.
    Once per call; counted in the supervisors' figures."""

    call_id: Ident
    rating: Satisfaction


class KioskDevice(msgspec.Struct, kw_only=True, omit_defaults=True):
    device: Annotated[str, msgspec.Meta(pattern=r"^(camera|microphone|speaker|scanner|printer)$")]
    state: Annotated[
        str, msgspec.Meta(pattern=r"^(ready|busy|paper_jam|out_of_paper|offline|error)$")
    ]
    detail: ShortText | None = None


class DeviceReport(Base, tag="device_report", kw_only=True):
    """The kiosk's devices as they are now: at start, on every change, and
    periodically.  The switchboard keeps the last one (supervisors' fleet view)."""

    devices: Annotated[list[KioskDevice], msgspec.Meta(max_length=8)]


# --------------------------------------------------------------------------
# Sent by agents (and supervisors serving a service)


class SetPresence(Base, tag="set_presence", kw_only=True):
    state: AgentState
    """Only available, paused or offline may be asked for."""
    reason: ShortText | None = None
    auto_answer: bool | None = None


class TakeCall(Base, tag="take_call", kw_only=True):
    """Take a waiting call: the given one, else the next of ``service``, else
    the next of any service the agent serves."""

    call_id: Ident | None = None
    service: ServiceCode | None = None


class AcceptOffer(Base, tag="accept_offer", kw_only=True):
    call_id: Ident


class DeclineOffer(Base, tag="decline_offer", kw_only=True):
    call_id: Ident


class FinishWrapUp(Base, tag="finish_wrap_up", kw_only=True):
    call_id: Ident
    outcome: ShortText | None = None
    note: LongText | None = None


class Transfer(Base, tag="transfer", kw_only=True):
    call_id: Ident
    service: ServiceCode
    note: ShortText | None = None
    """For the next agent, shown on their offer; never sent to the kiosk."""
    agent: Ident | None = None
    """A colleague's handle (``staffing``): the call is offered to them first,
    then to the service's queue at its place.  The sender gets ``transfer_result``."""


class ListStaffing(Base, tag="list_staffing", kw_only=True):
    """Agents: who staffs each service of the network now; reply ``staffing``.
    With ``call_id`` (a call of theirs), statuses are seen from its kiosk."""

    call_id: Ident | None = None


class Subscribe(Base, tag="subscribe", kw_only=True):
    """Supervisors: receive a snapshot of the agency's queues, then live feed events."""


class Ping(Base, tag="ping", kw_only=True):
    """Any client: answered ``ack``.  For clients that cannot send WebSocket
    pings (browsers) and want to know the switchboard is still there."""


# --------------------------------------------------------------------------
# Sent by the switchboard


class Welcome(Base, tag="welcome", kw_only=True):
    ref: str | None = None
    protocol_version: int
    role: Role
    identity: str
    display_name: str
    agency: str
    agency_name: str | None = None
    """The agency as people name it ("CAF du Cantal"); ``agency`` is its id."""
    services: list[str]
    ice_servers: list[IceServer]
    heartbeat_s: float
    max_message_bytes: int = MAX_MESSAGE_BYTES
    directory: list[ServiceInfo] = msgspec.field(default_factory=list)
    """Every service of the network: what a kiosk offers, where an agent may
    transfer a call."""
    agent: AgentInfo | None = None
    active_call: CallInfo | None = None
    """The call this client is part of, if any: how a reconnecting client finds
    its call again by id."""
    service_status: list[ServiceStatus] = msgspec.field(default_factory=list)
    """Kiosk: each service at this kiosk; agent: each service they serve."""


class Ack(Base, tag="ack", kw_only=True):
    ref: str | None = None


class Error(Base, tag="error", kw_only=True):
    code: str
    message: str
    ref: str | None = None
    next_opening: float | None = None
    """Code ``closed``: when the service opens next (absent: no opening known)."""
    reason: str | None = None
    """Which refusal exactly (an ``ErrorReason`` value); absent: only ``code`` is known."""
    retry_after_s: float | None = None
    """Reason ``too_many_attempts``: seconds until an attempt is accepted again."""


class Queued(Base, tag="queued", kw_only=True):
    """To a kiosk: its call's place in the queue, on queueing and whenever it moves."""

    ref: str | None = None
    call: CallInfo
    position: int
    estimated_wait_s: float | None = None
    """None (absent): no honest estimate, because no agent of the service is
    signed in.  See docs/protocol.md for the method."""


class CallUpdate(Base, tag="call_update", kw_only=True):
    """To both ends of a call whenever its state changes."""

    call: CallInfo
    end_reason: EndReason | None = None
    next_opening: float | None = None
    """``end_reason`` ``service_closed``: when the service opens next."""


class Offered(Base, tag="offered", kw_only=True):
    """To an agent: a call rings; accept or decline within ``expires_in_s``."""

    call: CallInfo
    expires_in_s: float
    note: str | None = None
    """A transferred call: the previous agent's note to the next one."""
    note_from: str | None = None
    """Who wrote ``note`` (display name)."""


class OfferWithdrawn(Base, tag="offer_withdrawn", kw_only=True):
    call_id: str
    reason: OfferWithdrawnReason


class QueueSnapshot(Base, tag="queue_snapshot", kw_only=True):
    """To agents (the services they serve) and supervisors (their agency's
    services, with agents), whenever a queue changes."""

    queues: list[ServiceQueue]


class AgentStatus(Base, tag="agent_status", kw_only=True):
    """To an agent: their own presence, after every change."""

    agent: AgentInfo


class ServiceStatusChanged(Base, tag="service_status", kw_only=True):
    """To kiosks and agents: a service's status changed (slot start or end,
    first agent signed in, last one gone, closed early)."""

    status: ServiceStatus


class DayPlan(Base, tag="day_plan", kw_only=True):
    """To an agent: their day (Europe/Paris date), after ``welcome`` and
    whenever it changes (booking, change, cancel, check-in, no-show)."""

    date: str
    slots: list[Slot]
    appointments: list[AppointmentRecord]
    kiosks: list[KioskName] = msgspec.field(default_factory=list)
    """Every kiosk of the network by name: for the ids of ``slots`` and
    ``appointments``, and where the agent may book."""


class AppointmentList(Base, tag="appointments", kw_only=True):
    """To a kiosk, answering ``list_appointments``."""

    ref: str | None = None
    appointments: list[KioskAppointment]


class Staffing(Base, tag="staffing", kw_only=True):
    """To an agent, answering ``list_staffing``: every service of the network
    with the colleagues staffing it now (the asking agent left out)."""

    ref: str | None = None
    services: list[ServiceStaffing]


class TransferResult(Base, tag="transfer_result", kw_only=True):
    """To the agent who transferred a call to a named colleague: how it ended."""

    call_id: str
    outcome: TransferOutcome
    colleague: str
    """The named colleague's display name."""
    answered_by: str | None = None
    """``accepted``: who answered (display name)."""


class FeedEvent(Base, tag="feed", kw_only=True):
    """To subscribed supervisors: one change in their agency."""

    at: float
    call: CallInfo | None = None
    call_event: CallEvent | None = None
    agent: AgentInfo | None = None


ClientMessage = (
    Hello
    | Signal
    | MediaConnected
    | Hangup
    | QueueCall
    | ListAppointments
    | LeaveQueue
    | RateCall
    | DeviceReport
    | SetPresence
    | TakeCall
    | AcceptOffer
    | DeclineOffer
    | FinishWrapUp
    | Transfer
    | ListStaffing
    | Subscribe
    | Ping
)

ServerMessage = (
    Welcome
    | Ack
    | Error
    | Queued
    | CallUpdate
    | Offered
    | OfferWithdrawn
    | QueueSnapshot
    | AgentStatus
    | FeedEvent
    | ServiceStatusChanged
    | DayPlan
    | AppointmentList
    | Staffing
    | TransferResult
    | Signal
)
