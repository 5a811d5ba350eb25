"""Day plans as the switchboard sends them, through the real codec."""

from __future__ import annotations

from collections.abc import Sequence

from agentdesk.desk import Desk
from agentdesk.protocol import AppointmentState, DayPlan, ServiceState, ServiceStatus, Slot
from agentdesk.protocol.schedule import Appointment
from tests.desk.helpers import feed


def slot(start: float, end: float, kiosk: str = "k-murat", service: str = "CAF") -> Slot:
    return Slot(
        permanence_id=f"p-{kiosk}-{int(start)}",
        service=service,
        kiosk_ids=[kiosk],
        starts_at=start,
        ends_at=end,
    )


def appointment(
    appointment_id: str,
    start: float,
    name: str = "Mme Martin",
    purpose: str = "Prime d'activité",
    state: str = "booked",
    kiosk: str = "k-murat",
) -> Appointment:
    return Appointment(
        appointment_id=appointment_id,
        code="123456",
        service="CAF",
        kiosk_id=kiosk,
        starts_at=start,
        duration_min=20,
        purpose=purpose,
        resident_name=name,
        state=AppointmentState(state),
    )


def plan(desk: Desk, slots: Sequence[Slot], appointments: Sequence[Appointment] = ()) -> None:
    feed(desk, DayPlan(date="2026-12-01", slots=list(slots), appointments=list(appointments)))


def closed(service: str = "CAF", next_opening: float | None = None) -> ServiceStatus:
    return ServiceStatus(service=service, state=ServiceState.CLOSED, next_opening=next_opening)
