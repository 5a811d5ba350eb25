"""Records of the agency's calendar: permanences, closures, concrete slots,
appointments and the status of a service at a kiosk.

Carried by WebSocket messages (``service_status``, ``day_plan``,
``appointments``) and by the HTTP API (``/api/v1/permanences``,
``/api/v1/closures``, ``/api/v1/slots``, ``/api/v1/appointments``).  Instants
are Unix seconds (UTC); civil dates and times (``date``, ``start``, ``end``,
``valid_from``...) are Europe/Paris, as the agency's staff write them.
docs/protocol.md, "Permanences and appointments", is the same contract.
"""

from __future__ import annotations

import enum
from typing import Annotated

import msgspec

Day = Annotated[str, msgspec.Meta(pattern=r"^\d{4}-\d{2}-\d{2}$")]
"""A civil date, YYYY-MM-DD (Europe/Paris)."""
ClockTime = Annotated[str, msgspec.Meta(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
"""A civil time of day, HH:MM, 24-hour clock (Europe/Paris)."""
IsoWeek = Annotated[str, msgspec.Meta(pattern=r"^\d{4}-W\d{2}$")]
"""An ISO week, YYYY-Www."""
Weekday = Annotated[int, msgspec.Meta(ge=0, le=6)]
"""0 = Monday ... 6 = Sunday."""
CheckInCode = Annotated[str, msgspec.Meta(pattern=r"^\d{6}$")]
RecordId = Annotated[str, msgspec.Meta(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.@:-]+$")]
ServiceCode = Annotated[str, msgspec.Meta(min_length=1, max_length=32, pattern=r"^[A-Z0-9_-]+$")]
Label = Annotated[str, msgspec.Meta(max_length=200)]
ResidentName = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Minutes = Annotated[int, msgspec.Meta(ge=5, le=240)]
Instant = Annotated[float, msgspec.Meta(ge=0.0, le=32_503_680_000.0)]
"""Unix seconds, before the year 3000."""


class ServiceState(enum.StrEnum):
    OPEN = "open"
    """Inside a permanence, with at least one agent of the service signed in."""
    NO_AGENT_YET = "no_agent_yet"
    """Inside a permanence, nobody signed in yet: callers may queue, with no
    estimate ("the agent is on their way")."""
    LAST_CALLS = "last_calls"
    """The slot ended; the residents already waiting are still served, nobody
    new may queue."""
    CLOSED = "closed"
    """No permanence now (or a closure): ``queue_call`` is refused."""

    @property
    def accepts_callers(self) -> bool:
        return self in (ServiceState.OPEN, ServiceState.NO_AGENT_YET)


class AppointmentState(enum.StrEnum):
    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    """The resident is at the kiosk: their call is in the queue, first."""
    SERVED = "served"
    NO_SHOW = "no_show"
    """Not checked in within the grace period after its time (15 min by default)."""
    CANCELLED = "cancelled"


class ServiceStatus(msgspec.Struct, kw_only=True, omit_defaults=True):
    """A service as seen from one kiosk (for a kiosk) or from anywhere (for an
    agent: open if it is open at any kiosk)."""

    service: str
    state: ServiceState
    agents_signed_in: int = 0
    """Agents of the service connected now (available, paused or busy)."""
    closes_at: float | None = None
    """``open``, ``no_agent_yet``: the end of the current slot."""
    next_opening: float | None = None
    """``closed``, ``last_calls``: the start of the next slot (null: none within
    the next 60 days)."""
    closure: str | None = None
    """``closed`` by a closure: its label ("Noël", "Fermeture exceptionnelle")."""
    waiting: int = 0
    """``last_calls``: residents still waiting (the agent's "3 derniers appels")."""


class PermanenceDraft(msgspec.Struct, kw_only=True, omit_defaults=True):
    """What a supervisor writes (``POST``/``PUT /api/v1/permanences``): exactly
    one of ``weekday`` (every week) and ``date`` (once)."""

    service: ServiceCode
    kiosk_ids: list[RecordId] = msgspec.field(default_factory=list)
    """Empty: every kiosk."""
    weekday: Weekday | None = None
    date: Day | None = None
    start: ClockTime
    end: ClockTime
    valid_from: Day | None = None
    """Weekly ones: first day it applies (inclusive)."""
    valid_until: Day | None = None
    """Weekly ones: last day it applies (inclusive)."""
    agent_logins: list[RecordId] = msgspec.field(default_factory=list)
    """Who staffs it; empty: any agent of the service."""
    note: Label | None = None


class Permanence(PermanenceDraft, kw_only=True, omit_defaults=True):
    permanence_id: str


class ClosureDraft(msgspec.Struct, kw_only=True, omit_defaults=True):
    """An agency's own closing days (``POST /api/v1/closures``)."""

    service: ServiceCode | None = None
    """None: the whole agency."""
    date_from: Day
    date_to: Day
    """Inclusive."""
    label: Label
    agency: RecordId | None = None
    """Defaults to the supervisor's agency."""


class Closure(msgspec.Struct, kw_only=True, omit_defaults=True):
    closure_id: str
    agency: str
    service: str | None = None
    date_from: str
    date_to: str
    label: str
    holiday: bool = False
    """A French public holiday, computed (never stored, cannot be deleted)."""


class Slot(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One concrete occurrence of a permanence, closures applied."""

    permanence_id: str
    service: str
    kiosk_ids: list[str] = msgspec.field(default_factory=list)
    """Empty: every kiosk."""
    starts_at: float
    ends_at: float
    agent_logins: list[str] = msgspec.field(default_factory=list)


class KioskName(msgspec.Struct, kw_only=True):
    """A kiosk as residents and agents name it: what the views show for an id."""

    kiosk_id: str
    name: str
    """"France Services de Murat"."""
    commune: str

    @property
    def label(self) -> str:
        return kiosk_label(self.name, self.commune)


def kiosk_label(name: str, commune: str) -> str:
    """The name, with the commune when the name does not already say it."""
    if not commune or commune.casefold() in name.casefold():
        return name
    return f"{name} ({commune})"


class AppointmentDraft(msgspec.Struct, kw_only=True, omit_defaults=True):
    """``POST /api/v1/appointments``.  Minimal personal data: the name as the
    resident gave it, never an identification number."""

    service: ServiceCode
    kiosk_id: RecordId
    starts_at: Instant
    duration_min: Minutes = 20
    purpose: Label = ""
    resident_name: ResidentName
    agent_login: RecordId | None = None


class AppointmentChange(msgspec.Struct, kw_only=True, omit_defaults=True):
    """``PUT /api/v1/appointments/{id}``: only the fields given change."""

    service: ServiceCode | None = None
    kiosk_id: RecordId | None = None
    starts_at: Instant | None = None
    duration_min: Minutes | None = None
    purpose: Label | None = None
    resident_name: ResidentName | None = None
    agent_login: RecordId | None = None


class Appointment(msgspec.Struct, kw_only=True, omit_defaults=True):
    appointment_id: str
    code: str
    """Six digits the resident types at the kiosk to check in."""
    service: str
    kiosk_id: str
    starts_at: float
    duration_min: int
    purpose: str = ""
    resident_name: str
    agent_login: str | None = None
    state: AppointmentState
    checked_in_at: float | None = None
    call_id: str | None = None


class KioskAppointment(msgspec.Struct, kw_only=True):
    """What a kiosk may show of today's appointments: first name and time only."""

    appointment_id: str
    first_name: str
    starts_at: float
    service: str


class CopyWeekRequest(msgspec.Struct, kw_only=True):
    """``POST /api/v1/permanences/copy-week``: one-off sessions of ``from_week``
    copied to the same weekdays of ``to_week`` (weekly ones need no copy)."""

    from_week: IsoWeek
    to_week: IsoWeek


class PermanencesResponse(msgspec.Struct, kw_only=True):
    permanences: list[Permanence]


class ClosuresResponse(msgspec.Struct, kw_only=True):
    closures: list[Closure]
    """The agency's own closures, then the public holidays of the period asked
    (``since``/``until``, default: this year)."""


class SlotsResponse(msgspec.Struct, kw_only=True):
    slots: list[Slot]


class AppointmentsResponse(msgspec.Struct, kw_only=True):
    appointments: list[Appointment]
