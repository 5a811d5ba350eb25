"""JSON bodies of the supervisor's figures API (agency settings, offices, figures).

Added for supervision: ``GET /api/v1/agency``, ``PUT /api/v1/agency/settings``
and ``GET /api/v1/figures``.  docs/protocol.md ("Supervisor figures") gives the
definitions of every figure.
"""

from __future__ import annotations

from typing import Annotated

import msgspec

# Bounds of what a supervisor may set: beyond them a figure means nothing.
WaitSeconds = Annotated[float, msgspec.Meta(ge=1.0, le=86_400.0)]
RoadFactor = Annotated[float, msgspec.Meta(ge=1.0, le=3.0)]
EmissionFactor = Annotated[float, msgspec.Meta(ge=0.0, le=2.0)]


class AgencySettings(msgspec.Struct, kw_only=True):
    """What an agency sets for its supervision."""

    target_wait_s: float = 300.0
    """A call answered within this wait counts as answered in time."""
    alert_wait_s: float = 300.0
    """The live view highlights a call that waited longer, and notifies once;
    by default the target itself: a call over it is already late."""
    road_factor: float = 1.3
    """Road distance ≈ great-circle distance × this factor (detours of rural roads)."""
    emission_kg_per_km: float = 0.218
    """kg CO2e per km driven by car (ADEME Base Carbone, average car)."""


class AgencySettingsUpdate(msgspec.Struct, kw_only=True, omit_defaults=True):
    """PUT /api/v1/agency/settings: only the fields given change."""

    target_wait_s: WaitSeconds | None = None
    alert_wait_s: WaitSeconds | None = None
    road_factor: RoadFactor | None = None
    emission_kg_per_km: EmissionFactor | None = None


class Office(msgspec.Struct, kw_only=True):
    """A place where residents would otherwise go to meet the agency."""

    id: str
    name: str
    address: str
    commune: str
    lat: float
    lon: float


class AgencyResponse(msgspec.Struct, kw_only=True):
    """GET /api/v1/agency: the supervisor's agency, its services, offices, settings."""

    agency: str
    name: str
    services: list[str]
    offices: list[Office]
    settings: AgencySettings


class FigureRow(msgspec.Struct, kw_only=True):
    """The figures of one group of calls (a service, a commune, an agent, an
    hour of the day, a day, or all of them)."""

    key: str
    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    answered_in_target: int = 0
    wait_total_s: float = 0.0
    """Sum of the waits of answered calls (arrival to first answer)."""
    longest_wait_s: float | None = None
    abandon_total_s: float = 0.0
    """Sum of the waits of abandoned calls (arrival to leaving)."""
    longest_abandon_s: float | None = None
    talk_total_s: float = 0.0
    talks: int = 0
    """Talk legs (media connected to hang-up, transfer or loss) and their total length."""
    rated_good: int = 0
    rated_neutral: int = 0
    rated_bad: int = 0
    """The residents' answers after these calls (``rate_call``)."""

    @property
    def mean_wait_s(self) -> float | None:
        return self.wait_total_s / self.answered if self.answered else None

    @property
    def mean_abandon_s(self) -> float | None:
        return self.abandon_total_s / self.abandoned if self.abandoned else None

    @property
    def mean_talk_s(self) -> float | None:
        return self.talk_total_s / self.talks if self.talks else None

    @property
    def rated(self) -> int:
        return self.rated_good + self.rated_neutral + self.rated_bad

    @property
    def satisfied_share(self) -> float | None:
        """Share of the answers that were ``good``."""
        return self.rated_good / self.rated if self.rated else None

    @property
    def in_target_share(self) -> float | None:
        return self.answered_in_target / self.offered if self.offered else None


class KioskCount(msgspec.Struct, kw_only=True):
    """Answered calls of one kiosk: the trips its residents did not make."""

    kiosk_id: str
    kiosk_name: str
    commune: str
    lat: float
    lon: float
    answered: int


class OutcomeCount(msgspec.Struct, kw_only=True):
    outcome: str
    """As chosen at wrap-up; "" when the agent gave none."""
    calls: int


class AppointmentFigures(msgspec.Struct, kw_only=True):
    """Appointments of one service at one kiosk that were due in the period."""

    service: str
    kiosk_id: str
    kiosk_name: str = ""
    """As residents know it ("France Services de Murat"); "": a kiosk since removed."""
    booked: int = 0
    """Every appointment due in the period, cancelled ones excepted."""
    kept: int = 0
    """Checked in by their time (or up to the grace period after it)."""
    late: int = 0
    """Kept, but checked in after their time."""
    no_show: int = 0
    cancelled: int = 0


class FiguresResponse(msgspec.Struct, kw_only=True):
    """GET /api/v1/figures?since=&until=[&service=]: calls that arrived in
    [since, until), grouped.  Hours and days are Europe/Paris time."""

    agency: str
    since: float
    until: float
    services: list[str]
    settings: AgencySettings
    offices: list[Office]
    total: FigureRow
    by_service: list[FigureRow]
    by_commune: list[FigureRow]
    by_agent: list[FigureRow]
    """Keyed by the login of the agent who answered first."""
    by_hour: list[FigureRow]
    """Keyed "00" to "23"."""
    by_day: list[FigureRow]
    """Keyed YYYY-MM-DD."""
    outcomes: list[OutcomeCount]
    kiosks: list[KioskCount]
    agent_names: dict[str, str] = msgspec.field(default_factory=dict)
    appointments: list[AppointmentFigures] = msgspec.field(default_factory=list)
    hours_scheduled: float = 0.0
    """Hours of permanence slots in the period (closures applied), summed over
    the slots of the agency's services."""
    hours_staffed: float = 0.0
    """Of those hours, the ones during which at least one agent of the slot's
    service (one of its ``agent_logins`` if it names some) was signed in."""
    refused_closed: int = 0
    """``queue_call`` refused with ``closed`` in the period."""
    satisfaction: dict[str, int] = msgspec.field(default_factory=dict)
    """The residents' answers after their calls (``rate_call``): ``good``,
    ``neutral``, ``bad`` -> how many, for the calls of the period."""
