"""Day plans as the switchboard sends them, through the real codec."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from agentdesk.desk import Desk


@dataclasses.dataclass
class Slot:
    permanence_id: str
    service: str
    kiosk_ids: list[str]
    starts_at: float
    ends_at: float


@dataclasses.dataclass
class Appointment:
    appointment_id: str
    code: str
    service: str
    kiosk_id: str
    starts_at: float
    duration_min: int
    purpose: str
    resident_name: str
    state: str = "booked"


def slot(start: float, end: float, kiosk: str = "k-murat", service: str = "CAF") -> Slot:
    return Slot(f"p-{kiosk}-{int(start)}", service, [kiosk], start, end)


def appointment(
    appointment_id: str,
    start: float,
    name: str = "Mme Martin",
    purpose: str = "Prime d'activité",
    state: str = "booked",
    kiosk: str = "k-murat",
) -> Appointment:
    return Appointment(appointment_id, "123456", "CAF", kiosk, start, 20, purpose, name, state)


def plan(desk: Desk, slots: Sequence[Slot], appointments: Sequence[Appointment] = ()) -> None:
    desk.set_day_plan("2026-12-01", slots, appointments)
