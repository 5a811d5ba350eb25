"""The calendar as stored, and the checks every way in shares (the HTTP API,
the admin CLI, the demo's seed): a permanence that fits, an appointment
booked within a permanence."""

from __future__ import annotations

import msgspec

from agentdesk.protocol.errors import ErrorReason
from agentdesk.protocol.schedule import (
    Appointment,
    AppointmentDraft,
    AppointmentState,
    PermanenceDraft,
)

from .schedule import Calendar, ScheduleError
from .store import Storage


def calendar_of(store: Storage) -> Calendar:
    return Calendar(
        permanences=store.permanences(),
        closures=store.closures(),
        service_agency={s.code: s.agency_id for s in store.services()},
        closed_early=store.early_closings(),
    )


def check_permanence(store: Storage, draft: PermanenceDraft, replacing: str | None = None) -> None:
    """Raises ScheduleError unless ``draft`` fits (see ``Calendar.check``)."""
    calendar_of(store).check(
        draft,
        [s.code for s in store.services()],
        [k.id for k in store.kiosks()],
        {a.login: a.services for a in store.agents()},
        replacing,
    )


def to_book(draft: AppointmentDraft) -> Appointment:
    """The appointment a draft asks for; ``book`` gives it its id and code."""
    return Appointment(
        appointment_id="", code="", state=AppointmentState.BOOKED, **msgspec.structs.asdict(draft)
    )


def check_booking(store: Storage, appointment: Appointment) -> None:
    """Raises ScheduleError unless the appointment can be booked as it is."""
    if all(s.code != appointment.service for s in store.services()):
        raise ScheduleError(
            f"no service {appointment.service}", missing=True, reason=ErrorReason.UNKNOWN_SERVICE
        )
    if store.kiosk(appointment.kiosk_id) is None:
        raise ScheduleError(
            f"no kiosk {appointment.kiosk_id}", missing=True, reason=ErrorReason.UNKNOWN_KIOSK
        )
    if appointment.agent_login is not None:
        agent = store.agent(appointment.agent_login)
        if agent is None:
            raise ScheduleError(
                f"no agent {appointment.agent_login}",
                missing=True,
                reason=ErrorReason.UNKNOWN_AGENT,
            )
        if appointment.service not in agent.services:
            raise ScheduleError(
                f"agent {appointment.agent_login} does not serve {appointment.service}",
                reason=ErrorReason.AGENT_NOT_IN_SERVICE,
            )
    problem = calendar_of(store).booking_problem(
        appointment.service, appointment.kiosk_id, appointment.starts_at, appointment.duration_min
    )
    if problem is not None:
        raise ScheduleError(problem, reason=ErrorReason.OUTSIDE_PERMANENCE)
