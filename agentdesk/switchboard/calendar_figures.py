"""The calendar's figures of a period (docs/protocol.md, "Supervisor
figures"): appointments kept, late and missed per service and kiosk, hours of
permanence scheduled and staffed, calls refused because closed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from agentdesk.protocol.figures import AppointmentFigures
from agentdesk.protocol.schedule import AppointmentState, kiosk_label

from .calendar_checks import calendar_of
from .store import Storage

_KEPT = (AppointmentState.CHECKED_IN, AppointmentState.SERVED)


def _covered(start: float, end: float, intervals: Iterable[tuple[float, float]]) -> float:
    """Seconds of [start, end) inside the union of ``intervals``."""
    total, reached = 0.0, start
    for low, high in sorted(intervals):
        low, high = max(low, reached), min(high, end)
        if high > low:
            total += high - low
            reached = high
    return total


def calendar_figures(
    store: Storage, services: list[str], since: float, until: float, now: float
) -> dict[str, Any]:
    """The fields of ``FiguresResponse`` the calendar fills."""
    wanted = set(services)
    rows: dict[tuple[str, str], AppointmentFigures] = {}
    for appointment in store.appointments(since, until):
        if appointment.service not in wanted:
            continue
        key = (appointment.service, appointment.kiosk_id)
        if key not in rows:
            kiosk = store.kiosk(key[1])
            name = kiosk_label(kiosk.display_name, kiosk.commune) if kiosk else ""
            rows[key] = AppointmentFigures(service=key[0], kiosk_id=key[1], kiosk_name=name)
        row = rows[key]
        if appointment.state is AppointmentState.CANCELLED:
            row.cancelled += 1
            continue
        row.booked += 1
        if appointment.state in _KEPT:
            row.kept += 1
            if (appointment.checked_in_at or 0.0) > appointment.starts_at:
                row.late += 1
        elif appointment.state is AppointmentState.NO_SHOW:
            row.no_show += 1
    serving: dict[str, set[str]] = {}
    for agent in store.agents():
        for service in agent.services:
            serving.setdefault(service, set()).add(agent.login)
    sessions = store.sessions(since, until)
    scheduled = staffed = 0.0
    for slot in calendar_of(store).slots(since, until):
        if slot.service not in wanted:
            continue
        start, end = max(slot.starts_at, since), min(slot.ends_at, until, max(now, since))
        scheduled += max(0.0, min(slot.ends_at, until) - start)
        staff = set(slot.agent_logins) or serving.get(slot.service, set())
        present = [(s, e if e is not None else now) for login, s, e in sessions if login in staff]
        staffed += _covered(start, end, present)
    return {
        "appointments": sorted(rows.values(), key=lambda r: (r.service, r.kiosk_id)),
        "hours_scheduled": round(scheduled / 3600.0, 3),
        "hours_staffed": round(staffed / 3600.0, 3),
        "refused_closed": store.refusals(since, until, services) if services else 0,
    }
